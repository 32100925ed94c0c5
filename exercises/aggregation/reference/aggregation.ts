/**
 * Mergeable sketches for distributed aggregation.
 *
 * Every node summarises its own share of the data in a small structure; the structures combine
 * pairwise up an aggregation tree. Merging must give exactly the sketch that the union of the data
 * would have produced, so the answer does not depend on how the data was split or in which order
 * partial results arrive.
 *
 * Reference solution.
 */
import {hash} from 'node:crypto'

// ---------------------------------------------------------------------------------------------
// Hashing (given to the learner)
// ---------------------------------------------------------------------------------------------

/**
 * The 20-byte SHA-1 digest of the UTF-8 encoding of `value`. Every structure below derives its
 * positions from these bytes, as its documentation specifies.
 */
export function digest(value: string): Uint8Array {
  // The one-shot hash is about twice as fast as a Hash object on short values.
  return hash('sha1', value, 'buffer')
}

/** The unsigned 32-bit big-endian integer stored in bytes `offset` … `offset + 3` of `bytes`. */
export function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0
}

// ---------------------------------------------------------------------------------------------
// HyperLogLog: how many distinct values?
// ---------------------------------------------------------------------------------------------

/** A HyperLogLog sketch of the distinct strings added to it. */
export interface HyperLogLog {
  /** The precision p it was created with; the sketch has m = 2^p registers. */
  readonly precision: number
  /** Records one occurrence of `value`. Adding a value that was already added changes nothing. */
  add(value: string): void
  /**
   * The estimated number of distinct values added, as a floating-point number (not rounded).
   * An empty sketch counts 0.
   */
  count(): number
  /**
   * Folds `other` into this sketch (register j becomes max(this[j], other[j])); `other` is not
   * changed. Throws a RangeError if the precisions differ.
   */
  merge(other: HyperLogLog): void
  /** A copy of the m registers: index j holds register j (a value from 0 to 65 − p). */
  registers(): Uint8Array
}

/** The bias constant α_m of the HyperLogLog estimator. */
function alpha(m: number): number {
  if (m === 16) return 0.673
  if (m === 32) return 0.697
  if (m === 64) return 0.709
  return 0.7213 / (1 + 1.079 / m)
}

/**
 * Creates an empty HyperLogLog with m = 2^precision registers, all zero.
 *
 * `precision` must be an integer from 4 to 16; anything else throws a RangeError.
 *
 * Placing a value:
 * - h is the first 8 bytes of `digest(value)` read as an unsigned 64-bit big-endian integer
 *   (equivalently: hi = readUint32(d, 0) holds its top 32 bits, lo = readUint32(d, 4) the rest).
 * - The register index j is the top `precision` bits of h (0 … m − 1).
 * - The rank ρ is the position of the leftmost 1-bit in the remaining 64 − precision bits,
 *   counting from 1 (so ρ = 1 when the first remaining bit is 1); when all of them are 0,
 *   ρ = 65 − precision.
 * - Register j becomes max(register j, ρ).
 *
 * Estimating (`count`):
 * - α_m = 0.673 for m = 16, 0.697 for m = 32, 0.709 for m = 64, and 0.7213 / (1 + 1.079 / m)
 *   for m ≥ 128.
 * - The raw estimate is E = α_m · m² / Σ_j 2^(−M[j]), the sum over all m registers M[j].
 * - If E ≤ 2.5·m and V > 0 registers are zero, return the linear-counting estimate m · ln(m / V)
 *   instead. Otherwise return E. (No large-range correction: the hash has 64 bits.)
 * The tests compare `count()` with the reference within a relative 1e-9, so the order in which
 * you add up the sum does not matter.
 */
export function createHyperLogLog(precision: number): HyperLogLog {
  if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
    throw new RangeError(`precision must be an integer from 4 to 16, got ${precision}`)
  }
  const m = 2 ** precision
  const registers = new Uint8Array(m)

  const sketch: HyperLogLog = {
    precision,
    add(value: string): void {
      const d = digest(value)
      const hi = readUint32(d, 0)
      const lo = readUint32(d, 4)
      const j = hi >>> (32 - precision)
      // The bits of hi below the index, shifted to the top of a 32-bit word (zeros fill the bottom).
      const rest = (hi << precision) >>> 0
      let rank: number
      if (rest !== 0) rank = Math.clz32(rest) + 1
      else rank = 32 - precision + Math.clz32(lo) + 1 // clz32(0) = 32 gives 65 − precision
      if (rank > registers[j]!) registers[j] = rank
    },
    count(): number {
      let sum = 0
      let zeros = 0
      for (let j = 0; j < m; j++) {
        const r = registers[j]!
        sum += 2 ** -r
        if (r === 0) zeros++
      }
      const raw = (alpha(m) * m * m) / sum
      // Small cardinalities: most registers are still empty and the raw estimator is biased;
      // counting the empty registers (linear counting) is far more accurate there.
      if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros)
      return raw
    },
    merge(other: HyperLogLog): void {
      if (other.precision !== precision) {
        throw new RangeError(`cannot merge precision ${other.precision} into precision ${precision}`)
      }
      const theirs = other.registers()
      for (let j = 0; j < m; j++) if (theirs[j]! > registers[j]!) registers[j] = theirs[j]!
    },
    registers(): Uint8Array {
      return registers.slice()
    },
  }
  return sketch
}

// ---------------------------------------------------------------------------------------------
// Count-min sketch: how often was this key seen?
// ---------------------------------------------------------------------------------------------

/** The accuracy a count-min sketch is built for. */
export interface CountMinOptions {
  /** ε, the additive error as a fraction of the total count N; 0 < ε < 1. */
  readonly epsilon: number
  /** δ, the probability that one estimate misses that bound; 0 < δ < 1. */
  readonly delta: number
}

/** A count-min sketch of how often each key was added. */
export interface CountMin {
  /**
   * Adds `count` occurrences of `key` (default 1). `count` must be a non-negative safe integer;
   * anything else throws a RangeError. Adding 0 changes nothing.
   */
  add(key: string, count?: number): void
  /**
   * The smallest of the key's d counters. Never below the key's true total; above it by at most
   * ε·N with probability at least 1 − δ. A key never added may still get a positive estimate.
   */
  estimate(key: string): number
  /** N, the sum of every count added to this sketch or to sketches merged into it. */
  total(): number
  /**
   * Adds `other`'s counters to this sketch's, cell by cell, and its total to this total; `other`
   * is not changed. Throws a RangeError if the widths or depths differ.
   */
  merge(other: CountMin): void
  /** The shape of the table. */
  dimensions(): {width: number; depth: number}
  /** A copy of the table: `counters()[i][c]` is the counter in row i, column c. */
  counters(): number[][]
}

/**
 * Creates an empty count-min sketch.
 *
 * - width w = Math.ceil(Math.E / epsilon), depth d = Math.ceil(Math.log(1 / delta)).
 *   For ε = 0.001 and δ = 0.01 that is 2719 × 5.
 * - epsilon or delta outside the open interval (0, 1) throws a RangeError.
 * - Key k uses, in row i (i = 0 … d − 1), the column (h1 + i·h2) mod w, where
 *   h1 = readUint32(digest(k), 8) and h2 = readUint32(digest(k), 12). Compute it exactly:
 *   h1 + i·h2 stays far below 2^53, so plain numbers are exact.
 */
export function createCountMin(options: CountMinOptions): CountMin {
  const {epsilon, delta} = options
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`epsilon must be in (0, 1), got ${epsilon}`)
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`)
  const width = Math.ceil(Math.E / epsilon)
  const depth = Math.ceil(Math.log(1 / delta))
  const rows: Float64Array[] = Array.from({length: depth}, () => new Float64Array(width))
  let total = 0

  /** The column of `key` in each row (double hashing: h1 + i·h2 stays below 2^53, so it is exact). */
  function columns(key: string): number[] {
    const d = digest(key)
    const h1 = readUint32(d, 8)
    const h2 = readUint32(d, 12)
    const cols: number[] = []
    for (let i = 0; i < depth; i++) cols.push((h1 + i * h2) % width)
    return cols
  }

  const sketch: CountMin = {
    add(key: string, count = 1): void {
      if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative safe integer, got ${count}`)
      const cols = columns(key)
      for (let i = 0; i < depth; i++) rows[i]![cols[i]!]! += count
      total += count
    },
    estimate(key: string): number {
      const cols = columns(key)
      let best = Infinity
      for (let i = 0; i < depth; i++) best = Math.min(best, rows[i]![cols[i]!]!)
      return best
    },
    total(): number {
      return total
    },
    merge(other: CountMin): void {
      const theirs = other.dimensions()
      if (theirs.width !== width || theirs.depth !== depth) {
        throw new RangeError(`cannot merge a ${theirs.width}×${theirs.depth} sketch into a ${width}×${depth} one`)
      }
      const cells = other.counters()
      for (let i = 0; i < depth; i++) for (let c = 0; c < width; c++) rows[i]![c]! += cells[i]![c]!
      total += other.total()
    },
    dimensions() {
      return {width, depth}
    },
    counters(): number[][] {
      return rows.map((row) => Array.from(row))
    },
  }
  return sketch
}

// ---------------------------------------------------------------------------------------------
// Quantile sketch: logarithmic buckets with a relative-error guarantee
// ---------------------------------------------------------------------------------------------

/** Options of the quantile sketch. */
export interface QuantileSketchOptions {
  /** α, with 0 < α < 1: each quantile comes back within a factor 1 ± α of the exact value. */
  readonly relativeAccuracy: number
}

/** The contents of a quantile sketch, for checking merges. */
export interface QuantileBuckets {
  /** How many zeros were added. */
  readonly zeros: number
  /** One [index, count] pair per bucket whose count is above 0, by increasing index. */
  readonly indexed: Array<[number, number]>
}

/** A mergeable sketch of a multiset of non-negative numbers that answers quantile queries. */
export interface QuantileSketch {
  /** The α it was created with. */
  readonly relativeAccuracy: number
  /** Adds one value. Throws a RangeError unless `x` is finite and ≥ 0. */
  add(x: number): void
  /**
   * An estimate of the q-quantile. Let n = count() and r = Math.floor(q · (n − 1)); the exact
   * answer is the value of 0-based rank r in the sorted multiset (r = 0 is the smallest). Walk the
   * zeros first, then the buckets by increasing index, adding up counts; return the answer of the
   * first place where the running total exceeds r (0 for the zeros).
   * Returns NaN when the sketch is empty; throws a RangeError unless 0 ≤ q ≤ 1.
   */
  quantile(q: number): number
  /**
   * Adds `other`'s zeros and bucket counts to this sketch; `other` is not changed. Throws a
   * RangeError unless both were created with the same relativeAccuracy (compared with ===).
   */
  merge(other: QuantileSketch): void
  /** n, the number of values added to this sketch or to sketches merged into it. */
  count(): number
  /** A copy of the counts. */
  buckets(): QuantileBuckets
}

/**
 * Creates an empty quantile sketch. `relativeAccuracy` outside (0, 1) throws a RangeError.
 *
 * - γ = (1 + α) / (1 − α).
 * - A zero is counted apart (it answers 0).
 * - A value x > 0 goes to bucket i = Math.ceil(Math.log(x) / Math.log(γ)), the bucket that covers
 *   (γ^(i−1), γ^i]. Indices may be negative (values below 1).
 * - Bucket i answers 2 · γ^i / (γ + 1), computed as `2 * Math.pow(γ, i) / (γ + 1)`.
 */
export function createQuantileSketch(options: QuantileSketchOptions): QuantileSketch {
  const alphaValue = options.relativeAccuracy
  if (!(alphaValue > 0 && alphaValue < 1)) throw new RangeError(`relativeAccuracy must be in (0, 1), got ${alphaValue}`)
  const gamma = (1 + alphaValue) / (1 - alphaValue)
  const logGamma = Math.log(gamma)
  const counts = new Map<number, number>()
  let zeros = 0
  let n = 0

  function bump(index: number, by: number): void {
    counts.set(index, (counts.get(index) ?? 0) + by)
  }

  const sketch: QuantileSketch = {
    relativeAccuracy: alphaValue,
    add(x: number): void {
      if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`values must be finite and non-negative, got ${x}`)
      n++
      if (x === 0) zeros++
      else bump(Math.ceil(Math.log(x) / logGamma), 1)
    },
    quantile(q: number): number {
      if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`)
      if (n === 0) return NaN
      const rank = Math.floor(q * (n - 1))
      if (rank < zeros) return 0
      let seen = zeros
      for (const [index, c] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
        seen += c
        // The midpoint (in relative terms) of (γ^(i−1), γ^i] is within α of every value in it.
        if (seen > rank) return (2 * gamma ** index) / (gamma + 1)
      }
      throw new Error('unreachable: the ranks add up to n')
    },
    merge(other: QuantileSketch): void {
      if (other.relativeAccuracy !== alphaValue) {
        throw new RangeError(`cannot merge relativeAccuracy ${other.relativeAccuracy} into ${alphaValue}`)
      }
      const theirs = other.buckets()
      zeros += theirs.zeros
      n += theirs.zeros
      for (const [index, c] of theirs.indexed) {
        bump(index, c)
        n += c
      }
    },
    count(): number {
      return n
    },
    buckets(): QuantileBuckets {
      const indexed = [...counts.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0])
      return {zeros, indexed}
    },
  }
  return sketch
}

// ---------------------------------------------------------------------------------------------
// Skew-aware group-by: two-stage aggregation with salting
// ---------------------------------------------------------------------------------------------

/** One input record. */
export interface KeyedValue {
  readonly key: string
  readonly value: number
}

/** How the group-by is spread over partitions. */
export interface TwoStageOptions {
  /** P, the number of partitions (reducers): an integer ≥ 1. */
  readonly partitions: number
  /** S, the number of partial groups a hot key is split into: an integer with 1 ≤ S ≤ P. */
  readonly salts: number
  /** A key is hot when it has at least this many records: a number ≥ 1 (Infinity: no key is hot). */
  readonly hotThreshold: number
}

/** The answer and what it cost each partition. */
export interface TwoStageResult {
  /** One entry per distinct key: the sum of its values. Sorted by key in JavaScript string order (a < b). */
  readonly sums: Array<{key: string; sum: number}>
  /** The hot keys, sorted the same way. */
  readonly hotKeys: string[]
  /** Length P: records per partition if every record went to home(key), as a plain group-by does. */
  readonly naiveLoad: number[]
  /** Length P: records per partition in stage 1 of the salted plan. */
  readonly stage1Load: number[]
  /** Length P: partial sums of hot keys that each partition adds up in stage 2. */
  readonly stage2Load: number[]
}

/**
 * Sums `value` per `key` in two stages, spreading hot keys over several partitions.
 *
 * - home(k) = readUint32(digest(k), 16) mod P.
 * - A key is hot when its number of records is ≥ hotThreshold.
 * - Stage 1. A record of a cold key goes to home(k). The t-th record of a hot key k (t = 0, 1, …,
 *   counted in input order among k's records) gets salt s = t mod S and goes to partition
 *   (home(k) + s) mod P. Each partition sums the values it receives per (key, salt).
 * - Stage 2. A cold key's sum is final after stage 1. Each (hot key, salt) partial sum goes to
 *   home(k), which adds them up; stage2Load[p] counts the partials that p adds up (a hot key
 *   with c records contributes min(c, S) partials to its home partition, the one already there
 *   included).
 * - Throws a RangeError for invalid options. The tests use integer values whose sums stay below
 *   2^53, so every summation order gives the same exact sums.
 */
export function twoStageSum(records: readonly KeyedValue[], options: TwoStageOptions): TwoStageResult {
  const {partitions: P, salts: S, hotThreshold} = options
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`partitions must be an integer ≥ 1, got ${P}`)
  if (!Number.isInteger(S) || S < 1 || S > P) throw new RangeError(`salts must be an integer from 1 to partitions, got ${S}`)
  if (!(hotThreshold >= 1)) throw new RangeError(`hotThreshold must be ≥ 1, got ${hotThreshold}`)

  // Detection: an exact count of records per key (a count-min sketch could stand in at scale).
  const seen = new Map<string, number>()
  for (const r of records) seen.set(r.key, (seen.get(r.key) ?? 0) + 1)
  const home = new Map<string, number>()
  for (const key of seen.keys()) home.set(key, readUint32(digest(key), 16) % P)
  const hot = new Set([...seen].filter(([, c]) => c >= hotThreshold).map(([k]) => k))

  const naiveLoad = new Array<number>(P).fill(0)
  const stage1Load = new Array<number>(P).fill(0)
  const stage2Load = new Array<number>(P).fill(0)

  // Stage 1: each partition sums its records per (key, salt) group.
  const partial = new Map<string, Map<number, number>>()
  const nextSalt = new Map<string, number>()
  for (const {key, value} of records) {
    const h = home.get(key)!
    naiveLoad[h]!++
    let salt = 0
    if (hot.has(key)) {
      const t = nextSalt.get(key) ?? 0
      nextSalt.set(key, t + 1)
      salt = t % S
    }
    stage1Load[(h + salt) % P]!++
    let groups = partial.get(key)
    if (!groups) partial.set(key, (groups = new Map()))
    groups.set(salt, (groups.get(salt) ?? 0) + value)
  }

  // Stage 2: the partial sums of a hot key meet at its home partition.
  const sums: Array<{key: string; sum: number}> = []
  for (const [key, groups] of partial) {
    if (hot.has(key)) stage2Load[home.get(key)!]! += groups.size
    let sum = 0
    for (const v of groups.values()) sum += v
    sums.push({key, sum})
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  sums.sort((a, b) => byKey(a.key, b.key))
  return {sums, hotKeys: [...hot].sort(byKey), naiveLoad, stage1Load, stage2Load}
}
