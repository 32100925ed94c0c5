/**
 * The course's own map, combine, partition and reduce, used when the module's cannot carry a whole
 * run (one of them throws or answers something impossible). The map needs no tokeniser: the
 * corpus remembers the words it wrote into each document.
 */
import type {Corpus} from './corpus.js'
import type {DataFunctions, Pair} from './dataflow.js'

const UTF8 = new TextEncoder()

/** 32-bit FNV-1a over UTF-8 bytes: the partitioner's hash as the README fixes it. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (const byte of UTF8.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193)
  return hash >>> 0
}

export function courseFunctions(corpus: Corpus): DataFunctions {
  const wordsOf = new Map<string, string[]>()
  corpus.documents.forEach((document, i) => wordsOf.set(document, corpus.words[i]!))
  return {
    map: (document) => (wordsOf.get(document) ?? []).map((word): Pair => [word, 1]),
    combine: (pairs) => {
      const sums = new Map<string, number>()
      for (const [word, count] of pairs) sums.set(word, (sums.get(word) ?? 0) + count)
      return [...sums]
    },
    partition: (key, reducers) => fnv1a(key) % reducers,
    reduce: (_key, values) => values.reduce((a, b) => a + b, 0),
  }
}
