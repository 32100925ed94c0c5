/**
 * The view of a `--mine` run: the learner's work stealer on the simulated machine, between static
 * blocks (the worst it should be) and the course's own stealer (what is within reach), each
 * against the lower bound and drawn worker by worker.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import {ganttOf, simulatedTime} from './gantt.js'
import type {SimulatedStrategy, SimulatedStrategyResult, SimulatedWorkStealerRun} from './simulated.js'

const NAMES: Record<SimulatedStrategy, string> = {static: 'static blocks', yours: 'your work stealer', course: "the course's stealer"}
const SHORT: Record<SimulatedStrategy, string> = {static: 'static', yours: 'yours', course: 'course'}

const ratioTone = (ratio: number): Tone => (ratio <= 1.1 ? 'good' : ratio > 1.5 ? 'bad' : 'warn')

/** A line cut to the terminal's 80 columns; `--json` keeps the whole message. */
function fitted(text: string): string {
  const characters = [...text]
  return characters.length <= 80 ? text : `${characters.slice(0, 79).join('')}…`
}

export function simulatedView(run: SimulatedWorkStealerRun): LabBlock[] {
  const ran = run.simulated.filter((s): s is SimulatedStrategyResult => !('error' in s))
  const yours = run.simulated.find((s) => s.strategy === 'yours')
  const ratio = (strategy: SimulatedStrategy) => ran.find((s) => s.strategy === strategy)?.ratio
  const verdict =
    yours && 'error' in yours
      ? `Your work stealer ${yours.error}`
      : `Your work stealer: ${figure(ratio('yours') ?? Number.NaN, 3)} × the bound; the course's ${figure(ratio('course') ?? Number.NaN, 3)} ×, static blocks ${figure(ratio('static') ?? Number.NaN, 3)} ×.`
  return [
    {kind: 'title', text: `${run.tasks} ${run.distribution} tasks (${run.order}), ${run.workers} simulated workers, 1 unit = ${figure(run.grain_ms)} ms, seed ${run.seed}`},
    {kind: 'text', text: `total work ${figure(run.total_work_ms)} ms · longest task ${figure(run.longest_task_ms)} ms · lower bound ${figure(run.lower_bound_ms)} ms`},
    {
      kind: 'table',
      columns: [{header: 'strategy'}, {header: 'makespan', align: 'right'}, {header: 'bound', align: 'right'}, {header: '× bound', align: 'right'}, {header: 'steals', align: 'right'}, {header: 'failed steals', align: 'right'}],
      rows: run.simulated.map((s) => {
        if ('error' in s) return {cells: [NAMES.yours, '—', `${figure(run.lower_bound_ms)} ms`, '—', '—', '—'], tones: [undefined, 'bad']}
        return {
          cells: [NAMES[s.strategy], `${figure(s.makespan_ms)} ms`, `${figure(run.lower_bound_ms)} ms`, figure(s.ratio, 3), s.strategy === 'static' ? '—' : figure(s.steals), s.strategy === 'static' ? '—' : figure(s.failed_steals)],
          tones: [undefined, undefined, undefined, ratioTone(s.ratio)],
        }
      }),
    },
    ganttOf(
      ran.map((s) => ({name: SHORT[s.strategy], makespan: s.makespan_ms, workers: s.workers.map((w, i) => simulatedTime(i, w))})),
      {
        workers: run.workers,
        unit: 'ms',
        what: 'as simulated',
        legend: [
          {tone: 'good', text: 'running tasks'},
          {tone: 'warn', text: 'between tasks: stealing or waiting'},
          {tone: 'dim', text: 'finished, idle'},
        ],
      },
    ),
    {kind: 'text', text: fitted(verdict)},
  ]
}
