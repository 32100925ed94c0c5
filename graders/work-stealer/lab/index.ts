/**
 * The work stealer's lab (`course run work-stealer`): one task list, three strategies, on real
 * threads. It shows each strategy's makespan against the lower bound max(ΣT/P, max T), how far
 * work stealing closes the gap that static blocks leave on skewed work, and each worker's time.
 *
 * With `--mine` it runs the learner's deque and steal policy instead, on the course's simulated
 * machine (simulated.ts): their code never runs on the lab's threads.
 */
import {defineLab, figure, generateWorkload, type Distribution, type LabBlock, type Order, type Tone} from 'course/kit/lab'
import {ganttOf, threadTime} from './gantt.js'
import type {Strategy} from './layout.js'
import {runSimulated, STEAL_COST, type SimulatedWorkStealerRun} from './simulated.js'
import {simulatedView} from './simulated-view.js'
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

export type {SimulatedWorkStealerRun} from './simulated.js'

const NAMES: Record<Strategy, string> = {static: 'static blocks', 'shared-queue': 'shared queue', 'work-stealing': 'work stealing'}
const SHORT: Record<Strategy, string> = {static: 'static', 'shared-queue': 'queue', 'work-stealing': 'stealing'}

const ratioTone = (ratio: number): Tone => (ratio <= 1.1 ? 'good' : ratio > 1.5 ? 'bad' : 'warn')

export default defineLab<WorkStealerRun | SimulatedWorkStealerRun>({
  async run(values, {progress, source, runCode}) {
    const [workers, tasks, seed] = [Number(values.workers), Number(values.tasks), Number(values.seed)]
    const distribution = values.distribution as Distribution
    const order = values.order as Order
    const grain = Number(values.grain) * 1000
    if (source === 'mine') {
      if (!runCode) throw new Error('the work stealer lab runs learner code, so its lab.json must say "uses": "code"')
      progress?.('running your deque and policy on the simulated machine')
      return runSimulated({tasks, distribution, order, seed, workers, stealCost: STEAL_COST}, grain, runCode)
    }
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

  view: (run) => ('simulated' in run ? simulatedView(run) : threadsView(run)),
})

function threadsView(run: WorkStealerRun): LabBlock[] {
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
    ganttOf(
      run.strategies.map((s) => ({name: SHORT[s.strategy], makespan: s.makespan, workers: s.workers.map((w, i) => threadTime(i, w))})),
      {
        workers: run.workers,
        unit: 'ms',
        what: 'busy time drawn first',
        legend: [
          {tone: 'good', text: 'running tasks'},
          {tone: 'warn', text: 'taking tasks, locks, steals, waits'},
          {tone: 'dim', text: 'finished, idle'},
        ],
      },
    ),
    {kind: 'text', text: `Work stealing: ${figure(run.speedup_over_static, 3)} × better than static blocks here.`},
  ]
}
