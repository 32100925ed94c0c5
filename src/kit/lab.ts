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

export {formatNumber as figure} from '../core/capacity/worked.js'
export {integer, pick, randomFromSeed, shuffle, type Random} from '../core/random.js'
export {EventQueue} from '../core/sim/event-queue.js'
export {Simulation, type Handler} from '../core/sim/simulation.js'
export {DISTRIBUTIONS, drawCost, generateWorkload, ORDERS, type Distribution, type Order, type WorkloadSpec} from '../core/sim/workloads.js'

/** How a figure reads well: the tone of a cell or bar. */
export type Tone = 'good' | 'warn' | 'bad' | 'dim'

/** What a lab shows, as blocks the course lays out for the terminal's width and colours. */
export type LabBlock =
  | {readonly kind: 'title'; readonly text: string}
  | {readonly kind: 'text'; readonly text: string}
  | {
      readonly kind: 'table'
      readonly columns: ReadonlyArray<{readonly header: string; readonly align?: 'left' | 'right'}>
      readonly rows: ReadonlyArray<{readonly cells: readonly string[]; readonly tones?: ReadonlyArray<Tone | undefined>}>
    }
  | {
      /** Horizontal bars on one scale, with a marker at `reference` (a bound, a target) when given. */
      readonly kind: 'bars'
      readonly bars: ReadonlyArray<{readonly label: string; readonly value: number; readonly text: string; readonly tone?: Tone}>
      readonly reference?: {readonly label: string; readonly value: number; readonly text: string}
    }

/**
 * The values of the lab's parameters, by name: integers and choices as given, quantities
 * (`duration`) in seconds. The course has already checked each against lab.json.
 */
export type LabValues = Readonly<Record<string, number | string>>

export interface LabContext {
  /** Called now and then with a short line of progress ("static: 120/400 tasks"). */
  readonly progress?: (line: string) => void
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
