/**
 * The whole job's cases: `runJob` under several configurations, judged figure by figure so that
 * feedback can name the wrong figure and the configuration, and tell counts that are wrong from
 * counts that change with the configuration. The shuffle's accounting depends on how the input is
 * cut into splits, so its case picks documents where the contract's cut and the usual other cuts
 * send different numbers of combined pairs.
 */
import {call, fail, firstDifference, integer, pass, pick, show, shuffle, verdict, type Check, type Generator} from 'course/kit'
import {job, splitSizes, words, type JobFigures} from './models.js'
import {jobDocuments} from './text.js'

interface JobOptions {
  readonly mappers: number
  readonly reducers: number
  readonly combiner: boolean
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

/** One job of a case: documents, options, and what to call it in feedback when it is a scripted episode. */
interface Job {
  readonly docs: string[]
  readonly options: JobOptions
  readonly label?: string
}

/** One `runJob` step per job (documents and options), and the model's figures for each. */
function jobCase(jobs: readonly Job[]) {
  return {
    input: {steps: jobs.map(({docs, options}) => call('runJob', docs, options))},
    expected: {jobs: jobs.map(({docs, options}) => job(docs, options.mappers, options.reducers, options.combiner)), labels: jobs.map((j) => j.label ?? '')},
  }
}

/**
 * `runJob` results judged field by field (the case's `params.fields`), one step per configuration,
 * up to the first configuration with a wrong figure (all its wrong figures are named). For counts
 * it also tells apart "wrong" from "changes with the configuration" (among jobs over the same
 * documents), and checks that the counts add up to the job's own mapOutputPairs.
 */
export const jobFigures: Check = ({input, output, expected, params, visible}) => {
  const steps = (input as {steps: Array<{args: [string[], JobOptions]}>}).steps
  const {jobs: wanted, labels = []} = expected as {jobs: Array<JobFigures | {error: true}>; labels?: string[]}
  const fields = (params.fields as JobField[] | undefined) ?? [...JOB_FIELDS]
  const results = (output as {results: unknown[]}).results
  const describe = (i: number) => {
    const [docs, options] = steps[i]!.args
    const shape = options.mappers > docs.length ? ', more map tasks than documents' : docs.length === 0 ? ', no documents' : ''
    return `${options.combiner ? 'with' : 'without'} the combiner${shape}${labels[i] ? `, ${labels[i]}` : ''}`
  }
  // Counts seen so far for each set of documents: a change between configurations is its own mistake.
  const seen = new Map<string, string[]>()
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
    const documents = JSON.stringify(steps[i]!.args[0])
    const earlier = seen.get(documents) ?? []
    const problems: string[] = []
    for (const field of fields) {
      const difference = firstDifference(got[field], want[field], 0)
      if (!difference) continue
      if (field === 'counts' && earlier.length > 0 && !earlier.includes(JSON.stringify(got.counts))) {
        problems.push('the counts change with the number of mappers or reducers or with the combiner; they must not')
        continue
      }
      const where = visible ? `: expected ${show(difference.expected)}${difference.path ? ` at ${difference.path}` : ''}, got ${show(difference.actual)}` : ''
      problems.push(`${FIELD_RULES[field]} (${describe(i)})${where}`)
    }
    if (problems.length > 0) return verdict(problems)
    if (fields.includes('counts')) {
      seen.set(documents, [...earlier, JSON.stringify(got.counts)])
      const sum = Array.isArray(got.counts) ? got.counts.reduce((s, p) => s + (Array.isArray(p) ? Number(p[1]) : NaN), 0) : NaN
      if (sum !== got.mapOutputPairs) return fail('the counts must add up to mapOutputPairs')
    }
  }
  return pass
}

/**
 * Words whose order by UTF-16 code unit differs from their order by code point (an astral letter
 * before U+FB01), by locale (accents, digits) and by upper/lower case before lower-casing.
 */
const SORT_ORDER = ['Zebra 10 über ﬁne', '9 émile 𝒳y zebra.', 'ﬁne Über 10 constructor, toString', 'a Z 𝒳y']

/** The same documents under five configurations, among them more map tasks than documents. */
export const jobCounts: Generator = (random) => {
  const docs = jobDocuments(random, integer(random, 12, 30), 25)
  const n = docs.length
  const configurations = shuffle(random, [
    {mappers: 1, reducers: 1, combiner: false},
    {mappers: integer(random, 2, 5), reducers: integer(random, 2, 8), combiner: true},
    {mappers: integer(random, 2, 5), reducers: integer(random, 2, 8), combiner: false},
    {mappers: n + integer(random, 1, 5), reducers: integer(random, 1, 20), combiner: random() < 0.5},
    {mappers: n, reducers: integer(random, 2, 30), combiner: true},
  ])
  const label = 'words that sort differently by UTF-16 code unit, by code point and by locale'
  return jobCase([
    {docs: SORT_ORDER, options: {mappers: 2, reducers: 3, combiner: true}, label},
    {docs: SORT_ORDER, options: {mappers: 1, reducers: 1, combiner: false}, label},
    ...configurations.map((options) => ({docs, options})),
  ])
}

/** Split sizes other than the contract's, as a learner might cut them. */
export const OTHER_CUTS = [
  // ceil(n/m) each, the last ones shorter or empty
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.max(0, Math.min(Math.ceil(n / m), n - i * Math.ceil(n / m)))),
  // the remainder all in the last task, or all in the first
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.floor(n / m) + (i === m - 1 ? n % m : 0)),
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.floor(n / m) + (i === 0 ? n % m : 0)),
  // one more for the last n mod m tasks instead of the first
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.floor(n / m) + (i >= m - (n % m) ? 1 : 0)),
  // boundaries at floor(i * n / m)
  (n: number, m: number) => Array.from({length: m}, (_, i) => Math.floor(((i + 1) * n) / m) - Math.floor((i * n) / m)),
]

/** Distinct words per split, summed: what the combiner sends, for given split sizes. */
export function combinedPairs(docs: readonly string[], sizes: readonly number[]): number {
  let at = 0
  let total = 0
  for (const size of sizes) {
    total += new Set(docs.slice(at, at + size).flatMap(words)).size
    at += size
  }
  return total
}

/**
 * Ten documents for four map tasks, for which the contract's cut (3, 3, 2, 2) sends a number of
 * combined pairs that no other usual cut sends: ceil-sized splits, the remainder first, last or
 * spread over the last tasks, boundaries at floor(i·n/m), and documents dealt round-robin.
 */
export const SPLIT_EPISODE = ['Node the dog.', 'Dog, node, map!', 'The node; the', 'dog', 'Map node', 'the task map', 'DOG', 'task...', 'node node fox', 'node map']

export const shuffleAccounting: Generator = (random) => {
  // Random documents too, and a number of map tasks that does not divide them evenly, for which
  // the contract's cut sends a different number of combined pairs than the usual other cuts.
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
  return jobCase([
    {docs: SPLIT_EPISODE, options: {mappers: 4, reducers: 3, combiner: true}, label: 'documents where only the contract\'s cut into splits gives these figures'},
    {docs: [], options: {mappers: 3, reducers: 2, combiner: true}, label: 'no documents at all'},
    {docs: ['', ' ', '...'], options: {mappers: 2, reducers: 3, combiner: true}, label: 'documents without words'},
    {docs: ['one', '', 'two two'], options: {mappers: 5, reducers: 2, combiner: true}, label: 'empty map tasks'},
    {docs, options: {mappers: uneven, reducers: integer(random, 2, 8), combiner: true}},
    {docs, options: {mappers: uneven, reducers: integer(random, 2, 8), combiner: false}},
    {docs, options: {mappers: integer(random, 2, 4), reducers: integer(random, 1, 6), combiner: true}},
    {docs, options: {mappers: n + integer(random, 1, 4), reducers: integer(random, 2, 5), combiner: true}},
    {docs: [], options: {mappers: integer(random, 1, 3), reducers: integer(random, 1, 4), combiner: random() < 0.5}},
    {docs: ['', '', pick(random, ['...', ' ', '--'])], options: {mappers: 2, reducers: 3, combiner: true}},
  ])
}
