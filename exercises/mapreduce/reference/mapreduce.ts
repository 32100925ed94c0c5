/**
 * Word count as a MapReduce job, modelled in one process: the map, combine, partition and
 * reduce functions, a driver that runs them the way a cluster would and counts what crosses
 * the network, and two scheduling rules a master applies while a job runs (speculative
 * copies of stragglers, re-execution after a node failure).
 *
 * Everything here is a pure function of its arguments: no clock, no randomness, no I/O.
 * Invalid arguments make a function throw an `Error` (a `RangeError` is fine).
 */

/** An intermediate key/value pair: a word and a count. */
export type Pair = [word: string, count: number]

/**
 * Splits a document into words.
 *
 * 1. Lower-case the whole document with `String.prototype.toLowerCase()` (no locale, no
 *    Unicode normalisation).
 * 2. A candidate is a maximal run of characters that are Unicode letters (`\p{L}`), combining
 *    marks (`\p{M}`), numbers of any kind (`\p{N}`) or the ASCII apostrophe `'`
 *    (U+0027). Everything else separates words; the typographic apostrophe (U+2019) is a
 *    separator too.
 * 3. Strip apostrophes from both ends of each candidate; drop candidates that become empty.
 *
 * Words come out in document order, repeats included.
 *
 * @example tokenize("Don't panic: it's 42, 'quoted' -- ''") → ["don't", "panic", "it's", "42", "quoted"]
 */
export function tokenize(document: string): string[] {
  const words: string[] = []
  for (const [run] of document.toLowerCase().matchAll(WORD_RUN)) {
    const word = run.replace(EDGE_APOSTROPHES, '')
    if (word !== '') words.push(word)
  }
  return words
}

const WORD_RUN = /[\p{L}\p{M}\p{N}']+/gu
const EDGE_APOSTROPHES = /^'+|'+$/g

/** The map function of word count: one `[word, 1]` pair per word of `tokenize(document)`, in order. */
export function map(document: string): Pair[] {
  return tokenize(document).map((word): Pair => [word, 1])
}

/**
 * The combiner: adds up the counts of equal words within one map task's output. Returns one
 * pair per distinct word, in the order in which each word first appears in `pairs`. Does not
 * modify its argument.
 *
 * @example combine([["the",1],["cat",1],["the",1]]) → [["the",2],["cat",1]]
 */
export function combine(pairs: readonly Pair[]): Pair[] {
  // A Map iterates in insertion order, which is the order of first appearance.
  const sums = new Map<string, number>()
  for (const [word, count] of pairs) sums.set(word, (sums.get(word) ?? 0) + count)
  return [...sums]
}

/**
 * 32-bit FNV-1a over the UTF-8 bytes of `text`, as an unsigned integer in `[0, 2**32)`.
 *
 * Start from the offset basis 2166136261 (0x811c9dc5); for each byte, XOR it into the hash,
 * then multiply by the prime 16777619 (0x01000193) modulo 2**32. Lone surrogates are encoded
 * as U+FFFD, as `TextEncoder` does.
 *
 * The same text gives the same number on every run and every machine, which is what a
 * partitioner needs (a per-process randomised hash would scatter one word over several
 * reducers).
 *
 * @example fnv1a32("") → 2166136261, fnv1a32("a") → 3826002220
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (const byte of UTF8.encode(text)) {
    hash ^= byte
    // Math.imul multiplies as 32-bit integers; a plain * would lose the low bits to rounding
    // once the product passes 2**53.
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

const UTF8 = new TextEncoder()

/**
 * The reducer, from 0 to `reducers − 1`, that receives every pair with this key:
 * `fnv1a32(key) mod reducers`. Throws unless `reducers` is an integer `>= 1`.
 */
export function partition(key: string, reducers: number): number {
  checkCount('reducers', reducers)
  return fnv1a32(key) % reducers
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`)
}

/** The reduce function of word count: the sum of the values (0 for none). */
export function reduce(_key: string, values: readonly number[]): number {
  let total = 0
  for (const value of values) total += value
  return total
}

export interface JobOptions {
  /** Number of map tasks, an integer `>= 1`. */
  readonly mappers: number
  /** Number of reduce tasks, an integer `>= 1`. */
  readonly reducers: number
  /** Whether each map task runs `combine` over its output before the shuffle. */
  readonly combiner: boolean
}

export interface JobResult {
  /** Every distinct word with its total count, sorted by word in UTF-16 code unit order (what `a < b` compares for strings). */
  readonly counts: Pair[]
  /** Pairs emitted by `map` over all documents (the number of words in the input). */
  readonly mapOutputPairs: number
  /** Pairs that leave the map tasks for the reducers: after combining if `combiner` is set. */
  readonly shuffledPairs: number
  /** For each reducer `r` (index `r`), how many shuffled pairs it receives. Sums to `shuffledPairs`. */
  readonly reducerPairs: number[]
  /** For each reducer `r`, how many distinct words it is responsible for. Sums to `counts.length`. */
  readonly reducerKeys: number[]
}

/**
 * Runs word count over `documents` the way a cluster would, and reports what moved.
 *
 * - **Split.** The documents are cut into `mappers` contiguous input splits: with `n`
 *   documents and `m` map tasks, task `i` (0-based) gets `floor(n / m)` documents, plus one
 *   more if `i < n mod m`, starting where task `i − 1` stopped. Tasks may be empty.
 * - **Map.** Each map task runs `map` on its documents in order and concatenates the pairs;
 *   with `combiner` set, it then runs `combine` once over its whole output.
 * - **Shuffle.** Each pair a map task emits goes to reducer `partition(word, reducers)`.
 * - **Reduce.** Each reducer groups its pairs by word and calls `reduce` once per word.
 *
 * Throws unless `mappers` and `reducers` are integers `>= 1`.
 */
export function runJob(documents: readonly string[], options: JobOptions): JobResult {
  const {mappers, reducers, combiner} = options
  checkCount('mappers', mappers)
  checkCount('reducers', reducers)

  // Each reducer's input, grouped by word as the sort/merge step would deliver it.
  const inputs = Array.from({length: reducers}, () => new Map<string, number[]>())
  const reducerPairs = new Array<number>(reducers).fill(0)
  let mapOutputPairs = 0
  let shuffledPairs = 0

  const base = Math.floor(documents.length / mappers)
  const extra = documents.length % mappers
  let start = 0
  for (let task = 0; task < mappers; task++) {
    const size = base + (task < extra ? 1 : 0)
    const split = documents.slice(start, start + size)
    start += size

    let output = split.flatMap((doc) => map(doc))
    mapOutputPairs += output.length
    if (combiner) output = combine(output)
    shuffledPairs += output.length
    for (const [word, count] of output) {
      const r = partition(word, reducers)
      reducerPairs[r]! += 1
      const values = inputs[r]!.get(word)
      if (values) values.push(count)
      else inputs[r]!.set(word, [count])
    }
  }

  const counts: Pair[] = []
  for (const input of inputs) for (const [word, values] of input) counts.push([word, reduce(word, values)])
  // Plain < on strings compares UTF-16 code units; localeCompare would not.
  counts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {counts, mapOutputPairs, shuffledPairs, reducerPairs, reducerKeys: inputs.map((input) => input.size)}
}

/** A task attempt as the master sees it while the job runs. */
export interface TaskProgress {
  readonly id: string
  /** Fraction done, from 0 to 1 (1 = finished). */
  readonly progress: number
  /** Milliseconds since the attempt started (for a finished task: how long it took). */
  readonly elapsedMs: number
  /** `true` if a speculative copy of this task is already running. */
  readonly speculated?: boolean
}

export interface SpeculationPolicy {
  /** How many times the median estimated duration a task must exceed to count as slow (e.g. 1.5). */
  readonly slowFactor: number
  /** Tasks younger than this are never judged (their progress says too little yet). */
  readonly minElapsedMs: number
  /** Most speculative copies running at once, counting those already running. */
  readonly maxSpeculative: number
}

/**
 * Chooses the tasks to launch a speculative (backup) copy of; the first copy to finish wins.
 *
 * For every task in `tasks` (finished ones included), the estimated total duration is
 * `estimatedMs = elapsedMs / progress`, or `Infinity` when `progress` is 0. Let `median` be
 * the lower median of these estimates (sort ascending, take index `floor((n − 1) / 2)`).
 * A task is a candidate when all of these hold:
 *
 * - `progress < 1` and `speculated` is not `true`;
 * - `elapsedMs >= minElapsedMs`;
 * - `estimatedMs > slowFactor * median` (it is slow compared with its peers);
 * - `estimatedMs - elapsedMs > median` (a fresh copy, expected to take about `median`, would
 *   finish first).
 *
 * Candidates are ranked by estimated time left, `estimatedMs - elapsedMs`, largest first;
 * ties by id in UTF-16 code unit order. Returns the ids of the first `k` candidates, where
 * `k = maxSpeculative` minus the number of tasks with `progress < 1` and `speculated: true`
 * (none if that is 0 or less). Returns `[]` for an empty list.
 */
export function speculate(tasks: readonly TaskProgress[], policy: SpeculationPolicy): string[] {
  if (tasks.length === 0) return []
  const estimate = (t: TaskProgress): number => (t.progress === 0 ? Infinity : t.elapsedMs / t.progress)
  const sorted = tasks.map(estimate).sort((a, b) => a - b)
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!

  const alreadyCopied = tasks.filter((t) => t.progress < 1 && t.speculated === true).length
  const budget = policy.maxSpeculative - alreadyCopied
  if (budget <= 0) return []

  const candidates: {id: string; left: number}[] = []
  for (const t of tasks) {
    if (t.progress >= 1 || t.speculated === true || t.elapsedMs < policy.minElapsedMs) continue
    const estimatedMs = estimate(t)
    const left = estimatedMs - t.elapsedMs
    // If more than half the tasks have made no progress, median is Infinity and nothing
    // compares greater: it is too early to call anyone slow.
    if (estimatedMs > policy.slowFactor * median && left > median) candidates.push({id: t.id, left})
  }
  candidates.sort((a, b) => (a.left !== b.left ? (a.left > b.left ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return candidates.slice(0, budget).map((c) => c.id)
}

/** One task of a job as the master's table records it. */
export interface TaskPlacement {
  readonly id: string
  readonly kind: 'map' | 'reduce'
  /** Waiting for a worker, running, or finished. */
  readonly status: 'pending' | 'running' | 'completed'
  /** The worker the task runs or ran on; `null` while `pending`. */
  readonly node: string | null
}

/**
 * The tasks the master must schedule again when worker `failedNode` dies, in the order of
 * `tasks`, which lists every task of the job.
 *
 * - A task that was `running` on the failed node must run again, map or reduce.
 * - A map task that had `completed` on the failed node must run again if and only if at least
 *   one reduce task of the job has not completed (is `pending` or `running`, on any node):
 *   its output sat on that node's local disk, and an unfinished reducer may still need it.
 * - A reduce task that had `completed` never runs again: its output is already in the
 *   replicated distributed file system.
 * - `pending` tasks and tasks on other nodes are not returned.
 */
export function rerunAfterFailure(tasks: readonly TaskPlacement[], failedNode: string): string[] {
  const reducersUnfinished = tasks.some((t) => t.kind === 'reduce' && t.status !== 'completed')
  return tasks
    .filter((t) => {
      if (t.node !== failedNode) return false
      if (t.status === 'running') return true
      return t.status === 'completed' && t.kind === 'map' && reducersUnfinished
    })
    .map((t) => t.id)
}
