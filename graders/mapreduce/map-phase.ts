/**
 * The map side's cases: `tokenize` and `map` on rich generated text, and the combiner, which must
 * give one pair per distinct word in order of first appearance and change nothing when run twice.
 * Each begins with scripted episodes every learner gets (the boundaries the rule states), then
 * random breadth from the learner's stream.
 */
import {integer, pick, type Generator} from 'course/kit'
import {episode, episodeCase} from './episodes.js'
import {combined, pairs, words, type Pair} from './models.js'
import {EMOJI, richText, SCRIPTS, SEPARATORS, VOCABULARY} from './text.js'

/** Lower-casing the whole text is not lower-casing each word: a capital sigma ends a word only when Unicode says so. */
const WHOLE_DOCUMENT = ['ΟΔΟΣ.ΑΘΗΝΑ', 'Ο ΣΟΦΟΣ:ΑΛΦΑ', 'ΟΔΟΣ’ΕΛΛΑΔΑ, ΟΔΟΣ', "ΣΟΦΟΣ'ΑΛΦΑ ΟΔΟΣ''"]
/** Decomposed accents and compatibility characters, which normalisation would change. */
const UNNORMALISED = ['e\u0301te\u0301 cafe\u0301', 'ﬁne ﬂow', 'Å \u212b ANGSTRÖM', 'n\u0303o\u0308 I\u0307']
/** Marks and numbers of every kind and script, astral ones included; a mark may start a run. */
const MARKS_AND_NUMBERS = ['x² Ⅻ ½ ٣٤ ४२', '𝟘𝟙 𝒳y 𐐀𐐨', 'q\u20dd \u0301lead a\u0308\u0301', 'v2 007 ௰ ¾', '東京 データ नमस्ते ไทย']
/** What separates words besides spaces and punctuation. */
const SEPARATING = ['a😀b 👍🏽c d\u00a0e f\u2009g', 'h_i j’k l‘m n·o p@q', 'r#s t©u v+w x=y', 'a\u200db c\u3000d']

export const tokenizeRandom: Generator = (random) => {
  const docs = Array.from({length: 40}, () => richText(random, integer(random, 0, 18)))
  docs.push('', pick(random, SEPARATORS).repeat(3), "''' ' ''")
  const each = (texts: readonly string[]) => texts.map((d): [string] => [d])
  return episodeCase([
    episode('tokenize', 'tokenize must lower-case the whole document with toLowerCase before finding the words: lower-casing each word on its own can give other letters', each(WHOLE_DOCUMENT), words),
    episode('tokenize', 'tokenize must not normalise the text: a letter and its combining mark stay as they are, and so do compatibility characters', each(UNNORMALISED), words),
    episode('tokenize', 'combining marks and numbers of any kind and any script are word characters, astral ones and a mark at the start of a run included', each(MARKS_AND_NUMBERS), words),
    episode('tokenize', 'everything that is not a letter, mark, number or ASCII apostrophe separates words: emoji, symbols, the underscore, typographic quotes, non-breaking and other spaces', each(SEPARATING), words),
    episode('tokenize', 'tokenize must follow the rule on generated text mixing case, punctuation, digits, apostrophes, accented and non-Latin letters, combining marks and emoji', each(docs), words),
    episode('map', 'map must give one [word, 1] pair per word of tokenize, in order', each(docs), pairs, 'tokenize'),
  ])
}

/** Counts that are not all 1, and words that are also names of the properties every object has. */
const SUMS: Pair[][] = [
  [['the', 3], ['cat', 0], ['the', 4], ['dog', 1], ['cat', 2], ['the', 1]],
  [['constructor', 1], ['tostring', 2], ['constructor', 5], ['__proto__', 1], ['hasownproperty', 1], ['__proto__', 2]],
  [['a', 1000000], ['b', 7], ['a', 1000000]],
]

export const combineRandom: Generator = (random) => {
  const lists: Pair[][] = [[]]
  for (let i = 0; i < 25; i++) {
    const vocabulary = Array.from({length: integer(random, 1, 12)}, () => pick(random, [...VOCABULARY, ...SCRIPTS, ...EMOJI]).toLowerCase())
    lists.push(Array.from({length: integer(random, 1, 40)}, (): Pair => [pick(random, vocabulary), random() < 0.5 ? 1 : integer(random, 0, 500)]))
  }
  const each = (all: readonly Pair[][]) => all.map((l): [Pair[]] => [l])
  return episodeCase([
    episode('combine', 'combine must add up the counts of equal words (counts may be 0 or larger than 1, and any word is a word, constructor and __proto__ too)', each(SUMS), combined),
    episode('combine', 'combining the output of combine again must give it back unchanged', each(SUMS.map(combined)), combined),
    episode('combine', 'combine must give one pair per distinct word, in order of first appearance, with the counts summed, on generated pair lists', each(lists), combined),
    episode('combine', 'combining the output of combine again must give it back unchanged, on generated pair lists', each(lists.map(combined)), combined),
  ])
}
