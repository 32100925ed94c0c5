/**
 * The two-stage group-by cases: skewed record sets with one to three hot keys, the sums, hot keys
 * and loads the model says each plan must give, and the skew a salted plan removes on inputs
 * where salting visibly helps.
 */
import {calls, fail, integer, ok, pick, scriptCheck, throws, values, type Check, type ExpectedScript, type Generator, type Random, type ScriptInput, type ScriptOutput} from 'course/kit'
import {twoStage, type Records} from './models.js'
import {valuesOf, type LabelledScript} from './script-results.js'

interface Options {
  partitions: number
  salts: number
  hotThreshold: number
}

/** Records with one to three hot keys over many cold ones, integer values. */
function skewedRecords(random: Random, total: number, hotShare: number): {records: Records[]; hot: string[]} {
  const salt = Math.floor(random() * 2 ** 32).toString(36)
  const hot = Array.from({length: integer(random, 1, 3)}, (_, i) => `big-${salt}-${i}`)
  const cold = Array.from({length: integer(random, 30, 200)}, (_, i) => `cust-${salt}-${i}`)
  const shares = hot.map((_, i) => (i === 0 ? hotShare : 0.03 + 0.1 * random()))
  const records: Records[] = Array.from({length: total}, () => {
    let u = random()
    let key: string | undefined
    for (let i = 0; i < hot.length && key === undefined; i++) {
      if (u < shares[i]!) key = hot[i]!
      u -= shares[i]!
    }
    return {key: key ?? pick(random, cold), value: integer(random, -1000, 100_000)}
  })
  return {records, hot}
}

/**
 * The scripted record set, the same for every learner: keys whose JavaScript order (UTF-16 code
 * units) differs from any locale's (upper case before lower case, digits compared as text, an
 * accented letter, a character beyond the Basic Multilingual Plane), hot keys whose records are
 * interleaved with others (so per-key and global record counters disagree), and keys with 1 to 5
 * records for thresholds met exactly, missed by a fraction, or met by every key.
 */
const EPISODE: readonly Records[] = (() => {
  const order = ['apple', 'Zebra', 'éclair', '10', 'apple', 'ab', 'éclair', '😀', 'zebra', 'ab', 'Apple', 'éclair', 'ﬁ', 'apple', '9', 'a-b', 'Zebra', 'éclair', 'ab', 'a_b', '10', 'zebra', 'éclair', 'ab']
  return order.map((key, i) => ({key, value: (i % 5) * 37 - 20 + i}))
})()

/** The scripted runs: options at their limits (S = P, P = 1, hotThreshold = 1) and the thresholds each rule needs. */
const LIMITS: readonly Options[] = [
  {partitions: 5, salts: 5, hotThreshold: 2.5},
  {partitions: 1, salts: 1, hotThreshold: 1},
  {partitions: 6, salts: 4, hotThreshold: 1},
]
const ORDERED: Options = {partitions: 3, salts: 2, hotThreshold: Infinity}
const FRACTIONAL: Options = {partitions: 5, salts: 5, hotThreshold: 2.5}
const TIE: Options = {partitions: 7, salts: 3, hotThreshold: 3}

const runsOf = (records: readonly Records[], runs: readonly Options[]) => calls('twoStageSum', runs.map((o) => [records, o]))
const modelsOf = (records: readonly Records[], runs: readonly Options[]) => values(runs.map((o) => twoStage(records, o.partitions, o.salts, o.hotThreshold)))

/**
 * Scripted episodes around one generated record set run four ways (no hot key, a threshold met
 * exactly, one between hot and cold, a low one). Scripts are judged in order and the first
 * failure names its rule, so the episodes whose rule random data never reaches come where their
 * label is the right one: valid limits first, the generated runs, then order, fractions and ties.
 */
const twoStageRandom: Generator = (random) => {
  const {records} = skewedRecords(random, integer(random, 300, 1200), 0.15 + 0.4 * random())
  // A few rare keys (2 to 5 records), so that a low threshold makes keys hot that fill fewer than S salts.
  for (let k = integer(random, 2, 5); k > 0; k--) {
    const key = `rare-${k}-${integer(random, 0, 1e6)}`
    for (let i = integer(random, 2, 5); i > 0; i--) records.splice(integer(random, 0, records.length), 0, {key, value: integer(random, -50, 500)})
  }
  const counts = new Map<string, number>()
  for (const r of records) counts.set(r.key, (counts.get(r.key) ?? 0) + 1)
  const sizes = [...new Set(counts.values())].sort((a, b) => b - a)
  const runs = [0, 1, 2, 3].map((i): Options => {
    const partitions = i === 3 ? integer(random, 8, 16) : integer(random, 2, 16)
    const salts = i === 0 ? 1 : i === 3 ? integer(random, 6, partitions) : integer(random, 1, partitions)
    const hotThreshold = [Infinity, pick(random, sizes.slice(0, 4)), Math.max(1, Math.round(sizes[Math.min(2, sizes.length - 1)]! * 0.8)), integer(random, 2, 3)][i]!
    return {partitions, salts, hotThreshold}
  })
  const scripts: ScriptInput[] = [
    {steps: [runsOf(EPISODE, LIMITS)]},
    {steps: [runsOf(records, runs)]},
    {steps: [runsOf(EPISODE, [ORDERED])]},
    {steps: [runsOf(EPISODE, [FRACTIONAL])]},
    {steps: [runsOf(EPISODE, [TIE])]},
    {steps: [runsOf(EPISODE, LIMITS)]},
  ]
  const wants: LabelledScript[] = [
    {label: 'options at their limits (S = P, P = 1, hotThreshold 1 or a fraction) are valid and must not throw', results: [LIMITS.map(() => ok)]},
    {label: 'sums, hotKeys, naiveLoad, stage1Load and stage2Load must follow the contract on generated records', results: [modelsOf(records, runs)]},
    {label: 'sums and hotKeys must be sorted in JavaScript string order (a < b, UTF-16 code units), not by a locale', results: [modelsOf(EPISODE, [ORDERED])]},
    {label: 'a key is hot when its number of records is ≥ hotThreshold, and a fractional threshold is not rounded', results: [modelsOf(EPISODE, [FRACTIONAL])]},
    {label: 'a key whose number of records equals hotThreshold is hot', results: [modelsOf(EPISODE, [TIE])]},
    {label: 'with S = P, P = 1 or every key hot, sums and loads must follow the contract', results: [modelsOf(EPISODE, LIMITS)]},
  ]
  return {input: {scripts}, expected: {scripts: wants}}
}

/** What the skew check keeps of each run: its shape and the busiest partition of each plan. */
interface SkewRun {
  partitions: number
  records: number
  naiveMax: number
  stage1Max: number
}

/** Every way the options can be invalid, for every learner. */
const INVALID_OPTIONS: readonly Options[] = [
  {partitions: 0, salts: 1, hotThreshold: 5},
  {partitions: -2, salts: 1, hotThreshold: 5},
  {partitions: 2.5, salts: 1, hotThreshold: 5},
  {partitions: 4, salts: 0, hotThreshold: 5},
  {partitions: 4, salts: 5, hotThreshold: 5},
  {partitions: 4, salts: 1.5, hotThreshold: 5},
  {partitions: 4, salts: 2, hotThreshold: 0.5},
  {partitions: 4, salts: 2, hotThreshold: 0},
  {partitions: 4, salts: 2, hotThreshold: -Infinity},
  {partitions: 4, salts: 2, hotThreshold: NaN},
]

/** Three skewed runs on which salting helps, then every invalid option refused. */
const skewGenerator: Generator = (random) => {
  const runs: Array<{options: Options; records: Records[]}> = []
  while (runs.length < 3) {
    const {records, hot} = skewedRecords(random, integer(random, 600, 1500), 0.3 + 0.3 * random())
    const partitions = integer(random, 4, 16)
    const salts = integer(random, Math.min(4, partitions), partitions)
    const top = records.filter((r) => r.key === hot[0]).length
    const options = {partitions, salts, hotThreshold: Math.max(2, Math.floor(top / integer(random, 2, 4)))}
    const model = twoStage(records, partitions, salts, options.hotThreshold)
    // Only inputs on which salting visibly helps: the busiest partition at most 70 % of before.
    if (Math.max(...model.stage1Load) <= 0.7 * Math.max(...model.naiveLoad)) runs.push({options, records})
  }
  const invalid = INVALID_OPTIONS
  const sample = runs[0]!.records.slice(0, 20)
  const skewRuns = runs.map(({options, records}): SkewRun => {
    const model = twoStage(records, options.partitions, options.salts, options.hotThreshold)
    return {partitions: options.partitions, records: records.length, naiveMax: Math.max(...model.naiveLoad), stage1Max: Math.max(...model.stage1Load)}
  })
  return {
    input: {steps: [calls('twoStageSum', runs.map((r) => [r.records, r.options])), calls('twoStageSum', invalid.map((o) => [sample, o]))]},
    expected: {runs: skewRuns, results: [invalid.map(() => throws('RangeError'))]},
  }
}

/**
 * The skew a salted plan removes: loads of length P that add up to the records, the hot
 * partition's stage-1 load exactly the contract's, and the plain plan's as well; the refusals
 * after them are judged as a script.
 */
const skew: Check = (context) => {
  const {output, expected} = context
  const runs = (expected as {runs: SkewRun[]}).runs
  const script = output as ScriptOutput
  let results: unknown[]
  try {
    results = valuesOf(script, 0, '`twoStageSum`')
  } catch (error) {
    return fail((error as Error).message)
  }
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!
    const got = results[i] as {naiveLoad?: unknown; stage1Load?: unknown} | undefined
    const loads = [got?.naiveLoad, got?.stage1Load]
    if (!loads.every((l) => Array.isArray(l) && l.length === run.partitions && l.every((x) => typeof x === 'number'))) {
      return fail('naiveLoad and stage1Load must be lists of P numbers')
    }
    const [naive, stage1] = loads as number[][]
    if (naive!.reduce((a, b) => a + b, 0) !== run.records || stage1!.reduce((a, b) => a + b, 0) !== run.records) {
      return fail('naiveLoad and stage1Load must each add up to the number of records')
    }
    if (Math.max(...naive!) !== run.naiveMax) return fail('the plain plan must send every record to home(key): its busiest partition is wrong')
    if (Math.max(...stage1!) !== run.stage1Max) return fail('the salted plan must spread a hot key over its S salts: its busiest partition in stage 1 is wrong')
  }
  const refusals: ScriptInput = {steps: (context.input as ScriptInput).steps.slice(1)}
  return scriptCheck({...context, input: refusals, output: {results: script.results.slice(1)}, expected: {results: (expected as ExpectedScript).results}})
}

export const twoStageGenerators: Record<string, Generator> = {
  'two-stage-random': twoStageRandom,
  'two-stage-skew': skewGenerator,
}

export const twoStageChecks: Record<string, Check> = {
  skew,
}
