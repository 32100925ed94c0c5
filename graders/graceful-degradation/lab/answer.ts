/**
 * The defences an answer file describes, turned into what the chain model runs: its timeouts and
 * the entries of `mitigations`. What the answer leaves out or states oddly is replaced by a stated
 * default (today's configuration where there is one), and the reader records each replacement.
 * The lab runs breakers, bulkheads and fallbacks at C, where the unit puts them; one elsewhere is
 * left out, with a note. D → E's timeout plays no part: E stays healthy throughout.
 */
import {AnswerReader, type LabContext} from 'course/kit/lab'
import {type BreakerPolicy, type Defences, type Failure, type Jitter, type RetryPolicy, todaysRetries} from './defences.js'
import type {ChainScenario} from './scenario.js'
import {rounded, seconds} from './units.js'

export interface ChainAnswer {
  readonly defences: Defences
  /** The defences in a few words each: "timeouts 350/250/150 ms", "breaker 50 % of 100". */
  readonly parts: string[]
  readonly notes: string[]
}

const HOPS = ['a_to_b', 'b_to_c', 'c_to_d'] as const
const SERVICES = ['A', 'B', 'C'] as const
/** A breaker's defaults where the answer is silent: those of a widely used library (Resilience4j). */
const LIBRARY_BREAKER = {window: 100, threshold: 0.5, openFor: 60, probes: 10}

/** The entries of `mitigations` by choice, the first of each; a repeated or malformed one is noted. */
function entriesOf(reader: AnswerReader): Map<string, string> {
  const entries = new Map<string, string>()
  const list = reader.value('mitigations')
  if (list === undefined || list === null) return entries
  if (!Array.isArray(list)) {
    reader.note('mitigations is not a list: no defences read from it')
    return entries
  }
  list.forEach((_, i) => {
    const choice = reader.text(`mitigations.${i}.choice`)
    if (choice === undefined) reader.note(`mitigations.${i} has no choice: left out`)
    else if (entries.has(choice)) reader.note(`mitigations.${i} repeats ${choice}: the first one is used`)
    else entries.set(choice, `mitigations.${i}.parameters`)
  })
  return entries
}

/** Names from a list parameter; the fallback, with a note, when it is not a list of text. */
function names(reader: AnswerReader, path: string, fallback: readonly string[]): string[] {
  const value = reader.value(path)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[]
  reader.note(`${path} ${value === undefined ? 'is missing' : 'is not a list of names'}: used [${fallback.join(', ')}]`)
  return [...fallback]
}

/** A whole number of at least `least`, with a note when the answer's was not. */
function whole(reader: AnswerReader, path: string, value: number, least: number): number {
  const kept = Math.max(least, Math.round(value))
  if (kept !== value) reader.note(`${path} of ${value}: used ${kept}`)
  return kept
}

/** A service of the chain that the lab models (A, B or C) at `path`, or undefined with a note. */
function serviceAt(reader: AnswerReader, path: string, choice: string): 0 | 1 | 2 | undefined {
  const at = reader.value(path)
  const index = SERVICES.indexOf(at as (typeof SERVICES)[number])
  if (index >= 0) return index as 0 | 1 | 2
  reader.note(`${choice} at ${String(at)}: the lab runs it only at A, B or C; left out`)
  return undefined
}

function timeoutsOf(reader: AnswerReader, scenario: ChainScenario): [number, number, number] {
  const shown = `the default ${seconds(scenario.defaultTimeout)}`
  return HOPS.map((hop) => {
    const path = `timeouts.${hop}`
    const value = reader.number(path, 'duration', scenario.defaultTimeout, shown)
    if (value > 0) return value
    reader.note(`${path} must be above zero: used ${shown}`)
    return scenario.defaultTimeout
  }) as [number, number, number]
}

function breakerOf(reader: AnswerReader, P: string, scenario: ChainScenario): BreakerPolicy | undefined {
  if (reader.value(`${P}.at`) !== 'C') {
    reader.note(`circuit_breaker at ${String(reader.value(`${P}.at`))}: the lab runs a breaker only at C, on its calls to D; left out`)
    return undefined
  }
  // A window of calls, or a duration that holds as many calls as arrive in it (as the grader reads it).
  const raw = reader.value(`${P}.window`)
  const calls = reader.stated(`${P}.window`, 'count')
  const time = reader.stated(`${P}.window`, 'duration')
  let window = calls ?? (time === undefined ? undefined : scenario.arrivals * time)
  if (window === undefined || !(window >= 1)) {
    reader.note(`${P}.window ${raw === undefined ? 'is missing' : 'cannot be read'}: used ${LIBRARY_BREAKER.window} calls`)
    window = LIBRARY_BREAKER.window
  }
  window = Math.round(window)
  const minCalls = whole(reader, `${P}.min_calls`, reader.number(`${P}.min_calls`, 'count', window, `${window}, the window`), 1)
  const threshold = reader.number(`${P}.failure_rate_threshold`, 'ratio', LIBRARY_BREAKER.threshold, '50 %')
  const counts = names(reader, `${P}.counts_as_failure`, ['error']).filter((n): n is 'timeout' | 'error' | 'rejected_by_bulkhead' => ['timeout', 'error', 'rejected_by_bulkhead'].includes(n))
  const openFor = reader.number(`${P}.open_duration`, 'duration', LIBRARY_BREAKER.openFor, `${LIBRARY_BREAKER.openFor} s`)
  const probes = whole(reader, `${P}.half_open_probes`, reader.number(`${P}.half_open_probes`, 'count', LIBRARY_BREAKER.probes, String(LIBRARY_BREAKER.probes)), 1)
  return {window, minCalls, threshold, counts: new Set(counts), openFor: Math.max(0.001, openFor), probes}
}

function retriesOf(reader: AnswerReader, P: string): RetryPolicy[] {
  const hops = names(reader, `${P}.hops`, [])
  const attempts = whole(reader, `${P}.max_attempts`, reader.number(`${P}.max_attempts`, 'count', 2, '2'), 1)
  const budget = Math.max(0, reader.number(`${P}.budget`, 'ratio', 0.1, '10 %'))
  const retryOn = names(reader, `${P}.retry_on`, ['error']).filter((n): n is Failure => ['timeout', 'error', 'overloaded_reply'].includes(n))
  const backoffBase = Math.max(0, reader.number(`${P}.backoff_base`, 'duration', 0, '0 s'))
  const backoffFactor = Math.max(1, reader.number(`${P}.backoff_factor`, 'count', 1, '1'))
  const jitter = reader.choice<Jitter>(`${P}.jitter`, ['none', 'full', 'equal', 'decorrelated'], 'none')
  const policy: RetryPolicy = {attempts, retryOn: new Set(retryOn), budget, backoffBase, backoffFactor, jitter}
  const once: RetryPolicy = {...policy, attempts: 1}
  return HOPS.map((hop) => (hops.includes(hop) ? policy : once))
}

const ms = (value: number) => (value < 10 ? figure3(value * 1000) : `${figure3(value)} s`)
const figure3 = (value: number) => String(rounded(value, 3))
const pct = (share: number) => `${rounded(share * 100, 3)} %`

export function readAnswer(document: unknown, quantity: LabContext['quantity'], scenario: ChainScenario): ChainAnswer {
  const reader = new AnswerReader(document, quantity)
  const timeouts = timeoutsOf(reader, scenario)
  const entries = entriesOf(reader)
  const parts = [`timeouts ${timeouts.map(ms).join('/')}${timeouts.every((t) => t < 10) ? ' ms' : ''}`]
  const pools: [number, number, number] = [scenario.aPool, scenario.bPool, scenario.cPool]

  let breaker: BreakerPolicy | undefined
  let bulkhead: number | undefined
  let fallback: Set<Failure> | undefined
  let shedding: Defences['shedding']
  let deadline: Defences['deadline']
  let retries: RetryPolicy[] = HOPS.map(() => todaysRetries(scenario))

  for (const [choice, P] of entries) {
    switch (choice) {
      case 'circuit_breaker':
        breaker = breakerOf(reader, P, scenario)
        if (breaker) parts.push(`breaker ${pct(breaker.threshold)} of ${breaker.window}`)
        break
      case 'bulkhead':
        if (reader.value(`${P}.at`) !== 'C' || reader.value(`${P}.for`) !== 'D') reader.note('bulkhead: the lab runs one only at C, for D; left out')
        else {
          bulkhead = whole(reader, `${P}.size`, reader.number(`${P}.size`, 'count', scenario.cPool, `${scenario.cPool}, C's pool`), 1)
          parts.push(`bulkhead ${bulkhead}`)
        }
        break
      case 'fallback': {
        const calls = names(reader, `${P}.calls`, ['popularity_cache'])
        if (reader.value(`${P}.at`) !== 'C') reader.note('fallback: the lab runs one only at C; left out')
        else if (calls.some((c) => ['A', 'B', 'C', 'D'].includes(c))) reader.note(`fallback calls ${calls.join(', ')}, which waits on the slow chain: left out`)
        else {
          fallback = new Set(names(reader, `${P}.when`, ['timeout']).filter((n): n is Failure => ['timeout', 'error', 'overloaded_reply', 'breaker_open', 'bulkhead_full'].includes(n)))
          parts.push('fallback')
        }
        break
      }
      case 'retry_budget':
        retries = retriesOf(reader, P)
        parts.push(`retries ≤ ${pct(retries.find((r) => r.attempts > 1)?.budget ?? 0)}`)
        break
      case 'load_shedding': {
        const service = serviceAt(reader, `${P}.at`, 'load_shedding')
        if (service !== undefined) {
          const above = whole(reader, `${P}.shed_above`, reader.number(`${P}.shed_above`, 'count', pools[service], `${pools[service]}, the pool`), 1)
          shedding = {service, above}
          parts.push(`shed at ${SERVICES[service]} > ${above}`)
        }
        break
      }
      case 'deadline_propagation': {
        const budget = reader.number(`${P}.initial_budget`, 'duration', scenario.objectiveLatency, `${seconds(scenario.objectiveLatency)}, the objective`)
        const reserve = Math.max(0, reader.number(`${P}.reserve_per_hop`, 'duration', 0, '0 s'))
        deadline = {budget: Math.max(0.001, budget), reserve}
        parts.push(`deadline ${seconds(deadline.budget)}`)
        break
      }
      case 'more_threads': {
        const service = serviceAt(reader, `${P}.at`, 'more_threads')
        if (service !== undefined) {
          pools[service] = whole(reader, `${P}.size`, reader.number(`${P}.size`, 'count', pools[service], `${pools[service]}`), 1)
          parts.push(`${SERVICES[service]} pool ${pools[service]}`)
        }
        break
      }
      case 'scale_out_d':
        reader.note('scale_out_d: D is slow, not short of capacity, so more of it changes nothing here')
        break
      default:
        reader.note(`${choice} is not a defence the lab knows: left out`)
    }
  }
  if (!entries.has('retry_budget')) reader.note(`no retry_budget: today's ${retries[0]!.attempts} attempts on every failure kept`)
  return {
    defences: {pools, timeouts, retries: retries as unknown as Defences['retries'], breaker, bulkhead, fallback, shedding, deadline},
    parts,
    notes: reader.notes,
  }
}
