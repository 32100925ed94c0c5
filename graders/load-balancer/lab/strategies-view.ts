/**
 * What the strategies experiment shows: per strategy its p50 and p99 latency (toned against the
 * target), the requests lost while one server was not answering and each server's share of the
 * requests, beside the share of capacity it has; then each strategy's p99 over time, where the
 * slowdown and the outage show.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import {failureLine} from './outcomes.js'
import type {StrategiesResult, StrategyRow} from './strategies-result.js'

/** A sentence as one text block: the course wraps it to the terminal, the site shows it as a paragraph. */
const sentence = (text: string): LabBlock => ({kind: 'text', text})

const ms = (value: number): string => (value >= 1000 ? `${figure(value / 1000, 3)} s` : `${figure(value, 3)} ms`)
const seconds = (value: number | null): string => (value === null ? '?' : `${figure(value, 3)} s`)

function latencyTone(p99: number, target: number): Tone {
  if (p99 <= target) return 'good'
  return p99 <= 3 * target ? 'warn' : 'bad'
}

const shares = (percents: readonly number[]): string => percents.map((p) => String(Math.round(p)).padStart(2)).join(' ')

type Answered = Extract<StrategyRow, {ok: true}>

export function strategiesView(run: StrategiesResult): LabBlock[] {
  const answered = run.strategies.filter((s): s is Answered => s.ok)
  const failed = run.strategies.filter((s): s is Extract<StrategyRow, {ok: false}> => !s.ok)
  const big = run.servers.filter((s) => s.vcpus === run.servers[0]?.vcpus)
  const small = run.servers.filter((s) => s.vcpus !== run.servers[0]?.vcpus)
  const fleet = [big, small].filter((group) => group.length > 0).map((group) => `${group.map((s) => s.name).join(', ')}: ${group[0]!.vcpus} vCPU, weight ${group[0]!.weight}`)
  const e = run.events
  const blocks: LabBlock[] = [
    {kind: 'title', text: `${run.code === 'mine' ? 'Your code: s' : 'S'}ix servers at ${run.load_percent} % load, p99 target ${ms(run.p99_target_ms)}, ${figure(run.requests)} requests, seed ${run.seed}`},
    {kind: 'text', text: fleet.join(' · ')},
    {
      kind: 'table',
      columns: [{header: 'strategy'}, {header: 'p50', align: 'right'}, {header: 'p99', align: 'right'}, {header: 'lost', align: 'right'}, {header: `% served by ${run.servers[0]?.name ?? ''} … ${run.servers.at(-1)?.name ?? ''}`}],
      rows: [
        ...run.strategies.map((s) =>
          s.ok
            ? {cells: [s.label, ms(s.p50_ms), ms(s.p99_ms), figure(s.lost), shares(s.share_percent)], tones: [undefined, undefined, latencyTone(s.p99_ms, run.p99_target_ms)]}
            : {cells: [s.label, '—', '—', '—', 'did not run'], tones: [undefined, 'dim', 'dim', 'dim', 'bad'] as Array<Tone | undefined>},
        ),
        {cells: ['(capacity)', '', '', '', shares(run.servers.map((s) => s.capacity_share_percent))], tones: ['dim', undefined, undefined, undefined, 'dim'] as Array<Tone | undefined>},
      ],
    },
  ]
  if (answered.length > 0) {
    // The slowdown and the outage are told where they show: above the chart of p99 over time.
    blocks.push({
      kind: 'series',
      title: `p99 by arrival time · ${e.slow_server} ${e.slowdown}× slower from ${seconds(e.slow_from_s)} · ${e.hung_server} hung ${seconds(e.hung_from_s)}–${seconds(e.hung_until_s)}`,
      xUnit: 's',
      x: answered[0]!.p99_by_window_ms.map((_, i) => significant3((run.window_s ?? 0) * i)),
      lines: answered.map((s) => ({label: s.short_label, values: s.p99_by_window_ms, unit: 'ms', tone: latencyTone(s.p99_ms, run.p99_target_ms)})),
    })
  }
  for (const s of failed) blocks.push(sentence(failureLine(run.code, s.label, {error: s.error, byCode: s.error_from_code})))
  if (run.health_problem) blocks.push(sentence(`${failureLine(run.code, '', {error: run.health_problem, byCode: true})}; no strategy had failover.`))
  blocks.push({kind: 'text', text: `* course's own: the less busy of two random servers. Lost: unanswered in ${ms(e.timeout_ms)}.`})
  return blocks
}

const significant3 = (value: number): number => Number(value.toPrecision(3))
