/**
 * Work stealing: a per-worker double-ended queue and the policy an idle worker follows.
 *
 * A simulated machine with P workers uses this module. It deals the task list out in static
 * blocks (worker w gets the w-th run of consecutive tasks, pushed onto its deque in list order),
 * lets every worker pop its own bottom, and consults `stealPolicy` whenever a worker finds its own
 * deque empty. Stolen tasks are pushed onto the thief's deque in the order `stealTop` returns them.
 *
 * Rules: deterministic code only (randomness comes from `context.random`), no clock, no timers,
 * and import nothing but `node:` built-ins.
 */

/** A unit of work; cost is its running time in abstract time units (> 0). */
export interface Task {
  readonly id: number
  readonly cost: number
}

/** A worker's own double-ended queue: the owner pushes and pops at the bottom, thieves take from the top. */
export interface WorkDeque {
  /** Adds `task` at the bottom (the newest end). */
  pushBottom(task: Task): void
  /**
   * Removes and returns the task at the bottom, i.e. the one pushed most recently (LIFO for the
   * owner); undefined when the deque is empty.
   */
  popBottom(): Task | undefined
  /**
   * Removes and returns up to `count` of the OLDEST tasks (those nearest the top), oldest first.
   * Fewer are returned when fewer are held. A fractional count is rounded down; count <= 0 or an
   * empty deque returns [] and changes nothing.
   *
   * Example: after pushBottom of tasks 1, 2, 3, 4, 5, stealTop(2) returns [1, 2] and leaves 3, 4, 5.
   */
  stealTop(count: number): Task[]
  /** The number of tasks held. */
  size(): number
}

/**
 * Returns a new, empty deque. Every task pushed must come out exactly once, through popBottom or
 * stealTop. Aim for O(1) amortised work per task moved: deques can hold 10,000 tasks and the
 * tests run many of them.
 */
export function createDeque(): WorkDeque {
  // TODO: choose a representation that makes both ends cheap.
  throw new Error('TODO: createDeque')
}

/** What an idle worker knows when it decides whom to rob. */
export interface StealContext {
  /** Index of the idle worker. */
  readonly thief: number
  /** Current deque size of every worker (sizes[thief] === 0). */
  readonly sizes: readonly number[]
  /** Seeded random numbers in [0, 1); use it instead of Math.random(). */
  readonly random: () => number
  /** Consecutive failed steal attempts by this thief (a failed attempt found nothing to take). */
  readonly failedAttempts: number
}

/** The decisions of an idle worker. */
export interface StealPolicy {
  /**
   * The index of a worker to rob: an integer in [0, sizes.length) other than `thief`. Return
   * undefined to stay idle for now; the machine asks again a little later, and stops asking once
   * every deque is empty. Choosing a worker whose deque is empty counts as a failed attempt.
   */
  chooseVictim(context: StealContext): number | undefined
  /**
   * How many tasks to take from a victim holding `victimSize` tasks (victimSize >= 1): an
   * integer in [1, victimSize].
   */
  stealAmount(victimSize: number): number
}

/**
 * The policy of every idle worker.
 *
 * TODO: this starting policy never steals, so the machine behaves exactly like static block
 * partitioning and idle workers simply wait for the slowest block to finish. Replace it.
 */
export const stealPolicy: StealPolicy = {
  chooseVictim(context) {
    return undefined // TODO: choose a victim
  },
  stealAmount(victimSize) {
    return 0 // TODO: decide how much to take
  },
}
