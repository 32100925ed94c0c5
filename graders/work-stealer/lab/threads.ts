/**
 * Runs one task list under each strategy on real worker threads and measures what happened. The
 * same threads serve every strategy in turn (started once, warmed up first), and every strategy
 * gets the same durations, so the comparison is fair.
 */
import {Worker} from 'node:worker_threads'
import {labFile} from 'course/kit/lab'
import {Cell, createLayout, DEQUE_CELLS, STRATEGIES, views, type Layout, type Strategy} from './layout.js'

export interface StrategyResult {
  readonly strategy: Strategy
  /** Wall time from the common start to the last task's end, ms. */
  readonly makespan: number
  /** max(Σ measured task time / P, longest measured task), ms. */
  readonly lowerBound: number
  readonly ratio: number
  readonly steals: number
  /** Time workers had nothing to run: waiting for others at the end, ms (all workers). */
  readonly idle: number
  /** Time spent neither running tasks nor idle (taking tasks, locks, steals), per task, µs. */
  readonly overheadPerTask: number
  /** Per worker: finish time and busy time, ms. */
  readonly workers: ReadonlyArray<{readonly finish: number; readonly busy: number}>
}

export interface RunOptions {
  /** Task durations in milliseconds. */
  readonly durations: readonly number[]
  readonly workers: number
  readonly strategies?: readonly Strategy[]
  /** Called about ten times a second with the strategy running and tasks finished. */
  readonly onProgress?: (strategy: Strategy, finished: number, total: number) => void
}

function prepare(layout: Layout, durations: readonly number[]): void {
  const {control, deques, slots, durations: shared, stats} = views(layout)
  const {tasks: n, workers: p} = layout
  shared.set(durations)
  control.fill(0)
  Atomics.store(control, Cell.Remaining, n)
  stats.fill(0)
  for (let w = 0; w < p; w++) {
    const base = Math.floor(n / p)
    const from = w * base + Math.min(w, n % p)
    const size = base + (w < n % p ? 1 : 0)
    for (let i = 0; i < size; i++) slots[w * n + i] = from + i
    deques[w * DEQUE_CELLS] = 0
    deques[w * DEQUE_CELLS + 1] = 0
    deques[w * DEQUE_CELLS + 2] = size
  }
}

async function runOne(threads: Worker[], layout: Layout, strategy: Strategy, durations: readonly number[], tag: number, onProgress?: RunOptions['onProgress']): Promise<StrategyResult> {
  prepare(layout, durations)
  const {control, stats} = views(layout)
  const done = Promise.all(threads.map((thread) => new Promise<void>((resolve) => thread.once('message', () => resolve()))))
  for (const thread of threads) thread.postMessage({strategy, run: tag})
  // Give the threads a moment to reach the starting line, then start them together.
  await new Promise((resolve) => setTimeout(resolve, 20))
  Atomics.store(control, Cell.Go, 1)
  Atomics.notify(control, Cell.Go)
  const timer = onProgress ? setInterval(() => onProgress(strategy, Atomics.load(control, Cell.Finished), durations.length), 100) : undefined
  await done
  clearInterval(timer)
  onProgress?.(strategy, durations.length, durations.length)
  const p = threads.length
  const workers = Array.from({length: p}, (_, w) => ({finish: stats[4 * w]!, busy: stats[4 * w + 1]!}))
  const makespan = Math.max(...workers.map((w) => w.finish))
  const busy = workers.reduce((sum, w) => sum + w.busy, 0)
  const longest = Math.max(...durations)
  const lowerBound = Math.max(busy / p, longest)
  const waited = Array.from({length: p}, (_, w) => stats[4 * w + 2]!).reduce((a, b) => a + b, 0)
  const idle = workers.reduce((sum, w) => sum + (makespan - w.finish), 0) + waited
  const overhead = Math.max(0, p * makespan - busy - idle)
  const steals = Array.from({length: p}, (_, w) => stats[4 * w + 3]!).reduce((a, b) => a + b, 0)
  return {strategy, makespan, lowerBound, ratio: makespan / lowerBound, steals, idle, overheadPerTask: (1000 * overhead) / durations.length, workers}
}

export async function runStrategies(options: RunOptions): Promise<StrategyResult[]> {
  const strategies = options.strategies ?? STRATEGIES
  const layout = createLayout(options.durations.length, options.workers)
  const script = labFile(import.meta.url, 'runner.worker.js')
  const threads = Array.from({length: options.workers}, (_, index) => new Worker(script, {workerData: {layout, index}}))
  try {
    // A short warm-up run compiles the workers' hot loops before anything is measured.
    await runOne(threads, layout, 'shared-queue', options.durations.map(() => 0.01), 0)
    const results: StrategyResult[] = []
    let tag = 1
    for (const strategy of strategies) results.push(await runOne(threads, layout, strategy, options.durations, tag++, options.onProgress))
    return results
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()))
  }
}

export {STRATEGIES}
