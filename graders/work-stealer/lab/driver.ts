/**
 * The work stealer lab's driver, run in the sandbox beside the learner's module (or the
 * reference): it runs the module's deque and steal policy on the course's simulated machine over
 * the lab's task list and returns the run's summary, never the learner's objects. Each deque is
 * watched beside a correct one, as in grading, so a deque that hands out the wrong task stops the
 * run with the reason.
 */
import {defineDriver, generateWorkload, type Distribution, type Order} from 'course/kit/driver'
import {checkedDeques, runMachine, type Deque, type StealPolicy} from '../machine.js'
import {summariseRun, type SimulatedRun} from './schedule.js'

export interface SimulatedInput {
  readonly tasks: number
  readonly distribution: Distribution
  readonly order: Order
  readonly seed: number
  readonly workers: number
  /** What one steal costs, in units of task cost. */
  readonly stealCost: number
}

export function simulateModule(module: Record<string, unknown>, input: SimulatedInput): SimulatedRun | {readonly error: string} {
  const createDeque = module.createDeque
  const policy = module.stealPolicy as Partial<StealPolicy> | undefined
  if (typeof createDeque !== 'function') return {error: 'is missing: the module does not export createDeque'}
  if (typeof policy?.chooseVictim !== 'function' || typeof policy.stealAmount !== 'function') return {error: 'is missing: no stealPolicy with chooseVictim and stealAmount'}
  const costs = generateWorkload(input)
  try {
    const run = runMachine({costs, workers: input.workers, seed: input.seed, stealCost: input.stealCost}, checkedDeques(createDeque as () => Deque), policy as StealPolicy)
    const summary = summariseRun(run, costs, input.workers)
    return summary.error === undefined ? summary : {...summary, error: `stopped: ${summary.error}`}
  } catch (error) {
    return {error: `threw: ${error instanceof Error ? error.message : String(error)}`}
  }
}

export default defineDriver((module, input) => simulateModule(module, input as SimulatedInput))
