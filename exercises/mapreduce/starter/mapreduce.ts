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
  // TODO
  throw new Error('TODO: tokenize')
}

/** The map function of word count: one `[word, 1]` pair per word of `tokenize(document)`, in order. */
export function map(document: string): Pair[] {
  // TODO
  throw new Error('TODO: map')
}

/**
 * The combiner: adds up the counts of equal words within one map task's output. Returns one
 * pair per distinct word, in the order in which each word first appears in `pairs`. Does not
 * modify its argument.
 *
 * @example combine([["the",1],["cat",1],["the",1]]) → [["the",2],["cat",1]]
 */
export function combine(pairs: readonly Pair[]): Pair[] {
  // TODO
  throw new Error('TODO: combine')
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
  // TODO
  throw new Error('TODO: fnv1a32')
}

/**
 * The reducer, from 0 to `reducers − 1`, that receives every pair with this key:
 * `fnv1a32(key) mod reducers`. Throws unless `reducers` is an integer `>= 1`.
 */
export function partition(key: string, reducers: number): number {
  // TODO
  throw new Error('TODO: partition')
}

/** The reduce function of word count: the sum of the values (0 for none). */
export function reduce(key: string, values: readonly number[]): number {
  // TODO
  throw new Error('TODO: reduce')
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
  // TODO
  throw new Error('TODO: runJob')
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
  // TODO
  throw new Error('TODO: speculate')
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
  // TODO
  throw new Error('TODO: rerunAfterFailure')
}
