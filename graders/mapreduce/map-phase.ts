/**
 * The map side's cases: `tokenize` and `map` on rich generated text, and the combiner, which must
 * give one pair per distinct word in order of first appearance and change nothing when run twice.
 */
import {calls, integer, pick, values, type Generator} from 'course/kit'
import {combined, pairs, words, type Pair} from './models.js'
import {EMOJI, richText, SCRIPTS, SEPARATORS, VOCABULARY} from './text.js'

export const tokenizeRandom: Generator = (random) => {
  const docs = Array.from({length: 40}, () => richText(random, integer(random, 0, 18)))
  docs.push('', pick(random, SEPARATORS).repeat(3), "''' ' ''")
  const each = docs.map((d) => [d])
  return {
    input: {steps: [calls('tokenize', each), calls('map', each)]},
    expected: {results: [values(docs.map(words)), values(docs.map(pairs))]},
  }
}

export const combineRandom: Generator = (random) => {
  const lists: Pair[][] = [[]]
  for (let i = 0; i < 25; i++) {
    const vocabulary = Array.from({length: integer(random, 1, 12)}, () => pick(random, [...VOCABULARY, ...SCRIPTS, ...EMOJI]).toLowerCase())
    lists.push(Array.from({length: integer(random, 1, 40)}, (): Pair => [pick(random, vocabulary), random() < 0.5 ? 1 : integer(random, 0, 500)]))
  }
  const once = lists.map(combined)
  // Combining what was already combined must give it back unchanged.
  return {
    input: {steps: [calls('combine', lists.map((l) => [l])), calls('combine', once.map((l) => [l]))]},
    expected: {results: [values(once), values(once)]},
  }
}
