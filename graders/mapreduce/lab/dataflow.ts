/**
 * The data side of one job run: each split mapped (and combined, when asked) with the module's
 * functions, every pair partitioned to its reducer and every key reduced, with the shuffle counted
 * in pairs and bytes. Each answer is checked as it comes back; the first impossible one raises a
 * DataProblem naming the call, and the run then uses the course's own functions instead.
 */
export type Pair = [string, number]

export interface DataFunctions {
  map(document: string): unknown
  combine(pairs: Pair[]): unknown
  partition(key: string, reducers: number): unknown
  reduce(key: string, values: number[]): unknown
}

export class DataProblem extends Error {
  constructor(
    readonly call: string,
    readonly problem: string,
  ) {
    super(`${call} ${problem}`)
  }
}

/** The README's split rule: contiguous runs, the first `n mod m` splits one document longer. */
export function splitBounds(documents: number, splits: number): Array<readonly [number, number]> {
  const base = Math.floor(documents / splits)
  const extra = documents % splits
  const bounds: Array<readonly [number, number]> = []
  let start = 0
  for (let i = 0; i < splits; i++) {
    const size = base + (i < extra ? 1 : 0)
    bounds.push([start, start + size])
    start += size
  }
  return bounds
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 19)}…` : value)
  if (typeof value === 'number' || value === undefined || value === null) return String(value)
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`
}

function pairsFrom(call: string, value: unknown): Pair[] {
  if (!Array.isArray(value)) throw new DataProblem(call, `returned ${describe(value)}, not a list of pairs`)
  for (const pair of value) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'number' || !Number.isFinite(pair[1])) throw new DataProblem(call, `returned ${describe(pair)} among its pairs`)
  }
  return value as Pair[]
}

/** What a call that threw becomes: a DataProblem naming it (one already made passes through). */
function problemOf(call: string, error: unknown): DataProblem {
  if (error instanceof DataProblem) return error
  const message = error instanceof Error ? error.message : String(error)
  return new DataProblem(call, `threw “${message.length > 60 ? `${message.slice(0, 59)}…` : message}”`)
}

function attempt<T>(call: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw problemOf(call, error)
  }
}

export interface MapOutput {
  /** Pairs `map` emitted, before any combining. */
  readonly emitted: number
  /** Pairs that leave the task for the reducers. */
  readonly pairs: Pair[]
}

/** One map task's output: its documents mapped in order, then combined once if the job combines. */
export function mapSplit(fns: DataFunctions, documents: readonly string[], combiner: boolean): MapOutput {
  const output: Pair[] = []
  for (const document of documents) {
    for (const pair of pairsFrom('map', attempt('map', () => fns.map(document)))) output.push(pair)
  }
  return {emitted: output.length, pairs: combiner ? pairsFrom('combine', attempt('combine', () => fns.combine(output))) : output}
}

/** UTF-8 length of a string, from its code units (a lone surrogate counts as U+FFFD, 3 bytes, as TextEncoder writes it). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** A shuffled pair as the map side writes it for a reducer: the word, a tab, the count, a newline. */
export function pairBytes([word, count]: Pair): number {
  return utf8Length(word) + String(count).length + 2
}

/** The bytes of a map task's output. */
export const outputBytes = (pairs: readonly Pair[]): number => pairs.reduce((bytes, pair) => bytes + pairBytes(pair), 0)

/** A 32-bit FNV-1a over UTF-16 code units, written out in hex: enough to tell two sets of counts apart. */
export function fingerprint(counts: ReadonlyArray<readonly [string, number]>): string {
  let hash = 0x811c9dc5
  for (const [word, count] of counts) {
    const line = `${word}\t${count}\n`
    for (let i = 0; i < line.length; i++) hash = Math.imul(hash ^ line.charCodeAt(i), 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** Word order for the counts: UTF-16 code units, as the README's contract sorts them. */
export const byWord = (a: readonly [string, number], b: readonly [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)

export interface Shuffled {
  readonly reducerPairs: number[]
  readonly reducerKeys: number[]
  readonly counts: Array<[string, number]>
}

/** Sends every pair to `partition(word, reducers)`, groups each reducer's pairs by word and reduces each group. */
export function shuffleAndReduce(fns: DataFunctions, outputs: readonly Pair[][], reducers: number): Shuffled {
  const inputs = Array.from({length: reducers}, () => new Map<string, number[]>())
  const reducerPairs = new Array<number>(reducers).fill(0)
  // One try around each loop rather than a closure per call: the uncombined runs make tens of thousands of calls.
  try {
    for (const output of outputs) {
      for (const [word, count] of output) {
        const r = fns.partition(word, reducers)
        if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= reducers) throw new DataProblem('partition', `returned ${describe(r)} for ${describe(word)} with ${reducers} reducers`)
        reducerPairs[r]! += 1
        const values = inputs[r]!.get(word)
        if (values) values.push(count)
        else inputs[r]!.set(word, [count])
      }
    }
  } catch (error) {
    throw problemOf('partition', error)
  }
  const counts: Array<[string, number]> = []
  try {
    for (const input of inputs) {
      for (const [word, values] of input) {
        const total = fns.reduce(word, values)
        if (typeof total !== 'number' || !Number.isFinite(total)) throw new DataProblem('reduce', `returned ${describe(total)} for ${describe(word)}`)
        counts.push([word, total])
      }
    }
  } catch (error) {
    throw problemOf('reduce', error)
  }
  counts.sort(byWord)
  return {reducerPairs, reducerKeys: inputs.map((input) => input.size), counts}
}
