/**
 * The defences in `mitigations`, each judged on its own parameters: the circuit breaker (and that
 * it counts timeouts, since D never returns an error), the fallback at C, the retry budget (and
 * that it never retries a timeout), the bulkhead sized from the learner's own C → D timeout, load
 * shedding and deadline propagation.
 */
import {designCheck, figure, parseQuantity, Unreadable, type DesignReader} from 'course/kit'
import {ARRIVALS, C_POOL, EPSILON, ms} from './scenario.js'

/** The parameters of the one entry of `mitigations` with this choice; none or several ends the check. */
function entry(design: DesignReader, choice: string): string {
  const indexes = design.list('/mitigations').flatMap((item, i) => (item !== null && typeof item === 'object' && (item as Record<string, unknown>).choice === choice ? [i] : []))
  if (indexes.length === 1) return `/mitigations/${indexes[0]}/parameters`
  if (indexes.length === 0) throw new Unreadable(`${design.at('/mitigations')} no \`${choice}\` entry`)
  throw new Unreadable(`${design.at(`/mitigations/${indexes[1]}`)} \`${choice}\` appears ${indexes.length} times (entries ${indexes.join(', ')}); use each choice once`)
}

const TIMEOUT = /time[\s_-]?outs?|timed[\s_-]?out|deadline[\s_-]?exceeded/i
const ANYTHING = /^\s*(\*|all|any|everything|(all|any)[\s_-]?(failures?|errors?|outcomes?))\s*$/i

/** The entries of a list parameter that mean timeouts, or every outcome, timeouts included. */
function timeoutEntries(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.map(String).filter((s) => TIMEOUT.test(s) || ANYTHING.test(s))
}

/** A breaker's window: a number of calls or a duration, more than nothing either way. */
function breakerWindow(design: DesignReader, pointer: string): void {
  if (!design.has(pointer)) {
    design.missing(pointer, 'this choice needs `window` (a number of calls or a duration)')
    return
  }
  const window = design.value(pointer)
  const calls = parseQuantity(window, 'count')
  const time = parseQuantity(window, 'duration')
  const size = calls.ok ? calls.quantity.value : time.ok ? time.quantity.value : undefined
  if (size === undefined) design.flaw(pointer, `\`${String(window)}\` is neither a number of calls nor a duration`)
  else if (!(size > 0)) design.flaw(pointer, 'the window must hold more than 0 calls or last longer than 0 s')
}

/** A circuit breaker with a threshold in [10 %, 90 %], a window, min calls, open 1 s to 5 min, probes. */
export const circuitBreaker = designCheck((design) => {
  const P = entry(design, 'circuit_breaker')
  const threshold = design.need(`${P}/failure_rate_threshold`, 'ratio')
  if (threshold !== undefined && (threshold < 0.1 - EPSILON || threshold > 0.9 + EPSILON)) design.flaw(`${P}/failure_rate_threshold`, `a threshold of ${figure(threshold * 100)} % is outside 10 % to 90 %`)
  breakerWindow(design, `${P}/window`)
  const minCalls = design.need(`${P}/min_calls`, 'count')
  if (minCalls !== undefined && minCalls < 1) design.flaw(`${P}/min_calls`, 'at least one call must be seen before the breaker may open')
  const open = design.need(`${P}/open_duration`, 'duration')
  if (open !== undefined && (open < 1 - EPSILON || open > 300 + EPSILON)) design.flaw(`${P}/open_duration`, `an open period of ${figure(open)} s is outside 1 s to 5 min`)
  const probes = design.need(`${P}/half_open_probes`, 'count')
  if (probes !== undefined && probes < 1) design.flaw(`${P}/half_open_probes`, 'at least one probe call must test the dependency before the breaker closes')
})

/** The breaker counts timeouts as failures: D never returns an error. */
export const breakerCountsTimeouts = designCheck((design) => {
  const pointer = `${entry(design, 'circuit_breaker')}/counts_as_failure`
  const value = design.value(pointer)
  if (timeoutEntries(value).length > 0) return
  if (value === undefined) {
    design.missing(pointer, 'without timeouts in it the breaker never opens while D is slow')
    return
  }
  const listed = Array.isArray(value) ? value.map((v) => `\`${String(v)}\``).join(', ') : `\`${String(value)}\``
  design.flaw(pointer, `counts ${listed} but not timeouts; D returns no errors, so this breaker never opens`)
})

/** A fallback at C whose answer does not come from D. */
export const fallbackAtC = designCheck((design) => {
  const P = entry(design, 'fallback')
  const at = design.value(`${P}/at`)
  if (at !== 'C') {
    design.flaw(at === undefined ? P : `${P}/at`, `the fallback ${at === undefined ? 'does not say where it runs' : `runs at ${String(at)}`}; it belongs at C, the caller of the slow service`)
  }
  const response = design.needText(`${P}/response`)
  if (response !== undefined && /\bD\b/.test(response)) design.flaw(`${P}/response`, "the fallback's answer involves D, the service that is slow; it must come from something that does not call D")
})

/** A retry budget of at most 20 % with at most 3 attempts per call. */
export const retryBudget = designCheck((design) => {
  const P = entry(design, 'retry_budget')
  const budget = design.need(`${P}/budget`, 'ratio')
  if (budget !== undefined && !(budget >= 0 && budget <= 0.2 + EPSILON)) design.flaw(`${P}/budget`, `a budget of ${figure(budget * 100)} % is not between 0 % and 20 %`)
  const attempts = design.need(`${P}/max_attempts`, 'count')
  if (attempts !== undefined && !(attempts >= 1 && attempts <= 3)) design.flaw(`${P}/max_attempts`, `${figure(attempts)} attempts per call is not between 1 and 3`)
})

/** Retries never retry timeouts (nor "everything", which includes them). */
export const retriesSkipTimeouts = designCheck((design) => {
  const pointer = `${entry(design, 'retry_budget')}/retry_on`
  const value = design.value(pointer)
  if (value === undefined) {
    design.missing(pointer, 'say which outcomes are retried, so that it is clear timeouts are not')
    return
  }
  const bad = timeoutEntries(value)
  if (bad.length > 0) design.flaw(pointer, `retries ${bad.map((b) => `\`${b}\``).join(', ')}; a retried timeout adds load to the dependency that is already too slow`)
})

/** A bulkhead at C for D: at least arrivals × the learner's C → D timeout threads, fewer than C's 200. */
export const bulkheadSized = designCheck((design) => {
  const P = entry(design, 'bulkhead')
  const at = design.value(`${P}/at`)
  const target = design.value(`${P}/for`)
  if (at !== 'C') design.flaw(at === undefined ? P : `${P}/at`, `the bulkhead ${at === undefined ? 'does not say where it is' : `is at ${String(at)}`}; this rule judges one at C`)
  if (target !== 'D') design.flaw(target === undefined ? P : `${P}/for`, `the bulkhead ${target === undefined ? 'does not say which calls it holds' : `holds calls to ${String(target)}`}; this rule judges one for calls to D`)
  const size = design.need(`${P}/size`, 'count')
  const timeout = design.need('/timeouts/c_to_d', 'duration', 'the bulkhead is sized from the C → D timeout')
  if (size === undefined || timeout === undefined) return
  const needed = ARRIVALS * timeout
  // Half a thread of slack: a size rounded to the nearest whole thread passes.
  if (size < needed - 0.5) {
    design.flaw(`${P}/size`, `${figure(size)} threads, but ${figure(ARRIVALS)}/s × your C → D timeout of ${ms(timeout)} = ${figure(needed)} calls can be waiting at once, so the bulkhead rejects calls when D is slow`)
  }
  if (size >= C_POOL) design.flaw(`${P}/size`, `${figure(size)} threads is not fewer than C's whole pool of ${C_POOL}; the bulkhead must leave threads for C's other work`)
})

/** Load shedding at a service with a pool (A, B or C), with a rule and a response. */
export const loadShedding = designCheck((design) => {
  const P = entry(design, 'load_shedding')
  const at = design.value(`${P}/at`)
  const where = 'shed where requests take threads from a pool: A, B or C'
  if (at === undefined) design.missing(`${P}/at`, where)
  else if (at !== 'A' && at !== 'B' && at !== 'C') design.flaw(`${P}/at`, `shedding at ${String(at)}; ${where}`)
  design.needText(`${P}/rule`)
  design.needText(`${P}/response`)
})

/** Deadline propagation with a header and a reserve per hop above 0 and at most 250 ms (1 s over 4 hops). */
export const deadlinePropagation = designCheck((design) => {
  const P = entry(design, 'deadline_propagation')
  design.needText(`${P}/header`)
  const reserve = design.need(`${P}/reserve_per_hop`, 'duration')
  if (reserve !== undefined && !(reserve > 0 && reserve <= 0.25 + EPSILON)) design.flaw(`${P}/reserve_per_hop`, `a reserve of ${ms(reserve)} per hop is not above 0 and at most 250 ms (four hops must fit the 1 s objective)`)
})
