/**
 * The quantile-sketch cases: buckets and counts on five shapes of data against the model, answers
 * within the relative accuracy α of the exact quantile, invalid values, ranks and accuracies
 * refused, and merges in a generated tree.
 */
import {call, calls, create, fail, figure, integer, ok, pick, returns, shuffle, throws, values, type Check, type Generator, type Random, type ScriptInput} from 'course/kit'
import {MergeScript, ROOT, sameModel, sharingEpisode, split, UNCHANGED, type MergeExpected, type Read} from './merges.js'
import {exactQuantile, QuantileModel} from './models.js'
import {eachScript, refusedCreation, valuesOf, type LabelledScript} from './script-results.js'

const KINDS = ['uniform', 'log-normal', 'integers', 'tiny', 'mixture']
const ALPHAS = [0.005, 0.01, 0.01, 0.02, 0.05, 0.1]
/** The ranks every accuracy and merge script asks for, the extremes included. */
const GRID = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

const createSketch = (alpha: number) => create('createQuantileSketch', {relativeAccuracy: alpha})
const numbers = (data: readonly number[]) => data.map((x) => [x])

/** Data sets for the quantile sketch: uniform, log-normal, small integers with zeros, values below 1, a mixture. */
function quantileData(random: Random, kind: string, n: number): number[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const round = (x: number) => Math.round(x * 1e6) / 1e6
  switch (kind) {
    case 'uniform':
      return Array.from({length: n}, () => round(1000 * random()))
    case 'log-normal': {
      const mu = 2 + 3 * random()
      const sigma = 0.5 + 1.5 * random()
      return Array.from({length: n}, () => Math.exp(mu + sigma * normal()))
    }
    case 'integers':
      return Array.from({length: n}, () => (random() < 0.2 ? 0 : integer(random, 0, 20)))
    case 'tiny':
      return Array.from({length: n}, () => 10 ** (-6 * random()))
    default:
      return Array.from({length: n}, () => pick(random, [0, 0.5, 1, 2, 3, 1e-3, 42, 250, 1e4, 7e6, 1e9]) * (random() < 0.5 ? 1 : 1 + random()))
  }
}

let edges: Array<{input: ScriptInput; want: LabelledScript}> | undefined

/**
 * Values on bucket edges: γ^k as Math.pow computes it, for k from −40 to 40. In floating point
 * Math.log(x) / Math.log(γ) then lands a hair above or below k, so some of them (one in five or six) go to
 * bucket k + 1; the contract's formula, computed as written, is the only way to agree on all of
 * them (base-2 or base-10 logarithms, or floor + 1, put some elsewhere). Built once, since it is
 * the same for every learner.
 */
function edgeScripts(): Array<{input: ScriptInput; want: LabelledScript}> {
  return (edges ??= [0.01, 0.05].map((alpha) => {
    const gamma = (1 + alpha) / (1 - alpha)
    const data = Array.from({length: 81}, (_, i) => Math.pow(gamma, i - 40))
    const model = new QuantileModel(alpha)
    for (const x of data) model.add(x)
    return {
      input: {create: createSketch(alpha), steps: [calls('add', numbers(data)), call('buckets'), call('count')]},
      want: {
        label: 'a value on a bucket edge must go to the bucket Math.ceil(Math.log(x) / Math.log(γ)) gives, computed exactly so',
        results: [ok, returns(model.buckets()), returns(model.n)],
      },
    }
  }))
}

/**
 * Every rank of a small sketch with zeros and repeated buckets, asked exactly at each rank and
 * halfway to the next: an off-by-one in the rank or in "the running total exceeds r" shows here.
 */
function rankScript(): {input: ScriptInput; want: LabelledScript} {
  const data = [0, 0, 0.5, 3, 3, 3, 17, 17, 250, 1e4, 0.001, 42]
  const model = new QuantileModel(0.02)
  for (const x of data) model.add(x)
  const last = data.length - 1
  const qs = [...Array.from({length: last + 1}, (_, k) => k / last), ...Array.from({length: last}, (_, k) => (k + 0.5) / last)]
  return {
    input: {create: createSketch(0.02), steps: [calls('add', numbers(data)), calls('quantile', numbers(qs))]},
    want: {
      label: 'quantile(q) must walk the zeros, then the buckets by increasing index, and answer from the first place where the running total exceeds Math.floor(q · (n − 1))',
      results: [ok, values(qs.map((q) => model.quantile(q)))],
    },
  }
}

/**
 * The copy episode: the buckets read, then more values added, then read again. The driver sends
 * the results back after the whole script, so buckets handed out live show the later counts in
 * the earlier read.
 */
function copyScript(): {input: ScriptInput; want: LabelledScript} {
  const model = new QuantileModel(0.05)
  const first = [0, 1, 2, 2, 30, 400]
  const second = [0, 2, 30, 5000, 0.25]
  for (const x of first) model.add(x)
  const before = model.buckets()
  for (const x of second) model.add(x)
  return {
    input: {create: createSketch(0.05), steps: [calls('add', numbers(first)), call('buckets'), calls('add', numbers(second)), call('buckets')]},
    want: {label: 'buckets() must return a copy: buckets read earlier must not change when the sketch changes later', results: [ok, returns(before), ok, returns(model.buckets())]},
  }
}

/**
 * Buckets, counts and quantiles on every shape of data against the model (reading the buckets
 * twice changes nothing); then the edge, rank and copy episodes.
 */
const bucketsRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: LabelledScript[] = []
  for (const kind of shuffle(random, KINDS)) {
    const alpha = pick(random, ALPHAS)
    const data = quantileData(random, kind, integer(random, 200, 1200))
    const model = new QuantileModel(alpha)
    for (const x of data) model.add(x)
    const qs = [...GRID, ...Array.from({length: 10}, () => random())]
    scripts.push({create: createSketch(alpha), steps: [calls('add', numbers(data)), call('buckets'), call('count'), call('buckets'), calls('quantile', numbers(qs))]})
    wants.push({
      label: 'buckets(), count() and quantile(q) must follow the contract on generated data',
      results: [ok, returns(model.buckets()), returns(model.n), returns(model.buckets()), values(qs.map((q) => model.quantile(q)))],
    })
  }
  for (const {input, want} of [...edgeScripts(), rankScript(), copyScript()]) {
    scripts.push(input)
    wants.push(want)
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/** Every shape of data asked the grid and ten random ranks, and an empty sketch; the exact answers stay in the grader. */
const accuracyGenerator: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const sketches: Array<{alpha: number; exact: number[]}> = []
  for (const kind of shuffle(random, KINDS)) {
    const alpha = pick(random, ALPHAS)
    const data = quantileData(random, kind, integer(random, 200, 1500))
    const sorted = [...data].sort((a, b) => a - b)
    const qs = [...GRID, ...Array.from({length: 10}, () => random())]
    scripts.push({create: createSketch(alpha), steps: [calls('add', numbers(data)), calls('quantile', numbers(qs))]})
    sketches.push({alpha, exact: qs.map((q) => exactQuantile(sorted, q))})
  }
  scripts.push({create: createSketch(pick(random, ALPHAS)), steps: [calls('add', []), calls('quantile', [[0], [0.5], [1]])]})
  sketches.push({alpha: 0.01, exact: [NaN, NaN, NaN]})
  return {input: {scripts}, expected: {sketches}}
}

/**
 * For every q asked, the answer is within a relative α · (1 + 1e-9) of the exact value of rank
 * floor(q · (n − 1)), 0 exactly when that value is 0, NaN on an empty sketch.
 */
const accuracy: Check = ({output, expected}) => {
  const sketches = (expected as {sketches: Array<{alpha: number; exact: number[]}>}).sketches
  return eachScript(output, (script, i) => {
    const {alpha, exact} = sketches[i]!
    const answers = valuesOf(script, 1, '`quantile`')
    for (let k = 0; k < exact.length; k++) {
      const got = answers[k]
      const want = exact[k]!
      if (Number.isNaN(want)) {
        if (!Number.isNaN(got)) return fail('an empty sketch must answer NaN')
        continue
      }
      if (typeof got !== 'number' || Number.isNaN(got)) return fail('`quantile` must return a number')
      if (want === 0) {
        if (got !== 0) return fail('when the rank falls on a zero, the answer must be exactly 0')
        continue
      }
      const error = Math.abs(got - want) / want
      // Four significant digits, not `percent`: an error just over α must not read as α itself.
      if (error > alpha * (1 + 1e-9)) return fail(`an answer was off by ${figure(100 * error)} % of the exact value, more than the sketch's α allows`)
    }
    return undefined
  })
}

/**
 * Every invalid value, rank and accuracy, for every learner: a refused value must not be counted,
 * and NaN is refused wherever it can appear (it fails every comparison, so a check written as
 * "x < 0" or "q < 0 || q > 1" lets it through).
 */
const refusals: Generator = (random) => {
  const alpha = pick(random, ALPHAS)
  const bad = [[-1], [-1e-9], [NaN], [Infinity], [-Infinity]]
  const qs = [[1.5], [-0.01], [1 + 1e-9], [2], [NaN], [Infinity], [-Infinity]]
  const scripts: ScriptInput[] = [
    {create: createSketch(alpha), steps: [call('add', integer(random, 1, 100)), calls('add', bad), call('count')]},
    {create: createSketch(alpha), steps: [call('add', integer(random, 1, 100)), calls('quantile', qs)]},
  ]
  const wants: LabelledScript[] = [
    {label: 'add(x) must throw a RangeError for a negative, infinite or NaN value, and not count it', results: [ok, bad.map(() => throws('RangeError')), returns(1)]},
    {label: 'quantile(q) must throw a RangeError unless 0 ≤ q ≤ 1 (NaN included)', results: [ok, qs.map(() => throws('RangeError'))]},
  ]
  for (const a of [0, 1, -0.5, 1.5]) {
    scripts.push({create: createSketch(a), steps: []})
    wants.push({label: 'relativeAccuracy outside (0, 1), either end included, must throw a RangeError', ...refusedCreation})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const stateOf = (m: QuantileModel): Read[] => [
  [call('buckets'), returns(m.buckets())],
  [call('count'), returns(m.n)],
]

/**
 * Generated data split over 2 to 8 sketches (an empty one in the first script) and merged in a
 * random tree, then queried; a duplicate merge (counted twice); a sketch of another α (refused).
 */
const mergeRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: MergeExpected[] = []
  shuffle(random, KINDS)
    .slice(0, 2)
    .forEach((kind, s) => {
      const alpha = pick(random, ALPHAS)
      const data = quantileData(random, kind, integer(random, 200, 1200))
      const parts = split(random, data, integer(random, s === 0 ? 3 : 2, 8), 0.1, s === 0)
      const script = new MergeScript<QuantileModel>()
      const whole = new QuantileModel(alpha)
      const names = parts.map((part, i) => {
        const model = new QuantileModel(alpha)
        for (const x of part) {
          model.add(x)
          whole.add(x)
        }
        script.sketch(`s${i}`, createSketch(alpha), model)
        return `s${i}`
      })
      const otherAlpha = pick(random, ALPHAS.filter((a) => a !== alpha))
      script.sketch('other', createSketch(otherAlpha), new QuantileModel(otherAlpha))
      parts.forEach((part, i) => script.add(`s${i}`, numbers(part)))
      const root = script.tree(random, names)
      sameModel(script.models.get(root)!.buckets(), whole.buckets())
      script.read(root, (m) => [...stateOf(m), [calls('quantile', numbers(GRID)), values(GRID.map((q) => m.quantile(q)))]], ROOT)
      for (const name of names) if (name !== root) script.read(name, stateOf, UNCHANGED)
      script.merge(root, pick(random, names.filter((n) => n !== root)), 'merging the same sketch a second time must not throw')
      script.read(root, stateOf, 'merging the same sketch a second time must add its zeros and bucket counts again')
      script.refuse(root, 'other', 'merging sketches of different relativeAccuracy must throw a RangeError')
      const {input, expected} = script.generated()
      scripts.push(input)
      wants.push(expected)
    })
  const batch = (from: number) => Array.from({length: 60}, (_, i) => [((from + i) % 13) * 7.5])
  const sharing = sharingEpisode(
    () => [createSketch(0.02), new QuantileModel(0.02)],
    (model, over) => over.forEach(([x]) => model.add(x as number)),
    [batch(0), batch(60), batch(120)],
    stateOf,
  )
  // First: the tree may show the same mistake on some draws, and the feedback should read the same for everyone.
  scripts.unshift(sharing.input)
  wants.unshift(sharing.expected)
  // Accuracies equal to the last bit only: 0.1 + 0.2 is 0.30000000000000004, whose γ differs from 0.3's.
  const close = new MergeScript<QuantileModel>()
  close.sketch('a', createSketch(0.3), new QuantileModel(0.3))
  close.sketch('b', createSketch(0.1 + 0.2), new QuantileModel(0.1 + 0.2))
  close.add('a', [[1], [10]])
  close.add('b', [[2], [20]])
  const exactly = 'relativeAccuracy is compared with ===: sketches whose accuracies differ only in the last bit must not merge (RangeError)'
  close.refuse('a', 'b', exactly)
  close.refuse('b', 'a', exactly)
  const refused = close.generated()
  scripts.push(refused.input)
  wants.push(refused.expected)
  return {input: {scripts}, expected: {scripts: wants}}
}

export const quantileGenerators: Record<string, Generator> = {
  'quantile-buckets-random': bucketsRandom,
  'quantile-accuracy': accuracyGenerator,
  'quantile-refusals': refusals,
  'quantile-merge-random': mergeRandom,
}

export const quantileChecks: Record<string, Check> = {
  'quantile-accuracy': accuracy,
}
