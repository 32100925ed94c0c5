/**
 * Document checks of the thundering-herd grader: the rules that relate the learner's fields to each
 * other. The chosen design's parameters must be present and sensible, and its stated idle cost must
 * be the one those parameters imply (recomputed here from the learner's own figures) and fit the
 * queue's 4-core budget. Every check returns a verdict, never throws, on any schema-valid document.
 */
import {defineGrader, designCheck, figure, type DesignReader} from 'course/kit'

/** The scenario. */
const WORKERS = 10_000
const RECEIVE_CPU_S = 0.0005
const BUDGET_CORES = 4
/** 4 cores / 0.5 ms per request = 8,000 req/s. */
const BUDGET_RPS = BUDGET_CORES / RECEIVE_CPU_S
/** Relative tolerance for the idle cost against the one the parameters imply. */
const IDLE_TOLERANCE = 0.05
/** Near zero a relative tolerance means nothing: a stated rate this close to the implied one passes. */
const IDLE_SLACK_RPS = 0.01

const CHOICE = '/mitigation/choice'
const PARAMETERS = '/mitigation/parameters'
const IDLE = '/mitigation/idle_requests'

const parameter = (name: string) => `${PARAMETERS}/${name}`
const choiceOf = (design: DesignReader): string => String(design.value(CHOICE))

/** A long-poll wait must lie in 1 s to 60 s. */
function waitInRange(design: DesignReader, why: string): void {
  const wait = design.need(parameter('wait_timeout'), 'duration')
  if (wait !== undefined && (wait < 1 || wait > 60)) design.flaw(parameter('wait_timeout'), `a long-poll wait of ${figure(wait)} s is outside 1 s to 60 s${why}`)
}

/** A design that removes the herd hands each job to exactly one waiter. */
function wakesOne(design: DesignReader): void {
  const wakeups = design.need(parameter('wakeups_per_task'), 'count')
  if (wakeups !== undefined && wakeups !== 1) design.flaw(parameter('wakeups_per_task'), `${figure(wakeups)} wake-ups per job; a design that removes the herd hands each job to exactly 1 waiter`)
}

function backoffParameters(design: DesignReader): void {
  const base = design.need(parameter('base'), 'duration')
  if (base !== undefined && (base <= 0 || base > 1)) design.flaw(parameter('base'), `a base of ${figure(base)} s is not in (0 s, 1 s]; the first retry after an empty receive should come within a second`)
  design.need(parameter('factor'), 'count')
  const max = design.need(parameter('max'), 'duration')
  if (max !== undefined && (max < 1 || max > 300)) design.flaw(parameter('max'), `a cap of ${figure(max)} s is outside 1 s to 5 min`)
  if (base !== undefined && max !== undefined && max < base) design.flaw(parameter('max'), `the cap (${figure(max)} s) is below the base (${figure(base)} s)`)
  const jitter = design.value(parameter('jitter'))
  if (jitter === undefined) design.missing(parameter('jitter'), 'this choice needs `jitter` (full or equal)')
  else if (jitter === 'none') design.flaw(parameter('jitter'), 'backoff without jitter keeps workers that went idle together in step, so the fleet still polls in bursts')
}

function handoffParameters(design: DesignReader): void {
  wakesOne(design)
  if (design.text(parameter('waiters')).trim() === '') design.missing(parameter('waiters'), 'say where the idle workers wait')
  const hasDispatchers = design.value(parameter('dispatchers')) !== undefined
  const hasWait = design.value(parameter('wait_timeout')) !== undefined
  if (hasDispatchers !== hasWait) design.flaw(PARAMETERS, '`dispatchers` and `wait_timeout` go together (dispatchers that long-poll for the workers)')
  if (hasWait) waitInRange(design, '')
}

function creditParameters(design: DesignReader): void {
  const prefetch = design.need(parameter('prefetch_per_worker'), 'count')
  if (prefetch !== undefined && prefetch < 1) design.flaw(parameter('prefetch_per_worker'), `a credit of ${figure(prefetch)} per worker lets the broker push nothing; it must be at least 1`)
  const heartbeat = design.need(parameter('heartbeat'), 'duration')
  if (heartbeat !== undefined && heartbeat <= 0) design.flaw(parameter('heartbeat'), 'the heartbeat interval must be longer than 0 s')
}

/** The chosen design's parameters must be present and in a sensible range (one line per problem). */
const mitigationParameters = designCheck((design) => {
  const choice = choiceOf(design)
  switch (choice) {
    case 'long_polling':
      waitInRange(design, ' (shorter waits cost idle requests, longer ones run into proxy timeouts)')
      wakesOne(design)
      return
    case 'jittered_exponential_backoff':
      return backoffParameters(design)
    case 'wake_one_handoff':
      return handoffParameters(design)
    case 'push_with_credits':
      return creditParameters(design)
    default:
      design.flaw(CHOICE, `\`${choice}\` has no parameters that remove the herd`)
  }
})

/** A rate with how it was reached, for the learner. */
interface Implied {
  readonly rate: number
  readonly working: string
}

/** The fleet's rate when every worker sends one request per `interval / divisor` seconds. */
function perWorker(design: DesignReader, pointer: string, what: string, divisor = 1): Implied | undefined {
  const interval = design.need(pointer, 'duration')
  if (interval === undefined) return undefined
  const mean = interval / divisor
  if (!(mean > 0)) {
    design.flaw(PARAMETERS, `${what} of ${figure(mean)} s gives no finite request rate`)
    return undefined
  }
  return {rate: WORKERS / mean, working: `${figure(WORKERS)} workers / ${figure(mean)} s ${what}`}
}

/** The idle request rate the learner's own parameters imply, or undefined with why recorded. */
function impliedIdle(design: DesignReader): Implied | undefined {
  switch (choiceOf(design)) {
    case 'long_polling':
      return perWorker(design, parameter('wait_timeout'), 'wait per request')
    case 'jittered_exponential_backoff': {
      const jitter = design.value(parameter('jitter'))
      // At the cap a sleep is uniform on [0, max] (full), [max/2, max] (equal) or exactly max (none).
      const divisor = jitter === 'full' ? 2 : jitter === 'equal' ? 4 / 3 : 1
      const what = jitter === 'full' ? 'mean sleep at the cap (max / 2)' : jitter === 'equal' ? 'mean sleep at the cap (3 × max / 4)' : 'sleep at the cap'
      return perWorker(design, parameter('max'), what, divisor)
    }
    case 'wake_one_handoff': {
      if (design.value(parameter('dispatchers')) === undefined) return {rate: 0, working: 'idle workers wait on a wake-one signal and send nothing'}
      const dispatchers = design.need(parameter('dispatchers'), 'count')
      const wait = design.need(parameter('wait_timeout'), 'duration')
      if (dispatchers === undefined || wait === undefined) return undefined
      if (!(wait > 0)) {
        design.flaw(parameter('wait_timeout'), 'must be longer than 0 s')
        return undefined
      }
      return {rate: dispatchers / wait, working: `${figure(dispatchers)} dispatchers / ${figure(wait)} s wait per request`}
    }
    case 'push_with_credits':
      return perWorker(design, parameter('heartbeat'), 'heartbeat interval')
    default:
      design.flaw(CHOICE, `\`${choiceOf(design)}\` is not a design whose idle cost this rule judges`)
      return undefined
  }
}

/** `idle_requests` equals the rate the learner's own parameters imply, within 5 %. */
const idleRequestsMatchParameters = designCheck((design) => {
  const stated = design.quantity(IDLE, 'rate').value
  const implied = impliedIdle(design)
  if (!implied) {
    design.problem(`so ${IDLE} cannot be checked against your parameters`)
    return
  }
  if (Math.abs(stated - implied.rate) <= IDLE_SLACK_RPS) return
  design.agree({pointer: IDLE, stated, computed: implied.rate, tolerance: IDLE_TOLERANCE, working: implied.working, unit: 'req/s'})
})

/** The stated idle cost fits the 4-core budget: at most 8,000 req/s at 0.5 ms each. */
const idleRequestsWithinBudget = designCheck((design) => {
  const stated = design.quantity(IDLE, 'rate')
  if (stated.value <= BUDGET_RPS * (1 + 1e-9)) return
  design.flaw(IDLE, `\`${stated.text}\` costs ${figure(stated.value * RECEIVE_CPU_S)} cores at 0.5 ms per request, more than the ${BUDGET_CORES}-core budget for receive traffic`)
})

export default defineGrader({
  documentChecks: {mitigationParameters, idleRequestsMatchParameters, idleRequestsWithinBudget},
})
