/**
 * What the lab measures for each sketch: the settings swept and the size of the data. Sized so
 * that the reference gets through all three sketches in well under a second: hashing dominates
 * (about 2 µs per SHA-1), and the HyperLogLog runs are most of it.
 */
import type {SketchInput} from './driver.js'

export const SKETCHES = ['hll', 'count-min', 'quantiles'] as const
export type Sketch = (typeof SKETCHES)[number]

export function sweepFor(sketch: Sketch, seed: number): SketchInput {
  switch (sketch) {
    case 'hll':
      // 8,192 ids put p = 6 … 10 in the raw estimator's range (n ≥ 8 m) and p = 12 and 14 in
      // linear counting's (n ≤ 2 m), whose error there is at or below 1.04/√m. Eight runs keep
      // the RMS within about a quarter of the sketch's true standard error.
      return {sketch, seed, precisions: [6, 8, 10, 12, 14], runs: 8, distinct: 8_192}
    case 'count-min':
      // The unit's 2719 × 5 sketch, two narrower ones, and the same width with fewer rows.
      return {
        sketch,
        seed,
        views: 100_000,
        catalogue: 10_000,
        heavy: 10,
        settings: [
          {epsilon: 0.01, delta: 0.01},
          {epsilon: 0.003, delta: 0.01},
          {epsilon: 0.001, delta: 0.01},
          {epsilon: 0.001, delta: 0.2},
        ],
      }
    case 'quantiles':
      return {sketch, seed, values: 100_000, accuracies: [0.05, 0.02, 0.01], quantiles: [0.5, 0.99, 0.999]}
  }
}
