/**
 * Count-min's error against its memory: the module's sketch at several widths and depths counts
 * one stream of page views, and every page's estimate is compared with its exact count. The
 * promise is one-sided and relative to the whole stream: never below the truth, and above it by
 * more than ε·N for at most a share δ of the keys.
 */
import {effect, exported, made, numberFrom, reason} from './calls.js'
import {pageViews} from './streams.js'

export interface CountMinInput {
  readonly sketch: 'count-min'
  readonly seed: number
  readonly views: number
  readonly catalogue: number
  /** How many of the most viewed pages count as heavy hitters. */
  readonly heavy: number
  readonly settings: ReadonlyArray<{readonly epsilon: number; readonly delta: number}>
}

interface CountMinSetting {
  readonly epsilon: number
  readonly delta: number
  /** ⌈e/ε⌉ × ⌈ln(1/δ)⌉, the table the parameters imply. */
  readonly width: number
  readonly depth: number
  /** width × depth counters of 8 bytes, as the unit counts them. */
  readonly bytes: number
  /** ε·N, the over-count the sketch promises to stay under for all but a share δ of the keys. */
  readonly bound: number
}

interface CountMinErrors {
  /** The largest over-count among the heavy hitters, and their mean over-count relative to their own counts. */
  readonly heavyWorstOver: number
  readonly heavyMeanRelative: number
  /** The mean over-count of the other pages, and their mean true count beside it. */
  readonly lightMeanOver: number
  readonly lightMeanCount: number
  /** The share of pages over-counted by more than ε·N (the promise: at most δ). */
  readonly pastBound: number
  /** Pages whose estimate fell below their true count (the promise: none). */
  readonly below: number
}

export type CountMinRow = CountMinSetting & (CountMinErrors | {readonly error: string})

export function countMinSetting(epsilon: number, delta: number, views: number): CountMinSetting {
  const width = Math.ceil(Math.E / epsilon)
  const depth = Math.ceil(Math.log(1 / delta))
  return {epsilon, delta, width, depth, bytes: width * depth * 8, bound: epsilon * views}
}

export interface CountMinSweep {
  /** Distinct pages in the stream. */
  readonly pages: number
  readonly rows: CountMinRow[]
}

export function sweepCountMin(module: Record<string, unknown>, input: CountMinInput): CountMinSweep {
  const create = exported(module, 'createCountMin')
  const {pages, total} = pageViews(input.seed, input.views, input.catalogue)
  const rows = input.settings.map(({epsilon, delta}): CountMinRow => {
    const setting = countMinSetting(epsilon, delta, total)
    try {
      const sketch = made(`createCountMin(ε ${epsilon}, δ ${delta})`, () => create({epsilon, delta}), ['add', 'estimate'])
      // Adding each page once with its count builds the same table as adding every view, at a
      // fraction of the hashing.
      effect('add', () => {
        for (const page of pages) sketch.add(page.key, page.views)
      })
      const over = pages.map((page) => numberFrom('estimate()', () => sketch.estimate(page.key)) - page.views)
      return {...setting, ...errorsOf(over, pages, Math.min(input.heavy, pages.length), setting.bound)}
    } catch (error) {
      return {...setting, error: reason(error)}
    }
  })
  return {pages: pages.length, rows}
}

/** Over-counts summarised; `pages` are most viewed first, so the heavy hitters lead. */
function errorsOf(over: readonly number[], pages: ReadonlyArray<{readonly views: number}>, heavy: number, bound: number): CountMinErrors {
  let heavyWorstOver = Number.NEGATIVE_INFINITY
  let heavyRelative = 0
  let lightOver = 0
  let lightCount = 0
  let pastBound = 0
  let below = 0
  over.forEach((o, i) => {
    if (o > bound) pastBound++
    if (o < 0) below++
    if (i < heavy) {
      heavyWorstOver = Math.max(heavyWorstOver, o)
      heavyRelative += o / pages[i]!.views
    } else {
      lightOver += o
      lightCount += pages[i]!.views
    }
  })
  const light = over.length - heavy
  return {
    heavyWorstOver,
    heavyMeanRelative: heavyRelative / heavy,
    lightMeanOver: light > 0 ? lightOver / light : 0,
    lightMeanCount: light > 0 ? lightCount / light : 0,
    pastBound: pastBound / over.length,
    below,
  }
}
