/**
 * Text the mapreduce cases feed the learner's functions, drawn from a case's random stream: rich
 * text that mixes every kind of character a tokenizer can get wrong, job documents of a small
 * vocabulary (so words repeat and combiners matter), and strings that stress a UTF-8 hash.
 */
import {integer, pick, type Random} from 'course/kit'

const ASCII = ['the', 'The', 'THE', 'quick', 'Brown', 'fox', 'LAZY', 'dog', 'MapReduce', 'data', 'node', 'a', 'I', 'shuffle', 'Reduce', 'HTTP', 'io', 'x']
const APOSTROPHES = ["don't", "IT'S", "'tis", "rock'n'roll", "dogs'", "o''clock", "'quoted'", "''", "'", "y'all", "'n'", "l'été", "'''a'''"]
const ACCENTED = ['café', 'CAFÉ', 'naïve', 'Über', 'ÉCOLE', 'façade', 'São', 'Ærø', 'smörgåsbord', 'straße', 'STRASSE', 'İstanbul', 'ﬁne', 'ǅemal']
export const SCRIPTS = ['Москва', 'ПРИВЕТ', 'ΟΔΟΣ', 'λόγος', '東京', 'データ', 'مرحبا', 'שָׁלוֹם', 'नमस्ते', '한국어', 'ไทย', 'Ελλάδα']
const MARKS = ['e\u0301te\u0301', 'n\u0303o', 'a\u0308\u0301', '\u0301lead', 'Z\u0335\u0327', 'q\u20dd']
const NUMBERS = ['42', '2024', '3.14', '٣٤', 'x²', 'Ⅻ', '½', '1st', 'v2', '007']
export const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', 'a😀b', 'ok👌', '𝒳y', '𝟘𝟙']
export const SEPARATORS = [' ', ' ', ' ', '  ', '\t', '\n', ', ', '. ', '; ', ': ', '! ', '? ', ' - ', '—', '…', '"', '(', ') ', '[', ']', '/', '_', '’', ' ’', '’s ', '-', '@', '#', '&', '*', '\u00a0', '\u2009', '', '']

function piece(random: Random): string {
  const roll = random()
  if (roll < 0.3) return pick(random, ASCII)
  if (roll < 0.45) return pick(random, APOSTROPHES)
  if (roll < 0.6) return pick(random, ACCENTED)
  if (roll < 0.72) return pick(random, SCRIPTS)
  if (roll < 0.8) return pick(random, MARKS)
  if (roll < 0.9) return pick(random, NUMBERS)
  return pick(random, EMOJI)
}

/** `pieces` words of every kind, each followed by a separator (possibly none). */
export function richText(random: Random, pieces: number): string {
  let text = random() < 0.3 ? pick(random, SEPARATORS) : ''
  for (let i = 0; i < pieces; i++) text += piece(random) + pick(random, SEPARATORS)
  return text
}

export const VOCABULARY = ['the', 'a', 'of', 'and', 'map', 'reduce', 'shuffle', 'key', 'value', 'node', 'disk', 'rack', 'split', 'task', 'job', 'word', 'count', 'data', 'fox', 'dog', 'café', 'über', "don't", "it's", 'straggler', 'backup', 'worker', 'master', 'zebra', 'Émile', 'naïve', 'x', 'i']
const JOB_SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', ' — ', '\n', '! ', '? ', ' (', ') ', ': ']

/** Job documents: words of a small vocabulary (Zipf-like, so they repeat) with ordinary punctuation. */
export function jobDocuments(random: Random, count: number, words: number): string[] {
  return Array.from({length: count}, () => {
    if (random() < 0.1) return random() < 0.5 ? '' : ' ... '
    let doc = ''
    for (let i = integer(random, 1, words); i > 0; i--) {
      const rank = Math.min(VOCABULARY.length - 1, Math.floor(VOCABULARY.length * random() ** 2.5))
      let word = VOCABULARY[rank]!
      if (random() < 0.15) word = word[0]!.toUpperCase() + word.slice(1)
      else if (random() < 0.05) word = word.toUpperCase()
      if (random() < 0.04) word = `'${word}'`
      doc += word + pick(random, JOB_SEPARATORS)
    }
    return doc
  })
}

/** Strings for the hash: ASCII, two-, three- and four-byte characters, and lone surrogates. */
export function hashString(random: Random): string {
  const length = pick(random, [0, 1, 2, 3, 5, 8, 13, 30])
  let s = ''
  for (let i = 0; i < length; i++) {
    const kind = random()
    if (kind < 0.35) s += String.fromCharCode(integer(random, 0x20, 0x7e))
    else if (kind < 0.5) s += String.fromCharCode(integer(random, 0x80, 0x7ff))
    else if (kind < 0.65) s += String.fromCharCode(pick(random, [integer(random, 0x800, 0xd7ff), integer(random, 0xe000, 0xffff)]))
    else if (kind < 0.8) s += String.fromCodePoint(integer(random, 0x10000, 0x10ffff))
    else if (kind < 0.87) s += String.fromCharCode(integer(random, 0xd800, 0xdbff))
    else if (kind < 0.94) s += String.fromCharCode(integer(random, 0xdc00, 0xdfff))
    else s += String.fromCharCode(integer(random, 0xdc00, 0xdfff), integer(random, 0xd800, 0xdbff))
  }
  return s
}
