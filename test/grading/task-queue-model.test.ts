import {isDeepStrictEqual} from 'node:util'
import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/task-queue/reference/task-queue.js'
import {integer, pick, randomFromSeed, type Random} from '../../src/core/random.js'
import {BucketModel, delayBefore, jitteredDelay, QueueModel, refusesLimit, refusesOptions, type Limit, type QueueOptions} from '../../graders/task-queue/models.js'

/**
 * The task queue's hidden cases trust the models (graders/task-queue/models.ts) to know every
 * answer a learner's code owes. The models are written from the contract apart from the
 * reference; here both make the same random calls, hundreds of scripts of them, and must agree on
 * every answer and on every call that throws. The scripts are denser in trouble than any
 * generator: a small pool of ids makes duplicates, forward references, cycles and dead
 * dependencies common, and calls on tasks that are not running are frequent.
 */
const SEEDS = 200

/**
 * Disagreements, collected rather than asserted one by one (tens of thousands of calls): the first
 * few are reported with the seed, the step and the call, enough to replay them.
 */
class Disagreements {
  readonly found: string[] = []
  same(actual: unknown, expected: unknown, where: () => string): void {
    if (this.found.length < 5 && !isDeepStrictEqual(actual, expected)) this.found.push(`${where()}: reference ${JSON.stringify(actual)}, model ${JSON.stringify(expected)}`)
  }
}

type Outcome = {threw: true} | {threw: false; value: unknown}

function attempt(run: () => unknown): Outcome {
  try {
    return {threw: false, value: run()}
  } catch {
    return {threw: true}
  }
}

/** Options of every kind the contract allows: jitter (with a seed), aging, a rate limit, caps. */
function drawOptions(random: Random): {options: QueueOptions; seed: number} {
  const baseMs = pick(random, [0, 100, 250, 1000])
  const seed = integer(random, 0, 2 ** 31 - 1)
  const options: QueueOptions = {
    maxRetries: integer(random, 0, 3),
    backoff: {baseMs, factor: pick(random, [1, 1.5, 2, 3]), maxMs: baseMs * pick(random, [1, 3, 100]), ...(random() < 0.3 ? {jitter: pick(random, [0.1, 0.5, 0.9])} : {})},
    ...(random() < 0.4 ? {agingMs: pick(random, [50, 300, 1000, 0.5])} : {}),
    ...(random() < 0.4 ? {rateLimit: {capacity: integer(random, 1, 3), refillPerSecond: pick(random, [0.5, 1, 4, 10])}} : {}),
  }
  return {options, seed}
}

function drawSpec(random: Random, pool: number): {id: string; priority: number; dependsOn?: string[]} {
  const id = random() < 0.03 ? '' : `t${integer(random, 0, pool)}`
  const priority = random() < 0.08 ? pick(random, [-1, 10, 2.5]) : integer(random, 0, 9)
  if (random() < 0.35) return {id, priority}
  const dependsOn = Array.from({length: integer(random, 0, 3)}, () => `t${integer(random, 0, pool + 2)}`)
  return {id, priority, dependsOn}
}

describe('the task-queue models agree with the reference', () => {
  it('on random scripts of queue calls', () => {
    const seen = new Disagreements()
    for (let s = 0; s < SEEDS; s++) {
      const random = randomFromSeed(9000 + s)
      const {options, seed} = drawOptions(random)
      const model = new QueueModel({...options, random: randomFromSeed(seed)})
      const queue = reference.createTaskQueue({...options, random: randomFromSeed(seed)})
      let now = integer(random, 0, 1000)
      for (let step = 0; step < 300; step++) {
        const where = (call: string) => () => `seed ${s}, step ${step}: ${call}`
        now += pick(random, [0, 0, 1, 50, 500, 3000])
        const pool = Math.max(4, model.all().length + 2)
        const roll = random()
        if (roll < 0.3) {
          const spec = drawSpec(random, pool)
          const want = model.submit(spec, now).threw
          seen.same(attempt(() => queue.submit(spec, now)).threw, want, where(`submit ${JSON.stringify(spec)} threw`))
        } else if (roll < 0.55) {
          const want = model.next(now)
          seen.same(queue.next(now), want, where('next'))
        } else if (roll < 0.75) {
          const running = model.ids('running')
          const id = running.length > 0 && random() < 0.75 ? pick(random, running) : `t${integer(random, 0, pool)}`
          const name = random() < 0.5 ? 'complete' : 'fail'
          const want = name === 'complete' ? model.complete(id, now).threw : model.fail(id, now).threw
          seen.same(attempt(() => queue[name](id, now)).threw, want, where(`${name} ${id} threw`))
        } else if (roll < 0.9) {
          const id = `t${integer(random, 0, pool)}`
          seen.same(queue.inspect(id), model.inspect(id), where(`inspect ${id}`))
          seen.same(queue.state(id), model.state(id), where(`state ${id}`))
        } else {
          seen.same(queue.deadLetters(), model.deadLetters(), where('deadLetters'))
        }
      }
      for (const id of model.all()) seen.same(queue.inspect(id), model.inspect(id), () => `seed ${s}: final inspect ${id}`)
      seen.same(queue.deadLetters(), model.deadLetters(), () => `seed ${s}: final deadLetters`)
    }
    expect(seen.found).toEqual([])
  })

  it('on random token buckets, fractional rates included', () => {
    const seen = new Disagreements()
    for (let s = 0; s < SEEDS; s++) {
      const random = randomFromSeed(7000 + s)
      const limit: Limit = {capacity: integer(random, 1, 6), refillPerSecond: pick(random, [0.25, 0.5, 1, 2.5, 3, 10, integer(random, 1, 100)])}
      const model = new BucketModel(limit)
      const bucket = reference.createTokenBucket(limit)
      let now = integer(random, 0, 5000)
      for (let step = 0; step < 200; step++) {
        now += pick(random, [0, 1, 10, 10, 100, 333, integer(random, 0, 20_000)])
        if (random() < 0.6) seen.same(bucket.tryTake(now), model.tryTake(now), () => `seed ${s}, step ${step}: tryTake`)
        else seen.same(bucket.available(now), model.available(now), () => `seed ${s}, step ${step}: available`)
      }
    }
    expect(seen.found).toEqual([])
  })

  it('on backoff delays, with and without jitter', () => {
    for (let s = 0; s < SEEDS; s++) {
      const random = randomFromSeed(5000 + s)
      const baseMs = pick(random, [0, 1, 100, 1000, integer(random, 1, 5000)])
      const backoff = {baseMs, factor: pick(random, [1, 1.5, 2, 3, 4]), maxMs: baseMs + integer(random, 0, 10) * pick(random, [1, 100, 60_000])}
      const retry = integer(random, 1, 30)
      expect(reference.backoffDelay(retry, backoff), `seed ${s}`).toBe(delayBefore(retry, backoff))
      const jittered = {...backoff, jitter: pick(random, [0.05, 0.2, 0.5, 0.99])}
      expect(reference.backoffDelay(retry, jittered, randomFromSeed(s)), `seed ${s} with jitter`).toBe(jitteredDelay(retry, jittered, randomFromSeed(s)))
    }
  })

  it('on which options and rate limits are refused', () => {
    const backoff = {baseMs: 100, factor: 2, maxMs: 1000}
    const variants: QueueOptions[] = [
      {maxRetries: 0, backoff},
      {maxRetries: -1, backoff},
      {maxRetries: 1.5, backoff},
      {maxRetries: 2, backoff: {baseMs: 0, factor: 1, maxMs: 0}},
      {maxRetries: 2, backoff: {...backoff, baseMs: -1}},
      {maxRetries: 2, backoff: {...backoff, factor: 0.99}},
      {maxRetries: 2, backoff: {...backoff, maxMs: 99}},
      {maxRetries: 2, backoff: {...backoff, maxMs: 100}},
      {maxRetries: 2, backoff: {...backoff, jitter: 0}},
      {maxRetries: 2, backoff: {...backoff, jitter: 0.5}},
      {maxRetries: 2, backoff: {...backoff, jitter: 0.5}, random: randomFromSeed(1)},
      {maxRetries: 2, backoff: {...backoff, jitter: 1}, random: randomFromSeed(1)},
      {maxRetries: 2, backoff: {...backoff, jitter: -0.1}},
      {maxRetries: 2, backoff, agingMs: 0},
      {maxRetries: 2, backoff, agingMs: -1},
      {maxRetries: 2, backoff, agingMs: 0.5},
      {maxRetries: 2, backoff, rateLimit: {capacity: 1, refillPerSecond: 0.5}},
      {maxRetries: 2, backoff, rateLimit: {capacity: 0, refillPerSecond: 1}},
      {maxRetries: 2, backoff, rateLimit: {capacity: 2.5, refillPerSecond: 1}},
      {maxRetries: 2, backoff, rateLimit: {capacity: 2, refillPerSecond: 0}},
      {maxRetries: 2, backoff, rateLimit: {capacity: 2, refillPerSecond: -3}},
    ]
    for (const options of variants) {
      expect(attempt(() => reference.createTaskQueue(options)).threw, JSON.stringify(options)).toBe(refusesOptions(options))
      if (options.rateLimit) expect(attempt(() => reference.createTokenBucket(options.rateLimit!)).threw, JSON.stringify(options.rateLimit)).toBe(refusesLimit(options.rateLimit))
    }
  })
})
