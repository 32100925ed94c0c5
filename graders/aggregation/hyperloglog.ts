/**
 * The HyperLogLog cases: streams of values with duplicates from each learner's seeded stream, the
 * registers and counts the model says they must give, the README's accuracy bound on larger sets,
 * and merges in a generated tree.
 */
import {call, calls, create, fail, integer, ok, percent, pick, returns, shuffle, type Check, type Generator, type Random, type ScriptInput, type Step} from 'course/kit'
import {MergeScript, ROOT, sameModel, sharingEpisode, split, UNCHANGED, type MergeExpected, type Read} from './merges.js'
import {HllModel, place} from './models.js'
import {eachScript, refusedCreation, valueOf, type LabelledScript} from './script-results.js'

/** Values with duplicates: a random prefix, then ids drawn with repeats. */
function stream(random: Random, distinct: number, extra: number): string[] {
  const prefix = pick(random, ['u', 'ip', 's', 'item', 'dev'])
  const salt = Math.floor(random() * 2 ** 32).toString(36)
  const ids = Array.from({length: distinct}, (_, i) => `${prefix}${salt}:${i}`)
  for (let i = 0; i < extra; i++) ids.push(ids[integer(random, 0, distinct - 1)]!)
  return shuffle(random, ids)
}

/** Strings whose first 32 hash bits end in 20 or more zeros: their rank runs into the second word (p ≥ 12). */
const LONG_RANKS = ['edge-1303092', 'edge-2234532', 'edge-5106067', 'edge-7971081', 'edge-8980211', 'edge-9085926', 'edge-10422381', 'edge-10470569', 'edge-11939864', 'edge-11953717']

const adding = (values: readonly string[]): Step => calls('add', values.map((v) => [v]))

/**
 * A fixed episode, built on first use and shared by every learner's generation: it draws nothing
 * from the random stream, and hashing thousands of values for each learner again would only cost.
 */
function once<T>(make: () => T): () => T {
  let made: T | undefined
  return () => (made ??= make())
}

function hllScript(precision: number, values: readonly string[], finish: Step[]): ScriptInput {
  return {create: create('createHyperLogLog', precision), steps: [adding(values), ...finish]}
}

/**
 * Strings whose first 64 hash bits hold a run of 30 or more zeros right after the index bits of
 * some precision, found by hashing `rank-<n>` for n up to about 4·10^8 (random values reach a rank of 31
 * about once in 2^31 draws, so no generated stream ever shows one). Ranks at the precisions used:
 * rank-111982059 has 36 at p = 8 and 34 at p = 10; rank-160911847 has 32 at p = 6;
 * rank-155986942 has 31 at p = 4; rank-27625545 has 31 at p = 8.
 */
const HIGH_RANKS: ReadonlyArray<{precision: number; values: string[]; rank: number}> = [
  {precision: 4, values: ['rank-155986942'], rank: 31},
  {precision: 6, values: ['rank-160911847'], rank: 32},
  {precision: 8, values: ['rank-111982059', 'rank-27625545'], rank: 36},
  {precision: 10, values: ['rank-111982059'], rank: 34},
]

/** `count` distinct filler values of a fixed family, the same for every learner. */
const filler = (family: string, count: number) => Array.from({length: count}, (_, i) => `${family}-${i}`)

/**
 * The high-rank episode: each sketch holds one or two values of rank 31 to 36 among enough others
 * that count() uses the raw estimate, where every register's 2^(−M[j]) counts. A rank cut off at
 * 32 or 33 shows in registers(); 2^(−M[j]) computed with 32-bit shifts shows in count().
 */
const highRankScripts = once((): Array<{input: ScriptInput; want: LabelledScript}> =>
  HIGH_RANKS.map(({precision, values, rank}) => {
    const m = 2 ** precision
    const all = [...filler(`hr${precision}`, Math.round(3 * m)), ...values]
    const model = new HllModel(precision)
    for (const v of all) model.add(v)
    if (Math.max(...model.registers) !== rank || model.linear()) throw new Error('grader bug: the high-rank episode does not give the rank or the estimate intended')
    return {
      input: hllScript(precision, all, [call('registers'), call('count')]),
      want: {label: 'ranks of 31 and more (up to 65 − p) must be kept in their register and counted in 2^(−M[j]) like any other', results: [ok, returns(model.registers), returns(model.count())]},
    }
  }),
)

/**
 * The copy episode: registers read, then more values added, then read again. The driver sends the
 * results back after the whole script, so an array handed out live shows the later registers in
 * the earlier read. No other read in this case is followed by a change, so only this one tells.
 */
const copyScript = once((): {input: ScriptInput; want: LabelledScript} => {
  const model = new HllModel(8)
  const first = filler('copy', 400)
  for (const v of first) model.add(v)
  const before = [...model.registers]
  const second = filler('copy-more', 400)
  for (const v of second) model.add(v)
  return {
    input: hllScript(8, first, [call('registers'), adding(second), call('registers')]),
    want: {label: 'registers() must return a copy: registers read earlier must not change when the sketch changes later', results: [ok, returns(before), ok, returns(model.registers)]},
  }
})

/**
 * Registers over every precision band, values whose rank runs into the second hash word, adding
 * again; then the fixed high-rank and copy episodes.
 */
const registersRandom: Generator = (random) => {
  // 15 and 16 always: a sketch that refuses the largest valid precision fails here for everyone,
  // not only for the learners whose draw reaches it.
  const precisions = [integer(random, 4, 7), integer(random, 8, 11), integer(random, 12, 14), 15, 16]
  const scripts: ScriptInput[] = []
  const wants: LabelledScript[] = []
  for (const p of precisions) {
    const values = stream(random, integer(random, 200, p >= 15 ? 3000 : 1500), integer(random, 0, 200))
    if (p >= 12) values.splice(integer(random, 0, values.length), 0, ...shuffle(random, LONG_RANKS).slice(0, 5))
    const model = new HllModel(p)
    for (const v of values) model.add(v)
    // Adding values again changes nothing.
    const again = shuffle(random, values).slice(0, 200)
    scripts.push(hllScript(p, values, [call('registers'), adding(again), call('registers')]))
    wants.push({
      label:
        p === 16
          ? 'precision 16, the largest valid one, must be accepted and its registers must follow the contract'
          : p >= 12
            ? 'registers must follow the contract, also for values whose rank runs past the first 32 bits of the hash'
            : 'registers must follow the contract, and adding a value again must change nothing',
      results: [ok, returns(model.registers), ok, returns(model.registers)],
    })
  }
  for (const {input, want} of [...highRankScripts(), copyScript()]) {
    scripts.push(input)
    wants.push(want)
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/** For each register index of precision p, the first value of a fixed family whose rank there is in [low, high]. */
function onePerRegister(p: number, low: number, high: number): string[] {
  const chosen = new Array<string | undefined>(2 ** p).fill(undefined)
  let missing = chosen.length
  for (let i = 0; missing > 0; i++) {
    const value = `c${p}-${i}`
    const {index, rank} = place(value, p)
    if (chosen[index] === undefined && rank >= low && rank <= high) {
      chosen[index] = value
      missing--
    }
  }
  return chosen as string[]
}

/** The scripted estimator episodes, each on sketches whose registers are set on purpose. */
const estimatorScripts = once((): Array<{input: ScriptInput; want: LabelledScript}> => {
  const episode = (p: number, values: string[], label: string) => {
    const model = new HllModel(p)
    for (const v of values) model.add(v)
    const {empty} = model.parts()
    return {input: hllScript(p, values, [call('count')]), want: {label, results: [ok, returns(model.count())]}, linear: model.linear(), empty: empty > 0}
  }
  const alpha = 'α_m must be 0.673 for m = 16, 0.697 for m = 32, 0.709 for m = 64 and 0.7213 / (1 + 1.079 / m) from m = 128 on'
  const full = 'when no register is zero, count() must return the raw estimate E even while E ≤ 2.5·m (linear counting needs V > 0)'
  const episodes = [
    // Every register at rank 3 or more: E is well above 2.5 m and no register is zero, so only α matters.
    ...[4, 5, 6, 7].map((p) => ({...episode(p, onePerRegister(p, 3, 64), alpha), expect: {linear: false, empty: false}})),
    // Every register at rank 1: E is about 1.4 m, below 2.5 m, yet V = 0.
    ...[4, 7].map((p) => ({...episode(p, onePerRegister(p, 1, 1), full), expect: {linear: false, empty: false}})),
    // One register left empty, the others at rank 3 or more: E > 2.5 m with V = 1.
    {
      ...episode(4, onePerRegister(4, 3, 64).slice(1), 'while E > 2.5·m, count() must return E even though some registers are still zero'),
      expect: {linear: false, empty: true},
    },
  ]
  for (const e of episodes) if (e.linear !== e.expect.linear || e.empty !== e.expect.empty) throw new Error('grader bug: an estimator episode does not set the registers as intended')
  return episodes.map(({input, want}) => ({input, want}))
})

/**
 * The scripted estimator episodes (every α_m, V = 0 below 2.5 m, V > 0 above it), then counts
 * from empty to thousands, around the switch from linear counting, and invalid precisions refused.
 */
const countRandom: Generator = (random) => {
  const shapes: Array<[number, number]> = [
    // Not 16: precision 16 is hll-registers-random's to check, for every learner.
    [integer(random, 4, 15), 0],
    [integer(random, 4, 15), integer(random, 1, 30)],
    [integer(random, 4, 6), integer(random, 60, 1500)],
    [integer(random, 7, 10), 0],
    [integer(random, 8, 10), 0],
    [integer(random, 13, 15), integer(random, 200, 3000)],
  ]
  // Around the switch from linear counting to the raw estimate (2.5 m).
  shapes[3]![1] = Math.round(2 ** shapes[3]![0] * (2 + random()))
  shapes[4]![1] = Math.round(2 ** shapes[4]![0] * (1 + 3 * random()))
  const scripts: ScriptInput[] = []
  const wants: LabelledScript[] = []
  // The episodes come first: the first failing script names the rule, and generated shapes reach
  // these rules only on some draws, which would make the same mistake read differently per learner.
  for (const {input, want} of estimatorScripts()) {
    scripts.push(input)
    wants.push(want)
  }
  for (const [p, n] of shapes) {
    const values = n === 0 ? [] : stream(random, n, integer(random, 0, Math.ceil(n / 4)))
    const model = new HllModel(p)
    for (const v of values) model.add(v)
    scripts.push(hllScript(p, values, [call('count'), call('count')]))
    const label = n === 0 ? 'an empty sketch must count 0' : 'count() must be linear counting while E ≤ 2.5·m and V > 0, the raw estimate otherwise'
    wants.push({label, results: [ok, returns(model.count()), returns(model.count())]})
  }
  // Every invalid precision, for every learner: below 4, above 16, not an integer.
  for (const p of [3, 17, 0, 4.5, -8, 12.25]) {
    scripts.push({create: create('createHyperLogLog', p), steps: []})
    wants.push({label: 'a precision outside 4 … 16, or not an integer, must throw a RangeError', ...refusedCreation})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/**
 * Sets of n distinct values on sketches with m ≥ 1024: with fewer registers a correct sketch
 * misses the README's bound now and then (about 1 sketch in 200 at m = 16, 1 in 5000 at m = 64 or
 * 128, mostly where linear counting runs with few empty registers), which a grade cannot allow.
 */
const accuracyGenerator: Generator = (random) => {
  const shapes: Array<[number, number]> = [
    [integer(random, 12, 14), integer(random, 100, 3000)],
    [integer(random, 10, 11), 0],
    [integer(random, 10, 11), integer(random, 4000, 8000)],
    [integer(random, 14, 16), integer(random, 0, 1500)],
    [integer(random, 10, 16), 0],
  ]
  // Just past the switch (2.5 m to 3 m), where the raw estimate is biased upwards.
  shapes[1]![1] = Math.round(2 ** shapes[1]![0] * (2.5 + 0.5 * random()))
  const scripts = shapes.map(([p, n]) => hllScript(p, n === 0 ? [] : stream(random, n, 0), [call('count')]))
  return {input: {scripts}, expected: {sketches: shapes.map(([precision, n]) => ({precision, n}))}}
}

/**
 * Each sketch's count() against the true number of distinct values n, within 4 × 1.04 / √m plus
 * 3 percentage points; an empty sketch must count 0.
 */
const accuracy: Check = ({output, expected}) => {
  const sketches = (expected as {sketches: Array<{precision: number; n: number}>}).sketches
  return eachScript(output, (script, i) => {
    const {precision, n} = sketches[i]!
    const count = valueOf(script, 1, '`count`')
    if (typeof count !== 'number' || Number.isNaN(count)) return fail('`count` must return a number')
    if (n === 0) return count === 0 ? undefined : fail('an empty sketch must count 0')
    const allowed = (4 * 1.04) / Math.sqrt(2 ** precision) + 0.03
    const error = Math.abs(count - n) / n
    if (error > allowed) return fail(`count() was off by ${percent(error)} of the true number of distinct values, more than 4 × 1.04 / √m plus 3 points allows`)
    return undefined
  })
}

const registersOf = (m: HllModel): Read[] => [[call('registers'), returns([...m.registers])]]
const everythingOf = (m: HllModel): Read[] => [...registersOf(m), [call('count'), returns(m.count())]]

/**
 * Streams split over 2 to 8 sketches (values shared by two parts, and an empty part in the first
 * script), merged in a random tree; then a self-merge, a duplicate merge and a sketch of another
 * precision.
 */
const mergeRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: MergeExpected[] = []
  for (const [lo, hi] of [[4, 7], [8, 11], [12, 14]] as const) {
    const p = integer(random, lo, hi)
    const k = integer(random, lo === 4 ? 3 : 2, 8)
    const values = stream(random, integer(random, 100, p >= 12 ? 2500 : 1200), integer(random, 0, 200))
    const parts = split(random, values, k, 0.2, lo === 4)
    const script = new MergeScript<HllModel>()
    const whole = new HllModel(p)
    const names = parts.map((part, i) => {
      const model = new HllModel(p)
      for (const v of part) {
        model.add(v)
        whole.add(v)
      }
      script.sketch(`s${i}`, create('createHyperLogLog', p), model)
      return `s${i}`
    })
    const other = p === 4 ? 5 : p === 16 ? 15 : p + pick(random, [-1, 1])
    script.sketch('other', create('createHyperLogLog', other), new HllModel(other))
    parts.forEach((part, i) => script.add(`s${i}`, part.map((v) => [v])))
    const root = script.tree(random, names)
    sameModel(script.models.get(root)!.registers, whole.registers)
    script.read(root, everythingOf, ROOT)
    for (const name of names) if (name !== root) script.read(name, registersOf, UNCHANGED)
    script.merge(root, root, 'merging a sketch into itself must not throw')
    script.read(root, registersOf, 'merging a sketch into itself must change nothing')
    script.merge(root, pick(random, names.filter((n) => n !== root)), 'merging the same sketch a second time must not throw')
    script.read(root, registersOf, 'merging the same sketch a second time must change nothing')
    script.refuse(root, 'other', 'merging sketches of different precisions must throw a RangeError')
    const {input, expected} = script.generated()
    scripts.push(input)
    wants.push(expected)
  }
  const batch = (from: number, count: number) => filler('share', from + count).slice(from).map((v) => [v])
  const sharing = sharingEpisode(
    () => [create('createHyperLogLog', 8), new HllModel(8)],
    (model, over) => over.forEach(([v]) => model.add(v as string)),
    [batch(0, 300), batch(300, 300), batch(600, 300)],
    registersOf,
  )
  // First: the tree may show the same mistake on some draws, and the feedback should read the same for everyone.
  scripts.unshift(sharing.input)
  wants.unshift(sharing.expected)
  return {input: {scripts}, expected: {scripts: wants}}
}

export const hyperLogLogGenerators: Record<string, Generator> = {
  'hll-registers-random': registersRandom,
  'hll-count-random': countRandom,
  'hll-accuracy': accuracyGenerator,
  'hll-merge-random': mergeRandom,
}

export const hyperLogLogChecks: Record<string, Check> = {
  'hll-accuracy': accuracy,
}
