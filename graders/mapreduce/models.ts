/**
 * Independent models of the mapreduce contract (the TSDoc of the unit's starter), written apart
 * from the reference solution so that each checks the other. Hidden cases compute with them, in
 * the grader's own process, what the learner's code must return.
 */
export type Pair = [string, number]

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}']$/u

/** Lower-case, cut into maximal runs of letters, marks, numbers and ASCII apostrophes, trim apostrophes. */
export function words(document: string): string[] {
  const out: string[] = []
  let run = ''
  const flush = () => {
    let start = 0
    let end = run.length
    while (start < end && run[start] === "'") start++
    while (end > start && run[end - 1] === "'") end--
    if (end > start) out.push(run.slice(start, end))
    run = ''
  }
  // Iterating a string yields code points (a lone surrogate on its own), which is what \p{…} judges.
  for (const character of document.toLowerCase()) {
    if (WORD_CHARACTER.test(character)) run += character
    else flush()
  }
  flush()
  return out
}

export const pairs = (document: string): Pair[] => words(document).map((w) => [w, 1])

/** One pair per distinct word, in order of first appearance, counts summed. */
export function combined(input: readonly Pair[]): Pair[] {
  const order: string[] = []
  const sums: Record<string, number> = Object.create(null) as Record<string, number>
  for (const [word, count] of input) {
    if (!(word in sums)) {
      order.push(word)
      sums[word] = 0
    }
    sums[word]! += count
  }
  return order.map((w) => [w, sums[w]!])
}

/** UTF-8 bytes of a string, lone surrogates as U+FFFD. */
export function utf8(text: string): number[] {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
        i++
      } else code = 0xfffd
    } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
  }
  return bytes
}

/** 32-bit FNV-1a: for each byte, XOR then multiply by 16777619 modulo 2^32. */
export function fnv(text: string): number {
  let hash = 2166136261
  for (const byte of utf8(text)) {
    hash = (hash ^ byte) >>> 0
    // 16777619 = 2^24 + 403: two exact products instead of one that would pass 2^53.
    hash = ((hash * 403) + ((hash << 24) >>> 0)) % 4294967296
  }
  return hash
}

export const reducerOf = (key: string, reducers: number) => fnv(key) % reducers

export interface JobFigures {
  counts: Pair[]
  mapOutputPairs: number
  shuffledPairs: number
  reducerPairs: number[]
  reducerKeys: number[]
}

/** The split sizes of the contract: floor(n / m) each, one more for the first n mod m tasks. */
export function splitSizes(n: number, m: number): number[] {
  return Array.from({length: m}, (_, i) => Math.floor(n / m) + (i < n % m ? 1 : 0))
}

export function job(documents: readonly string[], mappers: number, reducers: number, combiner: boolean): JobFigures {
  const total = new Map<string, number>()
  const reducerPairs = new Array<number>(reducers).fill(0)
  const keys = Array.from({length: reducers}, () => new Set<string>())
  let mapOutputPairs = 0
  let shuffledPairs = 0
  let start = 0
  for (const size of splitSizes(documents.length, mappers)) {
    const emitted = documents.slice(start, start + size).flatMap(pairs)
    start += size
    mapOutputPairs += emitted.length
    const sent = combiner ? combined(emitted) : emitted
    shuffledPairs += sent.length
    for (const [word, count] of sent) {
      const r = reducerOf(word, reducers)
      reducerPairs[r]!++
      keys[r]!.add(word)
      total.set(word, (total.get(word) ?? 0) + count)
    }
  }
  const counts = [...total].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return {counts, mapOutputPairs, shuffledPairs, reducerPairs, reducerKeys: keys.map((k) => k.size)}
}

/** A direct count of the words, sorted by UTF-16 code units. */
export function directCounts(documents: readonly string[]): Pair[] {
  return combined(documents.flatMap(pairs)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

export interface Progress {
  id: string
  progress: number
  elapsedMs: number
  speculated?: boolean
}

export interface Policy {
  slowFactor: number
  minElapsedMs: number
  maxSpeculative: number
}

export const estimateOf = (t: Progress) => (t.progress === 0 ? Infinity : t.elapsedMs / t.progress)

export function lowerMedian(tasks: readonly Progress[]): number {
  const sorted = tasks.map(estimateOf).sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

export function backups(tasks: readonly Progress[], policy: Policy): string[] {
  if (tasks.length === 0) return []
  const median = lowerMedian(tasks)
  const running = tasks.filter((t) => t.progress < 1 && t.speculated === true).length
  const budget = Math.max(0, policy.maxSpeculative - running)
  const ranked = tasks
    .filter((t) => t.progress < 1 && t.speculated !== true && t.elapsedMs >= policy.minElapsedMs)
    .map((t) => ({id: t.id, estimate: estimateOf(t), left: estimateOf(t) - t.elapsedMs}))
    .filter((c) => c.estimate > policy.slowFactor * median && c.left > median)
  ranked.sort((a, b) => {
    if (a.left !== b.left) return a.left > b.left ? -1 : 1
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
  return ranked.slice(0, budget).map((c) => c.id)
}

export interface Placement {
  id: string
  kind: 'map' | 'reduce'
  status: 'pending' | 'running' | 'completed'
  node: string | null
}

export function rerun(tasks: readonly Placement[], failedNode: string): string[] {
  const reducersPending = tasks.some((t) => t.kind === 'reduce' && t.status !== 'completed')
  const out: string[] = []
  for (const t of tasks) {
    if (t.node !== failedNode) continue
    if (t.status === 'running' || (t.status === 'completed' && t.kind === 'map' && reducersPending)) out.push(t.id)
  }
  return out
}
