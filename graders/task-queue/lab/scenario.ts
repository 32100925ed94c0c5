/**
 * The shop of the unit's README, as the dashboard's input: its arrival rate and sale peak, the
 * priority groups with their start-time targets, the backoff policy of the retry table, and the
 * worker pool the reference write-up sizes (29 workers for 40 tasks/s of 0.5 s each at 70 %).
 */
import type {DashboardInput, TaskKind} from './report.js'

/** The README's priority groups, one kind of task each; the mean running time over the mix is 0.5 s. */
export const KINDS: readonly TaskKind[] = [
  {name: 'payment', priority: 0, share: 0.2, meanMs: 300, targetMs: 1000},
  {name: 'email', priority: 2, share: 0.4, meanMs: 400, targetMs: 10_000},
  {name: 'index', priority: 5, share: 0.3, meanMs: 600, targetMs: 60_000},
  {name: 'batch', priority: 8, share: 0.1, meanMs: 1000, targetMs: 3_600_000},
]

/** "About 40 tasks per second on an ordinary afternoon, three times that during a sale." */
export const RATE_PER_SECOND = 40
export const BURST_FACTOR = 3
/** "A few tasks fail every time": two in a thousand here. */
export const POISON_PER_MILLE = 2
/** The retry table's policy, with the ±20 % jitter of the README's example. */
export const BACKOFF = {baseMs: 1000, factor: 2, maxMs: 300_000, jitter: 0.2} as const
/** Two short sales, a sixth and seven twelfths of the way in, each a twenty-fourth of the window (5 s of 120 s). */
export const BURSTS = [
  {from: 1 / 6, length: 1 / 24},
  {from: 7 / 12, length: 1 / 24},
] as const
/** Forty-eight samples: one sparkline cell each, so a series fits an 80-column line beside its label and level. */
export const STEPS = 48

export interface ScenarioValues {
  readonly seed: number
  readonly workers: number
  readonly failurePercent: number
  readonly maxRetries: number
  readonly windowS: number
  readonly rateLimit: number
  readonly burst: number
}

export function scenario(values: ScenarioValues): DashboardInput {
  const windowMs = Math.round(values.windowS * 1000)
  return {
    seed: values.seed,
    workers: values.workers,
    windowMs,
    steps: STEPS,
    ratePerSecond: RATE_PER_SECOND,
    burstFactor: BURST_FACTOR,
    bursts: BURSTS.map((b) => ({fromMs: Math.round(b.from * windowMs), lengthMs: Math.round(b.length * windowMs)})),
    failurePercent: values.failurePercent,
    poisonPerMille: POISON_PER_MILLE,
    maxRetries: values.maxRetries,
    backoff: BACKOFF,
    bucket: {capacity: values.burst, refillPerSecond: values.rateLimit},
    kinds: KINDS,
  }
}
