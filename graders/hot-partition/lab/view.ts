/**
 * What the hot partition's lab shows: the busiest partitions as shares of their capacity, before
 * and after the answer's remedies; the reads reaching the celebrity's partition when its cached
 * copies expire; and a table of that moment with and without coalescing. Built for an 80-column
 * terminal.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {ExpiryOutcome, HotRun} from './index.js'
import {percent, seconds} from './units.js'

/** A sentence as one text block: the course wraps it to the terminal, the site shows it as a paragraph. */
const sentence = (text: string): LabBlock => ({kind: 'text', text})

const loadTone = (share: number): Tone => (share > 1 ? 'bad' : share > 0.8 ? 'warn' : 'good')

function partitionBars(run: HotRun): LabBlock {
  const {read_capacity: reads, write_capacity: writes} = run.scenario
  const p = run.partitions
  const who = run.answer.source === 'mine' ? 'yours' : 'ref.'
  const bar = (label: string, load: number, capacity: number) => ({label, value: load / capacity, text: percent(load / capacity), tone: loadTone(load / capacity)})
  return {
    kind: 'bars',
    bars: [
      bar("celebrity's, hashed", p.celebrity_partition_reads, reads),
      bar('busiest other, hashed', p.busiest_other_reads, reads),
      bar(`busiest + ${run.answer.reads_short} (${who})`, p.remedied_busiest_reads, reads),
      bar('hot id range, mean', p.range_mean_hot_reads, reads),
      bar('likes, one counter', p.one_counter_writes, writes),
      bar(`likes + ${run.answer.writes_short} (${who})`, p.remedied_writes, writes),
    ],
    reference: {label: 'capacity', value: 1, text: '100 %'},
  }
}

const wait = (ms: number) => (ms === 0 ? '0' : seconds(ms / 1000))

function expiryRow(outcome: ExpiryOutcome, source: HotRun['answer']['source']) {
  const name = outcome.coalescing ? 'coalescing' : 'no coalescing'
  const mark = outcome.from_answer ? ` (${source === 'mine' ? 'yours' : 'reference'})` : ''
  return {
    cells: [`${name}${mark}`, figure(outcome.post_reads_first_second), figure(outcome.peak_store_reads_per_s), wait(outcome.worst_other_wait_ms), wait(outcome.worst_reader_wait_ms)],
    tones: [undefined, undefined, undefined, outcome.worst_other_wait_ms > 100 ? ('bad' as const) : undefined, outcome.worst_reader_wait_ms > 1000 ? ('bad' as const) : undefined],
  }
}

/** The run set beside the unit's arithmetic: one store read per cache per TTL with coalescing. */
function readings(run: HotRun): string[] {
  const {caches, ttl_s: ttl, runs} = run.cache
  const coalesced = runs.find((r) => r.coalescing)
  if (!coalesced) return []
  return [`Coalesced, ${figure(caches)} caches ÷ ${seconds(ttl)} TTL = ${figure(caches / ttl)} post reads/s; the run sent ${figure(coalesced.post_reads_first_second)}.`]
}

function noteLine(notes: readonly string[]): string[] {
  if (notes.length === 0) return []
  const more = notes.length > 1 ? ` (+${notes.length - 1} more in --json)` : ''
  return [`Note: ${notes[0]}${more}.`]
}

export function hotView(run: HotRun): LabBlock[] {
  const who = run.answer.source === 'mine' ? 'Yours' : 'Reference'
  const {caches, from_answer: answerCaches, expires_at_s: expiresAt} = run.cache
  const when = run.expiry === 'together' ? `together at ${figure(expiresAt)} s` : `one by one from ${figure(expiresAt)} s`
  const notes = answerCaches ? run.answer.notes : [`the answer does not cache: the expiry uses the scenario's caches and TTL`, ...run.answer.notes]
  return [
    {kind: 'title', text: `Partition load, % of capacity (${figure(run.scenario.read_capacity)} reads/s, ${figure(run.scenario.write_capacity)} writes/s), seed ${run.seed}`},
    sentence(`${who}: ${run.answer.reads}; ${run.answer.writes}.`),
    partitionBars(run),
    {
      kind: 'series',
      title: `Celebrity's partition, reads/s: ${figure(caches)} cached copies expire ${when}`,
      xUnit: 's',
      x: run.cache.runs[0]!.store_reads_per_s.map((_, i) => Number((i * run.cache.step_s).toFixed(6))),
      lines: run.cache.runs.map((r) => ({label: r.coalescing ? 'coalescing' : 'no coalescing', values: r.store_reads_per_s, unit: 'reads/s', tone: loadTone(r.peak_store_reads_per_s / run.scenario.read_capacity)})),
      reference: {label: 'partition capacity', value: run.scenario.read_capacity},
    },
    {
      kind: 'table',
      columns: [{header: 'cache'}, {header: 'post reads 1st s', align: 'right'}, {header: 'peak/s', align: 'right'}, {header: 'others wait', align: 'right'}, {header: 'readers wait', align: 'right'}],
      rows: run.cache.runs.map((r) => expiryRow(r, run.answer.source)),
    },
    ...readings(run).map(sentence),
    ...noteLine(notes).map(sentence),
  ]
}
