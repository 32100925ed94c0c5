/**
 * One run of the word-count job, inside the sandbox: the corpus mapped, combined, partitioned and
 * reduced with the module's functions, the shuffle measured, and the timeline played with the
 * module's `speculate`. The course's own figures, from the words it wrote, come back beside the
 * module's so the lab can compare them.
 */
import {generateCorpus, type Corpus} from './corpus.js'
import {byWord, DataProblem, fingerprint, mapSplit, outputBytes, shuffleAndReduce, splitBounds, type DataFunctions, type MapOutput} from './dataflow.js'
import type {DataFigures, JobInput, JobOutput, Note} from './report.js'
import {courseFunctions} from './stand-ins.js'
import {runTimeline, type Speculate} from './timeline.js'

const DATA_CALLS = ['map', 'combine', 'partition', 'reduce'] as const

/** The module's four data functions, or the name of the first one it lacks. */
function moduleFunctions(module: Record<string, unknown>): DataFunctions | string {
  const missing = DATA_CALLS.find((name) => typeof module[name] !== 'function')
  if (missing) return missing
  const call = (name: string) => (...args: unknown[]) => (module[name] as (...a: unknown[]) => unknown).apply(module, args)
  return {map: call('map'), combine: call('combine'), partition: call('partition'), reduce: call('reduce')}
}

interface DataRun {
  readonly outputs: MapOutput[]
  /** Each map task's output in bytes. */
  readonly bytes: number[]
  readonly figures: DataFigures
}

function runData(fns: DataFunctions, corpus: Corpus, input: JobInput): DataRun {
  const outputs = splitBounds(corpus.documents.length, input.splits).map(([from, to]) => mapSplit(fns, corpus.documents.slice(from, to), input.combiner))
  const shuffled = shuffleAndReduce(
    fns,
    outputs.map((o) => o.pairs),
    input.reducers,
  )
  const top = [...shuffled.counts].sort((a, b) => b[1] - a[1] || byWord(a, b)).slice(0, 5)
  const bytes = outputs.map((o) => outputBytes(o.pairs))
  return {
    outputs,
    bytes,
    figures: {
      mapOutputPairs: outputs.reduce((sum, o) => sum + o.emitted, 0),
      shuffledPairs: outputs.reduce((sum, o) => sum + o.pairs.length, 0),
      shuffledBytes: bytes.reduce((a, b) => a + b, 0),
      reducerPairs: shuffled.reducerPairs,
      reducerKeys: shuffled.reducerKeys,
      distinctWords: shuffled.counts.length,
      countTotal: shuffled.counts.reduce((sum, [, count]) => sum + count, 0),
      countsDigest: fingerprint(shuffled.counts),
      top,
    },
  }
}

/** The figures as they must be, from the words the corpus holds. */
function truthOf(corpus: Corpus, input: JobInput): JobOutput['truth'] {
  const counts = new Map<string, number>()
  for (const words of corpus.words) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1)
  const total = corpus.words.reduce((sum, words) => sum + words.length, 0)
  let combined = 0
  for (const [from, to] of splitBounds(corpus.words.length, input.splits)) {
    const distinct = new Set<string>()
    for (let d = from; d < to; d++) for (const word of corpus.words[d]!) distinct.add(word)
    combined += distinct.size
  }
  return {
    mapOutputPairs: total,
    shuffledPairs: input.combiner ? combined : total,
    distinctWords: counts.size,
    countsDigest: fingerprint([...counts].sort(byWord)),
  }
}

const samePairs = (a: MapOutput, b: MapOutput) => a.pairs.length === b.pairs.length && a.pairs.every((p, i) => p[0] === b.pairs[i]![0] && p[1] === b.pairs[i]![1])

/** The last corpus made: the four runs of one lab ask for the same one, and making it is a good part of a run's time. */
let cached: {readonly seed: number; readonly documents: number; readonly corpus: Corpus} | undefined

function corpusFor(input: JobInput): Corpus {
  if (cached?.seed !== input.seed || cached.documents !== input.documents) cached = {seed: input.seed, documents: input.documents, corpus: generateCorpus(input.seed, input.documents)}
  return cached.corpus
}

export function runWordCount(module: Record<string, unknown>, input: JobInput): JobOutput {
  const corpus = corpusFor(input)
  const notes: Note[] = []
  const own = moduleFunctions(module)
  let data: JobOutput['data'] = 'module'
  let fns: DataFunctions
  let run: DataRun
  try {
    if (typeof own === 'string') throw new DataProblem(own, 'is missing')
    fns = own
    run = runData(fns, corpus, input)
  } catch (error) {
    if (!(error instanceof DataProblem)) throw error
    notes.push({call: error.call, problem: error.problem, consequence: 'stand-in map, combine, partition and reduce'})
    data = 'course'
    fns = courseFunctions(corpus)
    run = runData(fns, corpus, input)
  }

  const splitWords = splitBounds(corpus.words.length, input.splits).map(([from, to]) => corpus.words.slice(from, to).reduce((sum, words) => sum + words.length, 0))
  const {costs} = input
  const speculate = typeof module.speculate === 'function' ? (module.speculate as Speculate).bind(module) : undefined
  if (input.speculation && !speculate) notes.push({call: 'speculate', problem: 'is missing', consequence: 'no backup copies'})
  const timeline = runTimeline(
    input,
    {
      mapMs: splitWords.map((words) => words * costs.mapMsPerWord),
      reduceMs: run.figures.reducerPairs.map((pairs) => pairs * costs.reduceMsPerPair),
      outputBytes: run.bytes,
    },
    speculate,
  )
  notes.push(...timeline.notes)

  // A backup copy maps its split again: with a deterministic map it must give the very same pairs.
  const bounds = splitBounds(corpus.documents.length, input.splits)
  const copied = new Set(timeline.spans.filter((s) => s.kind === 'map' && s.backup).map((s) => s.task))
  for (const task of copied) {
    const [from, to] = bounds[task]!
    try {
      if (!samePairs(mapSplit(fns, corpus.documents.slice(from, to), input.combiner), run.outputs[task]!)) {
        notes.push({call: 'map', problem: `gave other pairs for split ${task} on its backup copy`, consequence: 'counts from first copies'})
      }
    } catch {
      notes.push({call: 'map', problem: `failed on the backup copy of split ${task}`, consequence: 'counts from first copies'})
    }
  }

  return {
    combiner: input.combiner,
    speculation: input.speculation,
    data,
    figures: run.figures,
    truth: truthOf(corpus, input),
    makespanMs: timeline.makespanMs,
    mapEndMs: timeline.mapEndMs,
    shuffleEndMs: timeline.shuffleEndMs,
    spans: timeline.spans,
    speculate: timeline.speculate,
    notes,
  }
}
