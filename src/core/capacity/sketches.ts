/**
 * Sizing the probabilistic data structures of the course: Bloom filters (membership),
 * HyperLogLog (distinct counts) and count-min sketches (frequencies).
 */

export interface BloomSize {
  /** Bits m = −n·ln p / (ln 2)². */
  readonly bits: number
  /** Hash functions k = (m/n)·ln 2, before rounding. */
  readonly hashesExact: number
  readonly hashes: number
  readonly bytes: number
  /** The false-positive rate with k rounded: (1 − e^(−kn/m))^k. */
  readonly actualRate: number
}

export function bloomSize(items: number, rate: number): BloomSize {
  const bits = Math.ceil((-items * Math.log(rate)) / Math.LN2 ** 2)
  const hashesExact = (bits / items) * Math.LN2
  const hashes = Math.max(1, Math.round(hashesExact))
  return {bits, hashesExact, hashes, bytes: bits / 8, actualRate: (1 - Math.exp((-hashes * items) / bits)) ** hashes}
}

export interface HllSize {
  readonly registers: number
  /** log2 of the register count. */
  readonly precision: number
  /** Relative standard error 1.04/√m. */
  readonly standardError: number
  /** 6-bit registers. */
  readonly bytes: number
}

export function hllFromRegisters(registers: number): HllSize {
  return {registers, precision: Math.log2(registers), standardError: 1.04 / Math.sqrt(registers), bytes: (registers * 6) / 8}
}

/** The smallest power-of-two register count whose standard error is at most `error`. */
export function hllForError(error: number): HllSize {
  const needed = (1.04 / error) ** 2
  return hllFromRegisters(2 ** Math.max(4, Math.ceil(Math.log2(needed) - 1e-12)))
}

export interface CountMinSize {
  /** Width w = ⌈e/ε⌉. */
  readonly width: number
  /** Depth d = ⌈ln(1/δ)⌉. */
  readonly depth: number
  readonly counters: number
  /** With 4-byte counters. */
  readonly bytes: number
}

export function countMinSize(epsilon: number, delta: number): CountMinSize {
  const width = Math.ceil(Math.E / epsilon)
  const depth = Math.ceil(Math.log(1 / delta))
  return {width, depth, counters: width * depth, bytes: width * depth * 4}
}
