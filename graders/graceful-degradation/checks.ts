/**
 * Document checks of the graceful-degradation grader: the timeout rules across the hops (pool
 * safety by Little's law, no false alarms, nesting), and the defences in `mitigations`, each judged
 * on its own parameters and, for the bulkhead, on the learner's own C → D timeout. Every check
 * returns a verdict, never throws, on any schema-valid document.
 */
import type {DocumentCheck, DocumentCheckContext, Verdict} from '../../src/core/grading/definition.js'
import {valueAt} from '../../src/core/grading/document.js'
import type {QuantityKindName} from '../../src/core/capacity/kinds.js'
import {parseQuantity} from '../../src/core/capacity/quantity.js'

/** The scenario: requests per second at every hop, each service's own work and its pool. */
const ARRIVALS = 1_000
const HOPS = [
  {field: 'a_to_b', caller: 'A', callerP50: 0.005, pool: 400, callee: 'B', calleeP99: 0.02},
  {field: 'b_to_c', caller: 'B', callerP50: 0.01, pool: 300, callee: 'C', calleeP99: 0.02},
  {field: 'c_to_d', caller: 'C', callerP50: 0.01, pool: 200, callee: 'D', calleeP99: 0.08},
  {field: 'd_to_e', caller: 'D', callerP50: 0.04, pool: undefined, callee: 'E', calleeP99: 0.04},
] as const
/** The slowest normal answers the timeouts must not cut off: D as seen by C, and E. */
const NORMAL_P99 = {c_to_d: 0.12, d_to_e: 0.04} as const
const C_POOL = 200
/** Rounding slack for comparisons of sums of milliseconds. */
const EPSILON = 1e-6

const pass: Verdict = {passed: true}
const fail = (detail: string): Verdict => ({passed: false, detail})

function fmt(value: number): string {
  if (value === 0) return '0'
  return Number(value.toPrecision(4)).toLocaleString('en-US', {maximumFractionDigits: 6})
}
const ms = (seconds: number) => `${fmt(seconds * 1000)} ms`

/** Collects located problems for one verdict. */
function collector(context: DocumentCheckContext) {
  const problems: string[] = []
  const at = (pointer: string) => `${context.where(pointer)} ${pointer}`
  return {
    problems,
    at,
    /** A field read as a quantity of `kind`, or undefined with the reason recorded. */
    need(pointer: string, kind: QuantityKindName): number | undefined {
      const raw = valueAt(context.document, pointer)
      if (raw === undefined || raw === null || raw === '') {
        const parent = pointer.slice(0, pointer.lastIndexOf('/'))
        problems.push(`${at(parent)}: missing \`${pointer.slice(pointer.lastIndexOf('/') + 1)}\``)
        return undefined
      }
      const parsed = parseQuantity(raw, kind)
      if (parsed.ok) return parsed.quantity.value
      problems.push(`${at(pointer)}: ${parsed.message}`)
      return undefined
    },
    /** A non-empty text field, or undefined with the reason recorded. */
    text(pointer: string): string | undefined {
      const raw = valueAt(context.document, pointer)
      if (typeof raw === 'string' && raw.trim() !== '') return raw
      const parent = pointer.slice(0, pointer.lastIndexOf('/'))
      problems.push(`${at(raw === undefined ? parent : pointer)}: ${raw === undefined ? `missing \`${pointer.slice(pointer.lastIndexOf('/') + 1)}\`` : 'empty'}`)
      return undefined
    },
    verdict: (): Verdict => (problems.length === 0 ? pass : fail(problems.join('\n'))),
  }
}

/** The timeouts in seconds, by hop; schema-valid documents have all four. */
function timeouts(context: DocumentCheckContext): {values: Record<string, number>} | {problem: string} {
  const values: Record<string, number> = {}
  for (const hop of HOPS) {
    const pointer = `/timeouts/${hop.field}`
    const parsed = parseQuantity(valueAt(context.document, pointer), 'duration')
    if (!parsed.ok) return {problem: `${context.where(pointer)} ${pointer}: ${parsed.message}`}
    values[hop.field] = parsed.quantity.value
  }
  return {values}
}

/** Pool safety: arrivals × (caller's own p50 + timeout) fits the caller's pool at A, B and C. */
const timeoutsPoolSafety: DocumentCheck = (context) => {
  const read = timeouts(context)
  if ('problem' in read) return fail(read.problem)
  const problems: string[] = []
  for (const hop of HOPS) {
    if (hop.pool === undefined) continue
    const timeout = read.values[hop.field]!
    const held = ARRIVALS * (hop.callerP50 + timeout)
    if (held > hop.pool + EPSILON) {
      const pointer = `/timeouts/${hop.field}`
      problems.push(`${context.where(pointer)} ${pointer}: with ${ms(timeout)}, ${hop.caller} holds ${fmt(ARRIVALS)}/s × (${ms(hop.callerP50)} + ${ms(timeout)}) = ${fmt(held)} threads when every call times out, more than its pool of ${hop.pool}`)
    }
  }
  return problems.length === 0 ? pass : fail(problems.join('\n'))
}

/** No false alarms: C → D at least D's normal p99 as seen by C, D → E at least E's p99. */
const timeoutsNoFalseAlarms: DocumentCheck = (context) => {
  const read = timeouts(context)
  if ('problem' in read) return fail(read.problem)
  const problems: string[] = []
  for (const [field, p99] of Object.entries(NORMAL_P99)) {
    const timeout = read.values[field]!
    if (timeout + EPSILON < p99) {
      const pointer = `/timeouts/${field}`
      problems.push(`${context.where(pointer)} ${pointer}: ${ms(timeout)} is below the callee's normal p99 of ${ms(p99)}, so healthy calls time out`)
    }
  }
  return problems.length === 0 ? pass : fail(problems.join('\n'))
}

/** Nesting: each caller's timeout is at least its callee's timeout plus the callee's own p99 work. */
const timeoutsNest: DocumentCheck = (context) => {
  const read = timeouts(context)
  if ('problem' in read) return fail(read.problem)
  const problems: string[] = []
  for (let i = 0; i + 1 < HOPS.length; i++) {
    const hop = HOPS[i]!
    const next = HOPS[i + 1]!
    const outer = read.values[hop.field]!
    const inner = read.values[next.field]!
    const needed = inner + hop.calleeP99
    if (outer + EPSILON < needed) {
      const pointer = `/timeouts/${hop.field}`
      problems.push(`${context.where(pointer)} ${pointer}: ${ms(outer)} is shorter than ${hop.callee}'s own timeout ${ms(inner)} plus ${hop.callee}'s p99 work ${ms(hop.calleeP99)} = ${ms(needed)}, so ${hop.caller} gives up before ${hop.callee} can answer with what it has`)
    }
  }
  return problems.length === 0 ? pass : fail(problems.join('\n'))
}

/** The one entry of `mitigations` with this choice, or a located reason why there is not one. */
function entry(context: DocumentCheckContext, choice: string): {pointer: string} | {problem: string} {
  const list = valueAt(context.document, '/mitigations')
  const indexes = Array.isArray(list)
    ? list.flatMap((item, i) => (item !== null && typeof item === 'object' && (item as Record<string, unknown>).choice === choice ? [i] : []))
    : []
  if (indexes.length === 1) return {pointer: `/mitigations/${indexes[0]}/parameters`}
  if (indexes.length === 0) return {problem: `${context.where('/mitigations')} /mitigations: no \`${choice}\` entry`}
  return {problem: `${context.where(`/mitigations/${indexes[1]}`)} /mitigations: \`${choice}\` appears ${indexes.length} times (entries ${indexes.join(', ')}); use each choice once`}
}

const TIMEOUT = /time[\s_-]?outs?|timed[\s_-]?out|deadline[\s_-]?exceeded/i
const ANYTHING = /^\s*(\*|all|any|everything|(all|any)[\s_-]?(failures?|errors?|outcomes?))\s*$/i

/** The entries of a list parameter that mean timeouts (or every outcome, timeouts included). */
function timeoutEntries(value: unknown, includeAnything: boolean): string[] {
  if (!Array.isArray(value)) return []
  return value.map(String).filter((s) => TIMEOUT.test(s) || (includeAnything && ANYTHING.test(s)))
}

/** A circuit breaker with a threshold in [10 %, 90 %], a window, min calls, open 1 s to 5 min, probes. */
const circuitBreaker: DocumentCheck = (context) => {
  const found = entry(context, 'circuit_breaker')
  if ('problem' in found) return fail(found.problem)
  const P = found.pointer
  const c = collector(context)
  const threshold = c.need(`${P}/failure_rate_threshold`, 'ratio')
  if (threshold !== undefined && (threshold < 0.1 - EPSILON || threshold > 0.9 + EPSILON)) c.problems.push(`${c.at(`${P}/failure_rate_threshold`)}: a threshold of ${fmt(threshold * 100)} % is outside 10 % to 90 %`)
  const window = valueAt(context.document, `${P}/window`)
  if (window === undefined || window === null || window === '') c.problems.push(`${c.at(P)}: missing \`window\` (a number of calls or a duration)`)
  else {
    const calls = parseQuantity(window, 'count')
    const time = parseQuantity(window, 'duration')
    const size = calls.ok ? calls.quantity.value : time.ok ? time.quantity.value : undefined
    if (size === undefined) c.problems.push(`${c.at(`${P}/window`)}: \`${String(window)}\` is neither a number of calls nor a duration`)
    else if (!(size > 0)) c.problems.push(`${c.at(`${P}/window`)}: the window must hold more than 0 calls or last longer than 0 s`)
  }
  const minCalls = c.need(`${P}/min_calls`, 'count')
  if (minCalls !== undefined && minCalls < 1) c.problems.push(`${c.at(`${P}/min_calls`)}: at least one call must be seen before the breaker may open`)
  const open = c.need(`${P}/open_duration`, 'duration')
  if (open !== undefined && (open < 1 - EPSILON || open > 300 + EPSILON)) c.problems.push(`${c.at(`${P}/open_duration`)}: an open period of ${fmt(open)} s is outside 1 s to 5 min`)
  const probes = c.need(`${P}/half_open_probes`, 'count')
  if (probes !== undefined && probes < 1) c.problems.push(`${c.at(`${P}/half_open_probes`)}: at least one probe call must test the dependency before the breaker closes`)
  return c.verdict()
}

/** The breaker counts timeouts as failures: D never returns an error. */
const breakerCountsTimeouts: DocumentCheck = (context) => {
  const found = entry(context, 'circuit_breaker')
  if ('problem' in found) return fail(found.problem)
  const pointer = `${found.pointer}/counts_as_failure`
  const value = valueAt(context.document, pointer)
  if (timeoutEntries(value, true).length > 0) return pass
  if (value === undefined) return fail(`${context.where(found.pointer)} ${found.pointer}: missing \`counts_as_failure\`; without timeouts in it the breaker never opens while D is slow`)
  const listed = Array.isArray(value) ? value.map((v) => `\`${String(v)}\``).join(', ') : `\`${String(value)}\``
  return fail(`${context.where(pointer)} ${pointer}: counts ${listed} but not timeouts; D returns no errors, so this breaker never opens`)
}

/** A fallback at C whose answer does not come from D. */
const fallbackAtC: DocumentCheck = (context) => {
  const found = entry(context, 'fallback')
  if ('problem' in found) return fail(found.problem)
  const P = found.pointer
  const c = collector(context)
  const at = valueAt(context.document, `${P}/at`)
  if (at !== 'C') c.problems.push(`${at === undefined ? c.at(P) : c.at(`${P}/at`)}: the fallback ${at === undefined ? 'does not say where it runs' : `runs at ${String(at)}`}; it belongs at C, the caller of the slow service`)
  const response = c.text(`${P}/response`)
  if (response !== undefined && /\bD\b/.test(response)) c.problems.push(`${c.at(`${P}/response`)}: the fallback's answer involves D, the service that is slow; it must come from something that does not call D`)
  return c.verdict()
}

/** A retry budget of at most 20 % with at most 3 attempts per call. */
const retryBudget: DocumentCheck = (context) => {
  const found = entry(context, 'retry_budget')
  if ('problem' in found) return fail(found.problem)
  const P = found.pointer
  const c = collector(context)
  const budget = c.need(`${P}/budget`, 'ratio')
  if (budget !== undefined && !(budget >= 0 && budget <= 0.2 + EPSILON)) c.problems.push(`${c.at(`${P}/budget`)}: a budget of ${fmt(budget * 100)} % is not between 0 % and 20 %`)
  const attempts = c.need(`${P}/max_attempts`, 'count')
  if (attempts !== undefined && !(attempts >= 1 && attempts <= 3)) c.problems.push(`${c.at(`${P}/max_attempts`)}: ${fmt(attempts)} attempts per call is not between 1 and 3`)
  return c.verdict()
}

/** Retries never retry timeouts (nor "everything", which includes them). */
const retriesSkipTimeouts: DocumentCheck = (context) => {
  const found = entry(context, 'retry_budget')
  if ('problem' in found) return fail(found.problem)
  const pointer = `${found.pointer}/retry_on`
  const value = valueAt(context.document, pointer)
  if (value === undefined) return fail(`${context.where(found.pointer)} ${found.pointer}: missing \`retry_on\`; say which outcomes are retried, so that it is clear timeouts are not`)
  const bad = timeoutEntries(value, true)
  if (bad.length === 0) return pass
  return fail(`${context.where(pointer)} ${pointer}: retries ${bad.map((b) => `\`${b}\``).join(', ')}; a retried timeout adds load to the dependency that is already too slow`)
}

/** A bulkhead at C for D: at least arrivals × the learner's C → D timeout threads, fewer than C's 200. */
const bulkheadSized: DocumentCheck = (context) => {
  const found = entry(context, 'bulkhead')
  if ('problem' in found) return fail(found.problem)
  const P = found.pointer
  const c = collector(context)
  const at = valueAt(context.document, `${P}/at`)
  const target = valueAt(context.document, `${P}/for`)
  if (at !== 'C') c.problems.push(`${at === undefined ? c.at(P) : c.at(`${P}/at`)}: the bulkhead ${at === undefined ? 'does not say where it is' : `is at ${String(at)}`}; this rule judges one at C`)
  if (target !== 'D') c.problems.push(`${target === undefined ? c.at(P) : c.at(`${P}/for`)}: the bulkhead ${target === undefined ? 'does not say which calls it holds' : `holds calls to ${String(target)}`}; this rule judges one for calls to D`)
  const size = c.need(`${P}/size`, 'count')
  const timeout = c.need('/timeouts/c_to_d', 'duration')
  if (size !== undefined && timeout !== undefined) {
    const needed = ARRIVALS * timeout
    // Half a thread of slack: a size rounded to the nearest whole thread passes.
    if (size < needed - 0.5) c.problems.push(`${c.at(`${P}/size`)}: ${fmt(size)} threads, but ${fmt(ARRIVALS)}/s × your C → D timeout of ${ms(timeout)} = ${fmt(needed)} calls can be waiting at once, so the bulkhead rejects calls when D is slow`)
    if (size >= C_POOL) c.problems.push(`${c.at(`${P}/size`)}: ${fmt(size)} threads is not fewer than C's whole pool of ${C_POOL}; the bulkhead must leave threads for C's other work`)
  }
  return c.verdict()
}

/** Load shedding at a service with a pool (A, B or C), with a rule and a response. */
const loadShedding: DocumentCheck = (context) => {
  const found = entry(context, 'load_shedding')
  if ('problem' in found) return fail(found.problem)
  const P = found.pointer
  const c = collector(context)
  const at = valueAt(context.document, `${P}/at`)
  if (at !== 'A' && at !== 'B' && at !== 'C') c.problems.push(`${at === undefined ? c.at(P) : c.at(`${P}/at`)}: ${at === undefined ? 'missing `at`' : `shedding at ${String(at)}`}; shed where requests take threads from a pool: A, B or C`)
  c.text(`${P}/rule`)
  c.text(`${P}/response`)
  return c.verdict()
}

/** Deadline propagation with a header and a reserve per hop above 0 and at most 250 ms (1 s over 4 hops). */
const deadlinePropagation: DocumentCheck = (context) => {
  const found = entry(context, 'deadline_propagation')
  if ('problem' in found) return fail(found.problem)
  const P = found.pointer
  const c = collector(context)
  c.text(`${P}/header`)
  const reserve = c.need(`${P}/reserve_per_hop`, 'duration')
  if (reserve !== undefined && !(reserve > 0 && reserve <= 0.25 + EPSILON)) c.problems.push(`${c.at(`${P}/reserve_per_hop`)}: a reserve of ${ms(reserve)} per hop is not above 0 and at most 250 ms (four hops must fit the 1 s objective)`)
  return c.verdict()
}

export const documentChecks: Record<string, DocumentCheck> = {
  timeoutsPoolSafety,
  timeoutsNoFalseAlarms,
  timeoutsNest,
  circuitBreaker,
  breakerCountsTimeouts,
  fallbackAtC,
  retryBudget,
  retriesSkipTimeouts,
  bulkheadSized,
  loadShedding,
  deadlinePropagation,
}
