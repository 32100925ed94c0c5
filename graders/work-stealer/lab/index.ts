/**
 * The work stealer's lab (`course run work-stealer`): one task list, three strategies, on real
 * threads. It shows each strategy's makespan against the lower bound max(ΣT/P, max T), and how far
 * work stealing closes the gap that static blocks leave on skewed work.
 */
import {defineLab, figure, generateWorkload, type Distribution, type LabBlock, type Order, type Tone} from 'course/kit/lab'
import type {Strategy} from './layout.js'
import {runStrategies, type StrategyResult} from './threads.js'

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

const NAMES: Record<Strategy, string> = {static: 'static blocks', 'shared-queue': 'shared queue', 'work-stealing': 'work stealing'}

const ratioTone = (ratio: number): Tone => (ratio <= 1.1 ? 'good' : ratio > 1.5 ? 'bad' : 'warn')

export default defineLab<WorkStealerRun>({
  async run(values, {progress}) {
    const [workers, tasks, seed] = [Number(values.workers), Number(values.tasks), Number(values.seed)]
    const distribution = values.distribution as Distribution
    const order = values.order as Order
    const grain = Number(values.grain) * 1000
    const durations = generateWorkload({tasks, distribution, order, seed}).map((cost) => cost * grain)
    const strategies = await runStrategies({durations, workers, onProgress: progress ? (strategy, finished, total) => progress(`running ${strategy}: ${finished}/${total} tasks`) : undefined})
    const ratio = (s: Strategy) => strategies.find((r) => r.strategy === s)!.ratio
    return {
      workers,
      tasks,
      distribution,
      order,
      grain_ms: grain,
      seed,
      total_work_ms: durations.reduce((a, b) => a + b, 0),
      longest_task_ms: Math.max(...durations),
      strategies,
      speedup_over_static: ratio('static') / ratio('work-stealing'),
    }
  },

  view(run): LabBlock[] {
    return [
      {kind: 'title', text: `${run.tasks} ${run.distribution} tasks (${run.order}), ${run.workers} worker threads, 1 unit = ${figure(run.grain_ms)} ms, seed ${run.seed}`},
      {kind: 'text', text: `total work ${figure(run.total_work_ms)} ms · longest task ${figure(run.longest_task_ms)} ms · lower bound max(ΣT/P, max T)`},
      {
        kind: 'table',
        columns: [
          {header: 'strategy'},
          {header: 'makespan', align: 'right'},
          {header: 'bound', align: 'right'},
          {header: '× bound', align: 'right'},
          {header: 'steals', align: 'right'},
          {header: 'idle', align: 'right'},
          {header: 'overhead/task', align: 'right'},
        ],
        rows: run.strategies.map((s) => ({
          cells: [
            NAMES[s.strategy],
            `${figure(s.makespan)} ms`,
            `${figure(s.lowerBound)} ms`,
            figure(s.ratio, 3),
            s.strategy === 'work-stealing' ? String(s.steals) : '—',
            `${figure(s.idle)} ms`,
            `${figure(s.overheadPerTask)} µs`,
          ],
          tones: [undefined, undefined, undefined, ratioTone(s.ratio)],
        })),
      },
      {
        kind: 'bars',
        bars: run.strategies.map((s) => ({label: NAMES[s.strategy], value: s.ratio, text: `${figure(s.ratio, 3)} ×`, tone: s.ratio <= 1.1 ? 'good' : 'warn'})),
        reference: {label: 'lower bound', value: 1, text: '1'},
      },
      {kind: 'text', text: `Work stealing: ${figure(run.speedup_over_static, 3)} × better than static blocks here.`},
    ]
  },
})
