/**
 * A task queue with priorities, dependencies, retries with exponential backoff, a dead-letter
 * list and a token-bucket rate limit, modelled in a single process so that it can be tested
 * exactly.
 *
 * Time is never read from a clock: every call that changes the queue carries `now`, a time in
 * milliseconds. Across all calls on one queue, `now` never decreases (callers guarantee it; you
 * need not check). The queue's *clock* is the latest `now` it has been given; `state()` and
 * `inspect()` describe the queue at that clock. Randomness (for jitter only) comes from an
 * injected `random` function.
 *
 * Invalid arguments make a function throw an `Error` (a `RangeError` or `TypeError` is fine);
 * a call that throws leaves the queue exactly as it was, its clock included.
 */

/**
 * What a task is doing, as reported by `state()` and `inspect()`:
 *
 * - `blocked`: at least one of its dependencies is not `done` (an unknown dependency counts as
 *   not done).
 * - `queued`: may be handed out by `next()` now (subject to the rate limit).
 * - `running`: handed out by `next()` and not yet completed or failed.
 * - `retrying`: its last attempt failed and its backoff has not elapsed yet (clock < retry time).
 *   Once the clock reaches the retry time the task reports `queued`.
 * - `done`: completed. Final.
 * - `dead`: will never run again; it is in the dead-letter list. Final.
 */
export type TaskState = 'blocked' | 'queued' | 'running' | 'retrying' | 'done' | 'dead'

/** How long to wait before each retry. */
export interface BackoffPolicy {
  /** Delay before the first retry, in milliseconds; `>= 0`. */
  readonly baseMs: number
  /** Each further retry waits this many times longer than the one before; `>= 1`. */
  readonly factor: number
  /** Cap on the delay before jitter is applied, in milliseconds; `>= baseMs`. */
  readonly maxMs: number
  /**
   * Jitter as a fraction `j` with `0 <= j < 1`: the capped delay is spread uniformly over
   * `[d·(1 − j), d·(1 + j))`. Default `0` (no jitter, and `random` is never called).
   */
  readonly jitter?: number
}

/** A token bucket: at most `capacity` tasks may start in a burst, then `refillPerSecond` per second. */
export interface RateLimit {
  /** Most tokens the bucket holds; an integer `>= 1`. The bucket starts full. */
  readonly capacity: number
  /** Tokens added per second, continuously (not in steps); `> 0`. */
  readonly refillPerSecond: number
}

export interface TaskQueueOptions {
  /**
   * How many times a failed task is retried. A task may therefore run `maxRetries + 1` times in
   * all; the failure of attempt number `maxRetries + 1` makes it dead. A non-negative integer.
   */
  readonly maxRetries: number
  readonly backoff: BackoffPolicy
  /** When present, every task handed out by `next()` costs one token of this bucket. */
  readonly rateLimit?: RateLimit
  /**
   * Aging against starvation. When present (`> 0`), a waiting task's effective priority improves
   * by one level for every whole `agingMs` milliseconds it has been eligible:
   * `effective = max(0, priority − floor((now − readyAt) / agingMs))`. Absent: no aging.
   */
  readonly agingMs?: number
  /**
   * Source of uniform numbers in `[0, 1)` for jitter. Required when `backoff.jitter > 0`
   * (creating the queue without it throws).
   */
  readonly random?: () => number
}

export interface TaskSpec {
  /** Unique, non-empty. Submitting an id that was already submitted throws. */
  readonly id: string
  /** An integer from 0 (most urgent) to 9 (least urgent); anything else throws. */
  readonly priority: number
  /**
   * Ids of tasks that must be `done` before this one may run. Repeated ids count once. An id
   * the queue does not know yet is allowed: the task stays `blocked` until a task with that id
   * is submitted and completes (forever, if none ever is).
   */
  readonly dependsOn?: readonly string[]
}

/** Why a task died. */
export type DeathReason = 'retries-exhausted' | 'dependency-dead'

/** One entry of the dead-letter list. */
export interface DeadLetter {
  readonly id: string
  readonly reason: DeathReason
  /**
   * `null` for `retries-exhausted`. For `dependency-dead`: the id of the task whose exhausted
   * retries doomed this one (the root of the chain, not necessarily a direct dependency).
   */
  readonly cause: string | null
  /** How many times the task was handed out by `next()` (0 for `dependency-dead`). */
  readonly attempts: number
  /** The `now` of the call in which the task died. */
  readonly at: number
}

/** A snapshot of one task at the queue's clock. */
export interface TaskInfo {
  readonly id: string
  /** The priority it was submitted with (aging does not change this field). */
  readonly priority: number
  readonly state: TaskState
  /** How many times `next()` has handed it out so far. */
  readonly attempts: number
  /**
   * For `queued` and `retrying` tasks, the time from which the task is eligible to run:
   * - submitted with every dependency already `done`: the `now` of `submit`;
   * - unblocked when its last dependency completed: the `now` of that `complete` call;
   * - after a failure: the retry time, `now` of the `fail` call plus the backoff delay.
   *
   * `null` in every other state.
   */
  readonly readyAt: number | null
}

export interface TaskQueue {
  /**
   * Adds a task. It becomes `queued` (readyAt = now) if every dependency is already `done`,
   * `blocked` if some dependency is unknown or not yet done, and `dead` at once (reason
   * `dependency-dead`) if some dependency is already dead. In that last case, `cause` is the
   * root cause of the first dead id in `dependsOn` order (that id itself if it exhausted its
   * retries, otherwise its own `cause`), and every task already waiting on the new id dies
   * with it (see `fail`).
   *
   * Throws if the id is not a non-empty string or was already submitted, if the priority is
   * not an integer in 0..9, if `dependsOn` is present but not an array of strings, or if the
   * task would close a dependency cycle: it names itself, or a chain of `dependsOn` links
   * among submitted tasks leads from one of its dependencies back to its id (possible because
   * tasks may name ids before those are submitted).
   */
  submit(task: TaskSpec, now: number): void

  /**
   * Hands out the next task to run and marks it `running` (its `attempts` grows by one), or
   * returns `undefined`.
   *
   * Eligible tasks are the `queued` and `retrying` ones with `readyAt <= now`. The chosen one
   * has the smallest effective priority (the submitted one, or the aged one when `agingMs` is
   * set); ties go to the smallest `readyAt`, then to the task submitted first.
   *
   * With a rate limit, handing a task out costs one token: if the bucket holds less than one
   * whole token at `now`, `next` returns `undefined` without handing anything out. When no
   * task is eligible, no token is spent.
   */
  next(now: number): string | undefined

  /**
   * Marks a `running` task `done`. Every `blocked` task whose dependencies are now all `done`
   * becomes `queued` with `readyAt = now`. Throws if the id is unknown or not `running`.
   */
  complete(id: string, now: number): void

  /**
   * Reports that the current attempt of a `running` task failed. Throws if the id is unknown or
   * not `running`.
   *
   * Let `attempts` count the attempt that just failed. If `attempts <= maxRetries`, the task
   * waits for retry number `attempts` and is eligible again from
   * `readyAt = now + backoffDelay(attempts, backoff, random)` (`retrying` until then).
   *
   * Otherwise it dies (reason `retries-exhausted`, `cause` null), and so does every task that
   * depends on it directly or through other tasks and is not dead yet, each with reason
   * `dependency-dead`, `cause` = this task's id and `at = now`. Dead letters are appended in
   * that order: the failed task first, then its dependents in the order they were submitted.
   */
  fail(id: string, now: number): void

  /** The state at the queue's clock, or `undefined` for an unknown id. */
  state(id: string): TaskState | undefined

  /** A snapshot at the queue's clock, or `undefined` for an unknown id. */
  inspect(id: string): TaskInfo | undefined

  /** A copy of the dead-letter list, in the order the tasks died. */
  deadLetters(): DeadLetter[]
}

/**
 * The delay before retry number `retry` (1 for the first retry, i.e. after the first failed
 * attempt), in milliseconds:
 *
 *     d = min(baseMs * factor ** (retry - 1), maxMs)
 *
 * With `jitter = j > 0`, it calls `random()` exactly once, getting `r`, and returns
 * `d * (1 + j * (2 * r - 1))`. With no jitter it returns `d` and never calls `random`.
 *
 * Throws if `retry` is not an integer `>= 1`, or if jitter is requested without `random`.
 */
export function backoffDelay(retry: number, backoff: BackoffPolicy, random?: () => number): number {
  // TODO: exponential growth, then the cap, then (optionally) jitter.
  throw new Error('TODO: backoffDelay')
}

/** A token bucket whose clock is the `now` passed to each call (never decreasing). */
export interface TokenBucket {
  /**
   * The tokens available at `now` (after refilling), as a number such as `2.5`.
   * Refill is continuous: over `t` ms the bucket gains `t * refillPerSecond / 1000` tokens,
   * never holding more than `capacity`.
   */
  available(now: number): number
  /** Spends one token and returns `true` if at least one whole token is available at `now`; otherwise returns `false` and changes nothing. */
  tryTake(now: number): boolean
}

/**
 * Creates a full token bucket. Throws unless `capacity` is an integer `>= 1` and
 * `refillPerSecond > 0`.
 *
 * Keep the arithmetic exact: a fraction such as 0.1 token has no exact floating-point form,
 * and sums of such fractions drift (ten additions of 0.1 give 0.9999999999999999, less than
 * one token). Counting thousandths of a token instead keeps every quantity an integer when
 * times and rates are integers.
 */
export function createTokenBucket(limit: RateLimit): TokenBucket {
  // TODO: remember the stored amount and the time it was last brought up to date.
  throw new Error('TODO: createTokenBucket')
}

/**
 * Creates an empty task queue. Throws if `maxRetries` is not a non-negative integer, if
 * `baseMs < 0`, `factor < 1`, `maxMs < baseMs`, jitter is outside `[0, 1)`, jitter is set
 * without `random`, `agingMs` is present but not `> 0`, or the rate limit is invalid (see
 * `createTokenBucket`).
 */
export function createTaskQueue(options: TaskQueueOptions): TaskQueue {
  // TODO: keep every task with its state, attempts and readyAt; remember which tasks wait on
  // each id so that complete() and fail() can find them.
  throw new Error('TODO: createTaskQueue')
}
