/**
 * The work stealer lab with `--mine`: the learner's deque and policy run on the course's simulated
 * machine (in the sandbox, through the lab's driver), beside two runs the lab makes itself on the
 * same machine and task list: static blocks (no stealing) and the course's own work stealer (a
 * ring-buffer deque, half of the fullest deque). Simulated time is deterministic, so the learner's
 * makespan can be set against the bound exactly, run after run.
 */
import {generateWorkload, type CodeOutcome, type Distribution, type Order} from 'course/kit/lab'
import {lowerBound, noStealing, ringDeque, runMachine, stealHalfFromFullest, type StealPolicy} from '../machine.js'
import type {SimulatedInput} from './driver.js'
import {summariseRun, type SimulatedRun, type WorkerLane} from './schedule.js'

export type SimulatedStrategy = 'static' | 'yours' | 'course'

export interface SimulatedStrategyResult {
  readonly strategy: SimulatedStrategy
  readonly makespan_ms: number
  /** makespan / lower bound. */
  readonly ratio: number
  readonly steals: number
  readonly failed_steals: number
  /** Per worker: time running tasks and the stretches of it, ms of simulated time. */
  readonly workers: WorkerLane[]
}

export interface SimulatedWorkStealerRun {
  readonly source: 'mine'
  readonly workers: number
  readonly tasks: number
  readonly distribution: Distribution
  readonly order: Order
  readonly grain_ms: number
  readonly seed: number
  readonly total_work_ms: number
  readonly longest_task_ms: number
  /** max(ΣT/P, max T), ms. */
  readonly lower_bound_ms: number
  /** The steal cost the machine charges, ms. */
  readonly steal_cost_ms: number
  /**
   * Static blocks, the learner's work stealer and the course's, in that order. The learner's may
   * have failed: its error completes the sentence "Your work stealer …".
   */
  readonly simulated: Array<SimulatedStrategyResult | {readonly strategy: 'yours'; readonly error: string}>
}

/** The cost of one steal in units of task cost, as in the unit's text; every run here pays it. */
export const STEAL_COST = 0.01

const rounded = (x: number): number => Number(x.toPrecision(4))

export async function runSimulated(input: SimulatedInput, grainMs: number, runCode: (inputs: readonly unknown[]) => Promise<CodeOutcome[]>): Promise<SimulatedWorkStealerRun> {
  const costs = generateWorkload(input)
  const bound = lowerBound(costs, input.workers)
  const inMs = (run: SimulatedRun, strategy: SimulatedStrategy): SimulatedStrategyResult => ({
    strategy,
    makespan_ms: rounded(run.makespan * grainMs),
    ratio: rounded(run.makespan / bound),
    steals: run.steals,
    failed_steals: run.failedSteals,
    workers: run.lanes.map((lane) => ({busy: rounded(lane.busy * grainMs), spans: lane.spans.map(([s, e]) => [rounded(s * grainMs), rounded(e * grainMs)])})),
  })
  const course = (policy: StealPolicy) => summariseRun(runMachine({costs, workers: input.workers, seed: input.seed, stealCost: input.stealCost}, ringDeque, policy), costs, input.workers)
  const [outcome] = await runCode([input])
  const yours = learnerRun(outcome, input.workers)
  return {
    source: 'mine',
    workers: input.workers,
    tasks: input.tasks,
    distribution: input.distribution,
    order: input.order,
    grain_ms: grainMs,
    seed: input.seed,
    total_work_ms: rounded(costs.reduce((a, b) => a + b, 0) * grainMs),
    longest_task_ms: rounded(Math.max(...costs) * grainMs),
    lower_bound_ms: rounded(bound * grainMs),
    steal_cost_ms: rounded(input.stealCost * grainMs),
    simulated: [inMs(course(noStealing), 'static'), typeof yours === 'string' ? {strategy: 'yours', error: yours} : inMs(yours, 'yours'), inMs(course(stealHalfFromFullest), 'course')],
  }
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/**
 * The learner's run as the driver reported it, checked before use: the report comes from the
 * learner's process, so anything but a well-formed summary becomes a sentence (a string).
 */
function learnerRun(outcome: CodeOutcome | undefined, workers: number): SimulatedRun | string {
  if (!outcome) return 'did not run'
  if (!outcome.ok) return `could not run: ${outcome.error}`
  const run = outcome.output as Partial<SimulatedRun> | null
  if (typeof run?.error === 'string') return run.error
  const lanes = run?.lanes
  const wellFormed =
    finite(run?.makespan) &&
    finite(run.steals) &&
    finite(run.failedSteals) &&
    Array.isArray(lanes) &&
    lanes.length === workers &&
    lanes.every((lane) => finite(lane?.busy) && Array.isArray(lane.spans) && lane.spans.every((span) => Array.isArray(span) && span.length === 2 && span.every(finite)))
  return wellFormed ? (run as SimulatedRun) : 'came back in a shape the lab cannot read'
}
