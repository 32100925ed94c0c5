/**
 * The synthetic data the aggregation lab feeds to the sketches, drawn from a seed so that a run
 * can be repeated exactly: distinct user ids, page views whose popularity follows a Zipf-like law,
 * and request latencies with a heavy tail.
 */
import {randomFromSeed, type Random} from 'course/kit/driver'

/** `count` distinct user ids for one run; every id is new, so the exact distinct count is `count`. */
export function distinctIds(seed: number, run: number, count: number): string[] {
  return Array.from({length: count}, (_, i) => `user-${seed}-${run}-${i}`)
}

export interface PageViews {
  /** Each page seen, with how many views it had, most viewed first. */
  readonly pages: ReadonlyArray<{readonly key: string; readonly views: number}>
  /** N, the number of views. */
  readonly total: number
}

/**
 * `views` page views over a catalogue of `catalogue` pages, the page of popularity rank r drawn
 * with probability proportional to 1 / r^s.
 */
export function pageViews(seed: number, views: number, catalogue: number, s = 1): PageViews {
  const random = randomFromSeed(seed)
  const cumulative = new Float64Array(catalogue)
  let sum = 0
  for (let r = 0; r < catalogue; r++) cumulative[r] = sum += 1 / (r + 1) ** s
  const counts = new Map<number, number>()
  for (let i = 0; i < views; i++) {
    const rank = firstAbove(cumulative, random() * sum)
    counts.set(rank, (counts.get(rank) ?? 0) + 1)
  }
  const pages = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([rank, count]) => ({key: `page-${seed}-${rank}`, views: count}))
  return {pages, total: views}
}

/** The first index whose cumulative weight exceeds `target` (binary search). */
function firstAbove(cumulative: Float64Array, target: number): number {
  let low = 0
  let high = cumulative.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (cumulative[middle]! > target) high = middle
    else low = middle + 1
  }
  return low
}

/**
 * `count` latencies in milliseconds: a log-normal body (median 8 ms; about 2 % fall below 1 ms,
 * where bucket indices turn negative and a sort that compares them as strings goes wrong) with one
 * request in a hundred drawn instead from a Pareto tail starting at 100 ms, so the p99.9 sits
 * far out where a sparse tail makes quantiles hard.
 */
export function latencies(seed: number, count: number): number[] {
  const random = randomFromSeed(seed)
  return Array.from({length: count}, () => (random() < 0.01 ? 100 * (1 - random()) ** (-1 / 1.2) : 8 * Math.exp(normal(random))))
}

/** A standard normal deviate (Box–Muller). */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}
