/**
 * The work-stealer's sandbox driver: it runs inside the sandbox next to the learner's module.
 * `deque` replays a compact list of operations on the learner's deques; `policy` asks the policy
 * directly, in scripted situations; `machine` runs the simulated P-worker machine with the
 * learner's deque and policy and reports, per run, the log of the policy's decisions (see
 * decisions.ts). It reports no schedule: the grader computes the schedule itself by replaying the
 * decisions on the course's own machine.
 */
import {defineDriver, randomFromSeed} from 'course/kit/driver'
import {recordDecisions, type DecisionLog, type Run} from './decisions.js'
import {dequeOp, parseContext, parseCounts, ResultDigest} from './ops.js'
import {checkedDeques, runMachine, type Deque, type StealPolicy} from './machine.js'

export interface DequeInput {
  readonly mode: 'deque'
  /** Operations, comma-separated; see ops.ts for the language. */
  readonly ops: string
  /** Send a digest of the results instead of the results (a speed case: see ResultDigest). */
  readonly digest?: boolean
}

export interface PolicyInput {
  readonly mode: 'policy'
  /** Situations to ask `chooseVictim` about, one string each (see `parseContext` in ops.ts). */
  readonly contexts: readonly string[]
  /** Victim sizes to ask `stealAmount` about: comma-separated integers or ranges `a-b`. */
  readonly amounts: string
}

export interface MachineInput {
  readonly mode: 'machine'
  readonly runs: readonly Run[]
  /** Pairs of run indices that must send the same decisions (the same workload and seed twice). */
  readonly same?: ReadonlyArray<readonly [number, number]>
}

/**
 * What one deque operation gave: a task id, null for the undefined an empty popBottom returns,
 * the ids stealTop returned, or a string naming anything else that came back (so a null from
 * popBottom, or a stealTop that returns no array, is reported as it is, not read as a right answer).
 */
export type DequeResult = number | null | Array<number | string> | string

/** What one run reports: its decisions, or why the machine stopped (a thrown error or a broken rule). */
export type RunReport = DecisionLog | {readonly error: string}

/** What the policy answered: the raw values, for the grader to judge. */
export interface PolicyReport {
  readonly victims: unknown[]
  readonly amounts: unknown[]
  readonly error?: string
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const isTask = (value: unknown): value is {id: number} => typeof value === 'object' && value !== null && typeof (value as {id?: unknown}).id === 'number'

/** A returned value that is not what the contract allows, in a few words. */
function other(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object that is not a task' : `${typeof value} ${String(value).slice(0, 20)}`
}

/** Where replayed results go: the full list, or a digest (see ResultDigest). */
interface ResultSink {
  pop(task: unknown): void
  size(size: unknown): void
  steal(taken: unknown): void
}

const taskId = (task: unknown): number | string => (isTask(task) ? task.id : other(task))

function listSink(results: DequeResult[]): ResultSink {
  return {
    pop: (task) => void results.push(task === undefined ? null : taskId(task)),
    size: (size) => void results.push(typeof size === 'number' && Number.isFinite(size) ? size : other(size)),
    steal: (taken) => void results.push(Array.isArray(taken) ? taken.map(taskId) : other(taken)),
  }
}

function digestSink(digest: ResultDigest): ResultSink {
  const code = (task: unknown) => (isTask(task) ? task.id : -2)
  return {
    pop: (task) => digest.one(task === undefined ? -1 : code(task)),
    size: (size) => digest.one(typeof size === 'number' ? size : -2),
    steal: (taken) => (Array.isArray(taken) ? digest.list(taken, code) : digest.one(-2)),
  }
}

function replayDeque(createDeque: () => Deque, ops: string, sink: ResultSink): string | undefined {
  const deques: Deque[] = []
  let current = 0
  let next = 0
  try {
    for (const text of ops.split(',')) {
      const op = dequeOp(text)
      if (op.kind === 'use') {
        current = op.deque
        continue
      }
      // A deque is made when first used, so `d1` after work on deque 0 gets a brand-new one.
      const deque = (deques[current] ??= createDeque())
      if (op.kind === 'push') for (let k = 0; k < op.times; k++) deque.pushBottom({id: next++, cost: 1})
      else if (op.kind === 'pop') for (let k = 0; k < op.times; k++) sink.pop(deque.popBottom())
      else if (op.kind === 'size') for (let k = 0; k < op.times; k++) sink.size(deque.size())
      else for (let k = 0; k < op.times; k++) sink.steal(deque.stealTop(op.count))
    }
  } catch (error) {
    return describe(error)
  }
  return undefined
}

/** Asks the policy about each scripted situation, then about each victim size, in order. */
function askPolicy(policy: StealPolicy, input: PolicyInput): PolicyReport {
  const victims: unknown[] = []
  const amounts: unknown[] = []
  try {
    for (const text of input.contexts) {
      const {thief, sizes, failedAttempts, seed} = parseContext(text)
      victims.push(policy.chooseVictim({thief, sizes, random: randomFromSeed(seed), failedAttempts}))
    }
    for (const size of parseCounts(input.amounts)) amounts.push(policy.stealAmount(size))
  } catch (error) {
    return {victims, amounts, error: describe(error)}
  }
  return {victims, amounts}
}

/** The driver (named in grader.json as `"driver": "driver.ts"`, bundled with each submission). */
export const workStealerDriver = (module: Record<string, unknown>, input: unknown): unknown => {
  const createDeque = module.createDeque as (() => Deque) | undefined
  const policy = module.stealPolicy as StealPolicy | undefined
  const request = input as DequeInput | PolicyInput | MachineInput
  const noPolicy = () => new Error('the module does not export a stealPolicy with chooseVictim and stealAmount')
  const hasPolicy = policy && typeof policy.chooseVictim === 'function' && typeof policy.stealAmount === 'function'
  if (request.mode === 'policy') {
    if (!hasPolicy) throw noPolicy()
    return askPolicy(policy, request)
  }
  if (typeof createDeque !== 'function') throw new Error('the module does not export createDeque')
  if (request.mode === 'deque') {
    if (request.digest) {
      const digest = new ResultDigest()
      const error = replayDeque(createDeque, request.ops, digestSink(digest))
      return {digest: digest.value, count: digest.count, ...(error === undefined ? {} : {error})}
    }
    const results: DequeResult[] = []
    const error = replayDeque(createDeque, request.ops, listSink(results))
    return {results, ...(error === undefined ? {} : {error})}
  }
  if (!hasPolicy) throw noPolicy()
  return {
    runs: request.runs.map((run): RunReport => {
      const recorded = recordDecisions(policy)
      try {
        // Each deque is watched beside a correct one: a task out of order is caught where it happens.
        const result = runMachine({costs: run.costs, workers: run.workers, seed: run.seed}, checkedDeques(createDeque), recorded.policy)
        // A run that stopped early is judged by its error alone: its log is never replayed.
        return result.error ? {error: result.error} : recorded.log
      } catch (error) {
        return {error: `the policy or the deque threw: ${describe(error)}`}
      }
    }),
  }
}

export default defineDriver(workStealerDriver)
