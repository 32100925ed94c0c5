/**
 * HyperLogLog's error against its memory: the module's sketch at several precisions counts the
 * same sets of distinct ids, and each estimate is compared with the exact count. Several runs per
 * precision, because one estimate is a single draw: their root-mean-square error is what the
 * standard error 1.04/√m predicts.
 */
import {effect, exported, made, numberFrom, reason} from './calls.js'
import {distinctIds} from './streams.js'

export interface HllInput {
  readonly sketch: 'hll'
  readonly seed: number
  readonly precisions: readonly number[]
  readonly runs: number
  /** Distinct ids per run. */
  readonly distinct: number
}

interface HllSetting {
  readonly precision: number
  readonly registers: number
  /** m registers of 6 bits each, as the unit counts them. */
  readonly bytes: number
  /** 1.04/√m, the relative standard error the unit quotes. */
  readonly standardError: number
  /** Whether the exact count is below 2.5 m, where linear counting answers instead of the raw estimate. */
  readonly linearCounting: boolean
}

export type HllRow = HllSetting & ({readonly rmsError: number; readonly worstError: number} | {readonly error: string})

export function hllSetting(precision: number, distinct: number): HllSetting {
  const registers = 2 ** precision
  return {precision, registers, bytes: (registers * 6) / 8, standardError: 1.04 / Math.sqrt(registers), linearCounting: distinct < 2.5 * registers}
}

export function sweepHyperLogLog(module: Record<string, unknown>, input: HllInput): HllRow[] {
  const create = exported(module, 'createHyperLogLog')
  const errors = input.precisions.map(() => [] as number[])
  const failures = new Map<number, string>()
  for (let run = 0; run < input.runs; run++) {
    const ids = distinctIds(input.seed, run, input.distinct)
    input.precisions.forEach((precision, i) => {
      if (failures.has(i)) return
      try {
        const sketch = made(`createHyperLogLog(${precision})`, () => create(precision), ['add', 'count'])
        effect('add', () => {
          for (const id of ids) sketch.add(id)
        })
        const estimate = numberFrom('count()', () => sketch.count())
        errors[i]!.push(estimate / input.distinct - 1)
      } catch (error) {
        failures.set(i, reason(error))
      }
    })
  }
  return input.precisions.map((precision, i) => {
    const setting = hllSetting(precision, input.distinct)
    const failure = failures.get(i)
    if (failure !== undefined) return {...setting, error: failure}
    const observed = errors[i]!
    const rmsError = Math.sqrt(observed.reduce((sum, e) => sum + e * e, 0) / observed.length)
    const worstError = observed.reduce((worst, e) => (Math.abs(e) > Math.abs(worst) ? e : worst), 0)
    return {...setting, rmsError, worstError}
  })
}
