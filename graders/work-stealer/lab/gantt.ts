/**
 * The per-worker chart of the work stealer's lab: one lane per (strategy, worker), on one time
 * scale, so static blocks' idle workers show as the long empty tail they are. With more than three
 * workers a strategy shows only the worker that finished first and the one that finished last:
 * three lanes per strategy would already fill the terminal, and the spread between those two is
 * the story.
 */
import {figure, type GanttSpan, type LabBlock} from 'course/kit/lab'

type Gantt = Extract<LabBlock, {kind: 'gantt'}>
type Lane = Gantt['lanes'][number]

/** A worker as the chart needs it: its index, when it finished, and what it did until then. */
export interface WorkerTime {
  readonly index: number
  readonly finish: number
  readonly spans: GanttSpan[]
}

const ALL_WORKERS_UP_TO = 3

/** The workers a strategy shows: all of them when few, else the first and the last to finish. */
export function shownWorkers(workers: readonly WorkerTime[]): WorkerTime[] {
  if (workers.length <= ALL_WORKERS_UP_TO) return [...workers]
  const byFinish = [...workers].sort((a, b) => a.finish - b.finish || a.index - b.index)
  return [byFinish[0]!, byFinish.at(-1)!]
}

/** The chart's title: what a lane is, and which workers are shown when not all are. */
function title(workers: number, unit: string, what: string): string {
  const which = workers > ALL_WORKERS_UP_TO ? `, first and last to finish of ${workers}` : ''
  return `Each worker's time (${unit})${which}: ${what}`
}

export function ganttOf(strategies: ReadonlyArray<{readonly name: string; readonly workers: readonly WorkerTime[]; readonly makespan: number}>, options: {workers: number; unit: string; what: string; legend: Gantt['legend']}): Gantt {
  const lanes: Lane[] = strategies.flatMap(({name, workers, makespan}) =>
    shownWorkers(workers).map((w) => ({
      label: `${name} w${w.index}`,
      // After its last task a worker waits for the slowest one: the strategy's wasted capacity.
      spans: w.finish < makespan ? [...w.spans, {start: w.finish, end: makespan, tone: 'dim', text: `w${w.index} idle from ${figure(w.finish)} to ${figure(makespan)} ${options.unit}`}] : w.spans,
    })),
  )
  return {kind: 'gantt', title: title(options.workers, options.unit, options.what), unit: options.unit, end: Math.max(0, ...strategies.map((s) => s.makespan)), lanes, ...(options.legend ? {legend: options.legend} : {})}
}

/**
 * A real thread as its totals allow: the threads report only their busy time and when they
 * finished, so the busy time is drawn first and the rest (taking tasks, locks, steals, waiting)
 * after it; the order within a lane is not the order things happened.
 */
export function threadTime(index: number, worker: {readonly finish: number; readonly busy: number}): WorkerTime {
  const busy = Math.min(worker.busy, worker.finish)
  const spans: GanttSpan[] = [{start: 0, end: busy, tone: 'good', text: `w${index} ran tasks for ${figure(busy)} ms in all`}]
  if (worker.finish > busy) spans.push({start: busy, end: worker.finish, tone: 'warn', text: `w${index} spent ${figure(worker.finish - busy)} ms taking tasks, stealing or waiting`})
  return {index, finish: worker.finish, spans}
}

/** A simulated worker as it happened: its stretches of running tasks, and the gaps between them. */
export function simulatedTime(index: number, worker: {readonly spans: ReadonlyArray<readonly [number, number]>}): WorkerTime {
  const spans: GanttSpan[] = []
  let last = 0
  for (const [start, end] of worker.spans) {
    if (start > last) spans.push({start: last, end: start, tone: 'warn', text: `w${index} looking for work from ${figure(last)} to ${figure(start)} ms`})
    spans.push({start, end, tone: 'good', text: `w${index} running tasks from ${figure(start)} to ${figure(end)} ms`})
    last = end
  }
  return {index, finish: last, spans}
}
