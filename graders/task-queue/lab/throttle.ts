/**
 * When the token bucket was the bottleneck: the spans of time during which a task was ready and a
 * worker free, but the bucket held less than a whole token. Kept as sorted, merged spans with
 * running totals, so that when a task finally starts, how long the bucket held it back is a
 * binary search rather than a scan of every waiting task at every refused token.
 */
export class Throttle {
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  /** `before[i]`: the total length of spans 0 … i − 1. */
  private readonly before: number[] = [0]
  private openSince: number | undefined

  /** Ready work is waiting for a token from `now` on (a no-op while a span is already open). */
  begin(now: number): void {
    if (this.openSince !== undefined) return
    // A span that closed at this very instant goes on: a task started, and the next one waits again.
    if (this.ends.at(-1) === now) {
      this.ends.pop()
      this.before.pop()
      this.openSince = this.starts.pop()
    } else this.openSince = now
  }

  end(now: number): void {
    if (this.openSince === undefined) return
    this.starts.push(this.openSince)
    this.ends.push(now)
    this.before.push(this.before.at(-1)! + now - this.openSince)
    this.openSince = undefined
  }

  /** How long the bucket held back a task ready since `readyAt` that starts at `now`: its wait's overlap with the spans. */
  heldFor(readyAt: number, now: number): number {
    const open = this.openSince === undefined ? 0 : Math.max(0, now - Math.max(this.openSince, readyAt))
    const first = this.firstEndingAfter(readyAt)
    if (first === undefined) return open
    // Closed spans all lie before now: the first may begin before readyAt, the rest are whole.
    const whole = this.before.at(-1)! - this.before[first]!
    return whole - Math.max(0, readyAt - this.starts[first]!) + open
  }

  /** Total throttled time up to `now`. */
  total(now: number): number {
    return this.before.at(-1)! + (this.openSince === undefined ? 0 : now - this.openSince)
  }

  /** Index of the first closed span that ends after `time`, by binary search. */
  private firstEndingAfter(time: number): number | undefined {
    let low = 0
    let high = this.ends.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.ends[mid]! > time) high = mid
      else low = mid + 1
    }
    return low < this.ends.length ? low : undefined
  }
}
