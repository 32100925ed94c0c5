/**
 * Independent models of the aggregation contract (the TSDoc of the unit's starter), written apart
 * from the reference solution so that each checks the other. The hashing rules are part of the
 * contract, so the models hash exactly as it says; everything else is their own.
 */
import {hash} from 'node:crypto'

/** SHA-1 of the UTF-8 encoding (the one-shot form: generators hash tens of thousands of values per learner). */
export function sha1(value: string): Buffer {
  return hash('sha1', value, 'buffer')
}

// ------------------------------------------------------------------ HyperLogLog

/** Register index and rank of a value for precision p, from the first 64 bits of its digest. */
export function place(value: string, p: number): {index: number; rank: number} {
  const d = sha1(value)
  // The 64 bits as two 32-bit halves; the index is the top p bits of the first.
  const top = d.readUInt32BE(0)
  const bottom = d.readUInt32BE(4)
  const index = Math.floor(top / 2 ** (32 - p))
  // Walk the 64 − p bits after the index, most significant first, to the first 1.
  const restOfTop = top % 2 ** (32 - p)
  if (restOfTop > 0) return {index, rank: 32 - p - Math.floor(Math.log2(restOfTop))}
  if (bottom > 0) return {index, rank: 32 - p + 32 - Math.floor(Math.log2(bottom))}
  return {index, rank: 65 - p}
}

export class HllModel {
  readonly registers: number[]
  constructor(readonly p: number) {
    this.registers = new Array<number>(2 ** p).fill(0)
  }
  add(value: string): void {
    const {index, rank} = place(value, this.p)
    if (rank > this.registers[index]!) this.registers[index] = rank
  }
  /** The raw estimate E and the number V of registers still zero, from which count() chooses. */
  parts(): {raw: number; empty: number} {
    const m = this.registers.length
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m)
    let harmonic = 0
    let empty = 0
    for (const r of this.registers) {
      harmonic += 2 ** -r
      if (r === 0) empty++
    }
    return {raw: (alpha * m * m) / harmonic, empty}
  }
  /** Whether count() answers with linear counting (E ≤ 2.5 m and V > 0) rather than E. */
  linear(): boolean {
    const {raw, empty} = this.parts()
    return raw <= 2.5 * this.registers.length && empty > 0
  }
  count(): number {
    const m = this.registers.length
    const {raw, empty} = this.parts()
    return this.linear() ? m * Math.log(m / empty) : raw
  }
  /** Register-wise maximum: the sketch of the union of both streams. */
  merge(other: HllModel): void {
    other.registers.forEach((r, j) => {
      if (r > this.registers[j]!) this.registers[j] = r
    })
  }
}

// ------------------------------------------------------------------ count-min

export const cmsWidth = (epsilon: number) => Math.ceil(Math.E / epsilon)
export const cmsDepth = (delta: number) => Math.ceil(Math.log(1 / delta))

export class CountMinModel {
  readonly width: number
  readonly depth: number
  readonly table: number[][]
  total = 0
  constructor(epsilon: number, delta: number) {
    this.width = cmsWidth(epsilon)
    this.depth = cmsDepth(delta)
    this.table = Array.from({length: this.depth}, () => new Array<number>(this.width).fill(0))
  }
  columns(key: string): number[] {
    const d = sha1(key)
    const h1 = d.readUInt32BE(8)
    const h2 = d.readUInt32BE(12)
    return this.table.map((_, row) => (h1 + row * h2) % this.width)
  }
  add(key: string, count = 1): void {
    this.columns(key).forEach((c, row) => (this.table[row]![c]! += count))
    this.total += count
  }
  estimate(key: string): number {
    return Math.min(...this.columns(key).map((c, row) => this.table[row]![c]!))
  }
  /** Cell-by-cell sum and the totals added: the sketch of both streams together. */
  merge(other: CountMinModel): void {
    other.table.forEach((row, i) => row.forEach((c, j) => (this.table[i]![j]! += c)))
    this.total += other.total
  }
}

// ------------------------------------------------------------------ quantile sketch

export class QuantileModel {
  readonly gamma: number
  readonly counts = new Map<number, number>()
  zeros = 0
  n = 0
  constructor(readonly alpha: number) {
    this.gamma = (1 + alpha) / (1 - alpha)
  }
  /** The contract's bucket index, computed exactly as it states. */
  index(x: number): number {
    return Math.ceil(Math.log(x) / Math.log(this.gamma))
  }
  add(x: number): void {
    this.n++
    if (x === 0) this.zeros++
    else {
      const i = this.index(x)
      this.counts.set(i, (this.counts.get(i) ?? 0) + 1)
    }
  }
  buckets(): {zeros: number; indexed: Array<[number, number]>} {
    return {zeros: this.zeros, indexed: [...this.counts].sort((a, b) => a[0] - b[0])}
  }
  quantile(q: number): number {
    if (this.n === 0) return NaN
    const rank = Math.floor(q * (this.n - 1))
    let below = this.zeros
    if (rank < below) return 0
    for (const [i, c] of this.buckets().indexed) {
      below += c
      if (below > rank) return (2 * this.gamma ** i) / (this.gamma + 1)
    }
    return NaN
  }
  /** Zeros, bucket counts and n added: the sketch of both data sets together. */
  merge(other: QuantileModel): void {
    this.zeros += other.zeros
    this.n += other.n
    for (const [i, c] of other.counts) this.counts.set(i, (this.counts.get(i) ?? 0) + c)
  }
}

/** The exact value of rank floor(q · (n − 1)) in a multiset. */
export function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!
}

// ------------------------------------------------------------------ two-stage sum

export interface Records {
  key: string
  value: number
}

export interface TwoStage {
  sums: Array<{key: string; sum: number}>
  hotKeys: string[]
  naiveLoad: number[]
  stage1Load: number[]
  stage2Load: number[]
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function twoStage(records: readonly Records[], partitions: number, salts: number, hotThreshold: number): TwoStage {
  const homes = new Map<string, number>()
  const home = (key: string) => {
    let h = homes.get(key)
    if (h === undefined) homes.set(key, (h = sha1(key).readUInt32BE(16) % partitions))
    return h
  }
  const seen = new Map<string, number>()
  for (const r of records) seen.set(r.key, (seen.get(r.key) ?? 0) + 1)
  const hot = new Set([...seen].filter(([, c]) => c >= hotThreshold).map(([k]) => k))
  const naiveLoad = new Array<number>(partitions).fill(0)
  const stage1Load = new Array<number>(partitions).fill(0)
  const stage2Load = new Array<number>(partitions).fill(0)
  const sums = new Map<string, number>()
  const turn = new Map<string, number>()
  for (const {key, value} of records) {
    const h = home(key)
    naiveLoad[h]!++
    const t = turn.get(key) ?? 0
    turn.set(key, t + 1)
    stage1Load[hot.has(key) ? (h + (t % salts)) % partitions : h]!++
    sums.set(key, (sums.get(key) ?? 0) + value)
  }
  for (const key of hot) stage2Load[home(key)]! += Math.min(seen.get(key)!, salts)
  return {
    sums: [...sums].sort((a, b) => byKey(a[0], b[0])).map(([key, sum]) => ({key, sum})),
    hotKeys: [...hot].sort(byKey),
    naiveLoad,
    stage1Load,
    stage2Load,
  }
}

export const homeOf = (key: string, partitions: number) => sha1(key).readUInt32BE(16) % partitions
