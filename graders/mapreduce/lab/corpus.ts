/**
 * The word-count job's input: a synthetic corpus whose word frequencies follow Zipf's law, so a
 * few words are very common and most are rare, as in real text. The generator keeps the words it
 * wrote, so the course knows the true counts without tokenising anything, and can tell whether a
 * module's map, combine, partition and reduce found them.
 */
import {integer, randomFromSeed, type Random} from 'course/kit/driver'
import {WORDS_PER_DOCUMENT} from './corpus-size.js'

/** The most frequent English words first; contractions, an accented word and a number among them so that tokenising matters. */
const COMMON = `the of and to a in is it you that he was for on are with as i his they be at one have this from or had by not
word but what some we can out other were all there when up use your how said an each she which do their time if will way
about many then them write would like so these her long make thing see him two has look more day could go come did number
sound no most people my over know water than call first who may down side been now find don't it's café 2024 naïve`.split(/\s+/)

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'su', 'vo', 'pel', 'dar', 'ni', 'bro', 'ze', 'tu', 'fin', 'gal', 'mor', 'shi', 'qua', 'ell', 'bar']

/** Distinct words in the vocabulary; with the exponent below, "the" is about 7 % of all words, the README's figure for English. */
export const VOCABULARY_SIZE = 5000
const ZIPF_EXPONENT = 0.9

export interface Corpus {
  readonly documents: string[]
  /** The words each document holds, as a correct tokeniser finds them. */
  readonly words: string[][]
}

/** The same vocabulary for every seed: common words, then invented ones of two to four syllables. */
function vocabulary(): string[] {
  const random = randomFromSeed(0x5eed)
  const words = [...COMMON]
  const seen = new Set(words)
  while (words.length < VOCABULARY_SIZE) {
    let word = ''
    for (let n = integer(random, 2, 4); n > 0; n--) word += SYLLABLES[integer(random, 0, SYLLABLES.length - 1)]
    if (!seen.has(word)) {
      seen.add(word)
      words.push(word)
    }
  }
  return words
}

function cumulativeZipf(size: number): Float64Array {
  const cdf = new Float64Array(size)
  let total = 0
  for (let rank = 1; rank <= size; rank++) cdf[rank - 1] = total += rank ** -ZIPF_EXPONENT
  for (let i = 0; i < size; i++) cdf[i]! /= total
  return cdf
}

function draw(cdf: Float64Array, random: Random): number {
  const u = random()
  let low = 0
  let high = cdf.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (cdf[mid]! > u) high = mid
    else low = mid + 1
  }
  return low
}

/** Upper-cases a plain ASCII initial only: "ß" or "ǆ" would not survive the round trip through toLowerCase. */
const capitalised = (word: string) => (/^[a-z]/.test(word) ? word[0]!.toUpperCase() + word.slice(1) : word)

export function generateCorpus(seed: number, documents: number): Corpus {
  const words = vocabulary()
  const cdf = cumulativeZipf(words.length)
  const random = randomFromSeed(seed)
  const out: Corpus = {documents: [], words: []}
  for (let d = 0; d < documents; d++) {
    const length = integer(random, WORDS_PER_DOCUMENT.min, WORDS_PER_DOCUMENT.max)
    const held: string[] = []
    let text = ''
    let sentenceStart = true
    for (let i = 0; i < length; i++) {
      const word = words[draw(cdf, random)]!
      held.push(word)
      const shown = sentenceStart ? capitalised(word) : word
      // Now and then a quoted word: the tokeniser must strip the apostrophes at its ends.
      text += random() < 0.01 ? `'${shown}'` : shown
      const roll = random()
      sentenceStart = roll < 0.08
      text += i === length - 1 ? '.' : sentenceStart ? '. ' : roll < 0.14 ? ', ' : roll < 0.15 ? '; ' : roll < 0.16 ? ' — ' : ' '
    }
    out.documents.push(text)
    out.words.push(held)
  }
  return out
}
