import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/work-stealer/reference/work-stealer.js'
import {edgeRuns, repeatedRuns, scriptedDequeEpisodes} from '../../graders/work-stealer/checks.js'
import workStealerDriver from '../../graders/work-stealer/driver.js'
import {checkedDeques, ringDeque, runMachine, stealHalfFromFullest, type Deque, type StealPolicy} from '../../graders/work-stealer/machine.js'
import {expectedDigest, expectedResults, modelDeque} from '../../graders/work-stealer/models.js'
import {parseContext} from '../../graders/work-stealer/ops.js'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {judge, prepareCases} from '../../src/core/grading/cases.js'
import {loadGrader} from '../../src/core/grading/load.js'
import {deriveSeed} from '../../src/core/grading/seed.js'
import {integer, pick, randomFromSeed, type Random} from '../../src/core/random.js'
import {decode, encode} from '../../src/core/sandbox/values.js'

/**
 * The work-stealer's models against the reference, in this process: the deque model (what every
 * deque case expects), the course's own ring deque (what the replay runs on), the course's
 * stealer (the yardstick of the makespan limits: it must be the reference's policy, ties
 * included), and the machine with the shadowing deque wrapper (which must never object to a
 * correct deque). If the reference and a model part ways, one of them does not follow the
 * contract, and learners would be graded against the wrong one.
 */
const {definition, module: grader} = await loadGrader('work-stealer', gradersDir())
const SCRIPTS = 200

/** A random operation list: several deques, pushes in runs, every kind of steal count. */
function randomOps(random: Random): string {
  const ops: string[] = []
  const length = integer(random, 1, 400)
  for (let i = 0; i < length; i++) {
    const roll = random()
    if (roll < 0.05) ops.push(`d${integer(random, 0, 3)}`)
    else if (roll < 0.4) ops.push(random() < 0.2 ? `p*${integer(random, 0, 40)}` : 'p')
    else if (roll < 0.6) ops.push(random() < 0.1 ? `b*${integer(random, 0, 10)}` : 'b')
    else if (roll < 0.9) {
      const k = pick(random, [integer(random, -3, 15), integer(random, 0, 6) + pick(random, [0.5, 0.25, 0.999, -0.5]), 1e9, 0, -0])
      ops.push(random() < 0.1 ? `s${k}*${integer(random, 1, 5)}` : `s${k}`)
    } else ops.push(random() < 0.1 ? `z*${integer(random, 0, 3)}` : 'z')
  }
  return ops.join(',')
}

/** What a deque factory gives on an operation list, through the driver (as in the sandbox). */
const run = (createDeque: () => Deque, ops: string, digest = false) => decode(encode(workStealerDriver({createDeque}, {mode: 'deque', ops, ...(digest ? {digest} : {})})))

describe('the deque model follows the reference', () => {
  it(`on ${SCRIPTS} random operation lists, in full and as a digest`, () => {
    for (let seed = 1; seed <= SCRIPTS; seed++) {
      const ops = randomOps(randomFromSeed(seed))
      expect(run(reference.createDeque, ops), ops).toEqual({results: expectedResults(ops)})
      expect(run(reference.createDeque, ops, true), ops).toEqual(expectedDigest(ops))
      // The course's own deque, which the replay of every machine case runs on.
      expect(run(ringDeque, ops), ops).toEqual({results: expectedResults(ops)})
    }
  })

  it('on the scripted episodes, the visible case and the generated deque cases of a few learners', () => {
    const episodes = scriptedDequeEpisodes().join(',')
    expect(run(reference.createDeque, episodes)).toEqual({results: expectedResults(episodes)})
    const visible = definition.cases.find((c) => c.name === 'deque-ends')!
    expect((visible.expect as {results: unknown}).results).toEqual(expectedResults((visible.input as {ops: string}).ops))
    for (const learner of ['model-1', 'model-2']) {
      for (const prepared of prepareCases(definition.cases.filter((c) => c.check === 'deque-model'), grader, deriveSeed('model', learner, 'work-stealer', definition.version))) {
        expect(judge(prepared, run(reference.createDeque, (prepared.input as {ops: string}).ops, Boolean((prepared.input as {digest?: boolean}).digest)), grader), prepared.definition.name).toEqual({passed: true})
      }
    }
  })

  it('names the rule each result tests', () => {
    const rules = modelDeque('p*3,s2.5,s0,s-1,s9,b,z,s1,d1,b').map((r) => r.rule)
    expect(rules).toEqual(['steal-fraction-floor', 'steal-nonpositive-nothing', 'steal-nonpositive-nothing', 'steal-fewer-when-fewer', 'pop-empty-undefined', 'size-held', 'steal-empty-nothing', 'pop-empty-undefined'])
    expect(modelDeque('p,d1,z').at(-1)!.shared).toBe(true)
  })

  it('a digest tells a wrong deque from a right one', () => {
    const fifo = (): Deque => {
      const inner = ringDeque()
      return {...inner, popBottom: () => inner.stealTop(1)[0]}
    }
    const ops = 'p*50,b*3,s2,z'
    expect(run(fifo, ops, true)).not.toEqual(expectedDigest(ops))
  })
})

/** A situation the machine can show a thief: its own deque empty, some other deque holding tasks. */
function randomContext(random: Random): {thief: number; sizes: number[]} {
  const workers = integer(random, 2, 12)
  const thief = integer(random, 0, workers - 1)
  // Small sizes, so equal deques (ties) are common.
  const sizes = Array.from({length: workers}, (_, w) => (w === thief ? 0 : integer(random, 0, 3)))
  if (!sizes.some((s) => s > 0)) sizes[(thief + 1) % workers] = integer(random, 1, 3)
  return {thief, sizes}
}

describe('the course stealer is the reference policy', () => {
  it('chooses the same victim in 5,000 situations, ties included, and takes the same amount', () => {
    const random = randomFromSeed(7)
    let ties = 0
    for (let i = 0; i < 5000; i++) {
      const {thief, sizes} = randomContext(random)
      const context = {thief, sizes, random: () => 0.5, failedAttempts: integer(random, 0, 9)}
      const fullest = Math.max(...sizes)
      if (sizes.filter((s) => s === fullest).length > 1) ties++
      expect(stealHalfFromFullest.chooseVictim(context), JSON.stringify(sizes)).toBe(reference.stealPolicy.chooseVictim(context))
    }
    expect(ties).toBeGreaterThan(1000)
    for (let n = 1; n <= 10_000; n++) expect(stealHalfFromFullest.stealAmount(n)).toBe(reference.stealPolicy.stealAmount(n))
  })

  it('the reference answers every scripted situation of policy-valid as the contract allows', () => {
    const visible = definition.cases.find((c) => c.name === 'policy-valid')!
    const prepared = prepareCases([visible], grader, deriveSeed('model', 'policy', 'work-stealer', definition.version))[0]!
    for (const module of [reference, {stealPolicy: stealHalfFromFullest}]) {
      expect(judge(prepared, decode(encode(workStealerDriver(module, prepared.input))), grader)).toEqual({passed: true})
    }
    // The situations are ones the machine can reach: the thief's own deque empty, another not.
    for (const text of (visible.input as {contexts: string[]}).contexts) {
      const {thief, sizes} = parseContext(text)
      expect(sizes[thief], text).toBe(0)
      expect(sizes.some((s) => s > 0), text).toBe(true)
    }
  })
})

describe('the machine with the reference is the machine with the course’s models', () => {
  const randomRuns = (count: number) => {
    const random = randomFromSeed(11)
    return Array.from({length: count}, (_, i) => {
      const workers = integer(random, 1, 9)
      const tasks = integer(random, 0, 60)
      // Equal costs half the time: simultaneous events and equal deques.
      const equal = random() < 0.5
      return {costs: Array.from({length: tasks}, () => (equal ? 1 : Number((0.1 + 5 * random()).toFixed(2)))), workers, seed: i + 1}
    })
  }
  const runs = [...edgeRuns(), ...repeatedRuns().runs, ...randomRuns(200)]

  it(`gives the same schedule on ${runs.length} runs, and the shadowing wrapper never objects to a correct deque`, () => {
    for (const options of runs) {
      const model = runMachine(options, ringDeque, stealHalfFromFullest)
      const real = runMachine(options, checkedDeques(reference.createDeque), reference.stealPolicy as StealPolicy)
      expect(real.error).toBeUndefined()
      expect([real.worker, real.start, real.steals, real.makespan]).toEqual([model.worker, model.start, model.steals, model.makespan])
    }
  })

  it('the reference passes every machine case of a few learners', () => {
    for (const learner of ['model-1', 'model-2']) {
      const cases = definition.cases.filter((c) => c.check === 'schedule' && ['every-task-once', 'deterministic', 'small-skewed'].includes(c.name))
      for (const prepared of prepareCases(cases, grader, deriveSeed('model', learner, 'work-stealer', definition.version))) {
        expect(judge(prepared, decode(encode(workStealerDriver({...reference}, prepared.input))), grader), prepared.definition.name).toEqual({passed: true})
      }
    }
  })
})
