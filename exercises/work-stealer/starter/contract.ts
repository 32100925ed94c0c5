/**
 * The contract of this unit: the types your module works with and the promises each method
 * makes. The simulated machine that grades your work stealer, the course's reference solution and
 * the course's own tools all use these same declarations. Read them; you need not change them.
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
