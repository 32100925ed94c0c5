/**
 * Work stealing: a per-worker double-ended queue and the policy an idle worker follows.
 *
 * A simulated machine with P workers uses this module. It deals the task list out in static
 * blocks (worker w gets the w-th run of consecutive tasks, pushed onto its deque in list order),
 * lets every worker pop its own bottom, and consults `stealPolicy` whenever a worker finds its own
 * deque empty. Stolen tasks are pushed onto the thief's deque in the order `stealTop` returns them.
 *
 * The types (`Task`, `WorkDeque`, `StealContext`, `StealPolicy`) and what each method promises are
 * in contract.ts.
 *
 * Rules: deterministic code only (randomness comes from `context.random`), no clock, no timers,
 * and import nothing but `node:` built-ins and the files of this folder.
 */
import type {StealPolicy, WorkDeque} from './contract.ts'

export type {StealContext, StealPolicy, Task, WorkDeque} from './contract.ts'

/**
 * Returns a new, empty deque. Every task pushed must come out exactly once, through popBottom or
 * stealTop. Aim for O(1) amortised work per task moved: deques can hold 10,000 tasks and the
 * tests run many of them.
 */
export function createDeque(): WorkDeque {
  // TODO: choose a representation that makes both ends cheap.
  throw new Error('TODO: createDeque')
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
