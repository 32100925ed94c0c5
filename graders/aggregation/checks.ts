/**
 * Hidden cases of the aggregation grader: generators build value streams, record sets and sketch
 * parameters from each learner's seeded stream; the independent models say what the registers,
 * counters, buckets, loads and counts must be, and property checks measure what the README
 * promises within a tolerance (HyperLogLog and quantile accuracy, count-min's one-sided error, the
 * skew a salted group-by removes). Merge cases split a stream over several named sketches, merge
 * them in a generated tree and compare every sketch with the models, step by step, so that the
 * feedback can name the merge property that broke. Hidden feedback names the property and at most
 * a measured figure, never the inputs or the expected values.
 */
import type {Check, Generator, GraderModule, Verdict} from '../../src/core/grading/definition.js'
import {firstDifference, show} from '../../src/core/grading/compare.js'
import {scriptCheck, stepEntries, stepName, type Expected as Want, type ExpectedScript as WantScript} from '../../src/core/grading/script.js'
import type {CallResult, Creation, ScriptInput, ScriptOutput, Step as ScriptStep, StepResult} from '../../src/core/sandbox/drivers.js'
import {integer, pick, shuffle, type Random} from '../../src/core/random.js'
import {cmsDepth, cmsWidth, CountMinModel, exactQuantile, HllModel, QuantileModel, twoStage, type Records} from './models.js'

type Step = {call: string; args?: unknown[]} | {map: string; over: unknown[][]}

const fail = (detail?: string): Verdict => ({passed: false, detail})
/** The value of a single-call step, or the reason it cannot be read. */
function valueOf(script: ScriptOutput, index: number, what: string): unknown {
  if (script.createError !== undefined) throw new Error('creating the sketch failed')
  const entry = script.results[index] as {value?: unknown; error?: string} | undefined
  if (!entry || typeof entry !== 'object') throw new Error(`${what} gave no result`)
  if ('error' in entry) throw new Error(`${what} threw an error`)
  return entry.value
}

/** Every call of a `map` step returned; their values. */
function valuesOf(script: ScriptOutput, index: number, what: string): unknown[] {
  if (script.createError !== undefined) throw new Error('creating the sketch failed')
  const entries = stepEntries(script.results[index] as StepResult | undefined)
  if (!entries) throw new Error(`${what} gave no result`)
  return entries.map((entry) => {
    if ('error' in entry) throw new Error(`${what} threw an error`)
    return entry.value
  })
}

/** Runs a property over each script; an unreadable result is a failure that names what broke. */
function eachScript(output: unknown, judge: (script: ScriptOutput, i: number) => Verdict | undefined): Verdict {
  const scripts = (output as {scripts?: ScriptOutput[]}).scripts
  if (!Array.isArray(scripts)) return fail('no result came back')
  for (let i = 0; i < scripts.length; i++) {
    try {
      const verdict = judge(scripts[i]!, i)
      if (verdict) return verdict
    } catch (error) {
      return fail((error as Error).message)
    }
  }
  return {passed: true}
}

/**
 * HyperLogLog accuracy: each sketch's count() against the true number of distinct values n, within
 * 4 × 1.04 / √m plus 3 percentage points; an empty sketch must count 0.
 */
const hllAccuracy: Check = ({output, expected}) => {
  const sketches = (expected as {sketches: Array<{precision: number; n: number}>}).sketches
  return eachScript(output, (script, i) => {
    const {precision, n} = sketches[i]!
    const count = valueOf(script, 1, '`count`')
    if (typeof count !== 'number' || Number.isNaN(count)) return fail('`count` must return a number')
    if (n === 0) return count === 0 ? undefined : fail('an empty sketch must count 0')
    const allowed = (4 * 1.04) / Math.sqrt(2 ** precision) + 0.03
    const error = Math.abs(count - n) / n
    if (error > allowed) return fail(`count() was off by ${(100 * error).toFixed(1)} % of the true number of distinct values, more than 4 × 1.04 / √m plus 3 points allows`)
    return undefined
  })
}

/**
 * Count-min's guarantee on a Zipf-like stream: no estimate below the true count, and at most
 * δ + 0.02 of the keys over-counted by more than ε · N.
 */
const cmsGuarantee: Check = ({output, expected, params}) => {
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
      return fail(`${(100 * share).toFixed(1)} % of the keys were over-counted by more than ε · N (at most δ + ${100 * slack} percentage points allowed)`)
    }
    const reported = valueOf(script, 2, '`total`')
    if (reported !== total) return fail('`total()` must be N, the sum of every count added')
    return undefined
  })
}

/**
 * Quantile accuracy: for every q asked, the answer is within a relative α · (1 + 1e-9) of the
 * exact value of rank floor(q · (n − 1)), 0 exactly when that value is 0, NaN on an empty sketch.
 */
const quantileAccuracy: Check = ({output, expected}) => {
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
      if (error > alpha * (1 + 1e-9)) return fail(`an answer was off by ${(100 * error).toFixed(2)} % of the exact value, more than the sketch's α allows`)
    }
    return undefined
  })
}

/**
 * The skew a salted plan removes: loads of length P that add up to the records, the hot
 * partition's stage-1 load exactly the contract's, and the plain plan's as well.
 */
const skew: Check = (context) => {
  const {output, expected} = context
  const runs = (expected as {runs: Array<{partitions: number; records: number; naiveMax: number; stage1Max: number}>}).runs
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
  return scriptCheck({...context, input: {steps: (context.input as ScriptInput).steps.slice(1)}, output: {results: script.results.slice(1)}, expected: {results: (expected as WantScript).results}})
}

/** A merge script's expectations: what each step must give, and the property it shows. */
interface MergeWant {
  readonly results: ReadonlyArray<Want | readonly Want[]>
  readonly labels: readonly string[]
}

/**
 * What is wrong with one step's result, judged as the script check judges it (numbers within the
 * tolerance), or undefined. Hidden cases get the kind of problem only, never a value.
 */
function stepProblem(step: ScriptStep, got: StepResult | undefined, want: Want | readonly Want[], tolerance: number, visible: boolean): string | undefined {
  const many = 'map' in step || 'repeat' in step
  const calls = many ? stepEntries(got) : got === undefined ? undefined : [got as CallResult]
  if (!calls) return 'gave no result'
  const wants: readonly Want[] = Array.isArray(want) ? want : calls.map(() => want as Want)
  if (wants.length !== calls.length) return 'gave the wrong number of results'
  for (let i = 0; i < calls.length; i++) {
    const [w, c] = [wants[i]!, calls[i]!]
    if ('error' in w) {
      if (!('error' in c)) return visible ? `must throw a ${String(w.error)}; it returned ${show(c.value)}` : `must throw a ${String(w.error)}, and it did not`
      if (typeof w.error === 'string' && !c.error.startsWith(w.error)) return visible ? `must throw a ${w.error}; it threw: ${c.error}` : `must throw a ${w.error}, and it threw another error`
      continue
    }
    if ('error' in c) return visible ? `threw: ${c.error}` : 'threw an error'
    if ('nan' in w && !Number.isNaN(c.value)) return visible ? `must return NaN; it returned ${show(c.value)}` : 'gave a wrong result'
    if ('value' in w) {
      const difference = firstDifference(c.value, w.value, tolerance)
      if (difference) return visible ? `expected ${show(difference.expected)}${difference.path ? ` at ${difference.path}` : ''}, got ${show(difference.actual)}` : 'gave a wrong result'
    }
  }
  return undefined
}

/**
 * Merge scripts, judged step by step: the first wrong step is reported with the property it shows
 * (the merged tree equals one sketch of everything, a merged-in sketch is unchanged, a self-merge
 * or a duplicate does what the contract says, mismatched parameters are refused).
 */
const merges: Check = ({input, output, expected, tolerance, visible}) => {
  const inputs = (input as {scripts: ScriptInput[]}).scripts
  const wants = (expected as {scripts: MergeWant[]}).scripts
  const outputs = (output as {scripts?: ScriptOutput[]}).scripts
  if (!Array.isArray(outputs)) return fail('no result came back')
  for (let i = 0; i < wants.length; i++) {
    const out = outputs[i]
    if (!out || !Array.isArray(out.results)) return fail('no result came back')
    if (out.createError !== undefined) return fail(`creating the sketches failed${visible ? `: ${out.createError}` : ''}`)
    const steps = inputs[i]!.steps
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!
      const problem = stepProblem(step, out.results[s], wants[i]!.results[s]!, tolerance, visible)
      if (problem === undefined) continue
      const label = wants[i]!.labels[s]!
      if (!visible) return fail(`${label}: ${stepName(step)} ${problem}`)
      const where = `${wants.length > 1 ? `script ${i + 1}, ` : ''}step ${s + 1}, ${stepName(step)}${step.on === undefined ? '' : ` on ${step.on}`}`
      return fail(`${where}: ${label}: ${problem}`)
    }
  }
  return {passed: true}
}

// ------------------------------------------------------------------ helpers for generators

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

function hllScript(precision: number, values: readonly string[], finish: Step[]): ScriptInput {
  return {create: {export: 'createHyperLogLog', args: [precision]}, steps: [{map: 'add', over: values.map((v) => [v])}, ...finish]}
}

const OK: Want = {ok: true}

// ------------------------------------------------------------------ generators

const hllRegistersRandom: Generator = (random) => {
  const precisions = [integer(random, 4, 7), integer(random, 8, 11), integer(random, 12, 14), integer(random, 15, 16)]
  const scripts: ScriptInput[] = []
  const wants: WantScript[] = []
  for (const p of precisions) {
    const values = stream(random, integer(random, 200, p >= 15 ? 3000 : 1500), integer(random, 0, 200))
    if (p >= 12) values.splice(integer(random, 0, values.length), 0, ...shuffle(random, LONG_RANKS).slice(0, 5))
    const model = new HllModel(p)
    for (const v of values) model.add(v)
    // Adding values again changes nothing.
    const again = shuffle(random, values).slice(0, 200)
    scripts.push(hllScript(p, values, [{call: 'registers'}, {map: 'add', over: again.map((v) => [v])}, {call: 'registers'}]))
    wants.push({results: [OK, {value: model.registers}, OK, {value: model.registers}]})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const hllCountRandom: Generator = (random) => {
  const shapes: Array<[number, number]> = [
    [integer(random, 4, 16), 0],
    [integer(random, 4, 16), integer(random, 1, 30)],
    [integer(random, 4, 6), integer(random, 60, 1500)],
    [integer(random, 7, 10), 0],
    [integer(random, 8, 10), 0],
    [integer(random, 13, 15), integer(random, 200, 3000)],
  ]
  // Around the switch from linear counting to the raw estimate (2.5 m).
  shapes[3]![1] = Math.round(2 ** shapes[3]![0] * (2 + random()))
  shapes[4]![1] = Math.round(2 ** shapes[4]![0] * (1 + 3 * random()))
  const scripts: ScriptInput[] = []
  const wants: WantScript[] = []
  for (const [p, n] of shapes) {
    const values = n === 0 ? [] : stream(random, n, integer(random, 0, Math.ceil(n / 4)))
    const model = new HllModel(p)
    for (const v of values) model.add(v)
    scripts.push(hllScript(p, values, [{call: 'count'}, {call: 'count'}]))
    wants.push({results: [OK, {value: model.count()}, {value: model.count()}]})
  }
  const invalid = shuffle(random, [3, 17, 0, 4.5, -8, 12.25]).slice(0, 3)
  for (const p of invalid) {
    scripts.push({create: {export: 'createHyperLogLog', args: [p]}, steps: []})
    wants.push({createError: 'RangeError'})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

/**
 * Sets of n distinct values on sketches with m ≥ 1024: with fewer registers a correct sketch
 * misses the README's bound now and then (about 1 sketch in 200 at m = 16, 1 in 5000 at m = 64 or
 * 128, mostly where linear counting runs with few empty registers), which a grade cannot allow.
 */
const hllAccuracyGenerator: Generator = (random) => {
  const shapes: Array<[number, number]> = [
    [integer(random, 12, 14), integer(random, 100, 3000)],
    [integer(random, 10, 11), 0],
    [integer(random, 10, 11), integer(random, 4000, 8000)],
    [integer(random, 14, 16), integer(random, 0, 1500)],
    [integer(random, 10, 16), 0],
  ]
  // Just past the switch (2.5 m to 3 m), where the raw estimate is biased upwards.
  shapes[1]![1] = Math.round(2 ** shapes[1]![0] * (2.5 + 0.5 * random()))
  const scripts = shapes.map(([p, n]) => hllScript(p, n === 0 ? [] : stream(random, n, 0), [{call: 'count'}]))
  return {input: {scripts}, expected: {sketches: shapes.map(([precision, n]) => ({precision, n}))}}
}

const cmsDimensions: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: WantScript[] = []
  for (let i = 0; i < 25; i++) {
    const epsilon = pick(random, [integer(random, 1, 999) / 1000, 1 / integer(random, 2, 5000), integer(random, 1, 99) / 100])
    const delta = pick(random, [integer(random, 1, 999) / 1000, 10 ** -integer(random, 1, 9), integer(random, 1, 99) / 100])
    scripts.push({create: {export: 'createCountMin', args: [{epsilon, delta}]}, steps: [{call: 'dimensions'}]})
    wants.push({results: [{value: {width: cmsWidth(epsilon), depth: cmsDepth(delta)}}]})
  }
  const invalid = shuffle(random, [
    {epsilon: 0, delta: 0.1},
    {epsilon: 1, delta: 0.1},
    {epsilon: -0.01, delta: 0.1},
    {epsilon: 0.01, delta: 0},
    {epsilon: 0.01, delta: 1},
    {epsilon: 0.01, delta: 1.5},
  ]).slice(0, 3)
  for (const options of invalid) {
    scripts.push({create: {export: 'createCountMin', args: [options]}, steps: []})
    wants.push({createError: 'RangeError'})
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

const cmsCountersRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: WantScript[] = []
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
      create: {export: 'createCountMin', args: [{epsilon, delta}]},
      steps: [
        {map: 'add', over: adds},
        {map: 'estimate', over: queried.map((k) => [k])},
        {call: 'total'},
        {call: 'dimensions'},
        {call: 'counters'},
        {map: 'add', over: shuffle(random, [['bad', -1], ['bad', 2.5], ['bad', NaN], ['bad', 2 ** 53]])},
      ],
    })
    wants.push({
      results: [
        OK,
        queried.map((k) => ({value: model.estimate(k)})),
        {value: model.total},
        {value: {width: model.width, depth: model.depth}},
        {value: model.table},
        [0, 1, 2, 3].map(() => ({error: 'RangeError'})),
      ],
    })
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const cmsGuaranteeGenerator: Generator = (random) => {
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
  return {
    input: {scripts: [{create: {export: 'createCountMin', args: [{epsilon, delta}]}, steps: [{map: 'add', over: shuffle(random, adds)}, {map: 'estimate', over: names.map((k) => [k])}, {call: 'total'}]}]},
    expected: {truth, epsilon, delta},
  }
}

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

const KINDS = ['uniform', 'log-normal', 'integers', 'tiny', 'mixture']
const ALPHAS = [0.005, 0.01, 0.01, 0.02, 0.05, 0.1]

const quantileBucketsRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: WantScript[] = []
  for (const kind of shuffle(random, KINDS).slice(0, 4)) {
    const alpha = pick(random, ALPHAS)
    const data = quantileData(random, kind, integer(random, 200, 1200))
    const model = new QuantileModel(alpha)
    for (const x of data) model.add(x)
    scripts.push({create: {export: 'createQuantileSketch', args: [{relativeAccuracy: alpha}]}, steps: [{map: 'add', over: data.map((x) => [x])}, {call: 'buckets'}, {call: 'count'}, {call: 'buckets'}]})
    wants.push({results: [OK, {value: model.buckets()}, {value: model.n}, {value: model.buckets()}]})
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const GRID = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

const quantileAccuracyGenerator: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const sketches: Array<{alpha: number; exact: number[]}> = []
  for (const kind of shuffle(random, KINDS).slice(0, 4)) {
    const alpha = pick(random, ALPHAS)
    const data = quantileData(random, kind, integer(random, 200, 1500))
    const sorted = [...data].sort((a, b) => a - b)
    const qs = [...GRID, ...Array.from({length: 10}, () => random())]
    scripts.push({create: {export: 'createQuantileSketch', args: [{relativeAccuracy: alpha}]}, steps: [{map: 'add', over: data.map((x) => [x])}, {map: 'quantile', over: qs.map((q) => [q])}]})
    sketches.push({alpha, exact: qs.map((q) => exactQuantile(sorted, q))})
  }
  scripts.push({create: {export: 'createQuantileSketch', args: [{relativeAccuracy: pick(random, ALPHAS)}]}, steps: [{map: 'add', over: []}, {map: 'quantile', over: [[0], [0.5], [1]]}]})
  sketches.push({alpha: 0.01, exact: [NaN, NaN, NaN]})
  return {input: {scripts}, expected: {sketches}}
}

/** Invalid values, ranks and accuracies throw a RangeError. */
const quantileRefusals = (random: Random): {scripts: ScriptInput[]; wants: WantScript[]} => {
  const alpha = pick(random, ALPHAS)
  const bad = shuffle(random, [[-1], [-1e-9], [NaN], [Infinity], [-Infinity]]).slice(0, 3)
  const qs = shuffle(random, [[1.5], [-0.01], [1 + 1e-9], [2]]).slice(0, 2)
  const scripts: ScriptInput[] = [
    {create: {export: 'createQuantileSketch', args: [{relativeAccuracy: alpha}]}, steps: [{call: 'add', args: [integer(random, 1, 100)]}, {map: 'add', over: bad}, {map: 'quantile', over: qs}, {call: 'count'}]},
  ]
  const wants: WantScript[] = [{results: [OK, bad.map(() => ({error: 'RangeError'})), qs.map(() => ({error: 'RangeError'})), {value: 1}]}]
  for (const a of shuffle(random, [0, 1, -0.5, 1.5]).slice(0, 2)) {
    scripts.push({create: {export: 'createQuantileSketch', args: [{relativeAccuracy: a}]}, steps: []})
    wants.push({createError: 'RangeError'})
  }
  return {scripts, wants}
}

const quantileRefusalsGenerator: Generator = (random) => {
  const {scripts, wants} = quantileRefusals(random)
  return {input: {scripts}, expected: {scripts: wants}}
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
  const runs = [0, 1, 2, 3].map((i) => {
    const partitions = i === 3 ? integer(random, 8, 16) : integer(random, 2, 16)
    const salts = i === 0 ? 1 : i === 3 ? integer(random, 6, partitions) : integer(random, 1, partitions)
    // No hot key; a threshold met exactly by some key; one between the hot and the cold keys; a low one.
    const hotThreshold = [Infinity, pick(random, sizes.slice(0, 4)), Math.max(1, Math.round(sizes[Math.min(2, sizes.length - 1)]! * 0.8)), integer(random, 2, 3)][i]!
    return {partitions, salts, hotThreshold}
  })
  return {
    input: {steps: [{map: 'twoStageSum', over: runs.map((o) => [records, o])}]},
    expected: {results: [runs.map((o) => ({value: twoStage(records, o.partitions, o.salts, o.hotThreshold)}))]},
  }
}

const twoStageSkewGenerator: Generator = (random) => {
  const runs: Array<{options: {partitions: number; salts: number; hotThreshold: number}; records: Records[]}> = []
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
  const invalid = shuffle(random, [
    {partitions: 0, salts: 1, hotThreshold: 5},
    {partitions: 2.5, salts: 1, hotThreshold: 5},
    {partitions: 4, salts: 0, hotThreshold: 5},
    {partitions: 4, salts: 5, hotThreshold: 5},
    {partitions: 4, salts: 1.5, hotThreshold: 5},
    {partitions: 4, salts: 2, hotThreshold: 0.5},
    {partitions: 4, salts: 2, hotThreshold: 0},
  ]).slice(0, 4)
  const sample = runs[0]!.records.slice(0, 20)
  return {
    input: {
      steps: [{map: 'twoStageSum', over: runs.map((r) => [r.records, r.options])}, {map: 'twoStageSum', over: invalid.map((o) => [sample, o])}],
    },
    expected: {
      runs: runs.map((r) => {
        const model = twoStage(r.records, r.options.partitions, r.options.salts, r.options.hotThreshold)
        return {partitions: r.options.partitions, records: r.records.length, naiveMax: Math.max(...model.naiveLoad), stage1Max: Math.max(...model.stage1Load)}
      }),
      results: [invalid.map(() => ({error: 'RangeError'}))],
    },
  }
}

// ------------------------------------------------------------------ merges

/** A read of a sketch (registers, counters, a count…) and what it must give. */
type Read = [Step, Want | Want[]]

const MERGED = 'merging two sketches built with the same parameters must not throw'
const ROOT = 'sketches merged in a tree must equal one sketch of all the data'
const UNCHANGED = 'a sketch merged into another must be left unchanged'

/**
 * A merge script written against the models: named sketches, each filled with its part of the
 * data, merged in a generated tree, and read back; every step keeps what it must give and the
 * property it shows. The model of the sketch merged into is updated with each merge; the model of
 * the sketch merged in is not, so it stays what that sketch must still hold.
 */
class MergeScript<M extends {merge(other: M): void}> {
  private readonly objects: Record<string, Creation> = {}
  private readonly steps: ScriptStep[] = []
  private readonly results: Array<Want | Want[]> = []
  private readonly labels: string[] = []
  readonly models = new Map<string, M>()

  sketch(name: string, creation: Creation, model: M): void {
    this.objects[name] = creation
    this.models.set(name, model)
  }
  private push(step: ScriptStep, want: Want | Want[], label: string): void {
    this.steps.push(step)
    this.results.push(want)
    this.labels.push(label)
  }
  /** Adds values to a sketch (its model already holds them). */
  add(name: string, over: unknown[][]): void {
    this.push({on: name, map: 'add', over}, OK, 'adding values to a sketch must not throw')
  }
  merge(into: string, from: string, label = MERGED): void {
    this.models.get(into)!.merge(this.models.get(from)!)
    this.push({on: into, call: 'merge', args: [{$object: from}]}, OK, label)
  }
  refuse(into: string, from: string, label: string): void {
    this.push({on: into, call: 'merge', args: [{$object: from}]}, {error: 'RangeError'}, label)
  }
  /** Reads a sketch; `reads` gives each read of its model and what it must give now. */
  show(name: string, reads: (model: M) => Read[], label: string): void {
    for (const [step, want] of reads(this.models.get(name)!)) this.push({...step, on: name}, want, label)
  }
  /** Merges the named sketches pairwise in a random tree shape; returns the one holding everything. */
  tree(random: Random, names: readonly string[]): string {
    const live = [...names]
    while (live.length > 1) {
      const into = integer(random, 0, live.length - 1)
      const from = (into + integer(random, 1, live.length - 1)) % live.length
      this.merge(live[into]!, live[from]!)
      live.splice(from, 1)
    }
    return live[0]!
  }
  generated(): {input: ScriptInput; expected: MergeWant} {
    return {input: {objects: this.objects, steps: this.steps}, expected: {results: this.results, labels: this.labels}}
  }
}

/** Splits items over `parts` lists at random; some items go to two lists; the first list stays empty when asked. */
function split<T>(random: Random, items: readonly T[], parts: number, overlap: number, emptyFirst: boolean): T[][] {
  const lists = Array.from({length: parts}, () => [] as T[])
  const first = emptyFirst ? 1 : 0
  for (const item of items) {
    lists[integer(random, first, parts - 1)]!.push(item)
    if (random() < overlap) lists[integer(random, first, parts - 1)]!.push(item)
  }
  return lists
}

/** Throws when the tree of merges did not give the model of the whole data: a grader bug, not the learner's. */
function sameModel(merged: unknown, whole: unknown): void {
  if (JSON.stringify(merged) !== JSON.stringify(whole)) throw new Error('grader bug: the merged models differ from the model of the whole data')
}

const hllState = (m: HllModel): Read[] => [[{call: 'registers'}, {value: [...m.registers]}]]
const hllWhole = (m: HllModel): Read[] => [...hllState(m), [{call: 'count'}, {value: m.count()}]]

/**
 * HyperLogLog merges: streams split over 2 to 8 sketches (values shared by two parts, and an
 * empty part in the first script), merged in a random tree; then a self-merge, a duplicate merge
 * and a sketch of another precision.
 */
const hllMergeRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: MergeWant[] = []
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
      script.sketch(`s${i}`, {export: 'createHyperLogLog', args: [p]}, model)
      return `s${i}`
    })
    const other = p === 4 ? 5 : p === 16 ? 15 : p + pick(random, [-1, 1])
    script.sketch('other', {export: 'createHyperLogLog', args: [other]}, new HllModel(other))
    parts.forEach((part, i) => script.add(`s${i}`, part.map((v) => [v])))
    const root = script.tree(random, names)
    sameModel(script.models.get(root)!.registers, whole.registers)
    script.show(root, hllWhole, ROOT)
    for (const name of names) if (name !== root) script.show(name, hllState, UNCHANGED)
    script.merge(root, root, 'merging a sketch into itself must not throw')
    script.show(root, hllState, 'merging a sketch into itself must change nothing')
    script.merge(root, pick(random, names.filter((n) => n !== root)), 'merging the same sketch a second time must not throw')
    script.show(root, hllState, 'merging the same sketch a second time must change nothing')
    script.refuse(root, 'other', 'merging sketches of different precisions must throw a RangeError')
    const {input, expected} = script.generated()
    scripts.push(input)
    wants.push(expected)
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const cmsState = (m: CountMinModel): Read[] => [
  [{call: 'counters'}, {value: m.table.map((row) => [...row])}],
  [{call: 'total'}, {value: m.total}],
]

/**
 * Count-min merges: Zipf-like streams of counts split over 2 to 8 sketches and merged in a random
 * tree; a duplicate merge (counted twice); a sketch of the same shape built from other ε and δ
 * (merged); sketches one wider and one deeper (refused).
 */
const cmsMergeRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: MergeWant[] = []
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
      script.sketch(`s${i}`, {export: 'createCountMin', args: [{epsilon, delta}]}, model)
      return `s${i}`
    })
    const twinModel = new CountMinModel(twin.epsilon, twin.delta)
    const twinAdds = shuffle(random, keys).slice(0, 5).map((key) => [key, integer(random, 1, 50)] as [string, number])
    for (const [key, count] of twinAdds) twinModel.add(key, count)
    script.sketch('twin', {export: 'createCountMin', args: [twin]}, twinModel)
    script.sketch('wider', {export: 'createCountMin', args: [wider]}, new CountMinModel(wider.epsilon, wider.delta))
    script.sketch('deeper', {export: 'createCountMin', args: [deeper]}, new CountMinModel(deeper.epsilon, deeper.delta))
    parts.forEach((part, i) => script.add(`s${i}`, part))
    script.add('twin', twinAdds)
    const root = script.tree(random, names)
    sameModel(script.models.get(root)!.table, whole.table)
    const queried = [...keys, `absent-${integer(random, 0, 1e6)}`]
    script.show(root, (m) => [...cmsState(m), [{map: 'estimate', over: queried.map((k) => [k])}, queried.map((k) => ({value: m.estimate(k)}))]], ROOT)
    for (const name of names) if (name !== root) script.show(name, cmsState, UNCHANGED)
    script.merge(root, pick(random, names.filter((n) => n !== root)), 'merging the same sketch a second time must not throw')
    script.show(root, cmsState, 'merging the same sketch a second time must add its counters and total again')
    script.merge(root, 'twin', 'sketches of the same width and depth must merge, whatever ε and δ they were created with')
    script.show(root, cmsState, 'merging a sketch of the same shape built from other ε and δ must add its counters and total')
    script.refuse(root, 'wider', 'merging sketches of different widths must throw a RangeError')
    script.refuse(root, 'deeper', 'merging sketches of different depths must throw a RangeError')
    const {input, expected} = script.generated()
    scripts.push(input)
    wants.push(expected)
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const quantileState = (m: QuantileModel): Read[] => [
  [{call: 'buckets'}, {value: m.buckets()}],
  [{call: 'count'}, {value: m.n}],
]

/**
 * Quantile-sketch merges: generated data split over 2 to 8 sketches (an empty one in the first
 * script) and merged in a random tree, then queried; a duplicate merge (counted twice); a sketch
 * of another α (refused).
 */
const quantileMergeRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: MergeWant[] = []
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
        script.sketch(`s${i}`, {export: 'createQuantileSketch', args: [{relativeAccuracy: alpha}]}, model)
        return `s${i}`
      })
      const otherAlpha = pick(random, ALPHAS.filter((a) => a !== alpha))
      script.sketch('other', {export: 'createQuantileSketch', args: [{relativeAccuracy: otherAlpha}]}, new QuantileModel(otherAlpha))
      parts.forEach((part, i) => script.add(`s${i}`, part.map((x) => [x])))
      const root = script.tree(random, names)
      sameModel(script.models.get(root)!.buckets(), whole.buckets())
      script.show(root, (m) => [...quantileState(m), [{map: 'quantile', over: GRID.map((q) => [q])}, GRID.map((q) => ({value: m.quantile(q)}))]], ROOT)
      for (const name of names) if (name !== root) script.show(name, quantileState, UNCHANGED)
      script.merge(root, pick(random, names.filter((n) => n !== root)), 'merging the same sketch a second time must not throw')
      script.show(root, quantileState, 'merging the same sketch a second time must add its zeros and bucket counts again')
      script.refuse(root, 'other', 'merging sketches of different relativeAccuracy must throw a RangeError')
      const {input, expected} = script.generated()
      scripts.push(input)
      wants.push(expected)
    })
  return {input: {scripts}, expected: {scripts: wants}}
}

const grader: GraderModule = {
  generators: {
    'hll-registers-random': hllRegistersRandom,
    'hll-count-random': hllCountRandom,
    'hll-accuracy': hllAccuracyGenerator,
    'cms-dimensions': cmsDimensions,
    'cms-counters-random': cmsCountersRandom,
    'cms-guarantee': cmsGuaranteeGenerator,
    'quantile-buckets-random': quantileBucketsRandom,
    'quantile-accuracy': quantileAccuracyGenerator,
    'quantile-refusals': quantileRefusalsGenerator,
    'two-stage-random': twoStageRandom,
    'two-stage-skew': twoStageSkewGenerator,
    'hll-merge-random': hllMergeRandom,
    'cms-merge-random': cmsMergeRandom,
    'quantile-merge-random': quantileMergeRandom,
  },
  checks: {
    merges,
    'hll-accuracy': hllAccuracy,
    'cms-guarantee': cmsGuarantee,
    'quantile-accuracy': quantileAccuracy,
    skew,
  },
}

export const {generators, checks} = grader
