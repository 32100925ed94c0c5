/**
 * What the MapReduce lab shows: the timeline of one run (tasks on workers, backup copies, map
 * outputs crossing the network), the four runs side by side (time, shuffle volume, skew, copies,
 * whether the counts are right), their makespans as bars, and how the partitioner spread the
 * pairs. Sized for an 80 × 24 terminal.
 */
import {figure, type GanttSpan, type LabBlock, type Tone} from 'course/kit/lab'
import type {JobOutput, Note, Span} from './report.js'
import type {MapReduceRun, RunResult} from './result.js'

type Finished = RunResult & {readonly output: JobOutput}

const done = (run: RunResult): run is Finished => run.output !== null
const seconds = (ms: number) => `${figure(ms / 1000, 3)} s`
const short = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text)
/** A count in at most five characters: 9,586 → 9.59k. */
const compact = (n: number) => (n >= 1000 ? `${figure(n / 1000, 3)}k` : figure(n))

function whose(run: MapReduceRun): string {
  return run.source === 'mine' ? 'your' : "the reference's"
}

function spanText(span: Span): string {
  if (span.kind === 'shuffle') return `map ${span.task}'s output to the reducers`
  const name = `${span.kind} ${span.task}`
  if (span.backup) return `${name}, backup copy${span.killed ? ', stopped: the first copy won' : ''}`
  return span.killed ? `${name}, stopped: its backup copy finished first` : name
}

function spanTone(span: Span, run: MapReduceRun): Tone {
  if (span.kind === 'shuffle') return 'dim'
  if (span.backup) return 'warn'
  return span.lane === run.slow_worker - 1 && run.slowdown > 1 ? 'bad' : 'good'
}

function timeline(run: MapReduceRun, shown: Finished): LabBlock {
  const slow = run.slowdown > 1
  const workers = Array.from({length: run.workers}, (_, w) => ({
    label: `worker ${w + 1}${slow && w === run.slow_worker - 1 ? ` (${run.slowdown}× slow)` : ''}`,
    lane: w,
  }))
  const lanes = [...workers, {label: 'network', lane: -1}].map(({label, lane}) => ({
    label,
    spans: shown.output.spans
      .filter((s) => s.lane === lane)
      .map((s): GanttSpan => ({start: s.startMs / 1000, end: s.endMs / 1000, tone: spanTone(s, run), text: spanText(s)})),
  }))
  return {
    kind: 'gantt',
    title: `Word count (${run.source === 'mine' ? 'your code' : 'reference'}), run “${shown.name}”: ${seconds(shown.output.makespanMs)} to the last reduce; seed ${run.seed}`,
    unit: 's',
    end: shown.output.makespanMs / 1000,
    lanes,
    legend: [
      {tone: 'good', text: 'task'},
      ...(slow ? [{tone: 'bad' as const, text: 'on the slow worker'}] : []),
      {tone: 'warn', text: 'backup copy'},
      {tone: 'dim', text: 'map output in transit'},
    ],
  }
}

/** Whether the run's counts are the corpus's true counts; a run whose data the course's stand-ins made proves nothing. */
function countsCell(run: Finished): {text: string; tone: Tone} {
  const {figures, truth, data} = run.output
  if (data === 'course') return {text: 'stand-in', tone: 'dim'}
  return figures.countsDigest === truth.countsDigest ? {text: 'right', tone: 'good'} : {text: 'wrong', tone: 'bad'}
}

function comparison(runs: readonly RunResult[]): LabBlock {
  return {
    kind: 'table',
    columns: [
      {header: 'run'},
      {header: 'makespan', align: 'right'},
      {header: 'pairs shuffled', align: 'right'},
      {header: 'bytes', align: 'right'},
      {header: 'max/mean', align: 'right'},
      {header: 'copies', align: 'right'},
      {header: 'counts', align: 'right'},
    ],
    rows: runs.map((run) => {
      if (!done(run)) return {cells: [run.name, '—', '—', '—', '—', '—', 'failed'], tones: [undefined, undefined, undefined, undefined, undefined, undefined, 'bad']}
      const {figures, speculate, makespanMs} = run.output
      const saved = figures.mapOutputPairs > 0 ? 1 - figures.shuffledPairs / figures.mapOutputPairs : 0
      const pairs = run.combiner ? `${figure(figures.shuffledPairs)} (−${figure(saved * 100, 2)} %)` : figure(figures.shuffledPairs)
      const mean = figures.reducerPairs.reduce((a, b) => a + b, 0) / Math.max(1, figures.reducerPairs.length)
      const skew = mean > 0 ? Math.max(...figures.reducerPairs) / mean : 1
      const counts = countsCell(run)
      return {
        cells: [run.name, seconds(makespanMs), pairs, `${figure(figures.shuffledBytes / 1000, 3)} kB`, `${figure(skew, 3)}×`, run.speculation ? `${speculate.launched}, ${speculate.wonByCopy} won` : '—', counts.text],
        tones: [undefined, undefined, undefined, undefined, skew > 1.25 ? 'warn' : undefined, undefined, counts.tone],
      }
    }),
  }
}

function makespans(runs: readonly Finished[]): LabBlock {
  const best = Math.min(...runs.map((r) => r.output.makespanMs))
  return {
    kind: 'bars',
    bars: runs.map((r) => ({label: r.name, value: r.output.makespanMs / 1000, text: seconds(r.output.makespanMs), tone: r.output.makespanMs === best ? 'good' : undefined})),
  }
}

/** How the partitioner spread the pairs when nothing was combined: the reducer owning the commonest words gets the most. */
function skewLine(runs: readonly Finished[]): string | undefined {
  const plain = runs.find((r) => !r.combiner) ?? runs[0]
  // The course's stand-in partitioner says nothing about the learner's.
  if (plain?.output.data !== 'module') return undefined
  const line = `Pairs per reducer, ${plain.name}: ${plain.output.figures.reducerPairs.map(compact).join(' ')}`
  const top = plain.output.figures.top[0]
  const share = top && plain.output.figures.mapOutputPairs > 0 ? `; “${top[0]}” is ${figure((100 * top[1]) / plain.output.figures.mapOutputPairs, 2)} %` : ''
  return line.length + share.length <= 80 ? line + share : short(line, 80)
}

/** Backup copies against none, here and in the MapReduce paper's sort (the README's figure). */
function speculationLine(runs: readonly Finished[]): string | undefined {
  const without = runs.find((r) => r.name === 'plain')
  const withCopies = runs.find((r) => r.name === 'speculation')
  if (!without || !withCopies || withCopies.output.makespanMs <= 0) return undefined
  // A speculate that failed has its own line above; a comparison would only repeat it.
  if (withCopies.output.notes.some((n) => n.call === 'speculate')) return undefined
  if (withCopies.output.speculate.launched === 0) return "No backup copy was launched; the paper's sort took 44 % longer without them."
  const longer = without.output.makespanMs / withCopies.output.makespanMs - 1
  return `No backup copies: ${figure(longer * 100, 2)} % longer here, 44 % in the paper's sort.`
}

/** The combiner's saving here, against the README's terabyte, where each split holds millions of words, not thousands. */
function combinerLine(run: MapReduceRun, runs: readonly Finished[]): string | undefined {
  const combined = runs.find((r) => r.combiner && r.output.data === 'module')
  if (!combined || combined.output.figures.mapOutputPairs === 0) return undefined
  const saved = 1 - combined.output.figures.shuffledPairs / combined.output.figures.mapOutputPairs
  const perSplit = combined.output.figures.mapOutputPairs / run.splits
  return `Combiner: ${figure(saved * 100, 2)} % fewer pairs (splits of ${compact(perSplit)} words); README's 1 TiB: over 98 %.`
}

/** One line per distinct problem: the same failing map shows in all four runs, but once here. */
function noteLines(run: MapReduceRun): string[] {
  const seen = new Set<string>()
  const lines: string[] = []
  const add = (key: string, line: string) => {
    if (seen.has(key)) return
    seen.add(key)
    lines.push(short(line, 80))
  }
  for (const r of run.runs) {
    if (!r.output) add(`run ${r.name}`, `Run “${r.name}” failed: ${r.error ?? 'no reason given'}`)
    for (const note of r.output?.notes ?? []) add(`${note.call} ${note.problem}`, noteLine(run, note))
  }
  return lines
}

function noteLine(run: MapReduceRun, note: Note): string {
  const consequence = note.consequence[0]!.toUpperCase() + note.consequence.slice(1)
  const at = note.atMs === undefined ? '' : ` from ${seconds(note.atMs)}`
  return `${consequence}${at}: ${whose(run)} ${note.call} ${note.problem}.`
}

export function mapReduceView(run: MapReduceRun): LabBlock[] {
  const finished = run.runs.filter(done)
  const shown = finished.find((r) => r.name === run.show)
  const blocks: LabBlock[] = shown ? [timeline(run, shown)] : [{kind: 'title', text: `Word count (${run.source === 'mine' ? 'your code' : 'reference'}): run “${run.show}” did not finish`}]
  blocks.push(...noteLines(run).map((text): LabBlock => ({kind: 'text', text})))
  blocks.push(comparison(run.runs))
  if (finished.length > 0) blocks.push(makespans(finished))
  for (const text of [skewLine(finished), combinerLine(run, finished), speculationLine(finished)]) if (text) blocks.push({kind: 'text', text})
  return blocks
}
