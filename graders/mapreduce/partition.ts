/**
 * The partitioner's cases: FNV-1a over UTF-8 exactly, `partition` as that hash mod R, and how
 * evenly it spreads ten thousand generated keys.
 */
import {asScript, calls, fail, integer, pass, percent, pick, stepValues, type Check, type Generator, type ScriptInput} from 'course/kit'
import {episode, episodeCase} from './episodes.js'
import {fnv, reducerOf} from './models.js'
import {hashString, richText, VOCABULARY} from './text.js'

/** Characters of four UTF-8 bytes (two UTF-16 units each), beside two- and three-byte ones. */
const ASTRAL = ['😀', '𝒳y', 'a\u{10ffff}', '\u{10000}', '東京', 'é😀é', '👨‍👩‍👧']
/** Lone surrogates at the start, the end, in the middle, and a pair in the wrong order. */
const LONE = ['\ud800', 'a\udc00', '\udfff\ud83d', 'x\ud83d', '\ud83dx\ude00', '😀\ud800😀']
/** Keys for partition: the empty key, astral and lone-surrogate keys, under small and very large R. */
const KEYED: Array<[string, number]> = [
  ['', 1], ['', 2], ['', 7], ['', 2 ** 31 + 1], ['😀', 3], ['\ud800', 5], ['the', 2 ** 32 - 1], ['the', 2 ** 32 + 5], ['x', 2 ** 31 - 1], ['x', 2 ** 31],
]

export const fnvRandom: Generator = (random) => {
  const texts = [...Array.from({length: 120}, () => hashString(random)), ...Array.from({length: 20}, () => richText(random, 3))]
  const keyed = Array.from({length: 80}, () => [hashString(random), pick(random, [1, 2, 3, 7, 16, 200, 1000, integer(random, 1, 5000), 2 ** 31 - 1, 2 ** 31 + integer(random, 1, 2 ** 30)])] as [string, number])
  const each = (list: readonly string[]) => list.map((t): [string] => [t])
  return episodeCase([
    episode('fnv1a32', 'fnv1a32 must hash the UTF-8 bytes of every character: four bytes for one outside the Basic Multilingual Plane, not two UTF-16 halves', each(ASTRAL), fnv),
    episode('fnv1a32', 'fnv1a32 must encode each lone surrogate as U+FFFD (three bytes), as TextEncoder does', each(LONE), fnv),
    episode('fnv1a32', 'fnv1a32 must equal FNV-1a over UTF-8 exactly on generated strings', each(texts), fnv),
    episode('partition', 'partition must be fnv1a32(key) mod R for every key, the empty key included, and for every R, those above the largest 32-bit signed integer included', KEYED, reducerOf, 'fnv1a32'),
    episode('partition', 'partition must equal fnv1a32(key) mod R on generated keys', keyed, reducerOf, 'fnv1a32'),
  ])
}

export const partitionBalanceGenerator: Generator = (random) => {
  const reducers = integer(random, 2, 16)
  const stem = pick(random, ['user', 'page', 'word', 'key', 'doc'])
  const keys = Array.from({length: 10_000}, (_, i) => [random() < 0.5 ? `${stem}-${i}` : `${Math.floor(random() * 2 ** 32).toString(36)}${pick(random, VOCABULARY)}`, reducers])
  return {input: {steps: [calls('partition', keys)]}}
}

/** partition spreads generated keys evenly: every reducer within `params.spread` (25 %) of the mean. */
export const partitionBalance: Check = ({input, output, params}) => {
  const reducers = ((input as ScriptInput).steps[0] as {over: ReadonlyArray<readonly unknown[]>}).over[0]![1] as number
  const spread = Number(params.spread ?? 0.25)
  const got = stepValues(asScript(output), 0)
  const load = new Array<number>(reducers).fill(0)
  for (const r of got) {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= reducers) return fail('partition returned something other than an integer from 0 to R − 1')
    load[r]!++
  }
  const mean = got.length / reducers
  const worst = Math.max(...load.map((l) => Math.abs(l - mean) / mean))
  if (worst > spread) return fail(`some reducer's share is ${percent(worst)} away from the mean (at most ${percent(spread)} allowed)`)
  return pass
}
