/**
 * What came back from the sandbox, turned into the lab's result. The settings and what they imply
 * (memory, the promised error, the exact quantiles) are worked out here from the lab's own inputs;
 * only the sketch's measurements come from the module's process, and each is checked to be a
 * finite number before it is kept, so a module that returns garbage, or meddles with the driver,
 * shows as a sentence and not a crash.
 */
import type {CodeOutcome} from 'course/kit/lab'
import {countMinSetting, type CountMinInput} from './count-min-sweep.js'
import {hllSetting, type HllInput} from './hll-sweep.js'
import {bucketsFilled, exactQuantiles, type QuantileInput} from './quantile-sweep.js'
import {latencies} from './streams.js'
import type {Sketch} from './sweeps.js'

/** Why a setting has no measurement; it keeps what the setting promised. */
export interface Failed {
  readonly error: string
}

export interface HllMeasured {
  readonly rmsError: number
  readonly worstError: number
}

export interface HllReport {
  readonly sketch: 'hll'
  readonly distinct: number
  readonly runs: number
  readonly rows: Array<ReturnType<typeof hllSetting> & (HllMeasured | Failed)>
}

export interface CountMinMeasured {
  readonly heavyWorstOver: number
  readonly heavyMeanRelative: number
  readonly lightMeanOver: number
  readonly lightMeanCount: number
  readonly pastBound: number
  readonly below: number
}

export interface CountMinReport {
  readonly sketch: 'count-min'
  readonly views: number
  readonly pages: number
  readonly heavy: number
  readonly rows: Array<ReturnType<typeof countMinSetting> & (CountMinMeasured | Failed)>
}

export interface QuantileAnswer {
  readonly q: number
  readonly estimate: number
  /** estimate / exact − 1. */
  readonly error: number
}

export interface QuantileReport {
  readonly sketch: 'quantiles'
  readonly values: number
  readonly exact: Array<{readonly q: number; readonly value: number}>
  readonly rows: Array<{readonly relativeAccuracy: number; readonly buckets: number; readonly bytes: number} & ({readonly answers: QuantileAnswer[]} | Failed)>
}

/** A sketch the module could not be measured on at all (a missing export, a crash of the sandbox). */
export interface FailedReport extends Failed {
  readonly sketch: Sketch
}

export type SketchReport = HllReport | CountMinReport | QuantileReport | FailedReport

type Fields = Readonly<Record<string, unknown>>

/** Four significant figures: plenty for an error or a byte count, and a small `--json`. */
export const rounded = (x: number): number => Number(x.toPrecision(4))

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

const unreadable = (sketch: Sketch): FailedReport => ({sketch, error: 'the run came back in a shape the lab cannot read'})

function rowsOf(output: unknown, expected: number): unknown[] | undefined {
  const rows = (output as Fields | null)?.rows
  return Array.isArray(rows) && rows.length === expected ? rows : undefined
}

/** The row's own error, if it reports one. */
function failure(row: unknown): Failed | undefined {
  const error = (row as Fields | null)?.error
  return typeof error === 'string' ? {error} : undefined
}

/** The measured fields of a row, rounded, when they are all finite numbers. */
function measured<Key extends string>(row: unknown, keys: readonly Key[]): Record<Key, number> | Failed {
  const failed = failure(row)
  if (failed) return failed
  const picked = {} as Record<Key, number>
  for (const key of keys) {
    const value = (row as Fields | null)?.[key]
    if (!finite(value)) return {error: `run reported no ${key}`}
    picked[key] = rounded(value)
  }
  return picked
}

export function hllReport(input: HllInput, outcome: CodeOutcome): HllReport | FailedReport {
  if (!outcome.ok) return {sketch: 'hll', error: outcome.error}
  const rows = rowsOf(outcome.output, input.precisions.length)
  if (!rows) return unreadable('hll')
  return {
    sketch: 'hll',
    distinct: input.distinct,
    runs: input.runs,
    rows: input.precisions.map((p, i) => {
      const setting = hllSetting(p, input.distinct)
      return {...setting, standardError: rounded(setting.standardError), ...measured(rows[i], ['rmsError', 'worstError'])}
    }),
  }
}

const COUNT_MIN_FIELDS = ['heavyWorstOver', 'heavyMeanRelative', 'lightMeanOver', 'lightMeanCount', 'pastBound', 'below'] as const

export function countMinReport(input: CountMinInput, outcome: CodeOutcome): CountMinReport | FailedReport {
  if (!outcome.ok) return {sketch: 'count-min', error: outcome.error}
  const rows = rowsOf(outcome.output, input.settings.length)
  const pages = (outcome.output as Fields | null)?.pages
  if (!rows || !finite(pages)) return unreadable('count-min')
  return {
    sketch: 'count-min',
    views: input.views,
    pages,
    heavy: input.heavy,
    rows: input.settings.map(({epsilon, delta}, i) => ({...countMinSetting(epsilon, delta, input.views), ...measured(rows[i], COUNT_MIN_FIELDS)})),
  }
}

export function quantileReport(input: QuantileInput, outcome: CodeOutcome): QuantileReport | FailedReport {
  if (!outcome.ok) return {sketch: 'quantiles', error: outcome.error}
  const rows = rowsOf(outcome.output, input.accuracies.length)
  if (!rows) return unreadable('quantiles')
  // The same latencies the driver drew, so the exact answers never come from the module's process.
  const values = latencies(input.seed, input.values)
  const exact = exactQuantiles(values, input.quantiles)
  return {
    sketch: 'quantiles',
    values: input.values,
    exact: exact.map(({q, value}) => ({q, value: rounded(value)})),
    rows: input.accuracies.map((relativeAccuracy, i) => {
      const buckets = bucketsFilled(values, relativeAccuracy)
      return {relativeAccuracy, buckets, bytes: 16 * buckets, ...answersOf(rows[i], exact)}
    }),
  }
}

function answersOf(row: unknown, exact: ReadonlyArray<{readonly q: number; readonly value: number}>): {answers: QuantileAnswer[]} | Failed {
  const failed = failure(row)
  if (failed) return failed
  const answers = (row as Fields | null)?.answers
  if (!Array.isArray(answers) || answers.length !== exact.length) return {error: 'run reported no quantiles'}
  const estimates = answers.map((a) => (a as Fields | null)?.estimate)
  if (!estimates.every(finite)) return {error: 'run reported a quantile that is not a number'}
  return {answers: exact.map(({q, value}, i) => ({q, estimate: rounded(estimates[i]!), error: rounded(estimates[i]! / value - 1)}))}
}
