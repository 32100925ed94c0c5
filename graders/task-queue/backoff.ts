/**
 * The backoff cases: `backoffDelay` on generated policies, with and without jitter, and a queue
 * with jitter whose retries must each draw exactly one number. Jitter cases hand the learner's
 * code a seeded random function (`{$random: seed}`) and draw from the same generator here, so the
 * exact answer is known.
 */
import {call, integer, pick, randomFromSeed, returns, shuffle, throws, type Expected, type Generator, type Random, type Step} from 'course/kit'
import {jitterDeathEpisode} from './episodes.js'
import {delayBefore, jitteredDelay, type QueueOptions} from './models.js'
import {jitterQueue, labelled, plainBackoff, taskId, together, type Episode} from './workload.js'

/** A seed for a `{$random: seed}` placeholder: the driver and the models both make randomFromSeed(seed) of it. */
const seedOf = (random: Random) => integer(random, 0, 2 ** 31 - 1)

/** Generated policies and retry numbers, then retry numbers and a jitter the contract refuses. */
export const backoffRandom: Generator = (random) => {
  const steps: Step[] = []
  const results: Expected[] = []
  for (let i = 0; i < 60; i++) {
    const baseMs = pick(random, [0, 1, 50, 100, 250, 1000, 1500, integer(random, 1, 5000)])
    const factor = pick(random, [1, 1.5, 2, 2, 2.5, 3, 4])
    const maxMs = baseMs + integer(random, 0, 10) * pick(random, [1, 100, 1000, 60_000])
    const backoff = random() < 0.3 ? {baseMs, factor, maxMs, jitter: 0} : {baseMs, factor, maxMs}
    const retry = integer(random, 1, 25)
    steps.push(call('backoffDelay', retry, backoff))
    results.push(returns(delayBefore(retry, backoff)))
  }
  const policy = {baseMs: 1000, factor: 2, maxMs: 60_000}
  for (const retry of shuffle(random, [0, -1, 1.5, integer(random, 2, 9) + 0.5])) {
    steps.push(call('backoffDelay', retry, policy))
    results.push(throws())
  }
  // Jitter without a random function to draw from.
  steps.push(call('backoffDelay', integer(random, 1, 9), {...policy, jitter: integer(random, 1, 9) / 10}))
  results.push(throws())
  return {input: {steps}, expected: {results}}
}

/**
 * backoffDelay with jitter, each call given its own seeded random function: the capped delay
 * spread by the first number drawn. Caps bite in most calls, so spreading the uncapped delay and
 * capping afterwards shows. Then calls without jitter and without a random function (which must
 * not be needed), and jitter without one (which must throw).
 */
export const jitterRandom: Generator = (random) => {
  const steps: Step[] = []
  const results: Expected[] = []
  // Calls whose uncapped delay is far above the cap, whatever the draw, so that spreading before
  // capping shows for every learner: the jittered result must straddle the cap, not stop at it.
  for (const [retry, backoff] of [
    [6, {baseMs: 1000, factor: 2, maxMs: 5000, jitter: 0.5}],
    [9, {baseMs: 100, factor: 3, maxMs: 2000, jitter: 0.2}],
    [4, {baseMs: 250, factor: 4, maxMs: 1000, jitter: 0.9}],
  ] as const) {
    const seed = seedOf(random)
    steps.push(call('backoffDelay', retry, backoff, {$random: seed}))
    results.push(returns(jitteredDelay(retry, backoff, randomFromSeed(seed))))
  }
  for (let i = 0; i < 40; i++) {
    const baseMs = pick(random, [1, 50, 100, 250, 1000, 1500, integer(random, 1, 5000)])
    const backoff = {
      baseMs,
      factor: pick(random, [1, 1.5, 2, 2, 3, 4]),
      maxMs: baseMs * pick(random, [1, 2, 4, 8, 30, 1000]),
      jitter: pick(random, [0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 0.9, integer(random, 1, 99) / 100]),
    }
    const retry = integer(random, 1, 20)
    const seed = seedOf(random)
    steps.push(call('backoffDelay', retry, backoff, {$random: seed}))
    results.push(returns(jitteredDelay(retry, backoff, randomFromSeed(seed))))
  }
  for (let i = 0; i < 8; i++) {
    const backoff = {...plainBackoff(random), ...(random() < 0.5 ? {jitter: 0} : {})}
    const retry = integer(random, 1, 12)
    steps.push(call('backoffDelay', retry, backoff))
    results.push(returns(delayBefore(retry, backoff)))
  }
  for (let i = 0; i < 2; i++) {
    steps.push(call('backoffDelay', integer(random, 1, 9), {...plainBackoff(random), jitter: integer(random, 1, 9) / 10}))
    results.push(throws())
  }
  const order = shuffle(random, steps.map((_, i) => i))
  return {input: {steps: order.map((i) => steps[i]!)}, expected: {results: order.map((i) => results[i]!)}}
}

/**
 * Queues with jitter and one seeded random function each: tasks fail again and again (never for
 * good) and `inspect` reads each retry's readyAt, which holds the next number of the stream only
 * if every earlier delay drew exactly one. Caps bite after two to four retries.
 */
export const jitterQueueRandom: Generator = (random) => {
  const episodes: Episode[] = [jitterDeathEpisode(seedOf(random))]
  for (let q = 0; q < 2; q++) {
    const baseMs = pick(random, [100, 250, 500, 1000])
    const options: Omit<QueueOptions, 'random'> = {
      maxRetries: integer(random, 4, 8),
      backoff: {baseMs, factor: pick(random, [2, 3]), maxMs: baseMs * pick(random, [2, 4, 8]), jitter: pick(random, [0.1, 0.2, 0.3, 0.5, 0.8])},
    }
    const w = jitterQueue(options, seedOf(random))
    const count = integer(random, 5, 10)
    for (let i = 0; i < count; i++) w.submit({id: taskId(random, i), priority: integer(random, 0, 9)})
    while (w.busy) {
      const id = w.next()
      if (id) {
        // Fail while a retry is left, so that no task dies here: deaths have their own episode.
        if (w.model.inspect(id)!.attempts <= options.maxRetries && random() < 0.75) w.fail(id)
        else w.complete(id)
        w.inspect(id)
      }
      w.tick(random, pick(random, [0, 50, 300, 1500]))
      if (w.steps.length > 500) break
    }
    w.deadLetters()
    episodes.push(labelled(w, 'in a generated queue with jitter'))
  }
  return together(...episodes)
}
