/**
 * The chain model's agenda. Every call downstream sets a timer, and almost every timer is stale by
 * the time it comes due (the call was answered); with thirty-second timeouts a heap would hold and
 * sift tens of thousands of them. Timers of one hop with a fixed timeout come due in the order they
 * were set, so they go on a lane, a plain list read from the front; anything that would break a
 * lane's order (a timeout cut short by a deadline) goes to the core's heap instead. What an item
 * means may depend on its lane, so `next` says which lane it came from.
 */
import {EventQueue} from 'course/kit/lab'

class Lane<T> {
  private times: number[] = []
  private items: T[] = []
  private head = 0

  get last(): number {
    return this.head < this.times.length ? this.times[this.times.length - 1]! : Number.NEGATIVE_INFINITY
  }

  peek(): number | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined
  }

  push(time: number, item: T): void {
    this.times.push(time)
    this.items.push(item)
  }

  shift(): T {
    const item = this.items[this.head]!
    this.head++
    // Drop what has been read once it outweighs what is left, so a lane never grows with the run.
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head)
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}

export class Agenda<T> {
  private readonly lanes: Lane<T>[]
  private readonly heap = new EventQueue<T>()
  /** The time of the item last taken, and its lane (-1 for the heap). */
  now = 0
  lane = -1

  constructor(lanes: number) {
    this.lanes = Array.from({length: lanes}, () => new Lane<T>())
  }

  /** Schedules `item` `delay` from now. */
  schedule(delay: number, item: T): void {
    this.heap.push(this.now + delay, item)
  }

  /** Schedules `item` `delay` from now on `lane`, if that keeps the lane in order; false, scheduling nothing, if not. */
  scheduleOnLane(delay: number, item: T, lane: number): boolean {
    const time = this.now + delay
    const target = this.lanes[lane]!
    if (time < target.last) return false
    target.push(time, item)
    return true
  }

  /** The earliest item up to `until`, the heap's first on a tie, with the clock moved to it. */
  next(until: number): T | undefined {
    let best = -1
    let bestTime = this.heap.peekTime() ?? Number.POSITIVE_INFINITY
    for (let i = 0; i < this.lanes.length; i++) {
      const t = this.lanes[i]!.peek()
      if (t !== undefined && t < bestTime) {
        best = i
        bestTime = t
      }
    }
    if (bestTime > until) return undefined
    this.now = bestTime
    this.lane = best
    return best >= 0 ? this.lanes[best]!.shift() : this.heap.pop()!.payload
  }
}
