/**
 * Hidden cases of the task-queue grader. Generators replay random workloads of submissions,
 * failures, completions and calls to `next` against the independent models (models.ts) and keep
 * what must come back; the token bucket's bounds are judged directly. Each concern has its file:
 * backoff and jitter, the token bucket, the order of `next`, dependencies, retries and dead
 * letters, refusals. Before its random workload, a case stages the situations its rules name in
 * fixed scripts (episodes.ts), so that every learner meets them whatever the draw; the `episodes`
 * check compares script by script and names the situation of the first wrong answer.
 * Hidden feedback names the method and the property, never the inputs or the expected values.
 */
import {defineGrader, fail, scriptCheck, type Check, type ScriptInput, type ScriptOutput} from 'course/kit'
import {backoffRandom, jitterQueueRandom, jitterRandom} from './backoff.js'
import {dependenciesRandom} from './dependencies.js'
import {agingRandom, orderRandom, rateLimitedOrder} from './ordering.js'
import {refusalsRandom} from './refusals.js'
import {deadLettersRandom, retriesRandom} from './retries.js'
import {bucketBounds, bucketBoundsGenerator, bucketRandom} from './token-bucket.js'
import type {Episode} from './workload.js'

/**
 * The built-in script comparison, one script at a time, so that the first wrong answer is reported
 * with the situation its script stages ("in the episode of ids submitted twice"): a case that owns
 * several rules then says which one broke. The labels live in the expectation, which never leaves
 * this process, and name no hidden input.
 */
const episodes: Check = (context) => {
  const inputs = (context.input as {scripts?: ScriptInput[]}).scripts
  const wants = (context.expected as {scripts?: Array<Episode['expected']>}).scripts
  if (!Array.isArray(inputs) || !Array.isArray(wants)) return scriptCheck(context)
  const outputs = (context.output as {scripts?: ScriptOutput[]} | undefined)?.scripts
  if (!Array.isArray(outputs)) return fail('no result came back')
  for (let i = 0; i < wants.length; i++) {
    const verdict = scriptCheck({...context, input: inputs[i], output: outputs[i], expected: wants[i]})
    if (!verdict.passed) return fail([wants[i]!.about, verdict.detail].filter(Boolean).join(': '))
  }
  return {passed: true}
}

export default defineGrader({
  generators: {
    'backoff-random': backoffRandom,
    'token-bucket-random': bucketRandom,
    'token-bucket-bounds': bucketBoundsGenerator,
    'order-random': orderRandom,
    'aging-random': agingRandom,
    'rate-limited-order': rateLimitedOrder,
    'dependencies-random': dependenciesRandom,
    'refusals-random': refusalsRandom,
    'retries-random': retriesRandom,
    'dead-letters-random': deadLettersRandom,
    'jitter-random': jitterRandom,
    'jitter-queue-random': jitterQueueRandom,
  },
  checks: {
    'bucket-bounds': bucketBounds,
    episodes,
  },
})
