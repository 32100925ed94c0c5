/**
 * A simulated run cut down to what the lab shows: the makespan, the steals, and for each worker
 * the stretches of time it spent running tasks. Back-to-back tasks (and the sliver a steal costs)
 * merge into one stretch, so a lane of thousands of tasks stays a handful of spans, and the result
 * stays small however many tasks and workers the run had.
 */
import type {MachineRun} from '../machine.js'

export interface WorkerLane {
  /** Time spent running tasks. */
  readonly busy: number
  /** [start, end] stretches of running tasks, in time order. */
  readonly spans: Array<[number, number]>
}

export interface SimulatedRun {
  readonly makespan: number
  readonly steals: number
  readonly failedSteals: number
  readonly lanes: WorkerLane[]
  /** Why the machine stopped early, when it did. */
  readonly error?: string
}

/** Gaps shorter than this share of the makespan are narrower than a cell of a chart 60 cells wide. */
const MERGE_BELOW = 1 / 400
/**
 * A policy that keeps workers waiting can cut a lane into hundreds of stretches. Past this many,
 * the lane is redrawn on a grid of twice as many cells, each busy when it was busy at least half
 * the time, so a run on many workers still makes a small result and the chart still tells the
 * truth about how busy each worker was.
 */
const MOST_SPANS = 40

const rounded = (x: number): number => Number(x.toPrecision(5))

export function summariseRun(run: MachineRun, costs: readonly number[], workers: number): SimulatedRun {
  const tasksOf = Array.from({length: workers}, () => [] as number[])
  run.worker.forEach((w, task) => {
    if (w >= 0 && w < workers) tasksOf[w]!.push(task)
  })
  const lanes = tasksOf.map((tasks): WorkerLane => {
    tasks.sort((a, b) => run.start[a]! - run.start[b]!)
    const stretches = tasks.map((task): [number, number] => [run.start[task]!, run.start[task]! + costs[task]!])
    const busy = tasks.reduce((sum, task) => sum + costs[task]!, 0)
    const exact = merged(stretches, run.makespan * MERGE_BELOW)
    const spans = exact.length <= MOST_SPANS ? exact : onGrid(exact, run.makespan, 2 * MOST_SPANS)
    return {busy: rounded(busy), spans: spans.map(([s, e]) => [rounded(s), rounded(e)])}
  })
  return {makespan: run.makespan, steals: run.steals, failedSteals: run.failedSteals, lanes, ...(run.error ? {error: run.error} : {})}
}

/** Stretches in time order, joined wherever the gap between two is at most `tolerance`. */
function merged(stretches: ReadonlyArray<readonly [number, number]>, tolerance: number): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  for (const [start, end] of stretches) {
    const last = spans.at(-1)
    if (last && start - last[1] <= tolerance) last[1] = Math.max(last[1], end)
    else spans.push([start, end])
  }
  return spans
}

/** Stretches redrawn on `cells` equal cells of [0, end]: one span per run of cells busy at least half the time. */
function onGrid(stretches: ReadonlyArray<readonly [number, number]>, end: number, cells: number): Array<[number, number]> {
  const width = end / cells
  const busy = new Float64Array(cells)
  for (const [start, stop] of stretches) {
    for (let cell = Math.floor(start / width); cell < cells && cell * width < stop; cell++) {
      busy[cell]! += Math.min(stop, (cell + 1) * width) - Math.max(start, cell * width)
    }
  }
  const spans: Array<[number, number]> = []
  busy.forEach((time, cell) => {
    if (time < width / 2) return
    const last = spans.at(-1)
    if (last && last[1] === cell * width) last[1] = (cell + 1) * width
    else spans.push([cell * width, (cell + 1) * width])
  })
  return spans
}
