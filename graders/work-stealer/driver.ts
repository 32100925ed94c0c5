/**
 * The work-stealer's sandbox driver: it runs inside the sandbox next to the learner's module.
 * `deque` replays a compact list of operations on one of the learner's deques; `machine` runs the
 * simulated P-worker machine with the learner's deque and policy and reports, per run, the log of
 * the policy's decisions (see decisions.ts). It reports no schedule: the grader computes the
 * schedule itself by replaying the decisions on the course's own machine.
 */
import {defineDriver} from 'course/kit/driver'
import {recordDecisions, type DecisionLog, type Run} from './decisions.js'
import {runMachine, type Deque, type StealPolicy} from './machine.js'

export type DequeOp = 'p' | 'b' | 'z' | `s${number}`

export interface DequeInput {
  readonly mode: 'deque'
  /** Operations, comma-separated: p (push the next task), b (popBottom), z (size), s<k> (stealTop(k)). */
  readonly ops: string
}

export interface MachineInput {
  readonly mode: 'machine'
  readonly runs: readonly Run[]
}

export type DequeResult = number | null | number[]

/** What one run reports: its decisions, or why the machine stopped (a thrown error or a broken rule). */
export type RunReport = DecisionLog | {readonly error: string}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function replayDeque(createDeque: () => Deque, ops: string): {results: DequeResult[]; error?: string} {
  const deque = createDeque()
  const results: DequeResult[] = []
  let next = 0
  try {
    for (const op of ops.split(',')) {
      if (op === 'p') deque.pushBottom({id: next++, cost: 1})
      else if (op === 'b') results.push(deque.popBottom()?.id ?? null)
      else if (op === 'z') results.push(deque.size())
      else results.push(deque.stealTop(Number(op.slice(1))).map((t) => t.id))
    }
  } catch (error) {
    return {results, error: describe(error)}
  }
  return {results}
}

/** The driver (named in grader.json as `"driver": "driver.ts"`, bundled with each submission). */
export const workStealerDriver = (module: Record<string, unknown>, input: unknown): unknown => {
  const createDeque = module.createDeque as (() => Deque) | undefined
  const policy = module.stealPolicy as StealPolicy | undefined
  if (typeof createDeque !== 'function') throw new Error('the module does not export createDeque')
  const request = input as DequeInput | MachineInput
  if (request.mode === 'deque') return replayDeque(createDeque, request.ops)
  if (!policy || typeof policy.chooseVictim !== 'function' || typeof policy.stealAmount !== 'function') throw new Error('the module does not export a stealPolicy with chooseVictim and stealAmount')
  return {
    runs: request.runs.map((run): RunReport => {
      const recorded = recordDecisions(policy)
      try {
        const result = runMachine({costs: run.costs, workers: run.workers, seed: run.seed}, createDeque, recorded.policy)
        // A run that stopped early is judged by its error alone: its log is never replayed.
        return result.error ? {error: result.error} : recorded.log
      } catch (error) {
        return {error: `the policy or the deque threw: ${describe(error)}`}
      }
    }),
  }
}

export default defineDriver(workStealerDriver)
