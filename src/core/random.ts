/**
 * A small, fast, seeded pseudo-random generator (sfc32) and the helpers graders and simulations
 * need. Deterministic across platforms and Node versions: the same seed gives the same stream.
 */
export type Random = () => number

/** sfc32 over four 32-bit words of state; returns floats in [0, 1). */
export function sfc32(a: number, b: number, c: number, d: number): Random {
  return () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

/** A generator seeded from 16 bytes (for example part of a hash), warmed up past its first outputs. */
export function randomFromBytes(bytes: Uint8Array): Random {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const random = sfc32(view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12))
  for (let i = 0; i < 12; i++) random()
  return random
}

/** A generator from a small integer seed, for simulations and tests. */
export function randomFromSeed(seed: number): Random {
  const random = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0)
  for (let i = 0; i < 12; i++) random()
  return random
}

/** An integer in [min, max], both included. */
export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}
