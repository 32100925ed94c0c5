/**
 * The aggregation lab's view: one compact table per sketch, memory beside the error it bought and
 * the error the sketch promises, so a learner sees at a glance whether their sketch keeps the
 * promise. A setting that could not be measured shows a dash, and why, in one line.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {CountMinReport, Failed, HllReport, QuantileReport, SketchReport} from './reports.js'
import type {Sketch} from './sweeps.js'

export interface AggregationRun {
  readonly source: 'reference' | 'mine'
  readonly seed: number
  readonly sketches: SketchReport[]
}

const NAMES: Record<Sketch, string> = {hll: 'HyperLogLog', 'count-min': 'Count-min', quantiles: 'Quantile sketch'}
const DASH = '—'

/** A share as a percentage with two significant figures ("13 %", "0.65 %"). */
const percent = (share: number): string => `${figure(Math.abs(share) * 100, 2)} %`
const signedPercent = (share: number): string => `${share > 0 ? '+' : share < 0 ? '−' : ''}${percent(share)}`
const signed = (count: number): string => `${count > 0 ? '+' : count < 0 ? '−' : ''}${figure(Math.abs(count), 3)}`

export function bytes(count: number): string {
  return count < 1024 ? `${figure(count)} B` : `${figure(count / 1024, 3)} KiB`
}

const failed = (row: object): row is Failed => 'error' in row

/** A line cut to the terminal's 80 columns; `--json` keeps the whole message. */
function fitted(text: string): string {
  const characters = [...text]
  return characters.length <= 80 ? text : `${characters.slice(0, 79).join('')}…`
}

export function aggregationView(run: AggregationRun): LabBlock[] {
  const whose = run.source === 'mine' ? 'your' : "the reference's"
  const blocks: LabBlock[] = [{kind: 'title', text: `Sketch error against memory: ${run.source === 'mine' ? 'your sketches' : 'the reference'}, seed ${run.seed}`}]
  // Settings that failed inside a table that still has rows: said once, under all the tables.
  const notes: string[] = []
  for (const report of run.sketches) {
    if ('error' in report) {
      blocks.push({kind: 'text', text: fitted(`${NAMES[report.sketch]}, ${whose} code: ${report.error}`)})
      continue
    }
    const rows: readonly object[] = report.rows
    const problems = [...new Set(rows.filter(failed).map((row) => row.error))]
    // Every setting failed: one line says why, where a table of dashes would say nothing.
    if (problems.length > 0 && rows.every(failed)) {
      // A factory's name already says which sketch failed; a method's does not.
      const named = problems[0]!.startsWith('create') ? '' : `${NAMES[report.sketch]}: `
      blocks.push({kind: 'text', text: fitted(`${named}${whose} ${problems[0]}`)})
    } else {
      blocks.push(report.sketch === 'hll' ? hllTable(report) : report.sketch === 'count-min' ? countMinTable(report) : quantileTable(report))
      notes.push(...problems.map((problem) => fitted(`${whose} ${problem}`)))
    }
  }
  // Two lines at most below the tables, so the whole view stays within 24 lines.
  const lines = [...notes.slice(0, 2), 'Memory: 6 bits per register, 8 B per counter, 16 B per bucket.'].slice(0, 2)
  for (const text of lines) blocks.push({kind: 'text', text})
  return blocks
}

function hllTable(report: HllReport): LabBlock {
  return {
    kind: 'table',
    title: `${NAMES.hll}: ${figure(report.distinct)} distinct ids, RMS error of ${report.runs} runs (a rough guide)`,
    columns: [{header: 'p'}, {header: 'm', align: 'right'}, {header: 'memory', align: 'right'}, {header: '1.04/√m', align: 'right'}, {header: 'RMS error', align: 'right'}, {header: 'worst', align: 'right'}, {header: 'estimator'}],
    rows: report.rows.map((row) => {
      const estimator = row.linearCounting ? 'linear counting' : 'raw'
      const head = [String(row.precision), figure(row.registers), bytes(row.bytes), percent(row.standardError)]
      if (failed(row)) return {cells: [...head, DASH, DASH, estimator], tones: [undefined, undefined, undefined, undefined, 'bad']}
      // A few runs make a rough estimate of the standard error: within twice the theory is as promised.
      const tone: Tone = row.rmsError <= 2 * row.standardError ? 'good' : row.rmsError <= 4 * row.standardError ? 'warn' : 'bad'
      return {cells: [...head, percent(row.rmsError), signedPercent(row.worstError), estimator], tones: [undefined, undefined, undefined, undefined, tone]}
    }),
  }
}

function countMinTable(report: CountMinReport): LabBlock {
  const typical = report.rows.find((row) => !failed(row)) as Exclude<CountMinReport['rows'][number], Failed> | undefined
  const rest = typical ? ` (${figure(typical.lightMeanCount, 2)} views each)` : ''
  return {
    kind: 'table',
    title: `${NAMES['count-min']}, ${figure(report.views)} views: top ${report.heavy} pages against the rest${rest}`,
    columns: [
      {header: 'w × d'},
      {header: 'memory', align: 'right'},
      {header: 'ε·N', align: 'right'},
      {header: `top ${report.heavy}: worst`, align: 'right'},
      {header: 'rest: mean', align: 'right'},
      {header: '> ε·N (δ)', align: 'right'},
      {header: 'below', align: 'right'},
    ],
    rows: report.rows.map((row) => {
      const head = [`${row.width} × ${row.depth}`, bytes(row.bytes), figure(row.bound)]
      if (failed(row)) return {cells: [...head, DASH, DASH, DASH, DASH], tones: [undefined, undefined, undefined, 'bad']}
      return {
        cells: [...head, signed(row.heavyWorstOver), signed(row.lightMeanOver), `${percent(row.pastBound)} (${percent(row.delta)})`, figure(row.below)],
        tones: [undefined, undefined, undefined, row.heavyWorstOver > row.bound ? 'warn' : undefined, undefined, row.pastBound > row.delta ? 'bad' : 'good', row.below > 0 ? 'bad' : 'good'],
      }
    }),
  }
}

function quantileTable(report: QuantileReport): LabBlock {
  const exact = report.exact.map(({q, value}) => `${label(q)} ${figure(value, 3)}`).join(', ')
  return {
    kind: 'table',
    title: `${NAMES.quantiles}: ${figure(report.values)} latencies, exact ${exact} ms`,
    columns: [{header: 'α'}, {header: 'buckets', align: 'right'}, {header: 'memory', align: 'right'}, ...report.exact.map(({q}) => ({header: label(q), align: 'right' as const})), {header: 'within α'}],
    rows: report.rows.map((row) => {
      const head = [percent(row.relativeAccuracy), figure(row.buckets), bytes(row.bytes)]
      if (failed(row)) return {cells: [...head, ...report.exact.map(() => DASH), 'no'], tones: [undefined, undefined, undefined, 'bad']}
      // A value on a bucket's edge comes back exactly α off, and the errors are rounded to four
      // figures: allow for the rounding, nothing more.
      const within = row.answers.map((a) => Math.abs(a.error) <= row.relativeAccuracy * (1 + 1e-3))
      return {
        cells: [...head, ...row.answers.map((a) => signedPercent(a.error)), within.every(Boolean) ? 'yes' : 'no'],
        tones: [undefined, undefined, undefined, ...within.map((ok): Tone => (ok ? 'good' : 'bad')), within.every(Boolean) ? 'good' : 'bad'],
      }
    }),
  }
}

/** 0.5 → "p50", 0.999 → "p99.9". */
function label(q: number): string {
  return `p${figure(q * 100, 4)}`
}
