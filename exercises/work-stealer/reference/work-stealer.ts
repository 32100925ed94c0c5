/**
 * Work stealing: a per-worker double-ended queue and the policy an idle worker follows.
 *
 * Reference solution. The simulated machine that runs it deals the task list out in static
 * blocks, lets each worker pop its own bottom, and consults `stealPolicy` whenever a worker finds
 * its own deque empty.
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
 * An empty deque. Stored as an array whose live part is items[top …]: popBottom and pushBottom
 * work at the end of the array, stealTop advances `top`. The dead prefix is dropped once it is
 * both large and more than half the array, so every operation is amortised O(1) per task moved.
 */
export function createDeque(): WorkDeque {
  let items: Task[] = []
  let top = 0

  const compact = (): void => {
    if (top === items.length) {
      items = []
      top = 0
    } else if (top > 1024 && top * 2 > items.length) {
      items = items.slice(top)
      top = 0
    }
  }

  return {
    pushBottom(task) {
      items.push(task)
    },
    popBottom() {
      if (top === items.length) return undefined
      const task = items.pop()
      compact()
      return task
    },
    stealTop(count) {
      const n = Math.min(Math.floor(count), items.length - top)
      if (!(n > 0)) return []
      const taken = items.slice(top, top + n)
      top += n
      compact()
      return taken
    },
    size() {
      return items.length - top
    },
  }
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
 * Rob the worker holding the most tasks (ties: the lowest index), and take half of its deque,
 * rounded up. When every other deque is empty there is nothing to take: stay idle.
 *
 * Why the fullest victim: the simulated machine shows every deque size for free, so the best
 * victim is known; a real runtime cannot read all sizes cheaply and picks victims at random
 * (which is what the Blumofe–Leiserson bound assumes). Why half: one steal then moves as much
 * work as the victim keeps, so a worker that starts with all the work spreads it across P workers
 * in about log2 P rounds of steals instead of one steal per task.
 */
export const stealPolicy: StealPolicy = {
  chooseVictim({thief, sizes}) {
    let victim: number | undefined
    for (let i = 0; i < sizes.length; i++) {
      if (i === thief || sizes[i]! <= 0) continue
      if (victim === undefined || sizes[i]! > sizes[victim]!) victim = i
    }
    return victim
  },
  stealAmount(victimSize) {
    return Math.max(1, Math.ceil(victimSize / 2))
  },
}
