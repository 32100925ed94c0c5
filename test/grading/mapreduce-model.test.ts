import {describe, expect, it} from 'vitest'
import {integer, pick, randomFromSeed, shuffle, type Random} from '../../src/kit/index.js'
import {combinedPairs, OTHER_CUTS, SPLIT_EPISODE} from '../../graders/mapreduce/job.js'
import {RERUN_EPISODES, SPECULATION_EPISODES, jobTable, taskTable} from '../../graders/mapreduce/master.js'
import {backups, combined, directCounts, fnv, job, pairs, reducerOf, rerun, splitSizes, words, type Pair, type Placement, type Progress} from '../../graders/mapreduce/models.js'
import {hashString, jobDocuments, richText, VOCABULARY} from '../../graders/mapreduce/text.js'

/**
 * The mapreduce grader computes every hidden expectation with its own models (models.ts), written
 * apart from the reference. Here the two meet: over many seeds, on inputs wider than the cases
 * draw (thresholds met exactly, ties of every kind, tables the cases would filter out), the model
 * and the reference must return the same thing. A disagreement means one of them does not follow
 * the contract, and every learner graded against that model would be judged wrongly.
 */
const SEEDS = 200

/**
 * The reference, imported by a path the type checker does not follow: it is the learner's file
 * (its reduce keeps the contract's unused `key` parameter, which this project's compiler settings
 * would reject), and only the shapes below are used.
 */
interface Reference {
  tokenize(document: string): string[]
  map(document: string): Pair[]
  combine(pairs: readonly Pair[]): Pair[]
  fnv1a32(text: string): number
  partition(key: string, reducers: number): number
  runJob(documents: readonly string[], options: {mappers: number; reducers: number; combiner: boolean}): ReturnType<typeof job>
  speculate(tasks: readonly Progress[], policy: {slowFactor: number; minElapsedMs: number; maxSpeculative: number}): string[]
  rerunAfterFailure(tasks: readonly Placement[], failedNode: string): string[]
}
const REFERENCE = new URL('../../exercises/mapreduce/reference/mapreduce.ts', import.meta.url).href
const reference = (await import(REFERENCE)) as Reference

/** Task tables with the boundaries the random cases avoid: ties, exact thresholds, zero progress and age. */
function boundaryTable(random: Random): {tasks: Progress[]; policy: {slowFactor: number; minElapsedMs: number; maxSpeculative: number}} {
  const unit = pick(random, [1000, 1024, 37])
  const tasks: Progress[] = Array.from({length: integer(random, 0, 9)}, (_, i) => {
    const progress = pick(random, [0, 0, 0.125, 0.25, 0.5, 0.75, 1, 1])
    return {id: pick(random, [`m${i}`, `M${i}`, `map-${i}`, `m${i}0`]), progress, elapsedMs: unit * integer(random, 0, 80), ...(random() < 0.2 ? {speculated: random() < 0.8} : {})}
  })
  // Twins (same progress and age) tie in time left; copying an id makes even the ids tie.
  if (tasks.length > 0 && random() < 0.5) {
    const twin = pick(random, tasks)
    tasks.push({...twin, id: random() < 0.3 ? twin.id : `${twin.id}x`})
  }
  const policy = {slowFactor: pick(random, [1, 1.5, 2, 3]), minElapsedMs: unit * pick(random, [0, 10, 20, 40]), maxSpeculative: integer(random, -1, 4)}
  return {tasks: shuffle(random, tasks), policy}
}

describe('the mapreduce models agree with the reference', () => {
  it('on tokenisation, the combiner, the hash and the partitioner', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(seed)
      for (let k = 0; k < 5; k++) {
        const text = richText(random, integer(random, 0, 20))
        expect(words(text), text).toEqual(reference.tokenize(text))
        expect(pairs(text), text).toEqual(reference.map(text))
        const list: Pair[] = Array.from({length: integer(random, 0, 30)}, () => [pick(random, [...VOCABULARY, 'constructor', '__proto__', 'tostring']), integer(random, 0, 9)])
        expect(combined(list)).toEqual(reference.combine(list))
        const key = hashString(random)
        const r = pick(random, [1, 2, 3, 16, 2 ** 31 - 1, 2 ** 31 + 7, 2 ** 32 + 1])
        expect(fnv(key)).toBe(reference.fnv1a32(key))
        expect(reducerOf(key, r)).toBe(reference.partition(key, r))
      }
    }
  })

  it('on whole jobs, including empty documents and more map tasks than documents', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(1000 + seed)
      const docs = jobDocuments(random, integer(random, 0, 14), 10)
      const mappers = integer(random, 1, docs.length + 3)
      const reducers = integer(random, 1, 9)
      const combiner = random() < 0.5
      expect(job(docs, mappers, reducers, combiner)).toEqual(reference.runJob(docs, {mappers, reducers, combiner}))
      expect(directCounts(docs)).toEqual(reference.runJob(docs, {mappers, reducers, combiner}).counts)
    }
  })

  it('on speculation, with the cases’ tables and with boundary tables', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(2000 + seed)
      for (const {tasks, policy} of [taskTable(random), boundaryTable(random), boundaryTable(random)]) {
        expect(backups(tasks, policy), JSON.stringify({tasks, policy})).toEqual(reference.speculate(tasks, policy))
      }
    }
  })

  it('on re-execution after a failure', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const {tasks, failed} = jobTable(randomFromSeed(3000 + seed))
      expect(rerun(tasks, failed)).toEqual(reference.rerunAfterFailure(tasks, failed))
    }
  })

  it('on every scripted episode', () => {
    for (const {rule, tables} of SPECULATION_EPISODES) for (const [tasks, policy] of tables) expect(backups(tasks, policy), rule).toEqual(reference.speculate(tasks, policy))
    for (const {rule, tables} of RERUN_EPISODES) for (const [tasks, failed] of tables) expect(rerun(tasks, failed), rule).toEqual(reference.rerunAfterFailure(tasks, failed))
  })
})

describe('the scripted episodes decide what they are for', () => {
  it('the split episode tells the contract’s cut from every other usual cut', () => {
    const n = SPLIT_EPISODE.length
    const contract = combinedPairs(SPLIT_EPISODE, splitSizes(n, 4))
    for (const cut of OTHER_CUTS) expect(combinedPairs(SPLIT_EPISODE, cut(n, 4))).not.toBe(contract)
    // Documents dealt round-robin instead of in contiguous runs.
    const dealt = Array.from({length: 4}, (_, i) => new Set(SPLIT_EPISODE.filter((_, j) => j % 4 === i).flatMap(words)).size)
    expect(dealt.reduce((a, b) => a + b, 0)).not.toBe(contract)
  })

  it('each speculation episode has an answer that a one-step-off rule would change', () => {
    // Not empty everywhere: an episode whose every answer is [] would pass a speculate that never copies.
    for (const {rule, tables} of SPECULATION_EPISODES) {
      if (rule.startsWith('when the copies already running')) expect(tables.every(([t, p]) => backups(t, p).length === 0)).toBe(true)
      else expect(tables.some(([t, p]) => backups(t, p).length > 0), rule).toBe(true)
    }
  })
})
