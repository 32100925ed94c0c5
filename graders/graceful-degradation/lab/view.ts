/**
 * What the graceful-degradation lab shows: requests answered within the objective and the p99
 * latency for each second of arrivals, today and with the answer's defences; a table of the time D
 * was slow; and the run set beside the unit's own arithmetic. Built for an 80-column terminal.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {ChainLabRun} from './index.js'
import type {DesignOutcome} from './outcome.js'
import {seconds} from './units.js'

/** A sentence as one text block: the course wraps it to the terminal, the site shows it as a paragraph. */
const sentence = (text: string): LabBlock => ({kind: 'text', text})

const goodTone = (d: DesignOutcome, arrivals: number): Tone => (d.incident.goodput_per_s >= 0.99 * arrivals ? 'good' : d.incident.goodput_per_s >= 0.5 * arrivals ? 'warn' : 'bad')

/** The pools' times to fill, A/B/C: "0.15/0.25/0.34 s", or "none". */
function poolsCell(d: DesignOutcome): string {
  if (d.pools_full_after_s.every((t) => t === null)) return 'none'
  return `${d.pools_full_after_s.map((t) => (t === null ? '—' : figure(t, 2))).join('/')} s`
}

function table(run: ChainLabRun): LabBlock {
  const [, , cPool] = run.scenario.pools
  return {
    kind: 'table',
    columns: [
      {header: 'while D slow'},
      {header: 'good/s', align: 'right'},
      {header: 'answered/s', align: 'right'},
      {header: 'p99', align: 'right'},
      {header: 'degraded', align: 'right'},
      {header: 'A/B/C full after', align: 'right'},
      {header: 'C busy', align: 'right'},
    ],
    rows: run.designs.map((d) => ({
      cells: [
        d.name,
        figure(d.incident.goodput_per_s, 3),
        figure(d.incident.answered_per_s, 3),
        seconds(d.incident.p99_ms / 1000),
        `${figure(d.incident.degraded_share * 100, 3)} %`,
        poolsCell(d),
        `${d.peak_threads[2]}/${cPool}`,
      ],
      tones: [undefined, goodTone(d, run.scenario.arrivals_per_s), undefined, d.incident.p99_ms > run.scenario.objective_ms ? 'bad' : 'good', undefined, d.pools_full_after_s[2] === null ? 'good' : 'bad'],
    })),
  }
}

/** The run set beside the unit's arithmetic: the cascade's timing and C's throughput, and the breaker. */
function readings(run: ChainLabRun): string[] {
  const [today, defended] = run.designs
  if (!today || !defended) return []
  const text = run.scenario.text_pools_full_after_s.map((t) => figure(t, 2)).join('/')
  const lines = [
    `The text's pools fill in ${text} s; today's run: ${poolsCell(today)}.`,
    `The text's C finishes ${figure(run.scenario.text_c_throughput_per_s, 3)}/s, the p50 taken as the mean; today: ${figure(today.c_finished_per_s, 3)}/s.`,
  ]
  if (defended.breaker_opened_after_s !== null) {
    const {text_breaker_opens_s: opens, text_degraded_p50_ms: degraded} = run.scenario
    lines.push(`The breaker opened after ${seconds(defended.breaker_opened_after_s)} (text: ${seconds(opens)}); p50 then ${seconds(defended.incident.p50_ms / 1000)} (text: ${seconds(degraded / 1000)}).`)
  } else {
    lines.push(`No breaker opened: ${figure(defended.d_calls_per_request, 3)} calls reached D per request while it was slow.`)
  }
  return lines
}

function noteLine(notes: readonly string[]): string[] {
  if (notes.length === 0) return []
  const more = notes.length > 1 ? ` (+${notes.length - 1} more in --json)` : ''
  return [`Note: ${notes[0]}${more}.`]
}

export function chainView(run: ChainLabRun): LabBlock[] {
  const who = run.answer.source === 'mine' ? 'Yours' : 'Reference'
  const x = run.designs[0]!.goodput_per_s.map((_, i) => i)
  const {d_normal_ms: normal, d_slow_ms: slow} = run.scenario
  return [
    {kind: 'title', text: `D slows from ${seconds(normal.p50 / 1000)} to ${seconds(slow.p50 / 1000)} (p50) at ${figure(run.slow_from_s)} s, recovers at ${figure(run.slow_until_s)} s; seed ${run.seed}`},
    {
      kind: 'series',
      title: `Requests/s answered within ${seconds(run.scenario.objective_ms / 1000)}, by second of arrival`,
      xUnit: 's',
      x,
      lines: run.designs.map((d) => ({label: d.name, values: d.goodput_per_s, tone: goodTone(d, run.scenario.arrivals_per_s)})),
      reference: {label: 'arrivals', value: run.scenario.arrivals_per_s},
    },
    {
      kind: 'series',
      title: 'p99 latency of the requests arriving in each second',
      xUnit: 's',
      x,
      lines: run.designs.map((d) => ({label: d.name, values: d.p99_s, unit: 's', tone: d.incident.p99_ms > run.scenario.objective_ms ? 'bad' : 'good'})),
      reference: {label: 'objective (s)', value: run.scenario.objective_ms / 1000},
    },
    table(run),
    // The defences read as a caption under the table: after the title a chart needs no blank line.
    sentence(`${who}: ${run.answer.defences.join(', ')}.`),
    ...readings(run).map(sentence),
    ...noteLine(run.answer.notes).map(sentence),
  ]
}
