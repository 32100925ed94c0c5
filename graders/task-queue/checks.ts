/**
 * Hidden cases of the task-queue grader. Generators replay random workloads of submissions,
 * failures, completions and calls to `next` against the independent models (models.ts) and keep
 * what must come back; the token bucket's bounds are judged directly. Each concern has its file:
 * backoff and jitter, the token bucket, the order of `next`, dependencies, retries and dead
 * letters, refusals. Before its random workload, a case stages the situations its rules name in
 * fixed scripts (episodes.ts), so that every learner meets them whatever the draw; each script's
 * expectation carries the situation it stages (`about`), which the built-in script check names with
 * the first wrong answer.
 * Hidden feedback names the method and the property, never the inputs or the expected values.
 */
import {defineGrader} from 'course/kit'
import {backoffRandom, jitterQueueRandom, jitterRandom} from './backoff.js'
import {dependenciesRandom} from './dependencies.js'
import {agingRandom, orderRandom, rateLimitedOrder} from './ordering.js'
import {refusalsRandom} from './refusals.js'
import {deadLettersRandom, retriesRandom} from './retries.js'
import {bucketBounds, bucketBoundsGenerator, bucketRandom} from './token-bucket.js'

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
  },
})
