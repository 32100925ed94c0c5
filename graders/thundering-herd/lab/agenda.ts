/**
 * The fleet model's agenda. Design A serves about two million receives a minute, and a binary heap
 * of ten thousand pending events spends most of a second on that alone. Most of the model's events
 * are born in time order (a receive's completion follows the one before it, since the queue serves
 * requests first come first served), so they go on lanes: plain lists read from the front. Anything
 * that would break a lane's order goes to the core's heap instead, so the agenda is always exact.
 */
import {EventQueue} from 'course/kit/lab'

/** An event is a kind and the index of the worker or job it concerns, packed into one number. */
const WHO_LIMIT = 2 ** 24

/** A list read from the front, kept in a ring that doubles when full. */
class Lane {
  private times = new Float64Array(1024)
  private codes = new Float64Array(1024)
  private head = 0
  private size = 0
  last = Number.NEGATIVE_INFINITY

  peek(): number | undefined {
    return this.size > 0 ? this.times[this.head] : undefined
  }

  push(time: number, code: number): void {
    if (this.size === this.times.length) this.grow()
    const at = (this.head + this.size) & (this.times.length - 1)
    this.times[at] = time
    this.codes[at] = code
    this.size++
    this.last = time
  }

  shift(): number {
    const code = this.codes[this.head]!
    this.head = (this.head + 1) & (this.times.length - 1)
    if (--this.size === 0) this.last = Number.NEGATIVE_INFINITY
    return code
  }

  private grow(): void {
    const length = this.times.length
    const times = new Float64Array(length * 2)
    const codes = new Float64Array(length * 2)
    for (let i = 0; i < this.size; i++) {
      times[i] = this.times[(this.head + i) & (length - 1)]!
      codes[i] = this.codes[(this.head + i) & (length - 1)]!
    }
    this.times = times
    this.codes = codes
    this.head = 0
  }
}

export class Agenda {
  private readonly lanes: Lane[]
  private readonly heap = new EventQueue<number>()
  /** The event last taken by `next`. */
  time = 0
  kind = 0
  who = 0

  constructor(lanes: number) {
    this.lanes = Array.from({length: lanes}, () => new Lane())
  }

  /** Schedules `kind` for `who` at `time`, on `lane` when that keeps the lane in order. */
  push(time: number, kind: number, who: number, lane?: number): void {
    if (who >= WHO_LIMIT) throw new RangeError(`the agenda holds at most ${WHO_LIMIT} workers or jobs`)
    const code = kind * WHO_LIMIT + who
    const target = lane === undefined ? undefined : this.lanes[lane]
    if (target && time >= target.last) target.push(time, code)
    else this.heap.push(time, code)
  }

  /** Takes the earliest event, the heap's first on a tie; false when nothing is left before `until`. */
  next(until: number): boolean {
    let best: Lane | undefined
    let bestTime = this.heap.peekTime() ?? Number.POSITIVE_INFINITY
    for (let i = 0; i < this.lanes.length; i++) {
      const lane = this.lanes[i]!
      const t = lane.peek()
      if (t !== undefined && t < bestTime) {
        best = lane
        bestTime = t
      }
    }
    if (bestTime > until) return false
    const code = best ? best.shift() : this.heap.pop()!.payload
    this.time = bestTime
    this.kind = Math.floor(code / WHO_LIMIT)
    this.who = code % WHO_LIMIT
    return true
  }
}
