/**
 * The quantile sketch's error against its memory: the module's sketch at several accuracies α
 * summarises one set of heavy-tailed latencies, and the value it returns at p50, p99 and p99.9 is
 * compared with the exact value of the same rank. The promise: within a factor 1 ± α, at every
 * quantile.
 */
import {effect, exported, made, numberFrom, reason} from './calls.js'
import {latencies} from './streams.js'

export interface QuantileInput {
  readonly sketch: 'quantiles'
  readonly seed: number
  readonly values: number
  readonly accuracies: readonly number[]
  readonly quantiles: readonly number[]
}

interface QuantileSetting {
  readonly relativeAccuracy: number
  /** Non-empty buckets the data fills at this α (plus one for zeros, if any). */
  readonly buckets: number
  /** 16 bytes per bucket (an index and a count), as the unit counts them. */
  readonly bytes: number
}

export type QuantileRow = QuantileSetting & ({readonly answers: Array<{readonly q: number; readonly estimate: number; readonly error: number}>} | {readonly error: string})

export interface QuantileSweep {
  /** The exact value of rank ⌊q·(n − 1)⌋ for each q asked about. */
  readonly exact: Array<{readonly q: number; readonly value: number}>
  readonly rows: QuantileRow[]
}

/** The buckets `values` fill at accuracy α, worked out from the data itself, not from the sketch. */
export function bucketsFilled(values: readonly number[], relativeAccuracy: number): number {
  const logGamma = Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy))
  const indices = new Set<number>()
  let zeros = 0
  for (const x of values) {
    if (x === 0) zeros = 1
    else indices.add(Math.ceil(Math.log(x) / logGamma))
  }
  return indices.size + zeros
}

/** The exact value of rank ⌊q·(n − 1)⌋ for each q, the rank the sketch's contract names. */
export function exactQuantiles(values: readonly number[], quantiles: readonly number[]): Array<{q: number; value: number}> {
  const sorted = Float64Array.from(values).sort()
  return quantiles.map((q) => ({q, value: sorted[Math.floor(q * (sorted.length - 1))]!}))
}

export function sweepQuantiles(module: Record<string, unknown>, input: QuantileInput): QuantileSweep {
  const create = exported(module, 'createQuantileSketch')
  const values = latencies(input.seed, input.values)
  const exact = exactQuantiles(values, input.quantiles)
  const rows = input.accuracies.map((relativeAccuracy): QuantileRow => {
    const buckets = bucketsFilled(values, relativeAccuracy)
    const setting = {relativeAccuracy, buckets, bytes: 16 * buckets}
    try {
      const sketch = made(`createQuantileSketch(α ${relativeAccuracy})`, () => create({relativeAccuracy}), ['add', 'quantile'])
      effect('add', () => {
        for (const x of values) sketch.add(x)
      })
      const answers = exact.map(({q, value}) => {
        const estimate = numberFrom(`quantile(${q})`, () => sketch.quantile(q))
        return {q, estimate, error: estimate / value - 1}
      })
      return {...setting, answers}
    } catch (error) {
      return {...setting, error: reason(error)}
    }
  })
  return {exact, rows}
}
