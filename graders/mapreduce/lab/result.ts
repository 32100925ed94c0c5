/**
 * The lab's result, exactly what `--json` prints: the job's settings, the modelled costs, and the
 * four runs (each its figures and timeline, or why it has none). A run's reply is checked for
 * shape before the view trusts it: with `--mine` the learner's code shared the process that made it.
 */
import type {Costs, JobOutput, SpeculationPolicy} from './report.js'
import type {RunName} from './scenario.js'

export interface RunResult {
  readonly name: RunName
  readonly combiner: boolean
  readonly speculation: boolean
  readonly output: JobOutput | null
  readonly error: string | null
}

export interface MapReduceRun {
  readonly source: 'reference' | 'mine'
  readonly seed: number
  readonly documents: number
  readonly splits: number
  readonly reducers: number
  readonly workers: number
  /** The straggler, numbered from 1 as the view names workers, and how many times slower it is. */
  readonly slow_worker: number
  readonly slowdown: number
  /** The run whose timeline the view draws. */
  readonly show: RunName
  readonly policy: SpeculationPolicy
  readonly heartbeat_ms: number
  readonly costs: Costs
  readonly runs: RunResult[]
}

const numbers = (value: unknown): boolean => Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v))

/** The reply if it has a job run's shape, else undefined. */
export function readJobOutput(output: unknown): JobOutput | undefined {
  const o = output as Partial<JobOutput> | null
  if (!o || typeof o !== 'object' || !o.figures || !o.truth || !Array.isArray(o.spans) || !Array.isArray(o.notes) || !o.speculate) return undefined
  if (![o.makespanMs, o.mapEndMs, o.shuffleEndMs, o.figures.shuffledPairs, o.figures.shuffledBytes].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined
  if (!numbers(o.figures.reducerPairs) || !o.spans.every((s) => typeof s === 'object' && s !== null && numbers([s.lane, s.startMs, s.endMs, s.task]))) return undefined
  return o as JobOutput
}
