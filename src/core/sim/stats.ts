/**
 * Summaries a simulation reports: percentiles by the nearest-rank rule (so a p99 is a value some
 * request really had), means, and values counted into buckets for a histogram or a time series.
 */

/** The p-th percentile (0 < p ≤ 100) of values already sorted ascending; NaN when there are none. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** The p-th percentile of values in any order (copied and sorted; the input is left alone). */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileOfSorted(Float64Array.from(values).sort(), p)
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]!
  return sum / values.length
}

/**
 * A time series in fixed steps: `add(time, amount)` counts an amount into the step holding `time`,
 * `set` records a level (the last one set in a step wins, and a step with none keeps the level
 * before it when read with `levels`).
 */
export class TimeSeries {
  private readonly sums: Float64Array
  private readonly seen: Uint8Array
  constructor(
    readonly step: number,
    readonly steps: number,
  ) {
    this.sums = new Float64Array(steps)
    this.seen = new Uint8Array(steps)
  }

  private index(time: number): number {
    return Math.min(this.steps - 1, Math.max(0, Math.floor(time / this.step)))
  }

  add(time: number, amount = 1): void {
    const i = this.index(time)
    this.sums[i]! += amount
    this.seen[i] = 1
  }

  set(time: number, level: number): void {
    const i = this.index(time)
    this.sums[i] = level
    this.seen[i] = 1
  }

  /** The amounts counted in each step. */
  totals(): number[] {
    return Array.from(this.sums)
  }

  /** Levels set, carried forward through steps where nothing was set. */
  levels(): number[] {
    const out: number[] = []
    let last = 0
    for (let i = 0; i < this.steps; i++) {
      if (this.seen[i]) last = this.sums[i]!
      out.push(last)
    }
    return out
  }

  /** The start time of each step. */
  times(): number[] {
    return Array.from({length: this.steps}, (_, i) => i * this.step)
  }
}
