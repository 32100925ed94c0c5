/**
 * What crosses the sandbox between the task queue's lab and its driver: the scenario going in and
 * the summary of one simulated run coming out. Plain data only, so both sides can share it
 * without either loading the other's code.
 */

export interface TaskKind {
  readonly name: string
  readonly priority: number
  /** Fraction of arrivals of this kind. */
  readonly share: number
  /** Mean time one attempt runs, ms. */
  readonly meanMs: number
  /** The start-time target of its priority group, ms (the README's table). */
  readonly targetMs: number
}

export interface DashboardInput {
  readonly seed: number
  readonly workers: number
  /** Simulated window with arrivals, ms; the run then drains what is left. */
  readonly windowMs: number
  /** Samples of the series over the window. */
  readonly steps: number
  /** Ordinary arrivals per second, and the multiple of it during each burst. */
  readonly ratePerSecond: number
  readonly burstFactor: number
  readonly bursts: ReadonlyArray<{readonly fromMs: number; readonly lengthMs: number}>
  /** Chance that an attempt fails for a moment, and of a task failing every time (per thousand). */
  readonly failurePercent: number
  readonly poisonPerMille: number
  readonly maxRetries: number
  readonly backoff: {readonly baseMs: number; readonly factor: number; readonly maxMs: number; readonly jitter: number}
  readonly bucket: {readonly capacity: number; readonly refillPerSecond: number}
  readonly kinds: readonly TaskKind[]
}

/** Whose code made each decision: the module under test, or the course's stand-in after the module's own failed. */
export type Origin = 'module' | 'course'

/**
 * Something the module did that the run had to work around: a function replaced by the course's
 * stand-in before the run, or a call that stopped the run. `problem` reads after the call's name
 * ("threw “TODO: backoffDelay”").
 */
export interface Note {
  readonly call: string
  readonly problem: string
  readonly outcome: 'replaced' | 'stopped'
  /** Simulated time of a call that stopped the run, ms. */
  readonly atMs?: number
}

export interface KindTotals {
  readonly name: string
  readonly priority: number
  readonly submitted: number
  readonly done: number
  readonly dead: number
  /** Still waiting or running when the run gave up (0 when every task finished). */
  readonly unfinished: number
  readonly retries: number
  /** Time from submission to completion, ms (null when nothing of this kind completed). */
  readonly p50Ms: number | null
  readonly p99Ms: number | null
  /** Time from submission to the first attempt's start, the measure of the README's targets, ms. */
  readonly p99StartMs: number | null
  readonly targetMs: number
}

export interface DashboardOutput {
  readonly used: {readonly queue: Origin; readonly bucket: Origin; readonly backoff: Origin}
  readonly notes: readonly Note[]
  /** The run stopped because the module threw or answered something impossible. */
  readonly stoppedAtMs: number | null
  /** The waits before retries 1..maxRetries as backoffDelay gives them without jitter, ms. */
  readonly waitsMs: ReadonlyArray<number | null>
  /** Series over the window, one value per step (only up to the stop, when the run stopped). */
  readonly stepMs: number
  readonly series: {
    readonly waiting: readonly number[]
    readonly inFlight: readonly number[]
    readonly tokens: readonly number[]
    readonly retries: readonly number[]
    readonly deadLetters: readonly number[]
  }
  readonly kinds: readonly KindTotals[]
  readonly all: KindTotals
  /** When the last task finished or died, ms. */
  readonly drainedAtMs: number
  /** When the run ended: drained, stopped, or given up on an hour after the window, ms. */
  readonly endedAtMs: number
  readonly bucket: {
    /** Distinct tasks that were ready, with a worker free, while the bucket held less than one token. */
    readonly heldTasks: number
    /** Time during which ready work and a free worker waited for a token, ms. */
    readonly throttledMs: number
    /** The longest a single task spent ready, with a worker free, waiting for a token, ms. */
    readonly longestHoldMs: number
  }
  /** Answers of the queue that contradict what it had said before (counted, not fatal). */
  readonly anomalies: {readonly early: number; readonly idleWhileReady: number; readonly refusedToken: number}
}
