/**
 * The quantile-sketch cases: buckets and counts on five shapes of data against the model, answers
 * within the relative accuracy α of the exact quantile, invalid values, ranks and accuracies
 * refused, and merges in a generated tree.
 */
import {call, calls, create, fail, figure, integer, ok, pick, returns, shuffle, throws, values, type Check, type ExpectedScript, type Generator, type Random, type ScriptInput} from 'course/kit'
import {MergeScript, ROOT, sameModel, split, UNCHANGED, type MergeExpected, type Read} from './merges.js'
import {exactQuantile, QuantileModel} from './models.js'
import {eachScript, refusedCreation, valuesOf} from './script-results.js'

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

/** Buckets and counts on four shapes of data; reading them twice changes nothing. */
const bucketsRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: ExpectedScript[] = []
  for (const kind of shuffle(random, KINDS).slice(0, 4)) {
    const alpha = pick(random, ALPHAS)
    const data = quantileData(random, kind, integer(random, 200, 1200))
    const model = new QuantileModel(alpha)
    for (const x of data) model.add(x)
    scripts.push({create: createSketch(alpha), steps: [calls('add', numbers(data)), call('buckets'), call('count'), call('buckets')]})
    wants.push({results: [ok, returns(model.buckets()), returns(model.n), returns(model.buckets())]})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/** Four shapes of data asked the grid and ten random ranks, and an empty sketch; the exact answers stay in the grader. */
const accuracyGenerator: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const sketches: Array<{alpha: number; exact: number[]}> = []
  for (const kind of shuffle(random, KINDS).slice(0, 4)) {
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

/** Invalid values, ranks and accuracies throw a RangeError. */
const refusals: Generator = (random) => {
  const alpha = pick(random, ALPHAS)
  const bad = shuffle(random, [[-1], [-1e-9], [NaN], [Infinity], [-Infinity]]).slice(0, 3)
  const qs = shuffle(random, [[1.5], [-0.01], [1 + 1e-9], [2]]).slice(0, 2)
  const scripts: ScriptInput[] = [
    {create: createSketch(alpha), steps: [call('add', integer(random, 1, 100)), calls('add', bad), calls('quantile', qs), call('count')]},
  ]
  const wants: ExpectedScript[] = [{results: [ok, bad.map(() => throws('RangeError')), qs.map(() => throws('RangeError')), returns(1)]}]
  for (const a of shuffle(random, [0, 1, -0.5, 1.5]).slice(0, 2)) {
    scripts.push({create: createSketch(a), steps: []})
    wants.push(refusedCreation)
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
