/**
 * What crosses the sandbox between the MapReduce lab and its driver: one job run's settings going
 * in, its timeline and shuffle figures coming out. Plain data only.
 */

export interface SpeculationPolicy {
  readonly slowFactor: number
  readonly minElapsedMs: number
  readonly maxSpeculative: number
}

/** The modelled costs that turn words, bytes and pairs into time. */
export interface Costs {
  /** Mapping one word (reading, tokenising, emitting its pair), ms. */
  readonly mapMsPerWord: number
  /** The network that carries the shuffle, bytes per ms (all transfers share it, one at a time). */
  readonly bytesPerMs: number
  /** Reducing one received pair, ms. */
  readonly reduceMsPerPair: number
  /** The fixed start-up of every task attempt (starting a process, opening its input), ms. */
  readonly startMs: number
  /** Every attempt's time is scaled by a draw in [1 − noise, 1 + noise]. */
  readonly noise: number
}

export interface JobInput {
  readonly seed: number
  readonly documents: number
  readonly splits: number
  readonly reducers: number
  readonly workers: number
  /** The straggler: its index among the workers, and how many times slower it runs every task. */
  readonly slowWorker: number
  readonly slowdown: number
  readonly combiner: boolean
  readonly speculation: boolean
  readonly policy: SpeculationPolicy
  /** How often the master looks at the running tasks, ms. */
  readonly heartbeatMs: number
  readonly costs: Costs
}

export type SpanKind = 'map' | 'reduce' | 'shuffle'

export interface Span {
  /** The worker's index, or −1 for the network. */
  readonly lane: number
  readonly kind: SpanKind
  /** The task's number within its phase (the map task whose output a shuffle span carries). */
  readonly task: number
  readonly startMs: number
  readonly endMs: number
  /** A speculative copy, and an attempt stopped because the other copy finished first. */
  readonly backup: boolean
  readonly killed: boolean
}

/**
 * Something the module did that the run had to work around: its data functions replaced by the
 * course's own, a speculate call that threw (no more copies that run), or answers the run ignored.
 */
export interface Note {
  readonly call: string
  readonly problem: string
  readonly consequence: string
  readonly atMs?: number
}

/** What the shuffle carried and what the reducers made of it. */
export interface DataFigures {
  /** Pairs the map tasks emitted (the words they found), and pairs and bytes that left them. */
  readonly mapOutputPairs: number
  readonly shuffledPairs: number
  readonly shuffledBytes: number
  readonly reducerPairs: number[]
  readonly reducerKeys: number[]
  readonly distinctWords: number
  /** The sum of the counts, and a fingerprint of every (word, count) for comparing runs. */
  readonly countTotal: number
  readonly countsDigest: string
  readonly top: Array<[string, number]>
}

export interface JobOutput {
  readonly combiner: boolean
  readonly speculation: boolean
  /** Whose map, combine, partition and reduce made the data figures. */
  readonly data: 'module' | 'course'
  readonly figures: DataFigures
  /** The same figures as the course computes them from the words it wrote, to compare with. */
  readonly truth: {readonly mapOutputPairs: number; readonly shuffledPairs: number; readonly distinctWords: number; readonly countsDigest: string}
  readonly makespanMs: number
  readonly mapEndMs: number
  readonly shuffleEndMs: number
  readonly spans: Span[]
  readonly speculate: {readonly asked: number; readonly launched: number; readonly wonByCopy: number; readonly ignored: number}
  readonly notes: Note[]
}
