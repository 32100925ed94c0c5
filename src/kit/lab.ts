/**
 * The kit's part for a unit's lab (`graders/<unit>/lab/`): something a learner runs to see the
 * unit's ideas at work (`course run <unit>`). A lab is two files: `lab.json`, the command it
 * becomes (summary, description, examples and its parameters, which become flags), and
 * `index.ts`, whose default export runs it and describes what to show. The course draws the
 * view; a lab never writes to the terminal itself, so `--json` and the view come from one result.
 *
 * A lab is bundled on its own with what it imports, so it imports this light surface, not
 * `course/kit`.
 */
import {fileURLToPath} from 'node:url'
import type {QuantityKindName} from '../core/capacity/kinds.js'

export type {QuantityKindName} from '../core/capacity/kinds.js'

export {formatNumber as figure} from '../core/capacity/worked.js'
export {integer, pick, randomFromSeed, shuffle, type Random} from '../core/random.js'
export {EventQueue} from '../core/sim/event-queue.js'
export {Simulation, type Handler} from '../core/sim/simulation.js'
export {DISTRIBUTIONS, drawCost, generateWorkload, ORDERS, type Distribution, type Order, type WorkloadSpec} from '../core/sim/workloads.js'
export {mean, percentile, percentileOfSorted, TimeSeries} from '../core/sim/stats.js'
export {AnswerReader} from './answer-reader.js'

/** How a figure reads well: the tone of a cell or bar. */
export type Tone = 'good' | 'warn' | 'bad' | 'dim'

/** What a lab shows, as blocks the course lays out: for the terminal's width and colours, and as SVG on the website. */
export type LabBlock =
  | {readonly kind: 'title'; readonly text: string}
  | {readonly kind: 'text'; readonly text: string}
  | {
      readonly kind: 'table'
      readonly title?: string
      readonly columns: ReadonlyArray<{readonly header: string; readonly align?: 'left' | 'right'}>
      readonly rows: ReadonlyArray<{readonly cells: readonly string[]; readonly tones?: ReadonlyArray<Tone | undefined>}>
    }
  | {
      /** Horizontal bars on one scale, with a marker at `reference` (a bound, a target) when given. */
      readonly kind: 'bars'
      readonly title?: string
      readonly bars: ReadonlyArray<{readonly label: string; readonly value: number; readonly text: string; readonly tone?: Tone}>
      readonly reference?: {readonly label: string; readonly value: number; readonly text: string}
    }
  | {
      /**
       * Quantities over time, sampled at the same instants `x` (in `xUnit`): a sparkline per line
       * in the terminal, a line chart on the website. `reference` draws a level (a target, a limit).
       */
      readonly kind: 'series'
      readonly title: string
      readonly xUnit: string
      readonly x: readonly number[]
      readonly lines: ReadonlyArray<{readonly label: string; readonly values: readonly number[]; readonly unit?: string; readonly tone?: Tone}>
      readonly reference?: {readonly label: string; readonly value: number}
    }
  | {
      /** Counts in consecutive buckets (latencies, sizes): columns in order, each labelled. */
      readonly kind: 'histogram'
      readonly title: string
      readonly buckets: ReadonlyArray<{readonly label: string; readonly count: number; readonly tone?: Tone}>
    }
  | {
      /** Spans of time on lanes (tasks on workers, phases of a job), from 0 to `end` in `unit`. */
      readonly kind: 'gantt'
      readonly title: string
      readonly unit: string
      readonly end: number
      readonly lanes: ReadonlyArray<{readonly label: string; readonly spans: ReadonlyArray<GanttSpan>}>
      /** What each tone means here, shown under the chart. */
      readonly legend?: ReadonlyArray<{readonly tone: Tone; readonly text: string}>
    }

export interface GanttSpan {
  readonly start: number
  readonly end: number
  readonly tone?: Tone
  /** What the span is, shown on hover on the website ("map 3, speculative copy"). */
  readonly text?: string
}

/**
 * The values of the lab's parameters, by name: integers and choices as given, quantities
 * (`duration`) in seconds. The course has already checked each against lab.json.
 */
export type LabValues = Readonly<Record<string, number | string>>

/** What a run of the lab's driver (`lab/driver.ts`, in the sandbox) gave for one input. */
export type CodeOutcome = {readonly ok: true; readonly output: unknown} | {readonly ok: false; readonly error: string}

export interface LabContext {
  /** Called now and then with a short line of progress ("static: 120/400 tasks"). */
  readonly progress?: (line: string) => void
  /** Whose work the lab runs: the course's reference, or the learner's own (`--mine`). */
  readonly source: 'reference' | 'mine'
  /**
   * A lab that `uses` code: runs `lab/driver.ts` in a sandboxed child beside the chosen module
   * (the reference or the learner's), once per input, and returns what each gave. The learner's
   * code never runs in the lab's own process.
   */
  readonly runCode?: (inputs: readonly unknown[]) => Promise<CodeOutcome[]>
  /** A lab that `uses` a document: the chosen answer, parsed and checked against the unit's schema. */
  readonly document?: unknown
  /**
   * The unit's scenario figures by id, each in its kind's canonical unit (s, 1/s, core,
   * core·min, USD, USD/month, B, B/s; a plain number for counts and ratios): the learner's own
   * variant when their workspace was started with one.
   */
  readonly figures?: Readonly<Record<string, number>>
  /**
   * Reads a quantity as a document states it ("20 min", "16 vCPU", "70 %", 0.5) into its kind's
   * canonical unit (as `figures`); undefined when it cannot be read as that kind.
   */
  readonly quantity: (value: unknown, kind: QuantityKindName) => number | undefined
}

export interface Lab<Result> {
  run(values: LabValues, context: LabContext): Promise<Result>
  view(result: Result): LabBlock[]
}

/** Declares a lab; the identity, for its types. The default export of `lab/index.ts`. */
export function defineLab<Result>(lab: Lab<Result>): Lab<Result> {
  return lab
}

/**
 * The path of a file a lab starts as a thread (`lab/x.worker.ts`, built to `x.worker.js` beside
 * the lab). Under test the lab runs from its TypeScript source, and the thread from the build.
 */
export function labFile(importMetaUrl: string, name: string): string {
  if (!importMetaUrl.endsWith('.ts')) return fileURLToPath(new URL(`./${name}`, importMetaUrl))
  const source = fileURLToPath(importMetaUrl)
  const match = /^(.*)[\\/]graders[\\/]([^\\/]+)[\\/]lab[\\/]/.exec(source)
  if (!match) throw new Error(`${source} is not inside a unit's lab folder`)
  return `${match[1]}/dist/labs/${match[2]}/${name}`
}
