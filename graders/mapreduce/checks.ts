/**
 * Hidden cases of the mapreduce grader: generators build text, task tables and job tables from
 * each learner's seeded stream and compute with the independent models what must come back;
 * checks compare call by call, judge a job's figures field by field (so feedback can say which
 * figure is wrong, and whether the counts moved with the configuration), and measure how evenly
 * the partitioner spreads keys. Hidden feedback never shows inputs or expected values.
 */
import type {Check, Generator, GraderModule, Verdict} from '../../src/core/grading/definition.js'
import {firstDifference, show} from '../../src/core/grading/compare.js'
import {stepEntries, stepName} from '../../src/core/grading/script.js'
import type {ScriptInput, ScriptOutput, StepResult} from '../../src/core/sandbox/drivers.js'
import {integer, pick, shuffle, type Random} from '../../src/core/random.js'
import {backups, combined, directCounts, estimateOf, fnv, job, lowerMedian, pairs, reducerOf, rerun, splitSizes, words, type JobFigures, type Pair, type Placement, type Policy, type Progress} from './models.js'

type Step = {call: string; args?: unknown[]} | {map: string; over: unknown[][]}

const fail = (detail?: string): Verdict => ({passed: false, detail})

/** The values of a `map` step, or the reason they cannot be read. */
function valuesOf(output: unknown, index: number): unknown[] {
  const entries = stepEntries((output as ScriptOutput).results?.[index] as StepResult | undefined)
  if (!entries) throw new Error('no result')
  return entries.map((entry) => {
    if ('error' in entry) throw new Error('a call threw an error')
    return entry.value
  })
}

const JOB_FIELDS = ['counts', 'mapOutputPairs', 'shuffledPairs', 'reducerPairs', 'reducerKeys'] as const
type JobField = (typeof JOB_FIELDS)[number]

const FIELD_RULES: Record<JobField, string> = {
  counts: 'counts must equal a direct count of the words, sorted by UTF-16 code units',
  mapOutputPairs: 'mapOutputPairs must be the number of words in the input',
  shuffledPairs: 'shuffledPairs must equal mapOutputPairs without a combiner, and the sum over the splits of the distinct words in each split with one',
  reducerPairs: 'reducerPairs[r] must count the shuffled pairs that partition(word, R) sends to reducer r',
  reducerKeys: 'reducerKeys[r] must count the distinct words reducer r is responsible for',
}

/**
 * `runJob` results judged field by field (the case's `params.fields`), one step per configuration.
 * For counts it also tells apart "wrong" from "changes with the configuration", and checks that
 * the counts add up to the job's own mapOutputPairs.
 */
const jobFigures: Check = ({input, output, expected, params, visible}) => {
  const steps = (input as ScriptInput).steps as Array<{call: string; args: [string[], {mappers: number; reducers: number; combiner: boolean}]}>
  const wanted = (expected as {jobs: Array<JobFigures | {error: true}>}).jobs
  const fields = (params.fields as JobField[] | undefined) ?? [...JOB_FIELDS]
  const results = (output as ScriptOutput).results
  const describe = (i: number) => {
    const o = steps[i]!.args[1]
    const shape = o.mappers > steps[i]!.args[0].length ? ', more map tasks than documents' : steps[i]!.args[0].length === 0 ? ', no documents' : ''
    return `${o.combiner ? 'with' : 'without'} the combiner${shape}`
  }
  const seen: string[] = []
  for (let i = 0; i < wanted.length; i++) {
    const want = wanted[i]!
    const entry = results[i] as {value?: JobFigures; error?: string} | undefined
    if (!entry) return fail('runJob gave no result')
    if ('error' in want) {
      if (!('error' in entry)) return fail('runJob must throw for a number of mappers or reducers that is not an integer ≥ 1')
      continue
    }
    if ('error' in entry) return fail(`runJob threw ${visible ? `(${entry.error}) ` : ''}${describe(i)}`)
    const got = entry.value
    if (!got || typeof got !== 'object') return fail('runJob must return an object with counts, mapOutputPairs, shuffledPairs, reducerPairs and reducerKeys')
    for (const field of fields) {
      const difference = firstDifference(got[field], want[field], 0)
      if (!difference) continue
      if (field === 'counts') {
        const mine = JSON.stringify(got.counts)
        if (seen.length > 0 && !seen.includes(mine)) return fail('the counts change with the number of mappers or reducers or with the combiner; they must not')
      }
      const where = visible ? `: expected ${show(difference.expected)}${difference.path ? ` at ${difference.path}` : ''}, got ${show(difference.actual)}` : ''
      return fail(`${FIELD_RULES[field]} (${describe(i)})${where}`)
    }
    if (fields.includes('counts')) {
      seen.push(JSON.stringify(got.counts))
      const sum = Array.isArray(got.counts) ? got.counts.reduce((s, p) => s + (Array.isArray(p) ? Number(p[1]) : NaN), 0) : NaN
      if (sum !== got.mapOutputPairs) return fail('the counts must add up to mapOutputPairs')
    }
  }
  return {passed: true}
}

/**
 * Validation and purity: steps marked `{error: true}` must throw; every call of a `map` step
 * marked `{same: true}` repeats the same arguments and must return what the first call returned.
 */
const repeatable: Check = ({input, output, expected}) => {
  const steps = (input as ScriptInput).steps
  const wanted = (expected as {steps: Array<{error: true} | {same: true}>}).steps
  const results = (output as ScriptOutput).results
  for (let s = 0; s < wanted.length; s++) {
    const name = stepName(steps[s])
    if ('error' in wanted[s]!) {
      const entry = results[s] as {error?: string} | undefined
      if (!entry || !('error' in entry)) return fail(`${name} must throw for a number of mappers or reducers that is not an integer ≥ 1`)
      continue
    }
    const entries = stepEntries(results[s] as StepResult | undefined)
    if (!entries || entries.some((e) => 'error' in e)) return fail(`${name} threw an error`)
    const first = (entries[0] as {value: unknown}).value
    for (const entry of entries.slice(1)) {
      if (firstDifference((entry as {value: unknown}).value, first, 0)) return fail(`${name} gave a different result when called again with the same arguments`)
    }
  }
  return {passed: true}
}

/** partition spreads generated keys evenly: every reducer within 25 % of the mean. */
const partitionBalance: Check = ({input, output, params}) => {
  const reducers = ((input as ScriptInput).steps[0] as unknown as {over: [string, number][]}).over[0]![1]
  const spread = Number(params.spread ?? 0.25)
  const got = valuesOf(output, 0)
  const load = new Array<number>(reducers).fill(0)
  for (const r of got) {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= reducers) return fail('partition returned something other than an integer from 0 to R − 1')
    load[r]!++
  }
  const mean = got.length / reducers
  const worst = Math.max(...load.map((l) => Math.abs(l - mean) / mean))
  if (worst > spread) return fail(`some reducer's share is ${(100 * worst).toFixed(0)} % away from the mean (at most ${100 * spread} % allowed)`)
  return {passed: true}
}

// ------------------------------------------------------------------ text

const ASCII = ['the', 'The', 'THE', 'quick', 'Brown', 'fox', 'LAZY', 'dog', 'MapReduce', 'data', 'node', 'a', 'I', 'shuffle', 'Reduce', 'HTTP', 'io', 'x']
const APOSTROPHES = ["don't", "IT'S", "'tis", "rock'n'roll", "dogs'", "o''clock", "'quoted'", "''", "'", "y'all", "'n'", "l'été", "'''a'''"]
const ACCENTED = ['café', 'CAFÉ', 'naïve', 'Über', 'ÉCOLE', 'façade', 'São', 'Ærø', 'smörgåsbord', 'straße', 'STRASSE', 'İstanbul', 'ﬁne', 'ǅemal']
const SCRIPTS = ['Москва', 'ПРИВЕТ', 'ΟΔΟΣ', 'λόγος', '東京', 'データ', 'مرحبا', 'שָׁלוֹם', 'नमस्ते', '한국어', 'ไทย', 'Ελλάδα']
const MARKS = ['e\u0301te\u0301', 'n\u0303o', 'a\u0308\u0301', '\u0301lead', 'Z\u0335\u0327', 'q\u20dd']
const NUMBERS = ['42', '2024', '3.14', '٣٤', 'x²', 'Ⅻ', '½', '1st', 'v2', '007']
const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', 'a😀b', 'ok👌', '𝒳y', '𝟘𝟙']
const SEPARATORS = [' ', ' ', ' ', '  ', '\t', '\n', ', ', '. ', '; ', ': ', '! ', '? ', ' - ', '—', '…', '"', '(', ') ', '[', ']', '/', '_', '’', ' ’', '’s ', '-', '@', '#', '&', '*', '\u00a0', '\u2009', '', '']

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

function richText(random: Random, pieces: number): string {
  let text = random() < 0.3 ? pick(random, SEPARATORS) : ''
  for (let i = 0; i < pieces; i++) text += piece(random) + pick(random, SEPARATORS)
  return text
}

const VOCABULARY = ['the', 'a', 'of', 'and', 'map', 'reduce', 'shuffle', 'key', 'value', 'node', 'disk', 'rack', 'split', 'task', 'job', 'word', 'count', 'data', 'fox', 'dog', 'café', 'über', "don't", "it's", 'straggler', 'backup', 'worker', 'master', 'zebra', 'Émile', 'naïve', 'x', 'i']
const JOB_SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', ' — ', '\n', '! ', '? ', ' (', ') ', ': ']

/** Job documents: words of a small vocabulary (Zipf-like, so they repeat) with ordinary punctuation. */
function jobDocuments(random: Random, count: number, words: number): string[] {
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
function hashString(random: Random): string {
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

// ------------------------------------------------------------------ generators

const tokenizeRandom: Generator = (random) => {
  const docs = Array.from({length: 40}, () => richText(random, integer(random, 0, 18)))
  docs.push('', pick(random, SEPARATORS).repeat(3), "''' ' ''")
  return {
    input: {steps: [{map: 'tokenize', over: docs.map((d) => [d])}, {map: 'map', over: docs.map((d) => [d])}]},
    expected: {results: [docs.map((d) => ({value: words(d)})), docs.map((d) => ({value: pairs(d)}))]},
  }
}

const combineRandom: Generator = (random) => {
  const lists: Pair[][] = [[]]
  for (let i = 0; i < 25; i++) {
    const vocabulary = Array.from({length: integer(random, 1, 12)}, () => pick(random, [...VOCABULARY, ...SCRIPTS, ...EMOJI]).toLowerCase())
    lists.push(Array.from({length: integer(random, 1, 40)}, (): Pair => [pick(random, vocabulary), random() < 0.5 ? 1 : integer(random, 0, 500)]))
  }
  const once = lists.map(combined)
  return {
    input: {steps: [{map: 'combine', over: lists.map((l) => [l])}, {map: 'combine', over: once.map((l) => [l])}]},
    expected: {results: [once.map((value) => ({value})), once.map((value) => ({value}))]},
  }
}

const fnvRandom: Generator = (random) => {
  const texts = [...Array.from({length: 120}, () => hashString(random)), ...Array.from({length: 20}, () => richText(random, 3))]
  const keyed = Array.from({length: 80}, () => [hashString(random), pick(random, [1, 2, 3, 7, 16, 200, 1000, integer(random, 1, 5000), 2 ** 31 - 1, 2 ** 31 + integer(random, 1, 2 ** 30)])] as [string, number])
  return {
    input: {steps: [{map: 'fnv1a32', over: texts.map((t) => [t])}, {map: 'partition', over: keyed}]},
    expected: {results: [texts.map((t) => ({value: fnv(t)})), keyed.map(([k, r]) => ({value: reducerOf(k, r)}))]},
  }
}

const partitionBalanceGenerator: Generator = (random) => {
  const reducers = integer(random, 2, 16)
  const stem = pick(random, ['user', 'page', 'word', 'key', 'doc'])
  const keys = Array.from({length: 10_000}, (_, i) => [random() < 0.5 ? `${stem}-${i}` : `${Math.floor(random() * 2 ** 32).toString(36)}${pick(random, VOCABULARY)}`, reducers])
  return {input: {steps: [{map: 'partition', over: keys}]}}
}

function jobCase(docs: string[], configs: Array<{mappers: number; reducers: number; combiner: boolean}>) {
  return {
    input: {steps: configs.map((c) => ({call: 'runJob', args: [docs, c]}))},
    expected: {jobs: configs.map((c) => job(docs, c.mappers, c.reducers, c.combiner)), direct: directCounts(docs)},
  }
}

const jobCounts: Generator = (random) => {
  const docs = jobDocuments(random, integer(random, 12, 30), 25)
  const n = docs.length
  const configs = shuffle(random, [
    {mappers: 1, reducers: 1, combiner: false},
    {mappers: integer(random, 2, 5), reducers: integer(random, 2, 8), combiner: true},
    {mappers: integer(random, 2, 5), reducers: integer(random, 2, 8), combiner: false},
    {mappers: n + integer(random, 1, 5), reducers: integer(random, 1, 20), combiner: random() < 0.5},
    {mappers: n, reducers: integer(random, 2, 30), combiner: true},
  ])
  return jobCase(docs, configs)
}

/** Split sizes other than the contract's, as a learner might cut them: ceil(n/m) each, or the remainder last. */
const OTHER_CUTS = [
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.max(0, Math.min(Math.ceil(n / m), n - i * Math.ceil(n / m)))),
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.floor(n / m) + (i === m - 1 ? n % m : 0)),
]

/** Distinct words per split, summed: what the combiner sends, for given split sizes. */
function combinedPairs(docs: readonly string[], sizes: readonly number[]): number {
  let at = 0
  let total = 0
  for (const size of sizes) {
    total += new Set(docs.slice(at, at + size).flatMap(words)).size
    at += size
  }
  return total
}

const shuffleAccounting: Generator = (random) => {
  // Documents, and a number of map tasks that does not divide them evenly, for which the
  // contract's cut sends a different number of combined pairs than the usual other cuts.
  let docs: string[] = []
  let uneven = 0
  for (let attempt = 0; attempt < 50; attempt++) {
    docs = jobDocuments(random, integer(random, 10, 25), 14)
    uneven = integer(random, 3, 7)
    while (docs.length % uneven === 0) uneven++
    const contract = combinedPairs(docs, splitSizes(docs.length, uneven))
    if (OTHER_CUTS.every((cut) => combinedPairs(docs, cut(docs.length, uneven)) !== contract)) break
  }
  const n = docs.length
  const steps = [
    {docs, c: {mappers: uneven, reducers: integer(random, 2, 8), combiner: true}},
    {docs, c: {mappers: uneven, reducers: integer(random, 2, 8), combiner: false}},
    {docs, c: {mappers: integer(random, 2, 4), reducers: integer(random, 1, 6), combiner: true}},
    {docs, c: {mappers: n + integer(random, 1, 4), reducers: integer(random, 2, 5), combiner: true}},
    {docs: [] as string[], c: {mappers: integer(random, 1, 3), reducers: integer(random, 1, 4), combiner: random() < 0.5}},
    {docs: ['', '', pick(random, ['...', ' ', '--'])], c: {mappers: 2, reducers: 3, combiner: true}},
  ]
  return {
    input: {steps: steps.map((s) => ({call: 'runJob', args: [s.docs, s.c]}))},
    expected: {jobs: steps.map((s) => job(s.docs, s.c.mappers, s.c.reducers, s.c.combiner))},
  }
}

/** A master's task table: finished tasks, normal ones, stragglers, tasks with no progress, copies. */
function taskTable(random: Random): {tasks: Progress[]; policy: Policy} {
  const typical = integer(random, 30, 90) * 1000
  const n = integer(random, 1, 12)
  const ids = shuffle(random, Array.from({length: n}, (_, i) => (random() < 0.7 ? `m${i + 1}` : `map-${String(i).padStart(2, '0')}`)))
  const tasks: Progress[] = ids.map((id) => {
    const kind = random()
    let t: Progress
    if (kind < 0.25) t = {id, progress: 1, elapsedMs: Math.round(typical * (0.8 + 0.4 * random()))}
    else if (kind < 0.6) {
      const elapsedMs = Math.round(typical * (0.2 + 0.8 * random()))
      t = {id, progress: Math.min(0.95, Math.max(0.05, Math.round((20 * elapsedMs) / typical) / 20)), elapsedMs}
    } else if (kind < 0.85) t = {id, progress: integer(random, 1, 6) / 20, elapsedMs: Math.round(typical * (0.3 + 1.2 * random()))}
    else t = {id, progress: 0, elapsedMs: pick(random, [integer(random, 0, 5000), integer(random, 20_000, 90_000)])}
    if (t.progress < 1 && random() < 0.15) t = {...t, speculated: true}
    else if (random() < 0.05) t = {...t, speculated: false}
    return t
  })
  // A tie: another task exactly as far behind, ranked by id.
  const straggler = tasks.find((t) => t.progress > 0 && t.progress < 0.35)
  if (straggler && random() < 0.5) tasks.push({id: `${straggler.id}b`, progress: straggler.progress, elapsedMs: straggler.elapsedMs})
  const policy = {slowFactor: pick(random, [1.2, 1.5, 1.5, 2, 3]), minElapsedMs: pick(random, [0, 10_000, 30_000, 60_000]), maxSpeculative: pick(random, [0, 1, 2, 2, 3, 5])}
  return {tasks: shuffle(random, tasks), policy}
}

/** No comparison the rule makes sits within rounding of its threshold (mathematically equal formulas must agree). */
function clearOfThresholds(tasks: readonly Progress[], policy: Policy): boolean {
  if (tasks.length === 0) return true
  const median = lowerMedian(tasks)
  const near = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b) && a !== b && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b))
  const same = (a: number, b: number) => Number.isFinite(a) && a === b
  const lefts: number[] = []
  for (const t of tasks) {
    const estimate = estimateOf(t)
    const left = estimate - t.elapsedMs
    if (near(estimate, policy.slowFactor * median) || same(estimate, policy.slowFactor * median)) return false
    if (near(left, median) || same(left, median)) return false
    lefts.push(left)
  }
  return !lefts.some((a, i) => lefts.some((b, j) => j > i && near(a, b)))
}

const speculateRandom: Generator = (random) => {
  const tables: Array<{tasks: Progress[]; policy: Policy}> = [{tasks: [], policy: {slowFactor: 1.5, minElapsedMs: 0, maxSpeculative: 2}}]
  while (tables.length < 60) {
    const table = taskTable(random)
    if (clearOfThresholds(table.tasks, table.policy)) tables.push(table)
  }
  return {
    input: {steps: [{map: 'speculate', over: tables.map((t) => [t.tasks, t.policy])}]},
    expected: {results: [tables.map((t) => ({value: backups(t.tasks, t.policy)}))]},
  }
}

/** A job's task table at some stage: early, during the maps, during the reduces, or finished. */
function jobTable(random: Random): {tasks: Placement[]; failed: string} {
  const nodes = ['w1', 'w2', 'w3', 'w4'].slice(0, integer(random, 1, 4))
  const stage = pick(random, ['early', 'maps', 'reduces', 'finished'])
  const mapStatus = (): Placement['status'] =>
    stage === 'early' ? pick(random, ['pending', 'pending', 'running', 'completed']) : stage === 'maps' ? pick(random, ['running', 'completed', 'completed']) : 'completed'
  const reduceStatus = (): Placement['status'] =>
    stage === 'early' || stage === 'maps' ? pick(random, ['pending', 'pending', 'running']) : stage === 'reduces' ? pick(random, ['pending', 'running', 'completed', 'completed']) : 'completed'
  const place = (id: string, kind: Placement['kind'], status: Placement['status']): Placement => ({id, kind, status, node: status === 'pending' ? null : pick(random, nodes)})
  const maps = Array.from({length: integer(random, 1, 8)}, (_, i) => place(`map-${i}`, 'map', mapStatus()))
  const reduces = Array.from({length: integer(random, 1, 5)}, (_, i) => place(`reduce-${i}`, 'reduce', reduceStatus()))
  const tasks = random() < 0.6 ? [...maps, ...reduces] : shuffle(random, [...maps, ...reduces])
  return {tasks, failed: random() < 0.9 ? pick(random, nodes) : 'w9'}
}

const rerunRandom: Generator = (random) => {
  const tables = Array.from({length: 50}, () => jobTable(random))
  return {
    input: {steps: [{map: 'rerunAfterFailure', over: tables.map((t) => [t.tasks, t.failed])}]},
    expected: {results: [tables.map((t) => ({value: rerun(t.tasks, t.failed)}))]},
  }
}

/** Invalid counts throw; every function gives the same answer when called again with the same input. */
const validationPurity: Generator = (random) => {
  const docs = jobDocuments(random, integer(random, 4, 8), 12)
  const steps: Step[] = []
  const wanted: Array<{error: true} | {same: true}> = []
  for (const mappers of shuffle(random, [0, -1, 2.5, NaN])) {
    steps.push({call: 'runJob', args: [docs, {mappers, reducers: 2, combiner: false}]})
    wanted.push({error: true})
  }
  for (const reducers of shuffle(random, [0, 1.5, -3])) {
    steps.push({call: 'runJob', args: [docs, {mappers: 2, reducers, combiner: true}]})
    wanted.push({error: true})
  }
  for (const reducers of shuffle(random, [0, -2, 2.5, NaN])) {
    steps.push({call: 'partition', args: [pick(random, VOCABULARY), reducers]})
    wanted.push({error: true})
  }
  const doc = richText(random, 12)
  const key = hashString(random)
  const options = {mappers: integer(random, 1, 4), reducers: integer(random, 1, 6), combiner: random() < 0.5}
  const table = taskTable(random)
  const pairList = pairs(doc)
  const tasks = jobTable(random)
  const repeated: Array<[string, unknown[]]> = [
    ['tokenize', [doc]],
    ['map', [doc]],
    ['combine', [pairList]],
    ['fnv1a32', [key]],
    ['partition', [key, integer(random, 2, 9)]],
    ['runJob', [docs, options]],
    ['speculate', [table.tasks, table.policy]],
    ['rerunAfterFailure', [tasks.tasks, tasks.failed]],
  ]
  for (const [name, args] of repeated) {
    steps.push({map: name, over: [args, args, args]})
    wanted.push({same: true})
  }
  return {input: {steps}, expected: {steps: wanted}}
}

const grader: GraderModule = {
  generators: {
    'tokenize-random': tokenizeRandom,
    'combine-random': combineRandom,
    'fnv-random': fnvRandom,
    'partition-balance': partitionBalanceGenerator,
    'job-counts': jobCounts,
    'shuffle-accounting': shuffleAccounting,
    'speculate-random': speculateRandom,
    'rerun-random': rerunRandom,
    'validation-purity': validationPurity,
  },
  checks: {
    repeatable,
    'job-figures': jobFigures,
    'partition-balance': partitionBalance,
  },
}

export const {generators, checks} = grader
