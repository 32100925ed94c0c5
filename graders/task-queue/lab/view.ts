/**
 * What the task queue's dashboard shows: the five gauges over the window, the totals by priority
 * against the README's start-time targets, and a line each on the bucket, the backoff and the
 * ways this run departs from the README's figures. Sized for an 80 × 24 terminal.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {DashboardOutput, KindTotals, Note} from './report.js'
import type {TaskQueueRun} from './result.js'

/** A time in the unit a reader would use for it: "240 ms", "1.85 s", "2.5 min", "1 h". */
export function duration(ms: number): string {
  if (ms >= 3_600_000) return `${figure(ms / 3_600_000, 3)} h`
  if (ms >= 60_000) return `${figure(ms / 60_000, 3)} min`
  if (ms >= 1000) return `${figure(ms / 1000, 3)} s`
  return `${figure(ms, 3)} ms`
}

const short = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text)

function whose(run: TaskQueueRun, capital: boolean): string {
  const word = run.source === 'mine' ? 'your' : "the reference's"
  return capital ? word[0]!.toUpperCase() + word.slice(1) : word
}

const STAND_IN: Record<string, string> = {createTaskQueue: 'queue', createTokenBucket: 'token bucket', backoffDelay: 'backoff'}

/** One line per note, the consequence first, so that cutting a long message to the width loses only its end. */
function noteLine(run: TaskQueueRun, note: Note): string {
  const what = `${whose(run, false)} ${note.call} ${note.problem}`
  const line = note.outcome === 'replaced' ? `Stand-in ${STAND_IN[note.call] ?? 'code'}: ${what}.` : `Stopped at ${duration(note.atMs ?? 0)}: ${what}.`
  return short(line, 80)
}

/** Which of the module's functions the run could not use, and what stood in; nothing when all of them ran. */
function provenance(run: TaskQueueRun, dashboard: DashboardOutput): LabBlock[] {
  const own = Object.entries(dashboard.used)
    .filter(([, origin]) => origin === 'module')
    .map(([part]) => ({queue: 'createTaskQueue', bucket: 'createTokenBucket', backoff: 'backoffDelay'})[part])
  const lines = dashboard.notes.map((note) => noteLine(run, note))
  if (dashboard.notes.some((note) => note.outcome === 'replaced') && own.length > 0) lines.push(`Of ${whose(run, false)} code, the run used ${own.join(' and ')}.`)
  return lines.map((text) => ({kind: 'text', text}))
}

function row(kind: KindTotals): {cells: string[]; tones: Array<Tone | undefined>} {
  const time = (ms: number | null) => (ms === null ? '—' : duration(ms))
  const label = kind.priority < 0 ? 'all' : `${kind.name} (${kind.priority})`
  const onTarget: Tone | undefined = kind.p99StartMs === null || kind.priority < 0 ? undefined : kind.p99StartMs <= kind.targetMs ? 'good' : 'bad'
  return {
    cells: [label, figure(kind.submitted), figure(kind.done), figure(kind.dead), figure(kind.retries), time(kind.p50Ms), time(kind.p99Ms), time(kind.p99StartMs), kind.priority < 0 ? '' : duration(kind.targetMs)],
    tones: [undefined, undefined, kind.unfinished > 0 ? 'bad' : undefined, kind.dead > 0 ? 'warn' : undefined, undefined, undefined, undefined, onTarget],
  }
}

function gauges(run: TaskQueueRun, dashboard: DashboardOutput): LabBlock {
  const step = dashboard.stepMs / 1000
  const stepText = `${figure(step, 3)} s`
  const span = dashboard.stoppedAtMs === null ? `The ${figure(run.window_s)} s window` : `Until the stop`
  return {
    kind: 'series',
    title: `${span}, a point every ${stepText}; the last task ended at ${figure(dashboard.drainedAtMs / 1000, 3)} s`,
    xUnit: 's',
    x: dashboard.series.waiting.map((_, i) => Math.round((i + 1) * step * 1000) / 1000),
    lines: [
      {label: 'waiting', values: dashboard.series.waiting, unit: 'tasks'},
      {label: 'in flight', values: dashboard.series.inFlight, unit: 'tasks'},
      {label: 'tokens', values: dashboard.series.tokens, unit: 'tokens'},
      {label: 'retries', values: dashboard.series.retries, unit: `per ${stepText}`, tone: 'warn'},
      {label: 'dead letters', values: dashboard.series.deadLetters, unit: 'in all', tone: 'bad'},
    ],
  }
}

function footnotes(run: TaskQueueRun, dashboard: DashboardOutput): LabBlock[] {
  const {bucket, waitsMs, all, anomalies} = dashboard
  const lines: string[] = []
  const limit = `${figure(run.bucket.capacity)}, ${figure(run.bucket.refill_per_s)}/s`
  lines.push(
    bucket.heldTasks === 0
      ? `The bucket (${limit}) never held a ready task back from a free worker.`
      : `Bucket (${limit}) held back ${figure(bucket.heldTasks)} tasks; starts waited ${duration(bucket.throttledMs)}, one task ${duration(bucket.longestHoldMs)}.`,
  )
  const waits = waitsMs.every((w) => w !== null) ? (waitsMs as number[]) : undefined
  if (waits && waits.length > 0) {
    const total = waits.reduce((a, b) => a + b, 0)
    lines.push(`Backoff ${waits.map(duration).join(', ')} (±${figure(run.backoff.jitter * 100)} %), ${duration(total)} in all; a task dies after ${run.max_retries + 1} failed attempts.`)
  } else if (waits) {
    lines.push('No retries: a task dies at its first failed attempt.')
  } else {
    lines.push(`${whose(run, true)} backoffDelay gave no usable wait for some retry (see --json).`)
  }
  if (all.unfinished > 0) lines.push(`${figure(all.unfinished)} tasks were not done or dead when the run ended at ${duration(dashboard.endedAtMs)}.`)
  const odd = [
    anomalies.early > 0 ? `${figure(anomalies.early)} handed out before their retry time` : '',
    anomalies.idleWhileReady > 0 ? `${figure(anomalies.idleWhileReady)} times nothing handed out while a task was ready` : '',
    anomalies.refusedToken > 0 ? `${figure(anomalies.refusedToken)} tokens refused after available() promised them` : '',
  ].filter(Boolean)
  if (odd.length > 0) lines.push(`Contradictions: ${odd.join('; ')}.`)
  lines.push(`${figure(run.poison_per_mille)} tasks in 1,000 always fail; ${figure(run.failure_percent)} % of attempts fail briefly (README: 1 in 200).`)
  lines.push("One bucket gates every start here; the README's (10/s, burst 100) is for email.")
  return lines.map((text) => ({kind: 'text', text}))
}

const burstLength = (run: TaskQueueRun) => (run.bursts_s[0] ? run.bursts_s[0][1] - run.bursts_s[0][0] : 0)

export function taskQueueView(run: TaskQueueRun): LabBlock[] {
  const title: LabBlock = {
    kind: 'title',
    text: `Task queue (${run.source === 'mine' ? 'your code' : 'reference'}): ${run.workers} workers, ${figure(run.rate_per_s)} tasks/s, bursts of ${run.burst_factor}× for ${figure(burstLength(run), 3)} s, seed ${run.seed}`,
  }
  const dashboard = run.dashboard
  if (!dashboard) return [title, {kind: 'text', text: `The run did not finish: ${short(run.error ?? 'no reason given', 60)}`}]
  return [
    title,
    ...provenance(run, dashboard),
    gauges(run, dashboard),
    {
      kind: 'table',
      columns: [
        {header: 'kind (pri.)'},
        {header: 'in', align: 'right'},
        {header: 'done', align: 'right'},
        {header: 'dead', align: 'right'},
        {header: 'retries', align: 'right'},
        {header: 'p50 done', align: 'right'},
        {header: 'p99 done', align: 'right'},
        {header: 'p99 start', align: 'right'},
        {header: 'target', align: 'right'},
      ],
      rows: [...dashboard.kinds, dashboard.all].map(row),
    },
    ...footnotes(run, dashboard),
  ]
}
