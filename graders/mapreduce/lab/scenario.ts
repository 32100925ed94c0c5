/**
 * The job the lab runs, four times: without and with speculation, without and with the combiner.
 * The speculation policy is the README's worked example (1.5 × the median, judged after 30 s);
 * the costs are modelled so that a typical map task takes 60 s, as in that example, whatever the
 * size of the corpus: words, pairs and bytes are real, times are not.
 */
import {MEAN_WORDS_PER_DOCUMENT} from './corpus-size.js'
import type {Costs, JobInput, SpeculationPolicy} from './report.js'

export const POLICY: SpeculationPolicy = {slowFactor: 1.5, minElapsedMs: 30_000, maxSpeculative: 2}
export const HEARTBEAT_MS = 5000

/** A map task over an average split; the transfer of its uncombined output; a reducer's share of the uncombined output. */
export const TYPICAL_MAP_MS = 60_000
export const TYPICAL_FETCH_MS = 15_000
export const TYPICAL_REDUCE_MS = 40_000
export const START_MS = 1000
/** An uncombined pair as sent: a five-letter word, a tab, "1" and a newline (the README's 6 bytes a word, plus two). */
export const BYTES_PER_PAIR = 8
export const NOISE = 0.1

export const RUNS = [
  {name: 'plain', combiner: false, speculation: false},
  {name: 'combiner', combiner: true, speculation: false},
  {name: 'speculation', combiner: false, speculation: true},
  {name: 'both', combiner: true, speculation: true},
] as const
export type RunName = (typeof RUNS)[number]['name']

export interface JobValues {
  readonly seed: number
  readonly documents: number
  readonly splits: number
  readonly reducers: number
  readonly workers: number
  readonly slowdown: number
}

export function costsFor(values: JobValues): Costs {
  const words = MEAN_WORDS_PER_DOCUMENT * values.documents
  const perSplit = words / values.splits
  return {
    mapMsPerWord: (TYPICAL_MAP_MS - START_MS) / perSplit,
    bytesPerMs: (perSplit * BYTES_PER_PAIR) / TYPICAL_FETCH_MS,
    reduceMsPerPair: (TYPICAL_REDUCE_MS - START_MS) / (words / values.reducers),
    startMs: START_MS,
    noise: NOISE,
  }
}

/** The four runs' inputs; the straggler is the last worker. */
export function jobInputs(values: JobValues): JobInput[] {
  const costs = costsFor(values)
  return RUNS.map((run) => ({
    seed: values.seed,
    documents: values.documents,
    splits: values.splits,
    reducers: values.reducers,
    workers: values.workers,
    slowWorker: values.workers - 1,
    slowdown: values.slowdown,
    combiner: run.combiner,
    speculation: run.speculation,
    policy: POLICY,
    heartbeatMs: HEARTBEAT_MS,
    costs,
  }))
}
