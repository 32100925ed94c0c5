/**
 * The simulation's agenda: a binary min-heap of events ordered by time, then by the order they
 * were scheduled, so equal times resolve the same way on every run. Times and sequence numbers
 * live in typed arrays beside the payloads; growing doubles them.
 */
export class EventQueue<T> {
  private times = new Float64Array(1024)
  private seqs = new Float64Array(1024)
  private payloads: Array<T | undefined> = new Array(1024)
  private count = 0
  private nextSeq = 0

  get size(): number {
    return this.count
  }

  push(time: number, payload: T): void {
    if (this.count === this.times.length) this.grow()
    let i = this.count++
    const seq = this.nextSeq++
    // Sift up: move parents down until this event's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pt = this.times[parent]!
      if (pt < time || (pt === time && this.seqs[parent]! < seq)) break
      this.times[i] = pt
      this.seqs[i] = this.seqs[parent]!
      this.payloads[i] = this.payloads[parent]
      i = parent
    }
    this.times[i] = time
    this.seqs[i] = seq
    this.payloads[i] = payload
  }

  /** The time of the earliest event (undefined when empty). */
  peekTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[0]
  }

  /** Removes the earliest event; `time` receives its time. */
  pop(): {time: number; payload: T} | undefined {
    if (this.count === 0) return undefined
    const time = this.times[0]!
    const payload = this.payloads[0] as T
    const last = --this.count
    if (last > 0) {
      const t = this.times[last]!
      const s = this.seqs[last]!
      const p = this.payloads[last]
      let i = 0
      // Sift down the last event from the root.
      for (;;) {
        const left = 2 * i + 1
        if (left >= last) break
        const right = left + 1
        let child = left
        if (right < last && (this.times[right]! < this.times[left]! || (this.times[right] === this.times[left] && this.seqs[right]! < this.seqs[left]!))) child = right
        const ct = this.times[child]!
        if (t < ct || (t === ct && s < this.seqs[child]!)) break
        this.times[i] = ct
        this.seqs[i] = this.seqs[child]!
        this.payloads[i] = this.payloads[child]
        i = child
      }
      this.times[i] = t
      this.seqs[i] = s
      this.payloads[i] = p
    }
    this.payloads[last] = undefined
    return {time, payload}
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2)
    times.set(this.times)
    const seqs = new Float64Array(this.seqs.length * 2)
    seqs.set(this.seqs)
    this.times = times
    this.seqs = seqs
    this.payloads.length = times.length
  }
}
