import {UsageError} from '../core/errors.js'
import {quantityInput} from '../core/capacity/inputs.js'
import {runStrategies, type StrategyResult} from '../core/runner/run.js'
import type {Strategy} from '../core/runner/layout.js'
import {DISTRIBUTIONS, generateWorkload, ORDERS, type Distribution, type Order} from '../core/sim/workloads.js'

export interface WorkStealerRunOptions {
  readonly workers: number
  readonly tasks: number
  readonly distribution: Distribution
  readonly order: Order
  /** How long one unit of task cost runs, e.g. "0.5 ms". */
  readonly grain: string
  readonly seed: number
  readonly onProgress?: (strategy: Strategy, finished: number, total: number) => void
}

export interface WorkStealerRun {
  readonly workers: number
  readonly tasks: number
  readonly distribution: Distribution
  readonly order: Order
  readonly grain_ms: number
  readonly seed: number
  /** Σ task time (as asked) and the longest task, ms. */
  readonly total_work_ms: number
  readonly longest_task_ms: number
  readonly strategies: StrategyResult[]
  /** Static partitioning's ratio divided by work stealing's. */
  readonly speedup_over_static: number
}

/** `course run work-stealer`: one task list, three strategies, on real threads. */
export async function runWorkStealer(options: WorkStealerRunOptions): Promise<WorkStealerRun> {
  if (!DISTRIBUTIONS.includes(options.distribution)) throw new UsageError(`--distribution must be one of ${DISTRIBUTIONS.join(', ')}`)
  if (!ORDERS.includes(options.order)) throw new UsageError(`--order must be one of ${ORDERS.join(', ')}`)
  if (!Number.isInteger(options.workers) || options.workers < 1 || options.workers > 64) throw new UsageError('--workers must be a whole number from 1 to 64')
  if (!Number.isInteger(options.tasks) || options.tasks < 1 || options.tasks > 1_000_000) throw new UsageError('--tasks must be a whole number from 1 to 1,000,000')
  const grain = quantityInput('grain', options.grain, 'duration').value * 1000
  if (!(grain > 0) || grain > 1000) throw new UsageError(`--grain ${options.grain}: one unit of work must take more than 0 and at most 1 s`)
  const costs = generateWorkload({tasks: options.tasks, distribution: options.distribution, order: options.order, seed: options.seed})
  const durations = costs.map((c) => c * grain)
  const strategies = await runStrategies({durations, workers: options.workers, onProgress: options.onProgress})
  const byName = (s: Strategy) => strategies.find((r) => r.strategy === s)!
  return {
    workers: options.workers,
    tasks: options.tasks,
    distribution: options.distribution,
    order: options.order,
    grain_ms: grain,
    seed: options.seed,
    total_work_ms: durations.reduce((a, b) => a + b, 0),
    longest_task_ms: Math.max(...durations),
    strategies,
    speedup_over_static: byName('static').ratio / byName('work-stealing').ratio,
  }
}
