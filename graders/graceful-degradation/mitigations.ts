/**
 * The defences in `mitigations`, each judged on its parameters, on their relations with each other
 * and with the scenario's figures: the circuit breaker (a window that can hold its minimum calls,
 * enough failures before it trips, timeouts counted since D never returns an error), the fallback
 * at C (what it calls, when it answers), the retry budget (a backoff that grows, is jittered and
 * fits the caller's deadline; timeouts never retried), the bulkhead sized from the learner's own
 * C → D timeout, load shedding between the normal load and the pool, and deadline propagation
 * whose budget still covers each callee's normal tail.
 */
import {designCheck, figure, parseQuantity, Unreadable, type DesignReader} from 'course/kit'
import {EPSILON, hops, ms, normalInFlight, perSecond} from './scenario.js'

/** The index of the one entry of `mitigations` with this choice, or undefined when there is none; several end the check. */
function find(design: DesignReader, choice: string): string | undefined {
  const indexes = design.list('/mitigations').flatMap((item, i) => (item !== null && typeof item === 'object' && (item as Record<string, unknown>).choice === choice ? [i] : []))
  if (indexes.length === 0) return undefined
  if (indexes.length === 1) return `/mitigations/${indexes[0]}/parameters`
  throw new Unreadable(`${design.at(`/mitigations/${indexes[1]}`)} \`${choice}\` appears ${indexes.length} times (entries ${indexes.join(', ')}); use each choice once`)
}

/** The parameters of the one entry of `mitigations` with this choice; none or several ends the check. */
function entry(design: DesignReader, choice: string): string {
  const pointer = find(design, choice)
  if (pointer === undefined) throw new Unreadable(`${design.at('/mitigations')} no \`${choice}\` entry`)
  return pointer
}

/** The entries of a list parameter as text (the schema makes them names from a fixed list). */
function names(design: DesignReader, pointer: string): string[] {
  return design.list(pointer).map(String)
}

/** A count that must be a whole number of at least `least`; undefined when missing or wrong. */
function wholeNumber(design: DesignReader, pointer: string, least: number, what: string): number | undefined {
  const value = design.need(pointer, 'count')
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < least) {
    design.flaw(pointer, `${figure(value)} is not a whole number of at least ${least}: ${what}`)
    return undefined
  }
  return value
}

/** The longest a breaker's window may look back: older calls say little about D now. */
const WINDOW_SPAN_MAX = 60
/** Failed calls a breaker must see before it may open, so that D's normal slow tail cannot trip it. */
const FAILURES_TO_TRIP = 5

/**
 * A circuit breaker at C: threshold in [10 %, 90 %]; a window (calls or a duration) spanning at
 * most a minute of traffic and able to hold the minimum calls; enough failures to trip that D's
 * normal tail never does; open 1 s to 5 min; a whole number of probes, no more than the window.
 */
export const circuitBreaker = designCheck((design) => {
  const P = entry(design, 'circuit_breaker')
  const arrivals = design.figure('arrivals')
  const at = design.value(`${P}/at`)
  if (at === undefined) design.missing(`${P}/at`, 'say which service the breaker guards; it belongs at C, on its calls to D')
  else if (at !== 'C') design.flaw(`${P}/at`, `a breaker at ${String(at)} does not stand between C and D, the slow service; C's calls to D keep holding threads`)
  const threshold = design.need(`${P}/failure_rate_threshold`, 'ratio')
  if (threshold !== undefined && (threshold < 0.1 - EPSILON || threshold > 0.9 + EPSILON)) design.flaw(`${P}/failure_rate_threshold`, `a threshold of ${figure(threshold * 100)} % is outside 10 % to 90 %`)
  const minCalls = wholeNumber(design, `${P}/min_calls`, 1, 'at least one call must be seen before the breaker may open')
  // The window in calls: counted directly, or the calls C makes to D in a time window.
  let windowCalls: number | undefined
  const W = `${P}/window`
  if (!design.has(W)) design.missing(W, 'this choice needs `window` (a number of calls or a duration)')
  else {
    const raw = design.value(W)
    const calls = parseQuantity(raw, 'count')
    const time = parseQuantity(raw, 'duration')
    if (calls.ok) windowCalls = calls.quantity.value
    else if (time.ok) windowCalls = arrivals * time.quantity.value
    else design.flaw(W, `\`${String(raw)}\` is neither a number of calls nor a duration`)
    if (windowCalls !== undefined && !(windowCalls >= 1)) {
      design.flaw(W, 'the window must hold at least one call')
      windowCalls = undefined
    }
    if (windowCalls !== undefined) {
      const span = windowCalls / arrivals
      if (span > WINDOW_SPAN_MAX + EPSILON) design.flaw(W, `at ${perSecond(arrivals)} this window spans ${figure(span)} s of calls; a breaker that judges D on calls older than ${WINDOW_SPAN_MAX} s opens long after D slows down`)
      if (minCalls !== undefined && minCalls > windowCalls + EPSILON) design.flaw(`${P}/min_calls`, `${figure(minCalls)} calls can never be in a window that holds ${figure(windowCalls)}${calls.ok ? '' : ` (${perSecond(arrivals)} × ${String(raw)})`}, so this breaker never opens`)
    }
  }
  if (threshold !== undefined && minCalls !== undefined && threshold * minCalls < FAILURES_TO_TRIP - EPSILON) {
    design.flaw(`${P}/min_calls`, `with ${figure(minCalls)} calls and a ${figure(threshold * 100)} % threshold, ${figure(Math.max(1, Math.ceil(threshold * minCalls - EPSILON)))} failed call(s) open the breaker; D's normal slow tail does that many times a day, so ask for at least ${FAILURES_TO_TRIP} failures before it may open`)
  }
  const open = design.need(`${P}/open_duration`, 'duration')
  if (open !== undefined && (open < 1 - EPSILON || open > 300 + EPSILON)) design.flaw(`${P}/open_duration`, `an open period of ${figure(open)} s is outside 1 s to 5 min`)
  const probes = wholeNumber(design, `${P}/half_open_probes`, 1, 'at least one whole probe call must test the dependency before the breaker closes')
  if (probes !== undefined && windowCalls !== undefined && probes > windowCalls + EPSILON) design.flaw(`${P}/half_open_probes`, `${figure(probes)} probes are more calls than the window of ${figure(windowCalls)} judges; a few probes decide whether D has recovered`)
})

/** The breaker counts timeouts as failures: D never returns an error. */
export const breakerCountsTimeouts = designCheck((design) => {
  const pointer = `${entry(design, 'circuit_breaker')}/counts_as_failure`
  const value = design.value(pointer)
  if (value === undefined) {
    design.missing(pointer, 'without timeouts in it the breaker never opens while D is slow')
    return
  }
  const listed = names(design, pointer)
  if (listed.includes('timeout')) return
  design.flaw(pointer, `counts ${listed.map((v) => `\`${v}\``).join(', ') || 'nothing'} but not \`timeout\`; D returns no errors, so this breaker never opens`)
})

/** What a fallback at C may call without waiting on the slow service or looping back up the chain. */
const UPSTREAM = new Set(['A', 'B', 'C'])

/**
 * A fallback at C that calls neither D nor anything upstream of C, and answers on timeouts, on an
 * open breaker (when there is one) and on a full bulkhead (when there is one).
 */
export const fallbackAtC = designCheck((design) => {
  const P = entry(design, 'fallback')
  const at = design.value(`${P}/at`)
  if (at !== 'C') {
    design.flaw(at === undefined ? P : `${P}/at`, `the fallback ${at === undefined ? 'does not say where it runs' : `runs at ${String(at)}`}; it belongs at C, the caller of the slow service`)
  }
  const callsPointer = `${P}/calls`
  if (design.value(callsPointer) === undefined) design.missing(callsPointer, 'list what the fallback calls (popularity_cache, static_default, or a service), so that it is clear it does not wait on D')
  else {
    const calls = names(design, callsPointer)
    if (calls.includes('D')) design.flaw(callsPointer, 'the fallback calls D, the service that is slow; it must answer from something that does not wait on D')
    const up = calls.filter((c) => UPSTREAM.has(c))
    if (up.length > 0) design.flaw(callsPointer, `the fallback calls ${up.join(', ')}, which wait on C themselves; a fallback at C answers from what C holds or from below it, never by calling back up the chain`)
  }
  design.needText(`${P}/response`)
  const whenPointer = `${P}/when`
  if (design.value(whenPointer) === undefined) {
    design.missing(whenPointer, 'say when the fallback answers (timeout, breaker_open, bulkhead_full, …)')
    return
  }
  const when = names(design, whenPointer)
  const needed: Array<[string, string]> = [['timeout', 'every call that times out before the breaker opens (and every slow probe) ends in an error for the user']]
  if (find(design, 'circuit_breaker') !== undefined) needed.push(['breaker_open', 'while the breaker is open users get errors instead of the degraded feed'])
  if (find(design, 'bulkhead') !== undefined) needed.push(['bulkhead_full', 'a call the bulkhead rejects ends in an error for the user'])
  for (const [condition, consequence] of needed) {
    if (!when.includes(condition)) design.flaw(whenPointer, `does not include \`${condition}\`: ${consequence}`)
  }
})

/** The deadline a hop's caller itself works under: the objective for A, the caller's caller's timeout below. */
const CALLER_DEADLINE: Record<string, string | undefined> = {a_to_b: undefined, b_to_c: 'a_to_b', c_to_d: 'b_to_c', d_to_e: 'c_to_d'}

/** A retry budget above 0 and at most 20 %, 2 or 3 attempts per call, and a backoff that grows, is jittered and fits. */
export const retryBudget = designCheck((design) => {
  const P = entry(design, 'retry_budget')
  const budget = design.need(`${P}/budget`, 'ratio')
  if (budget !== undefined && !(budget > EPSILON && budget <= 0.2 + EPSILON)) design.flaw(`${P}/budget`, `a budget of ${figure(budget * 100)} % is not above 0 % and at most 20 %`)
  const attempts = design.need(`${P}/max_attempts`, 'count')
  const attemptsOk = attempts !== undefined && Number.isInteger(attempts) && attempts >= 2 && attempts <= 3
  if (attempts !== undefined && !attemptsOk) {
    design.flaw(`${P}/max_attempts`, attempts === 1 ? '1 attempt per call never retries, so the budget governs nothing; allow 2 or 3 attempts or drop the retries' : `${figure(attempts)} attempts per call is not a whole number from 2 to 3`)
  }
  const base = design.need(`${P}/backoff_base`, 'duration', 'say how long a caller waits before it retries')
  if (base !== undefined && !(base > 0)) design.flaw(`${P}/backoff_base`, 'a retry that does not wait at all arrives while the callee is still refusing')
  const factor = design.need(`${P}/backoff_factor`, 'count', 'say how much each wait grows over the one before')
  if (factor !== undefined && !(factor > 1 + EPSILON && factor <= 10 + EPSILON)) {
    design.flaw(`${P}/backoff_factor`, factor <= 1 + EPSILON ? `a factor of ${figure(factor)} does not grow the wait, so a callee that keeps refusing gets retries at a steady pace` : `a factor of ${figure(factor)} grows each wait more than tenfold`)
  }
  if (design.value(`${P}/hops`) === undefined) design.missing(`${P}/hops`, 'name the hops that may retry (a_to_b, b_to_c, c_to_d, d_to_e)')
  const jitter = design.value(`${P}/jitter`)
  if (jitter === undefined) design.missing(`${P}/jitter`, 'say how the waits are randomised (full, equal or decorrelated)')
  else if (jitter === 'none') design.flaw(`${P}/jitter`, `without jitter the ${perSecond(design.figure('arrivals'))} callers that failed together retry together, in step`)
  // The waits before the last attempt and that attempt must fit the time the caller itself has.
  if (!attemptsOk || base === undefined || !(base > 0) || factor === undefined || !(factor > 1 + EPSILON)) return
  const waits = Array.from({length: attempts! - 1}, (_, k) => base * factor ** k).reduce((a, b) => a + b, 0)
  const hopsPointer = `${P}/hops`
  const retried = names(design, hopsPointer)
  const timeoutOf = (field: string): number | undefined => {
    const parsed = parseQuantity(design.value(`/timeouts/${field}`), 'duration')
    return parsed.ok ? parsed.quantity.value : undefined
  }
  for (const field of retried) {
    const own = timeoutOf(field)
    const outerField = CALLER_DEADLINE[field]
    const outer = outerField === undefined ? design.figure('objective_latency') : timeoutOf(outerField)
    if (own === undefined || outer === undefined) continue
    const outerName = outerField === undefined ? `the ${ms(outer)} objective` : `the caller's own timeout \`${outerField}\` of ${ms(outer)}`
    if (waits + own > outer + EPSILON) {
      design.flaw(`${P}/backoff_base`, `on ${field}, ${ms(waits)} of backoff plus a last attempt of up to ${ms(own)} (the \`${field}\` timeout) exceeds ${outerName}, so the retry is abandoned before it can answer`)
    }
  }
})

/** Retries never retry timeouts. */
export const retriesSkipTimeouts = designCheck((design) => {
  const pointer = `${entry(design, 'retry_budget')}/retry_on`
  const value = design.value(pointer)
  if (value === undefined) {
    design.missing(pointer, 'say which outcomes are retried, so that it is clear timeouts are not')
    return
  }
  if (names(design, pointer).includes('timeout')) design.flaw(pointer, 'retries `timeout`; a retried timeout adds load to the dependency that is already too slow')
})

/** A bulkhead at C for D: at least arrivals × the learner's C → D timeout threads, fewer than C's pool. */
export const bulkheadSized = designCheck((design) => {
  const P = entry(design, 'bulkhead')
  const at = design.value(`${P}/at`)
  const target = design.value(`${P}/for`)
  if (at !== 'C') design.flaw(at === undefined ? P : `${P}/at`, `the bulkhead ${at === undefined ? 'does not say where it is' : `is at ${String(at)}`}; this rule judges one at C`)
  if (target !== 'D') design.flaw(target === undefined ? P : `${P}/for`, `the bulkhead ${target === undefined ? 'does not say which calls it holds' : `holds calls to ${String(target)}`}; this rule judges one for calls to D`)
  const size = design.need(`${P}/size`, 'count')
  const timeout = design.need('/timeouts/c_to_d', 'duration', 'the bulkhead is sized from the C → D timeout')
  if (size === undefined || timeout === undefined) return
  const arrivals = design.figure('arrivals')
  const pool = design.figure('c_pool')
  const needed = arrivals * timeout
  // Half a thread of slack: a size rounded to the nearest whole thread passes.
  if (size < needed - 0.5) {
    design.flaw(`${P}/size`, `${figure(size)} threads, but ${perSecond(arrivals)} × your C → D timeout of ${ms(timeout)} = ${figure(needed)} calls can be waiting at once, so the bulkhead rejects calls when D is slow`)
  }
  if (size >= pool) design.flaw(`${P}/size`, `${figure(size)} threads is not fewer than C's whole pool of ${figure(pool)}; the bulkhead must leave threads for C's other work`)
})

const POOL_OF: Record<string, string> = {A: 'a_pool', B: 'b_pool', C: 'c_pool'}

/** Load shedding at A, B or C, refusing above a busy-thread limit between the normal load and the pool, with a rule and a response. */
export const loadShedding = designCheck((design) => {
  const P = entry(design, 'load_shedding')
  const at = design.value(`${P}/at`)
  const where = 'shed where requests take threads from a pool: A, B or C'
  let service: string | undefined
  if (at === undefined) design.missing(`${P}/at`, where)
  else if (typeof at === 'string' && POOL_OF[at]) service = at
  else design.flaw(`${P}/at`, `shedding at ${String(at)}; ${where}`)
  const limit = design.need(`${P}/shed_above`, 'count', 'say how many busy threads make the service refuse new requests')
  if (service !== undefined && limit !== undefined) {
    const pool = design.figure(POOL_OF[service]!)
    const normal = normalInFlight(design, service)!
    if (limit >= pool) design.flaw(`${P}/shed_above`, `${figure(limit)} busy threads is not below ${service}'s pool of ${figure(pool)}: the pool is full before anything is shed`)
    else if (limit <= normal) design.flaw(`${P}/shed_above`, `${figure(limit)} busy threads is not above the ${figure(normal)} requests ${service} holds on a normal day (${perSecond(design.figure('arrivals'))} × the time each waits), so it refuses healthy traffic`)
  }
  design.needText(`${P}/rule`)
  design.needText(`${P}/response`)
})

/**
 * Deadline propagation with a header, a starting budget no longer than the objective, and a
 * reserve per hop above 0 that still leaves every callee its normal p99: the budget passed to the
 * k-th callee is the starting budget minus k reserves.
 */
export const deadlinePropagation = designCheck((design) => {
  const P = entry(design, 'deadline_propagation')
  design.needText(`${P}/header`)
  const objective = design.figure('objective_latency')
  const initial = design.need(`${P}/initial_budget`, 'duration', 'say what budget A gives a request (the objective, or less)')
  if (initial !== undefined && !(initial > 0 && initial <= objective + EPSILON)) design.flaw(`${P}/initial_budget`, `a budget of ${ms(initial)} at A is not above 0 and at most the ${ms(objective)} objective; users have given up by then`)
  const reserve = design.need(`${P}/reserve_per_hop`, 'duration')
  if (reserve !== undefined && !(reserve > 0)) design.flaw(`${P}/reserve_per_hop`, 'a reserve of 0 leaves a hop no time to answer when its callee gives up')
  if (initial === undefined || reserve === undefined || !(reserve > 0) || !(initial > 0)) return
  for (const [k, hop] of hops(design).entries()) {
    const passed = initial - (k + 1) * reserve
    if (passed + EPSILON < hop.calleeSeenP99) {
      design.flaw(`${P}/reserve_per_hop`, `${hop.caller} passes ${hop.callee} ${ms(initial)} − ${k + 1} × ${ms(reserve)} = ${ms(passed)}, less than ${hop.callee}'s normal p99 of ${ms(hop.calleeSeenP99)}, so healthy requests run out of time`)
      return
    }
  }
})
