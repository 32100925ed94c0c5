/**
 * Document checks of the thundering-herd grader: the rules that relate the learner's fields to each
 * other and to the scenario. The chosen design's parameters must be present and sensible, its stated
 * idle cost must be the one those parameters imply for the scenario's fleet (never a fleet the
 * design made up) and fit the queue's receive budget, and the reconnect backoff must grow and spread
 * the fleet's reconnects widely enough for that budget. Every figure of the scenario comes from
 * `design.figure`, so a learner graded with a variant is judged against their own figures. Every
 * check returns a verdict, never throws, on any schema-valid document.
 */
import {defineGrader, designCheck, figure, parseQuantity, type DesignReader} from 'course/kit'

/** Relative tolerance for the idle cost against the one the parameters imply. */
const IDLE_TOLERANCE = 0.05
/** Near zero a relative tolerance means nothing: a stated rate this close to the implied one passes. */
const IDLE_SLACK_RPS = 0.01

/** A long-poll wait (s): below this the idle cost climbs, above it proxies cut the connection. */
const WAIT_MIN_S = 1
const WAIT_MAX_S = 60
/** A backoff cap (s): at least a second, at most five minutes of silence from a worker. */
const CAP_MIN_S = 1
const CAP_MAX_S = 300
/** The first window of the backoff against an empty queue: a new job should be seen within a second. */
const IDLE_BASE_MAX_S = 1
/** Growth of a backoff window per attempt: more than 1 (it must grow), at most 10 (it must not jump to the cap). */
const FACTOR_MAX = 10
/** Jobs a broker may push to one worker ahead of its acknowledgement: more lets one worker hoard long transcodes. */
const PREFETCH_MAX = 10
/** A heartbeat (s): at least a second, and a dead worker noticed within five minutes. */
const HEARTBEAT_MIN_S = 1
const HEARTBEAT_MAX_S = 300

const CHOICE = '/mitigation/choice'
const PARAMETERS = '/mitigation/parameters'
const IDLE = '/mitigation/idle_requests'
const RECONNECT = '/reconnect_backoff'

const parameter = (name: string) => `${PARAMETERS}/${name}`
const reconnect = (name: string) => `${RECONNECT}/${name}`
const choiceOf = (design: DesignReader): string => String(design.value(CHOICE))

/** The scenario, read through the kit: the learner's variant when grading with variants. */
function fleet(design: DesignReader) {
  const receiveCpu = design.figure('receive_cpu')
  const budgetCores = design.figure('budget_cores')
  return {
    workers: design.figure('workers'),
    hosts: design.figure('hosts'),
    receiveCpu,
    budgetCores,
    /** Receive requests per second the budget pays for: 4 cores / 0.5 ms = 8,000 req/s. */
    budgetRps: budgetCores / receiveCpu,
  }
}

/** True for a whole number (a count of processes or jobs). */
const whole = (value: number) => Math.abs(value - Math.round(value)) < 1e-9

/** A duration within [min, max] seconds, with why the range holds. */
function durationIn(design: DesignReader, pointer: string, min: number, max: number, what: string, why: string): number | undefined {
  const value = design.need(pointer, 'duration')
  if (value !== undefined && (value < min || value > max)) design.flaw(pointer, `${what} of ${figure(value)} s is outside ${figure(min)} s to ${figure(max)} s: ${why}`)
  return value
}

/** A growth factor: above 1 (a window that never grows retries a dead queue at the same rate forever), at most 10. */
function growthFactor(design: DesignReader, pointer: string): number | undefined {
  const factor = design.need(pointer, 'count')
  if (factor === undefined) return undefined
  if (factor <= 1) design.flaw(pointer, `a factor of ${figure(factor)} never widens the window: every later attempt comes as fast as the first, so a queue that stays down is retried at the same rate for ever; use a factor above 1 (2 doubles the window)`)
  else if (factor > FACTOR_MAX) design.flaw(pointer, `a factor of ${figure(factor)} jumps from the first window almost straight to the cap, so there is no gradual spreading; use a factor above 1 and at most ${FACTOR_MAX}`)
  return factor
}

/** A design that removes the herd hands each job to exactly one waiter. */
function wakesOne(design: DesignReader): void {
  const wakeups = design.need(parameter('wakeups_per_task'), 'count')
  if (wakeups !== undefined && wakeups !== 1) design.flaw(parameter('wakeups_per_task'), `${figure(wakeups)} wake-ups per job; a design that removes the herd hands each job to exactly 1 waiter`)
}

function backoffParameters(design: DesignReader): void {
  const base = design.need(parameter('base'), 'duration')
  if (base !== undefined && (base <= 0 || base > IDLE_BASE_MAX_S)) design.flaw(parameter('base'), `a base of ${figure(base)} s is not in (0 s, ${IDLE_BASE_MAX_S} s]; the first poll after an empty receive should come within a second`)
  growthFactor(design, parameter('factor'))
  const max = durationIn(design, parameter('max'), CAP_MIN_S, CAP_MAX_S, 'a cap', 'a shorter cap keeps the fleet polling fast, a longer one leaves a worker silent for minutes')
  if (base !== undefined && max !== undefined && max < base) design.flaw(parameter('max'), `the cap (${figure(max)} s) is below the base (${figure(base)} s), so the window never grows`)
  const jitter = design.value(parameter('jitter'))
  if (jitter === undefined) design.missing(parameter('jitter'), 'this choice needs `jitter` (full or equal)')
  else if (jitter === 'none') design.flaw(parameter('jitter'), 'backoff without jitter keeps workers that went idle together in step, so the fleet still polls in bursts')
}

function handoffParameters(design: DesignReader): void {
  const {workers, hosts} = fleet(design)
  wakesOne(design)
  design.needText(parameter('waiters'), 'say where the idle workers wait')
  // A wake-one signal (a condition variable, an exclusive wait) lives on one host: something on
  // each host must take the jobs from the queue for its workers, and that is the dispatchers.
  const dispatchers = design.need(parameter('dispatchers'), 'count', 'a wake-one signal works inside one host, so say how many dispatchers take jobs from the queue for the waiting workers')
  if (dispatchers !== undefined) {
    if (!whole(dispatchers)) design.flaw(parameter('dispatchers'), `${figure(dispatchers)} is not a whole number of processes`)
    else if (dispatchers < hosts) design.flaw(parameter('dispatchers'), `${figure(dispatchers)} dispatchers for ${figure(hosts)} hosts: a wake-one signal reaches only the workers of its own host, so every host needs at least one dispatcher`)
    else if (dispatchers > workers) design.flaw(parameter('dispatchers'), `${figure(dispatchers)} dispatchers for ${figure(workers)} workers: more dispatchers than workers hold more connections at the queue than the workers would themselves`)
  }
  durationIn(design, parameter('wait_timeout'), WAIT_MIN_S, WAIT_MAX_S, 'a long-poll wait', 'shorter waits cost idle requests, longer ones run into proxy timeouts')
}

function creditParameters(design: DesignReader): void {
  const prefetch = design.need(parameter('prefetch_per_worker'), 'count')
  if (prefetch !== undefined) {
    if (prefetch < 1) design.flaw(parameter('prefetch_per_worker'), `a credit of ${figure(prefetch)} per worker lets the broker push nothing; it must be at least 1`)
    else if (!whole(prefetch)) design.flaw(parameter('prefetch_per_worker'), `a credit of ${figure(prefetch)} is not a whole number of jobs`)
    else if (prefetch > PREFETCH_MAX) design.flaw(parameter('prefetch_per_worker'), `a credit of ${figure(prefetch)} jobs per worker lets the first workers to connect hoard long transcodes while others sit idle; keep it between 1 and ${PREFETCH_MAX}`)
  }
  durationIn(design, parameter('heartbeat'), HEARTBEAT_MIN_S, HEARTBEAT_MAX_S, 'a heartbeat interval', 'shorter heartbeats cost idle requests, longer ones leave jobs pushed to a dead worker stranded for that long')
}

/** The chosen design's parameters must be present and in a sensible range (one line per problem). */
const mitigationParameters = designCheck((design) => {
  const choice = choiceOf(design)
  switch (choice) {
    case 'long_polling':
      durationIn(design, parameter('wait_timeout'), WAIT_MIN_S, WAIT_MAX_S, 'a long-poll wait', 'shorter waits cost idle requests, longer ones run into proxy timeouts')
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
    design.flaw(pointer, `${what} of ${figure(mean)} s gives no finite request rate`)
    return undefined
  }
  const {workers} = fleet(design)
  return {rate: workers / mean, working: `${figure(workers)} workers / ${figure(mean)} s ${what}`}
}

/** The idle request rate the learner's own parameters imply for the scenario's fleet, or undefined with why recorded. */
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
      const dispatchers = design.need(parameter('dispatchers'), 'count', 'the idle cost of a hand-off is what its dispatchers send to the queue')
      const wait = design.need(parameter('wait_timeout'), 'duration', 'the idle cost of a hand-off is its dispatchers divided by how long each request is held')
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

/** `idle_requests` equals the rate the learner's own parameters imply for the scenario's fleet, within 5 %. */
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

/** The stated idle cost fits the receive budget: at most budget_cores / receive_cpu requests per second. */
const idleRequestsWithinBudget = designCheck((design) => {
  const {receiveCpu, budgetRps} = fleet(design)
  const stated = design.quantity(IDLE, 'rate')
  if (stated.value <= budgetRps * (1 + 1e-9)) return
  design.flaw(IDLE, `\`${stated.text}\` costs ${figure(stated.value * receiveCpu)} cores at ${design.figureText('receive_cpu')} per request, more than the ${design.figureText('budget_cores')} receive traffic may use`)
})

/**
 * Who reconnects after the queue restarts: the processes that hold connections at the queue. In a
 * hand-off through dispatchers only the dispatchers do (when their count is sensible); in every
 * other design each worker does.
 */
function reconnectingClients(design: DesignReader): {count: number; who: string} {
  const {workers, hosts} = fleet(design)
  if (choiceOf(design) === 'wake_one_handoff') {
    const parsed = parseQuantity(design.value(parameter('dispatchers')), 'count')
    const count = parsed.ok ? parsed.quantity.value : Number.NaN
    if (Number.isFinite(count) && whole(count) && count >= hosts && count <= workers) return {count, who: `${figure(count)} dispatchers`}
  }
  return {count: workers, who: `${figure(workers)} workers`}
}

/**
 * The reconnect backoff spreads a restart's reconnects within the receive budget and grows after
 * that: the first window wide enough for the fleet (full jitter spreads over the whole base, equal
 * jitter over its upper half), no wider than the spread the scenario asks about, a factor above 1,
 * and a cap no lower than the base.
 */
const reconnectSpreadsFleet = designCheck((design) => {
  const {receiveCpu, budgetCores} = fleet(design)
  const spreadLimit = design.figure('reconnect_spread')
  const base = design.need(reconnect('base'), 'duration')
  const max = design.need(reconnect('max'), 'duration')
  growthFactor(design, reconnect('factor'))
  const jitter = design.value(reconnect('jitter'))
  if (base !== undefined) {
    if (!(base > 0)) design.flaw(reconnect('base'), 'the first window must be longer than 0 s')
    else {
      // Jitter `none` is the reconnect-jitter case's to judge: every reconnect then lands at one instant.
      const share = jitter === 'full' ? 1 : jitter === 'equal' ? 0.5 : undefined
      if (share !== undefined) {
        const clients = reconnectingClients(design)
        const spread = base * share
        const needed = (clients.count * receiveCpu) / budgetCores
        const cores = (clients.count * receiveCpu) / spread
        const how = jitter === 'full' ? `full jitter spreads the first reconnects over [0, ${figure(base)} s]` : `equal jitter spreads the first reconnects over [${figure(base / 2)} s, ${figure(base)} s], ${figure(spread)} s wide`
        const least = jitter === 'full' ? `a base of at least ${figure(needed)} s` : `a base of at least ${figure(needed / share)} s with equal jitter`
        if (cores > budgetCores * (1 + 1e-9)) {
          design.flaw(reconnect('base'), `${how}: ${clients.who} × ${design.figureText('receive_cpu')} / ${figure(spread)} s = ${figure(cores)} cores, more than the ${design.figureText('budget_cores')} receive traffic may use; spreading them over ${figure(needed)} s or more needs ${least}`)
        }
      }
      if (base > spreadLimit * (1 + 1e-9)) design.flaw(reconnect('base'), `a first window of ${figure(base)} s keeps a worker whose connection dropped away for longer than the ${design.figureText('reconnect_spread')} spread of question 5; widen it only as far as the budget needs`)
    }
  }
  if (max !== undefined && base !== undefined && base > 0 && max < base) design.flaw(reconnect('max'), `the cap (${figure(max)} s) is below the base (${figure(base)} s), so the window never grows`)
})

export default defineGrader({
  documentChecks: {mitigationParameters, idleRequestsMatchParameters, idleRequestsWithinBudget, reconnectSpreadsFleet},
})
