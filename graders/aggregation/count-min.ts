/**
 * The count-min cases: the width and depth ε and δ give, counters and estimates on Zipf-like
 * streams of counts against the model, the one-sided error guarantee on a large stream, and
 * merges in a generated tree.
 */
import {call, calls, create, fail, figure, integer, ok, percent, pick, returns, shuffle, throws, values, type Check, type Generator, type Random, type ScriptInput} from 'course/kit'
import {MergeScript, ROOT, sameModel, sharingEpisode, split, UNCHANGED, type MergeExpected, type Read} from './merges.js'
import {cmsDepth, cmsWidth, CountMinModel} from './models.js'
import {eachScript, refusedCreation, valueOf, valuesOf, type LabelledScript} from './script-results.js'

const createCountMin = (epsilon: number, delta: number) => create('createCountMin', {epsilon, delta})

/**
 * ε and δ for which e / ε and ln(1 / δ) come out as whole numbers in floating point (checked
 * below): there Math.ceil keeps the number, while "round down and add one" gives one more.
 */
const WHOLE_RATIOS: ReadonlyArray<{epsilon: number; delta: number}> = [
  {epsilon: Math.E / 100, delta: Math.exp(-3)},
  {epsilon: Math.E / 3, delta: Math.exp(-1)},
  {epsilon: Math.E / 1000, delta: Math.exp(-5)},
]

/** Every way ε or δ can leave the open interval (0, 1): its two ends, and beyond each. */
const INVALID_OPTIONS: ReadonlyArray<{epsilon: number; delta: number}> = [
  {epsilon: 0, delta: 0.1},
  {epsilon: 1, delta: 0.1},
  {epsilon: -0.01, delta: 0.1},
  {epsilon: 1.5, delta: 0.1},
  {epsilon: 0.01, delta: 0},
  {epsilon: 0.01, delta: 1},
  {epsilon: 0.01, delta: -0.5},
  {epsilon: 0.01, delta: 1.5},
  // Infinitely far out: e / −∞ is −0, a width no array constructor refuses, so only the check itself catches it.
  {epsilon: -Infinity, delta: 0.1},
  {epsilon: 0.01, delta: -Infinity},
]

/** Width and depth over a wide range of ε and δ, whole ratios included; options out of range refused. */
const dimensions: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: LabelledScript[] = []
  const shape = (epsilon: number, delta: number, label: string) => {
    scripts.push({create: createCountMin(epsilon, delta), steps: [call('dimensions')]})
    wants.push({label, results: [returns({width: cmsWidth(epsilon), depth: cmsDepth(delta)})]})
  }
  for (let i = 0; i < 25; i++) {
    const epsilon = pick(random, [integer(random, 1, 999) / 1000, 1 / integer(random, 2, 5000), integer(random, 1, 99) / 100])
    const delta = pick(random, [integer(random, 1, 999) / 1000, 10 ** -integer(random, 1, 9), integer(random, 1, 99) / 100])
    shape(epsilon, delta, 'dimensions() must be Math.ceil(Math.E / ε) × Math.ceil(Math.log(1 / δ))')
  }
  for (const {epsilon, delta} of WHOLE_RATIOS) {
    if (!Number.isInteger(Math.E / epsilon) || !Number.isInteger(Math.log(1 / delta))) throw new Error('grader bug: a whole-ratio option is not whole in floating point')
    shape(epsilon, delta, 'when e / ε or ln(1 / δ) is already a whole number, Math.ceil keeps it: the width or depth is that number, not one more')
  }
  for (const options of INVALID_OPTIONS) {
    scripts.push({create: create('createCountMin', options), steps: []})
    wants.push({label: 'ε or δ outside the open interval (0, 1), either end included, must throw a RangeError', ...refusedCreation})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/** Keys drawn from a Zipf-like distribution over `keys` distinct names. */
function zipfKeys(random: Random, keys: number, draws: number, s: number): {names: string[]; drawn: string[]} {
  const salt = Math.floor(random() * 2 ** 32).toString(36)
  const names = Array.from({length: keys}, (_, i) => `page-${salt}-${i}`)
  const weights = names.map((_, i) => 1 / (i + 1) ** s)
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  let acc = 0
  for (const w of weights) cumulative.push((acc += w / total))
  const drawn = Array.from({length: draws}, () => {
    const u = random()
    let lo = 0
    let hi = keys - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < u) lo = mid + 1
      else hi = mid
    }
    return names[lo]!
  })
  return {names, drawn}
}

/**
 * The counts episode, the same for every learner: adding 0 changes nothing, a missing count is 1,
 * the largest safe integer is a valid count (a 32-bit table wraps it), and counts that are not
 * non-negative safe integers (infinite, not a number, 2^53, negative, fractional) are refused
 * without touching the table. The table is read once, at the end: a read followed by changes is
 * the copy episode's to judge.
 */
function countsScript(): {input: ScriptInput; want: LabelledScript} {
  const model = new CountMinModel(0.05, 0.05)
  model.add('one')
  model.add('huge', Number.MAX_SAFE_INTEGER)
  const keys = ['zero', 'one', 'huge']
  const refused = [['bad', Infinity], ['bad', -Infinity], ['bad', NaN], ['bad', 2 ** 53], ['bad', -1], ['bad', 0.5]]
  return {
    input: {
      create: createCountMin(0.05, 0.05),
      steps: [
        call('add', 'zero', 0),
        call('total'),
        call('estimate', 'zero'),
        call('add', 'one'),
        call('add', 'huge', Number.MAX_SAFE_INTEGER),
        calls('add', refused),
        call('counters'),
        call('total'),
        calls('estimate', keys.map((k) => [k])),
      ],
    },
    want: {
      label: 'add(key, 0) must change nothing, add(key) must add 1, a count up to Number.MAX_SAFE_INTEGER must be added exactly, and any other count must throw a RangeError and change nothing',
      results: [
        ok,
        returns(0),
        returns(0),
        ok,
        ok,
        refused.map(() => throws('RangeError')),
        returns(model.table),
        returns(model.total),
        values(keys.map((k) => model.estimate(k))),
      ],
    },
  }
}

/**
 * The copy episode: the table read, then more counts added, then read again. The driver sends the
 * results back after the whole script, so a table handed out live shows the later counts in the
 * earlier read.
 */
function copyScript(): {input: ScriptInput; want: LabelledScript} {
  const model = new CountMinModel(0.1, 0.1)
  const first = Array.from({length: 30}, (_, i) => [`copy-${i}`, 1 + (i % 4)] as [string, number])
  const second = Array.from({length: 30}, (_, i) => [`copy-${i % 7}`, 2] as [string, number])
  for (const [key, count] of first) model.add(key, count)
  const before = model.table.map((row) => [...row])
  for (const [key, count] of second) model.add(key, count)
  return {
    input: {create: createCountMin(0.1, 0.1), steps: [calls('add', first), call('counters'), calls('add', second), call('counters')]},
    want: {label: 'counters() must return a copy: a table read earlier must not change when the sketch changes later', results: [ok, returns(before), ok, returns(model.table)]},
  }
}

/** Counters, estimates (absent keys too), the total and the dimensions on Zipf-like streams; invalid counts refused; then the counts and copy episodes. */
const countersRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: LabelledScript[] = []
  for (let s = 0; s < 3; s++) {
    const epsilon = pick(random, [0.02, 0.05, 0.1, 0.2, integer(random, 10, 200) / 1000])
    const delta = pick(random, [0.01, 0.05, 0.2, integer(random, 1, 300) / 1000])
    const model = new CountMinModel(epsilon, delta)
    const {names, drawn} = zipfKeys(random, integer(random, 20, 300), integer(random, 300, 1200), 1)
    const adds: unknown[][] = drawn.map((key) => {
      const roll = random()
      if (roll < 0.6) return [key]
      const count = roll < 0.95 ? integer(random, 1, 1000) : pick(random, [0, 2 ** 40 + integer(random, 0, 999)])
      return [key, count]
    })
    for (const [key, count] of adds) model.add(key as string, (count as number | undefined) ?? 1)
    const queried = [...names, ...Array.from({length: 20}, (_, i) => `absent-${i}-${integer(random, 0, 1e6)}`)]
    scripts.push({
      create: createCountMin(epsilon, delta),
      steps: [
        calls('add', adds),
        calls('estimate', queried.map((k) => [k])),
        call('total'),
        call('dimensions'),
        call('counters'),
        calls('add', shuffle(random, [['bad', -1], ['bad', 2.5], ['bad', NaN], ['bad', 2 ** 53]])),
      ],
    })
    wants.push({
      label: 'counters(), every estimate(key), total() and dimensions() must follow the contract after a stream of counts, and invalid counts must throw a RangeError',
      results: [
        ok,
        values(queried.map((k) => model.estimate(k))),
        returns(model.total),
        returns({width: model.width, depth: model.depth}),
        returns(model.table),
        [0, 1, 2, 3].map(() => throws('RangeError')),
      ],
    })
  }
  for (const {input, want} of [countsScript(), copyScript()]) {
    scripts.push(input)
    wants.push(want)
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/** A large Zipf-like stream, each key's count in one or two batches; the truth stays in the grader. */
const guaranteeGenerator: Generator = (random) => {
  const epsilon = pick(random, [0.005, 0.01, 0.02])
  const delta = pick(random, [0.01, 0.05, 0.1])
  const keys = integer(random, 1000, 2000)
  const total = integer(random, 50_000, 500_000)
  const s = 0.8 + 0.5 * random()
  const salt = Math.floor(random() * 2 ** 32).toString(36)
  // A Zipf-like stream: the key of rank r gets about total / (H · r^s) occurrences, give or take 20 %.
  const weights = Array.from({length: keys}, (_, r) => 1 / (r + 1) ** s)
  const sum = weights.reduce((a, b) => a + b, 0)
  const names = shuffle(random, Array.from({length: keys}, (_, r) => `page-${salt}-${r}`))
  const truth = weights.map((w) => Math.max(1, Math.round(((total * w) / sum) * (0.8 + 0.4 * random()))))
  // The stream arrives as (key, count) batches, each key's total in one or two pieces.
  const adds: unknown[][] = []
  names.forEach((key, r) => {
    const first = random() < 0.5 ? truth[r]! : integer(random, 0, truth[r]!)
    adds.push([key, first])
    if (first < truth[r]!) adds.push([key, truth[r]! - first])
  })
  const steps = [calls('add', shuffle(random, adds)), calls('estimate', names.map((k) => [k])), call('total')]
  return {input: {scripts: [{create: createCountMin(epsilon, delta), steps}]}, expected: {truth, epsilon, delta}}
}

/**
 * Count-min's guarantee on a Zipf-like stream: no estimate below the true count, and at most
 * δ + slack of the keys over-counted by more than ε · N.
 */
const guarantee: Check = ({output, expected, params}) => {
  const {truth, epsilon, delta} = expected as {truth: number[]; epsilon: number; delta: number}
  const slack = Number(params.slack ?? 0.02)
  return eachScript(output, (script) => {
    const estimates = valuesOf(script, 1, '`estimate`')
    const total = truth.reduce((a, b) => a + b, 0)
    let over = 0
    for (let k = 0; k < truth.length; k++) {
      const e = estimates[k]
      if (typeof e !== 'number' || Number.isNaN(e)) return fail('`estimate` must return a number')
      if (e < truth[k]!) return fail('an estimate was below the true count; count-min never under-counts')
      if (e - truth[k]! > epsilon * total) over++
    }
    const share = over / truth.length
    if (share > delta + slack) {
      return fail(`${percent(share)} of the keys were over-counted by more than ε · N (at most δ + ${figure(100 * slack)} percentage points allowed)`)
    }
    const reported = valueOf(script, 2, '`total`')
    if (reported !== total) return fail('`total()` must be N, the sum of every count added')
    return undefined
  })
}

const stateOf = (m: CountMinModel): Read[] => [
  [call('counters'), returns(m.table.map((row) => [...row]))],
  [call('total'), returns(m.total)],
]

/**
 * Zipf-like streams of counts split over 2 to 8 sketches and merged in a random tree; a duplicate
 * merge (counted twice); a sketch of the same shape built from other ε and δ (merged); sketches
 * one wider and one deeper (refused).
 */
const mergeRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: MergeExpected[] = []
  for (let s = 0; s < 2; s++) {
    const epsilon = pick(random, [0.02, 0.05, 0.1, 0.2, integer(random, 10, 200) / 1000])
    const delta = pick(random, [0.01, 0.05, 0.2, integer(random, 1, 300) / 1000])
    const [width, depth] = [cmsWidth(epsilon), cmsDepth(delta)]
    // The same shape from other options; one option changed so that only the width, or only the depth, differs.
    const twin = {epsilon: Math.E / (width - 0.5), delta: Math.exp(-(depth - 0.5))}
    const wider = {epsilon: epsilon / 2, delta}
    const deeper = {epsilon, delta: delta * Math.exp(-2)}
    if (cmsWidth(twin.epsilon) !== width || cmsDepth(twin.delta) !== depth || twin.epsilon === epsilon || cmsWidth(wider.epsilon) === width || cmsDepth(deeper.delta) === depth) {
      throw new Error('grader bug: the options of the extra count-min sketches do not give the shapes intended')
    }
    const {names: keys, drawn} = zipfKeys(random, integer(random, 20, 300), integer(random, 300, 1200), 1)
    const adds = drawn.map((key): [string, number] | [string] => (random() < 0.6 ? [key] : [key, random() < 0.95 ? integer(random, 0, 1000) : 2 ** 40 + integer(random, 0, 999)]))
    const parts = split(random, adds, integer(random, 2, 8), 0.2, s === 1)
    const script = new MergeScript<CountMinModel>()
    const whole = new CountMinModel(epsilon, delta)
    const names = parts.map((part, i) => {
      const model = new CountMinModel(epsilon, delta)
      for (const [key, count] of part) {
        model.add(key, count ?? 1)
        whole.add(key, count ?? 1)
      }
      script.sketch(`s${i}`, createCountMin(epsilon, delta), model)
      return `s${i}`
    })
    const twinModel = new CountMinModel(twin.epsilon, twin.delta)
    const twinAdds = shuffle(random, keys).slice(0, 5).map((key) => [key, integer(random, 1, 50)] as [string, number])
    for (const [key, count] of twinAdds) twinModel.add(key, count)
    script.sketch('twin', create('createCountMin', twin), twinModel)
    script.sketch('wider', create('createCountMin', wider), new CountMinModel(wider.epsilon, wider.delta))
    script.sketch('deeper', create('createCountMin', deeper), new CountMinModel(deeper.epsilon, deeper.delta))
    parts.forEach((part, i) => script.add(`s${i}`, part))
    script.add('twin', twinAdds)
    const root = script.tree(random, names)
    sameModel(script.models.get(root)!.table, whole.table)
    const queried = [...keys, `absent-${integer(random, 0, 1e6)}`]
    script.read(root, (m) => [...stateOf(m), [calls('estimate', queried.map((k) => [k])), values(queried.map((k) => m.estimate(k)))]], ROOT)
    for (const name of names) if (name !== root) script.read(name, stateOf, UNCHANGED)
    script.merge(root, pick(random, names.filter((n) => n !== root)), 'merging the same sketch a second time must not throw')
    script.read(root, stateOf, 'merging the same sketch a second time must add its counters and total again')
    script.merge(root, 'twin', 'sketches of the same width and depth must merge, whatever ε and δ they were created with')
    script.read(root, stateOf, 'merging a sketch of the same shape built from other ε and δ must add its counters and total')
    script.refuse(root, 'wider', 'merging sketches of different widths must throw a RangeError')
    script.refuse(root, 'deeper', 'merging sketches of different depths must throw a RangeError')
    const {input, expected} = script.generated()
    scripts.push(input)
    wants.push(expected)
  }
  const batch = (from: number) => Array.from({length: 40}, (_, i) => [`share-${(from + i) % 50}`, 1 + ((from + i) % 7)])
  const sharing = sharingEpisode(
    () => [createCountMin(0.1, 0.05), new CountMinModel(0.1, 0.05)],
    (model, over) => over.forEach(([key, count]) => model.add(key as string, count as number)),
    [batch(0), batch(40), batch(80)],
    stateOf,
  )
  // First: the tree may show the same mistake on some draws, and the feedback should read the same for everyone.
  scripts.unshift(sharing.input)
  wants.unshift(sharing.expected)
  return {input: {scripts}, expected: {scripts: wants}}
}

export const countMinGenerators: Record<string, Generator> = {
  'cms-dimensions': dimensions,
  'cms-counters-random': countersRandom,
  'cms-guarantee': guaranteeGenerator,
  'cms-merge-random': mergeRandom,
}

export const countMinChecks: Record<string, Check> = {
  'cms-guarantee': guarantee,
}
