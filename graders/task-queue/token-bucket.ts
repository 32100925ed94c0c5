/**
 * The token bucket's cases: generated sequences of `tryTake` and `available` replayed against
 * the model, and its bounds judged on the learner's own grants, so that feedback can say which
 * bound broke before comparing grant by grant.
 */
import {call, create, fail, figure, integer, pick, returns, scriptCheck, verdict, type Check, type Expected, type ExpectedScript, type Generator, type Random, type ScriptInput, type ScriptOutput, type Step} from 'course/kit'
import {BucketModel, refusesLimit, type Limit} from './models.js'

/** `calls` calls at increasing times: dense (a few ms apart) or sparse (up to 20 s apart). */
function bucketWorkload(random: Random, limit: Limit, calls: number, dense: boolean): {input: ScriptInput; expected: ExpectedScript} {
  const model = new BucketModel(limit)
  const steps: Step[] = []
  const results: Expected[] = []
  let now = integer(random, 0, 5000)
  for (let i = 0; i < calls; i++) {
    now += dense ? pick(random, [0, 1, 10, 10, 10, 25, 100]) : pick(random, [0, 0, 1, 3, 10, 50, 100, 333, 1000, integer(random, 0, 20_000)])
    if (random() < 0.65) {
      steps.push(call('tryTake', now))
      results.push(returns(model.tryTake(now)))
    } else {
      steps.push(call('available', now))
      results.push(returns(model.available(now)))
    }
  }
  return {input: {create: create('createTokenBucket', limit), steps}, expected: {results}}
}

/**
 * Three buckets (small and slow, small and fast, anything), one with a fractional refill rate, then
 * every kind of bucket the contract refuses, each labelled for the `episodes` check.
 */
export const bucketRandom: Generator = (random) => {
  const scripts = [
    bucketWorkload(random, {capacity: integer(random, 1, 5), refillPerSecond: pick(random, [1, 2, 3, 7, 10])}, 150, false),
    bucketWorkload(random, {capacity: integer(random, 1, 3), refillPerSecond: 10}, 150, true),
    bucketWorkload(random, {capacity: integer(random, 2, 50), refillPerSecond: integer(random, 1, 100)}, 150, random() < 0.5),
  ].map((s) => ({input: s.input, expected: {...s.expected, about: 'in a generated sequence of calls'}}))
  const fractional = bucketWorkload(random, {capacity: integer(random, 1, 4), refillPerSecond: pick(random, [0.5, 2.5, 0.25])}, 100, false)
  scripts.push({input: fractional.input, expected: {...fractional.expected, about: 'with a fractional refill rate'}})
  const invalid: Array<[Limit, string]> = [
    [{capacity: 0, refillPerSecond: 1}, 'a capacity of zero'],
    [{capacity: 2.5, refillPerSecond: 1}, 'a fractional capacity'],
    [{capacity: -1, refillPerSecond: 1}, 'a negative capacity'],
    [{capacity: 3, refillPerSecond: 0}, 'a refill rate of zero'],
    [{capacity: 3, refillPerSecond: -2}, 'a negative refill rate'],
  ]
  for (const [bad, what] of invalid) {
    if (!refusesLimit(bad)) throw new Error(`grader bug: the model accepts ${what}`)
    scripts.push({input: {create: create('createTokenBucket', bad), steps: []}, expected: {createError: true, about: `creating a bucket with ${what} must throw`}})
  }
  return {input: {scripts: scripts.map((s) => s.input)}, expected: {scripts: scripts.map((s) => s.expected)}}
}

export const bucketBoundsGenerator: Generator = (random) => {
  const limit = {capacity: integer(random, 1, 8), refillPerSecond: pick(random, [1, 3, 5, 10, 20])}
  return bucketWorkload(random, limit, 400, true)
}

/**
 * The token bucket's bounds, judged on its own grants: over every window of T ms at most
 * `capacity + refillPerSecond · T / 1000` grants, and never more tokens than the capacity. Then
 * the exact grants, as the model gives them.
 */
export const bucketBounds: Check = (context) => {
  const input = context.input as ScriptInput
  const output = context.output as ScriptOutput
  const limit = input.create!.args![0] as Limit
  if (output.createError !== undefined) return fail('creating the bucket failed')
  const steps = input.steps as Array<{call: string; args: [number]}>
  const grants: number[] = []
  let most = 0
  for (let i = 0; i < steps.length; i++) {
    const entry = output.results[i] as {value?: unknown; error?: string}
    if (!entry || 'error' in entry) return fail(`\`${steps[i]!.call}\` threw an error`)
    if (steps[i]!.call === 'tryTake' && entry.value === true) grants.push(steps[i]!.args[0])
    if (steps[i]!.call === 'available') {
      if (typeof entry.value !== 'number') return fail('`available` must return a number')
      most = Math.max(most, entry.value)
    }
  }
  const problems: string[] = []
  if (most > limit.capacity + 1e-9) problems.push('the bucket held more tokens than its capacity')
  // The window from grant a to grant b holds b − a + 1 grants.
  let worst = 0
  for (let a = 0; a < grants.length; a++) {
    for (let b = a; b < grants.length; b++) {
      const allowed = limit.capacity + (limit.refillPerSecond * (grants[b]! - grants[a]!)) / 1000
      worst = Math.max(worst, b - a + 1 - allowed)
    }
  }
  if (worst > 1e-9) problems.push(`some window saw ${figure(Math.ceil(worst))} more grant(s) than capacity + rate × T allows`)
  return problems.length > 0 ? verdict(problems) : scriptCheck(context)
}
