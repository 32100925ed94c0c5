/**
 * Document checks of the thundering-herd grader: the rules that relate the learner's fields to each
 * other. The chosen design's parameters must be present and sensible, and its stated idle cost must
 * be the one those parameters imply (recomputed here from the learner's own figures) and fit the
 * queue's 4-core budget. Every check returns a verdict, never throws, on any schema-valid document.
 */
import type {DocumentCheck, DocumentCheckContext, Verdict} from '../../src/core/grading/definition.js'
import {valueAt} from '../../src/core/grading/document.js'
import type {QuantityKindName} from '../../src/core/capacity/kinds.js'
import {parseQuantity} from '../../src/core/capacity/quantity.js'

/** The scenario. */
const WORKERS = 10_000
const RECEIVE_CPU_S = 0.0005
const BUDGET_CORES = 4
/** 4 cores / 0.5 ms per request = 8,000 req/s. */
const BUDGET_RPS = BUDGET_CORES / RECEIVE_CPU_S
/** Relative tolerance for the idle cost against the one the parameters imply. */
const IDLE_TOLERANCE = 0.05

const PARAMETERS = '/mitigation/parameters'
const IDLE = '/mitigation/idle_requests'

const pass: Verdict = {passed: true}
const fail = (detail: string): Verdict => ({passed: false, detail})

/** A number formatted for messages: at most four significant digits, no exponent for everyday sizes. */
function fmt(value: number): string {
  if (value === 0) return '0'
  const rounded = Number(value.toPrecision(4))
  return rounded.toLocaleString('en-US', {maximumFractionDigits: 6})
}

type Read = {ok: true; value: number; text: string} | {ok: false; problem: string}

/** A parameter read as a quantity of `kind` (value in the kind's canonical unit: s, req/s, count). */
function readParameter(context: DocumentCheckContext, name: string, kind: QuantityKindName): Read {
  const pointer = `${PARAMETERS}/${name}`
  const raw = valueAt(context.document, pointer)
  if (raw === undefined || raw === null || raw === '') return {ok: false, problem: `${context.where(PARAMETERS)} ${pointer}: missing; this choice needs \`${name}\``}
  const parsed = parseQuantity(raw, kind)
  if (!parsed.ok) return {ok: false, problem: `${context.where(pointer)} ${pointer}: ${parsed.message}`}
  return {ok: true, value: parsed.quantity.value, text: parsed.quantity.text}
}

const choiceOf = (context: DocumentCheckContext): string => String(valueAt(context.document, '/mitigation/choice'))

/** The chosen design's parameters must be present and in a sensible range (one line per problem). */
const mitigationParameters: DocumentCheck = (context) => {
  const {where} = context
  const problems: string[] = []
  const at = (name: string) => `${where(`${PARAMETERS}/${name}`)} ${PARAMETERS}/${name}`
  const need = (name: string, kind: QuantityKindName): number | undefined => {
    const read = readParameter(context, name, kind)
    if (read.ok) return read.value
    problems.push(read.problem)
    return undefined
  }
  const wakesOne = () => {
    const wakeups = need('wakeups_per_task', 'count')
    if (wakeups !== undefined && wakeups !== 1) problems.push(`${at('wakeups_per_task')}: ${fmt(wakeups)} wake-ups per job; a design that removes the herd hands each job to exactly 1 waiter`)
  }
  const choice = choiceOf(context)
  switch (choice) {
    case 'long_polling': {
      const wait = need('wait_timeout', 'duration')
      if (wait !== undefined && (wait < 1 || wait > 60)) problems.push(`${at('wait_timeout')}: a long-poll wait of ${fmt(wait)} s is outside 1 s to 60 s (shorter waits cost idle requests, longer ones run into proxy timeouts)`)
      wakesOne()
      break
    }
    case 'jittered_exponential_backoff': {
      const base = need('base', 'duration')
      if (base !== undefined && (base <= 0 || base > 1)) problems.push(`${at('base')}: a base of ${fmt(base)} s is not in (0 s, 1 s]; the first retry after an empty receive should come within a second`)
      need('factor', 'count')
      const max = need('max', 'duration')
      if (max !== undefined && (max < 1 || max > 300)) problems.push(`${at('max')}: a cap of ${fmt(max)} s is outside 1 s to 5 min`)
      if (base !== undefined && max !== undefined && max < base) problems.push(`${at('max')}: the cap (${fmt(max)} s) is below the base (${fmt(base)} s)`)
      const jitter = valueAt(context.document, `${PARAMETERS}/jitter`)
      if (jitter === undefined) problems.push(`${where(PARAMETERS)} ${PARAMETERS}/jitter: missing; this choice needs \`jitter\` (full or equal)`)
      else if (jitter === 'none') problems.push(`${at('jitter')}: backoff without jitter keeps workers that went idle together in step, so the fleet still polls in bursts`)
      break
    }
    case 'wake_one_handoff': {
      wakesOne()
      const waiters = valueAt(context.document, `${PARAMETERS}/waiters`)
      if (typeof waiters !== 'string' || waiters.trim() === '') problems.push(`${where(PARAMETERS)} ${PARAMETERS}/waiters: missing; say where the idle workers wait`)
      const hasDispatchers = valueAt(context.document, `${PARAMETERS}/dispatchers`) !== undefined
      const hasWait = valueAt(context.document, `${PARAMETERS}/wait_timeout`) !== undefined
      if (hasDispatchers !== hasWait) problems.push(`${where(PARAMETERS)} ${PARAMETERS}: \`dispatchers\` and \`wait_timeout\` go together (dispatchers that long-poll for the workers)`)
      if (hasWait) {
        const wait = need('wait_timeout', 'duration')
        if (wait !== undefined && (wait < 1 || wait > 60)) problems.push(`${at('wait_timeout')}: a long-poll wait of ${fmt(wait)} s is outside 1 s to 60 s`)
      }
      break
    }
    case 'push_with_credits': {
      const prefetch = need('prefetch_per_worker', 'count')
      if (prefetch !== undefined && prefetch < 1) problems.push(`${at('prefetch_per_worker')}: a credit of ${fmt(prefetch)} per worker lets the broker push nothing; it must be at least 1`)
      const heartbeat = need('heartbeat', 'duration')
      if (heartbeat !== undefined && heartbeat <= 0) problems.push(`${at('heartbeat')}: the heartbeat interval must be longer than 0 s`)
      break
    }
    default:
      return fail(`${where('/mitigation/choice')} /mitigation/choice: \`${choice}\` has no parameters that remove the herd`)
  }
  return problems.length === 0 ? pass : fail(problems.join('\n'))
}

/**
 * The idle request rate the learner's own parameters imply, with the working, or why it cannot be
 * computed.
 */
function impliedIdle(context: DocumentCheckContext): {ok: true; rate: number; working: string} | {ok: false; problem: string} {
  const read = (name: string, kind: QuantityKindName) => readParameter(context, name, kind)
  const perWorker = (interval: Read, what: string, divisor = 1) => {
    if (!interval.ok) return {ok: false as const, problem: interval.problem}
    const mean = interval.value / divisor
    if (!(mean > 0)) return {ok: false as const, problem: `${context.where(PARAMETERS)} ${PARAMETERS}: ${what} of ${fmt(mean)} s gives no finite request rate`}
    return {ok: true as const, rate: WORKERS / mean, working: `${fmt(WORKERS)} workers / ${fmt(mean)} s ${what}`}
  }
  switch (choiceOf(context)) {
    case 'long_polling':
      return perWorker(read('wait_timeout', 'duration'), 'wait per request')
    case 'jittered_exponential_backoff': {
      const jitter = valueAt(context.document, `${PARAMETERS}/jitter`)
      // At the cap a sleep is uniform on [0, max] (full), [max/2, max] (equal) or exactly max (none).
      const divisor = jitter === 'full' ? 2 : jitter === 'equal' ? 4 / 3 : 1
      const what = jitter === 'full' ? 'mean sleep at the cap (max / 2)' : jitter === 'equal' ? 'mean sleep at the cap (3 × max / 4)' : 'sleep at the cap'
      return perWorker(read('max', 'duration'), what, divisor)
    }
    case 'wake_one_handoff': {
      if (valueAt(context.document, `${PARAMETERS}/dispatchers`) === undefined) return {ok: true, rate: 0, working: 'idle workers wait on a wake-one signal and send nothing'}
      const dispatchers = read('dispatchers', 'count')
      const wait = read('wait_timeout', 'duration')
      if (!dispatchers.ok) return {ok: false, problem: dispatchers.problem}
      if (!wait.ok) return {ok: false, problem: wait.problem}
      if (!(wait.value > 0)) return {ok: false, problem: `${context.where(`${PARAMETERS}/wait_timeout`)} ${PARAMETERS}/wait_timeout: must be longer than 0 s`}
      return {ok: true, rate: dispatchers.value / wait.value, working: `${fmt(dispatchers.value)} dispatchers / ${fmt(wait.value)} s wait per request`}
    }
    case 'push_with_credits':
      return perWorker(read('heartbeat', 'duration'), 'heartbeat interval')
    default:
      return {ok: false, problem: `${context.where('/mitigation/choice')} /mitigation/choice: \`${choiceOf(context)}\` is not a design whose idle cost this rule judges`}
  }
}

/** `idle_requests` equals the rate the learner's own parameters imply, within 5 %. */
const idleRequestsMatchParameters: DocumentCheck = (context) => {
  const stated = parseQuantity(valueAt(context.document, IDLE), 'rate')
  if (!stated.ok) return fail(`${context.where(IDLE)} ${IDLE}: ${stated.message}`)
  const implied = impliedIdle(context)
  if (!implied.ok) return fail(`${implied.problem}\nso ${IDLE} cannot be checked against your parameters`)
  const got = stated.quantity.value
  const allowed = Math.max(IDLE_TOLERANCE * implied.rate, 0.01)
  if (Math.abs(got - implied.rate) <= allowed) return pass
  const off = implied.rate > 0 ? `; ${((100 * Math.abs(got - implied.rate)) / implied.rate).toFixed(0)} % ${got > implied.rate ? 'too high' : 'too low'}, allowed: 5 %` : ''
  return fail(`${context.where(IDLE)} ${IDLE}: \`${stated.quantity.text}\`, but your parameters give ${fmt(implied.rate)} req/s (${implied.working}${off})`)
}

/** The stated idle cost fits the 4-core budget: at most 8,000 req/s at 0.5 ms each. */
const idleRequestsWithinBudget: DocumentCheck = ({document, where}) => {
  const stated = parseQuantity(valueAt(document, IDLE), 'rate')
  if (!stated.ok) return fail(`${where(IDLE)} ${IDLE}: ${stated.message}`)
  const rate = stated.quantity.value
  if (rate <= BUDGET_RPS * (1 + 1e-9)) return pass
  return fail(`${where(IDLE)} ${IDLE}: \`${stated.quantity.text}\` costs ${fmt(rate * RECEIVE_CPU_S)} cores at 0.5 ms per request, more than the ${BUDGET_CORES}-core budget for receive traffic`)
}

export const documentChecks: Record<string, DocumentCheck> = {mitigationParameters, idleRequestsMatchParameters, idleRequestsWithinBudget}
