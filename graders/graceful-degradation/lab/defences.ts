/**
 * The defences of the chain A → B → C → D, as the model runs them: for each of the three hops its
 * timeout and retries, and at C a circuit breaker, a bulkhead and a fallback; load shedding at one
 * service; deadline propagation. The baseline is the scenario's configuration of today.
 */
import type {ChainScenario} from './scenario.js'

/** How a call can fail, as the caller sees it. */
export type Failure = 'timeout' | 'error' | 'overloaded_reply' | 'breaker_open' | 'bulkhead_full'
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated'

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  readonly attempts: number
  readonly retryOn: ReadonlySet<Failure>
  /** Retries allowed as a share of first attempts; undefined for no limit. */
  readonly budget: number | undefined
  readonly backoffBase: number
  readonly backoffFactor: number
  readonly jitter: Jitter
}

export interface BreakerPolicy {
  /** Completed calls the breaker judges. */
  readonly window: number
  readonly minCalls: number
  readonly threshold: number
  readonly counts: ReadonlySet<'timeout' | 'error' | 'rejected_by_bulkhead'>
  readonly openFor: number
  readonly probes: number
}

export interface Defences {
  /** Pools of A, B and C. */
  readonly pools: readonly [number, number, number]
  /** Timeouts of A → B, B → C and C → D, s. */
  readonly timeouts: readonly [number, number, number]
  readonly retries: readonly [RetryPolicy, RetryPolicy, RetryPolicy]
  readonly breaker: BreakerPolicy | undefined
  /** Threads of C that may wait on D at once. */
  readonly bulkhead: number | undefined
  /** What makes C answer from its fallback instead of failing. */
  readonly fallback: ReadonlySet<Failure> | undefined
  /** Refuse new work at once at this service (0 = A) when this many of its threads are busy. */
  readonly shedding: {readonly service: 0 | 1 | 2; readonly above: number} | undefined
  /** A's budget for a request, and what each hop keeps back from what it passes on. */
  readonly deadline: {readonly budget: number; readonly reserve: number} | undefined
}

/** Today's retries: every failure and timeout retried, at once, up to the scenario's attempts. */
export function todaysRetries(scenario: ChainScenario): RetryPolicy {
  return {
    attempts: Math.max(1, Math.round(scenario.attemptsToday)),
    retryOn: new Set<Failure>(['timeout', 'error', 'overloaded_reply']),
    budget: undefined,
    backoffBase: 0,
    backoffFactor: 1,
    jitter: 'none',
  }
}

/** The chain as it is configured today: library timeouts everywhere, retries, nothing else. */
export function baseline(scenario: ChainScenario): Defences {
  const retries = todaysRetries(scenario)
  const timeout = scenario.defaultTimeout
  return {
    pools: [scenario.aPool, scenario.bPool, scenario.cPool],
    timeouts: [timeout, timeout, timeout],
    retries: [retries, retries, retries],
    breaker: undefined,
    bulkhead: undefined,
    fallback: undefined,
    shedding: undefined,
    deadline: undefined,
  }
}
