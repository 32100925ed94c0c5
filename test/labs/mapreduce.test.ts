import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/mapreduce/reference/mapreduce.js'
import {generateCorpus} from '../../graders/mapreduce/lab/corpus.js'
import {pairBytes, splitBounds, utf8Length} from '../../graders/mapreduce/lab/dataflow.js'
import driver from '../../graders/mapreduce/lab/driver.js'
import lab from '../../graders/mapreduce/lab/index.js'
import {runWordCount} from '../../graders/mapreduce/lab/job.js'
import type {JobInput, JobOutput, Span} from '../../graders/mapreduce/lab/report.js'
import {jobInputs, POLICY, type JobValues} from '../../graders/mapreduce/lab/scenario.js'
import {displayWidth} from '../../src/core/text/display-width.js'
import type {CodeOutcome} from '../../src/kit/lab.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {runUnitLab} from '../helpers/lab.js'

type Module = Record<string, unknown>
const module = reference as unknown as Module

const DEFAULTS: JobValues = {seed: 1, documents: 320, splits: 8, reducers: 6, workers: 4, slowdown: 4}
/** The four runs' inputs by name: plain, combiner, speculation, both. */
function inputs(changes: Partial<JobValues> = {}) {
  const [plain, combiner, speculation, both] = jobInputs({...DEFAULTS, ...changes}) as [JobInput, JobInput, JobInput, JobInput]
  return {plain, combiner, speculation, both}
}
const run = (m: Module, input: JobInput) => runWordCount(m, input)

const todo = (name: string) => () => {
  throw new Error(`TODO: ${name}`)
}

/** Runs the driver in this process, as the sandbox would. */
const inProcess =
  (m: Module) =>
  async (all: readonly unknown[]): Promise<CodeOutcome[]> =>
    all.map((input) => ({ok: true, output: JSON.parse(JSON.stringify(driver(m, input)))}))

/** The lab's defaults but a smaller corpus: the view's shape does not depend on the corpus's size. */
const labValues = {seed: 1, documents: 120, splits: 8, reducers: 6, workers: 4, slowdown: 4, show: 'both'}

function expectFitsTheTerminal(text: string): void {
  const lines = text.split('\n')
  expect(lines.length).toBeLessThanOrEqual(24)
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
}

const taskSpans = (output: JobOutput, kind: Span['kind']) => output.spans.filter((s) => s.kind === kind)

describe('the corpus', () => {
  it('is the same for the same seed, and its words are what the README’s tokeniser finds', () => {
    const corpus = generateCorpus(3, 60)
    expect(generateCorpus(3, 60)).toEqual(corpus)
    expect(generateCorpus(4, 60).documents).not.toEqual(corpus.documents)
    corpus.documents.forEach((document, i) => expect(reference.tokenize(document)).toEqual(corpus.words[i]))
    // Capitals, punctuation and quoted words are there to be tokenised away.
    expect(corpus.documents.join(' ')).toMatch(/[A-Z]/)
    expect(corpus.documents.join(' ')).toMatch(/'[a-z]/)
  })

  it('follows Zipf’s law: “the” is about 7 % of all words, as the README says of English', () => {
    const words = generateCorpus(1, 320).words.flat()
    const share = words.filter((w) => w === 'the').length / words.length
    expect(share).toBeGreaterThan(0.06)
    expect(share).toBeLessThan(0.085)
  })

  it('cuts splits as the README’s contract does, and counts UTF-8 bytes as TextEncoder would', () => {
    expect(splitBounds(10, 4)).toEqual([
      [0, 3],
      [3, 6],
      [6, 8],
      [8, 10],
    ])
    const encoder = new TextEncoder()
    for (const text of ['the', 'café', '東京', '😀', 'a\u0301', '\ud800x']) expect(utf8Length(text)).toBe(encoder.encode(text).length)
    expect(pairBytes(['the', 12])).toBe('the\t12\n'.length)
  })
})

describe('a word-count run with the reference', () => {
  it('gives identical results for the same seed, and others for another seed', () => {
    const {both} = inputs()
    const first = run(module, both)
    expect(run(module, both)).toEqual(first)
    expect(run(module, {...both, seed: 2}).figures.countsDigest).not.toBe(first.figures.countsDigest)
  })

  it('counts every word right in all four runs, and the counts agree between them', () => {
    const outputs = Object.values(inputs()).map((input) => run(module, input))
    const digests = new Set(outputs.map((o) => o.figures.countsDigest))
    expect(digests.size).toBe(1)
    for (const o of outputs) {
      expect(o.data).toBe('module')
      expect(o.figures.countsDigest).toBe(o.truth.countsDigest)
      expect(o.figures.countTotal).toBe(o.figures.mapOutputPairs)
      expect(o.figures.distinctWords).toBe(o.truth.distinctWords)
      expect(o.figures.reducerPairs.reduce((a, b) => a + b, 0)).toBe(o.figures.shuffledPairs)
      expect(o.figures.reducerKeys.reduce((a, b) => a + b, 0)).toBe(o.figures.distinctWords)
      expect(o.notes).toEqual([])
    }
    expect(outputs[0]!.figures.top[0]![0]).toBe('the')
  })

  it('shuffles under half the pairs and bytes with the combiner, and evens out the reducers', () => {
    const {plain, combiner} = inputs()
    const without = run(module, plain)
    const withCombiner = run(module, combiner)
    expect(without.figures.shuffledPairs).toBe(without.figures.mapOutputPairs)
    expect(withCombiner.figures.shuffledPairs).toBe(withCombiner.truth.shuffledPairs)
    expect(withCombiner.figures.shuffledPairs).toBeLessThan(0.5 * without.figures.shuffledPairs)
    expect(withCombiner.figures.shuffledBytes).toBeLessThan(0.5 * without.figures.shuffledBytes)
    const skew = (o: JobOutput) => Math.max(...o.figures.reducerPairs) / (o.figures.shuffledPairs / o.figures.reducerPairs.length)
    expect(skew(without)).toBeGreaterThan(1.15)
    expect(skew(withCombiner)).toBeLessThan(skew(without))
    // Less to send and less to reduce: the job ends sooner.
    expect(withCombiner.makespanMs).toBeLessThan(without.makespanMs)
  })

  it('shortens the job by at least a fifth with backup copies of the straggler’s tasks', () => {
    const {plain, speculation, combiner, both} = inputs()
    for (const [without, withCopies] of [
      [run(module, plain), run(module, speculation)],
      [run(module, combiner), run(module, both)],
    ] as const) {
      expect(withCopies.speculate.launched).toBeGreaterThanOrEqual(1)
      expect(withCopies.speculate.wonByCopy).toBeGreaterThanOrEqual(1)
      expect(without.makespanMs / withCopies.makespanMs).toBeGreaterThan(1.2)
      expect(withCopies.mapEndMs).toBeLessThan(without.mapEndMs)
    }
  })

  it('launches no copy when no worker is slow, and then ends exactly as without speculation', () => {
    const {plain, speculation} = inputs({slowdown: 1})
    const withCopies = run(module, speculation)
    expect(withCopies.speculate.asked).toBeGreaterThan(0)
    expect(withCopies.speculate.launched).toBe(0)
    expect(withCopies.makespanMs).toBe(run(module, plain).makespanMs)
  })

  it('keeps the timeline consistent: one finished attempt per task, no overlaps, reducers after the shuffle', () => {
    const output = run(module, inputs().both)
    for (const [kind, count] of [
      ['map', DEFAULTS.splits],
      ['reduce', DEFAULTS.reducers],
    ] as const) {
      const finished = taskSpans(output, kind).filter((s) => !s.killed)
      expect(finished.map((s) => s.task).sort((a, b) => a - b)).toEqual(Array.from({length: count}, (_, i) => i))
    }
    for (let lane = -1; lane < DEFAULTS.workers; lane++) {
      const spans = output.spans.filter((s) => s.lane === lane).sort((a, b) => a.startMs - b.startMs)
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.startMs).toBeGreaterThanOrEqual(spans[i - 1]!.endMs)
    }
    expect(output.shuffleEndMs).toBeGreaterThanOrEqual(output.mapEndMs)
    for (const s of taskSpans(output, 'reduce')) expect(s.startMs).toBeGreaterThanOrEqual(output.shuffleEndMs)
    for (const s of taskSpans(output, 'shuffle')) expect(s.startMs).toBeGreaterThanOrEqual(taskSpans(output, 'map').find((m) => m.task === s.task && !m.killed)!.endMs)
    expect(output.makespanMs).toBe(Math.max(...output.spans.map((s) => s.endMs)))
  })
})

describe('a learner’s functions in the job', () => {
  it('asks speculate with the README’s policy and a table of started tasks', () => {
    const asked: Array<{tasks: Array<{id: string; progress: number; elapsedMs: number}>; policy: unknown}> = []
    run({...module, speculate: (tasks: never, policy: unknown) => (asked.push({tasks, policy}), reference.speculate(tasks, policy as never))}, inputs().speculation)
    expect(asked.length).toBeGreaterThan(0)
    expect(asked[0]!.policy).toEqual(POLICY)
    for (const {tasks} of asked) {
      for (const t of tasks) {
        expect(t.id).toMatch(/^[mr]\d+$/)
        expect(t.progress).toBeGreaterThanOrEqual(0)
        expect(t.progress).toBeLessThanOrEqual(1)
      }
    }
  })

  it('notes a speculate that throws and finishes the job without copies', () => {
    const output = run({...module, speculate: todo('speculate')}, inputs().speculation)
    expect(output.notes).toHaveLength(1)
    expect(output.notes[0]).toMatchObject({call: 'speculate', problem: 'threw “TODO: speculate”', consequence: 'no more backup copies'})
    expect(output.speculate.launched).toBe(0)
    expect(output.makespanMs).toBe(run(module, inputs().plain).makespanMs)
  })

  it('copies only what it can: ids of finished or unknown tasks are ignored', () => {
    const output = run({...module, speculate: () => ['m0', 'nonsense', 'r99']}, inputs().speculation)
    expect(output.speculate.ignored).toBeGreaterThan(0)
    expect(output.notes).toEqual([])
  })

  it('replaces map, combine, partition and reduce with the course’s when one of them fails, and says which', () => {
    const output = run({...module, partition: () => 7}, inputs().plain)
    expect(output.data).toBe('course')
    expect(output.notes[0]).toMatchObject({call: 'partition', consequence: 'stand-in map, combine, partition and reduce'})
    expect(output.notes[0]!.problem).toMatch(/^returned 7 for ".+" with 6 reducers$/)
    expect(output.figures.countsDigest).toBe(output.truth.countsDigest)
  })

  it('shows a combiner that does nothing: as many pairs shuffled as without it', () => {
    const output = run({...module, combine: (pairs: unknown[]) => [...pairs]}, inputs().combiner)
    expect(output.figures.shuffledPairs).toBe(output.figures.mapOutputPairs)
    expect(output.figures.countsDigest).toBe(output.truth.countsDigest)
  })

  it('shows wrong counts from a partitioner that is not the same everywhere', () => {
    // A word may land on two reducers, which then each report a partial count for it.
    let calls = 0
    const output = run({...module, partition: (key: string, reducers: number) => (reference.fnv1a32(key) + (calls++ % 2)) % reducers}, inputs().plain)
    expect(output.data).toBe('module')
    expect(output.figures.countsDigest).not.toBe(output.truth.countsDigest)
  })
})

describe('the lab’s view', () => {
  it('fits the terminal, with the reference and with a module that has nothing', async () => {
    for (const [m, source] of [
      [module, 'reference'],
      [{}, 'mine'],
    ] as const) {
      const result = await lab.run(labValues, {source, quantity: () => undefined, runCode: inProcess(m)})
      expectFitsTheTerminal(formatLabView(lab.view(result), {color: false, width: 80}))
    }
  })

  it('draws the chosen run, with the slow worker, the backup copies and the network', async () => {
    const result = await lab.run({...labValues, show: 'speculation'}, {source: 'reference', quantity: () => undefined, runCode: inProcess(module)})
    const gantt = lab.view(result).find((b) => b.kind === 'gantt')
    expect(gantt?.kind === 'gantt' && gantt.title).toContain('run “speculation”')
    if (gantt?.kind !== 'gantt') return
    expect(gantt.lanes.map((l) => l.label)).toEqual(['worker 1', 'worker 2', 'worker 3', 'worker 4 (4× slow)', 'network'])
    const tones = new Set(gantt.lanes.flatMap((l) => l.spans.map((s) => s.tone)))
    expect([...tones].sort()).toEqual(['bad', 'dim', 'good', 'warn'])
    expect(gantt.legend?.map((l) => l.tone)).toEqual(['good', 'bad', 'warn', 'dim'])
  })
})

const referenceSource = readFileSync(new URL('../../exercises/mapreduce/reference/mapreduce.ts', import.meta.url), 'utf8')

describe('course run mapreduce', () => {
  it('runs the reference in the sandbox and fits an 80 × 24 terminal', async () => {
    const lab = await runUnitLab('mapreduce')
    expect(lab.result.runs.map((r: {name: string; error: string | null}) => [r.name, r.error])).toEqual([
      ['plain', null],
      ['combiner', null],
      ['speculation', null],
      ['both', null],
    ])
    expect(lab.text).toContain('Word count (reference), run “both”')
    expect(lab.text).toMatch(/No backup copies: \d+ % longer here, 44 % in the paper's sort\./)
    expect(lab.text).toMatch(/Combiner: \d+ % fewer pairs/)
    expectFitsTheTerminal(lab.text)
  })

  it('shows a learner’s partitioner that sends every pair to one reducer', async () => {
    const skewed = referenceSource.replace('return fnv1a32(key) % reducers', 'return 0')
    expect(skewed).not.toBe(referenceSource)
    const lab = await runUnitLab('mapreduce', {show: 'plain', documents: 100}, {mine: {'mapreduce.ts': skewed}})
    expect(lab.text).toContain('Word count (your code), run “plain”')
    expect(lab.text).toMatch(/Pairs per reducer, plain: [\d.]+k 0 0 0 0 0/)
    expectFitsTheTerminal(lab.text)
  })

  it('gives the untouched starter clear lines, not a crash', async () => {
    const lab = await runUnitLab('mapreduce', {documents: 100}, {mine: {}})
    expect(lab.text).toContain('Stand-in map, combine, partition and reduce: your map threw “TODO')
    expect(lab.text).toMatch(/No more backup copies from [\d.]+ s: your speculate threw “TODO: speculate”\./)
    expectFitsTheTerminal(lab.text)
  })
})
