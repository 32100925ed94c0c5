/**
 * The partitioner's cases: FNV-1a over UTF-8 exactly, `partition` as that hash mod R, and how
 * evenly it spreads ten thousand generated keys.
 */
import {asScript, calls, fail, integer, pass, percent, pick, stepValues, values, type Check, type Generator, type ScriptInput} from 'course/kit'
import {fnv, reducerOf} from './models.js'
import {hashString, richText, VOCABULARY} from './text.js'

export const fnvRandom: Generator = (random) => {
  const texts = [...Array.from({length: 120}, () => hashString(random)), ...Array.from({length: 20}, () => richText(random, 3))]
  const keyed = Array.from({length: 80}, () => [hashString(random), pick(random, [1, 2, 3, 7, 16, 200, 1000, integer(random, 1, 5000), 2 ** 31 - 1, 2 ** 31 + integer(random, 1, 2 ** 30)])] as [string, number])
  return {
    input: {steps: [calls('fnv1a32', texts.map((t) => [t])), calls('partition', keyed)]},
    expected: {results: [values(texts.map(fnv)), values(keyed.map(([k, r]) => reducerOf(k, r)))]},
  }
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
