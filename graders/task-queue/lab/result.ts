/**
 * The lab's result, exactly what `--json` prints: the scenario as run and the dashboard's summary
 * (or why there is none). The driver's reply is checked for shape before the view trusts it,
 * since with `--mine` the learner's code shares the process that produced it.
 */
import type {DashboardOutput} from './report.js'

export interface TaskQueueRun {
  readonly source: 'reference' | 'mine'
  readonly seed: number
  readonly workers: number
  readonly window_s: number
  readonly rate_per_s: number
  readonly burst_factor: number
  /** Each burst's start and end, s. */
  readonly bursts_s: ReadonlyArray<readonly [number, number]>
  readonly failure_percent: number
  readonly poison_per_mille: number
  readonly max_retries: number
  readonly backoff: {readonly base_ms: number; readonly factor: number; readonly max_ms: number; readonly jitter: number}
  readonly bucket: {readonly capacity: number; readonly refill_per_s: number}
  /** Null when the run failed as a whole; `error` says why. */
  readonly dashboard: DashboardOutput | null
  readonly error: string | null
}

const numbers = (value: unknown): boolean => Array.isArray(value) && value.every((v) => typeof v === 'number')

/** The reply if it has the dashboard's shape, else undefined. */
export function readDashboard(output: unknown): DashboardOutput | undefined {
  const o = output as Partial<DashboardOutput> | null
  if (!o || typeof o !== 'object' || !o.series || !o.all || !Array.isArray(o.kinds) || !Array.isArray(o.notes) || !o.bucket || !o.anomalies || !o.used) return undefined
  const series = Object.values(o.series) as unknown[]
  if (series.length !== 5 || !series.every(numbers) || !numbers(o.waitsMs?.map((w) => w ?? 0))) return undefined
  return o as DashboardOutput
}
