/**
 * What the thundering herd's lab shows: the queue's CPU over time for each design, a table of
 * costs and pick-up delays, and a few lines that set the run beside the unit's own arithmetic.
 * Built for an 80-column terminal: one chart, one table, short lines.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {HerdRun} from './index.js'
import {GRACE} from './fleet.js'
import type {DesignOutcome} from './outcome.js'
import {seconds} from './units.js'

/** A sentence as one text block: the course wraps it to the terminal, the site shows it as a paragraph. */
const sentence = (text: string): LabBlock => ({kind: 'text', text})

const cpuTone = (cores: number, budget: number): Tone => (cores > budget ? 'bad' : cores > budget / 2 ? 'warn' : 'good')

/** A pick-up delay; a percentile that falls on a job still waiting after the run's grace is only a bound. */
function delay(ms: number | null, notPickedUp: number): string {
  if (ms === null) return notPickedUp > 0 ? `> ${GRACE} s` : '—'
  return seconds(ms / 1000)
}

function idleCell(design: DesignOutcome, stated: number | null): string {
  const measured = figure(design.idle_requests_per_s)
  return design.from_answer && stated !== null ? `${measured} (says ${figure(stated)})` : measured
}

export function herdView(run: HerdRun): LabBlock[] {
  const budget = run.fleet.budget_cores
  const who = run.answer.source === 'mine' ? 'Yours' : 'Reference'
  const restart = run.restart_at_s === null ? 'no restart' : `the queue restarts at ${figure(run.restart_at_s)} s`
  return [
    {kind: 'title', text: `${figure(run.fleet.workers)} idle workers, one ${figure(run.fleet.queue_cores)}-core queue, ${figure(budget)} cores for receives (seed ${run.seed})`},
    {kind: 'text', text: `Quiet for ${run.quiet_s} s, then jobs ramp to ${run.peak_jobs_per_s}/s (${run.jobs} jobs); ${restart}.`},
    sentence(run.answer.design ? `${who}: ${run.answer.design}.` : `${who}: no design the lab can run.`),
    {
      kind: 'series',
      title: `Queue CPU in cores, busiest 100 ms of each ${run.chart_step_s} s`,
      xUnit: 's',
      x: run.designs[0]!.cpu_peak_cores.map((_, i) => i * run.chart_step_s),
      lines: run.designs.map((d) => ({label: d.label, values: d.cpu_peak_cores, unit: 'cores', tone: cpuTone(d.peak_cpu_cores, budget)})),
      reference: {label: 'receive budget', value: budget},
    },
    {
      kind: 'table',
      columns: [{header: 'design'}, {header: 'idle req/s', align: 'right'}, {header: 'peak CPU', align: 'right'}, {header: 'mean', align: 'right'}, {header: 'pick-up p50', align: 'right'}, {header: 'p99', align: 'right'}],
      rows: run.designs.map((d) => ({
        cells: [d.name, idleCell(d, run.answer.stated_idle_requests_per_s), `${figure(d.peak_cpu_cores, 3)} cores`, figure(d.mean_cpu_cores, 3), delay(d.pickup_p50_ms, d.jobs_not_picked_up), delay(d.pickup_p99_ms, d.jobs_not_picked_up)],
        tones: [undefined, undefined, cpuTone(d.peak_cpu_cores, budget), cpuTone(d.mean_cpu_cores, budget), undefined, (d.pickup_p99_ms ?? Number.POSITIVE_INFINITY) > 1000 ? 'bad' : undefined],
      })),
    },
    ...readings(run).map(sentence),
    ...noteLine(run.answer.notes).map(sentence),
  ]
}

/** The run set beside the unit's arithmetic: design A's demand, B's cost per job, C's pick-up delay. */
function readings(run: HerdRun): string[] {
  const {workers, receive_cpu_ms: cpuMs} = run.fleet
  const asked = run.polling_asks_per_s
  const lines = [`Peak: busiest 100 ms. A asks ${figure(asked)} req/s (${figure((asked * cpuMs) / 1000)} cores); B spends ${figure((workers * cpuMs) / 1000)} CPU-s a job.`]
  const c = run.designs.find((d) => d.id === 'C')
  if (c && c.pickup_mean_ms !== null) {
    const wait = 1 / run.backoff_text_rate_per_s
    lines.push(`C's mean pick-up ${seconds(c.pickup_mean_ms / 1000)}: 1 ÷ ${figure(run.backoff_text_rate_per_s)} req/s = ${seconds(wait)} wait, + ${seconds(cpuMs / 1000)} to serve it.`)
  }
  return lines
}

/** The answer's notes in one line: what the lab assumed where the answer was silent or odd. */
function noteLine(notes: readonly string[]): string[] {
  if (notes.length === 0) return []
  const more = notes.length > 1 ? ` (+${notes.length - 1} more in --json)` : ''
  return [`Note: ${notes[0]}${more}.`]
}
