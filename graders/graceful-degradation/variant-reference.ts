/**
 * The reference design solved for a learner's variant: every estimate recomputed from the
 * variant's figures, the timeouts kept where they still fit between the tail rule and the pool
 * rule (and brought down to the pool rule where a higher request rate makes the reference's values
 * unsafe), and the bulkhead resized from the C → D timeout. The defences' other parameters do not
 * depend on the figures the variants draw.
 */

/** A scenario as the checks see it: each figure in its kind's canonical unit (s, 1/s, plain counts and ratios). */
export interface ScenarioLike {
  figure(id: string): number
}

type Json = Record<string, unknown>

/** A number written plainly with at most six significant digits. */
const plain = (n: number): string => String(Number(n.toPrecision(6)))
const msText = (seconds: number): string => `${plain(seconds * 1000)} ms`
/** Down to a whole multiple of 10 ms (timeouts are chosen in round figures). */
const floor10ms = (seconds: number): number => Math.floor(seconds * 100 + 1e-9) / 100

/** The reference's own timeouts, in seconds: the choices it makes when the pool rule allows them. */
const CHOSEN = {a_to_b: 0.35, b_to_c: 0.25, c_to_d: 0.15, d_to_e: 0.06}

export function referenceFor(scenario: ScenarioLike, reference: unknown): unknown {
  const f = (id: string) => scenario.figure(id)
  const design = structuredClone(reference) as Json
  const arrivals = f('arrivals')
  const held = f('c_own_p50') + f('d_incident_p50')
  const maxC = f('c_pool') / arrivals - f('c_own_p50')
  const maxB = f('b_pool') / arrivals - f('b_own_p50')
  const maxA = f('a_pool') / arrivals - f('a_own_p50')
  design.estimates = {
    c_in_flight_normal: `${plain(arrivals * (f('c_own_p50') + f('d_seen_p50')))} requests`,
    c_in_flight_needed: `${plain(arrivals * held)} requests`,
    c_pool_exhausted_after: `${plain(f('c_pool') / arrivals)} s`,
    b_pool_exhausted_after: `${plain(f('b_pool') / arrivals)} s`,
    a_pool_exhausted_after: `${plain(f('a_pool') / arrivals)} s`,
    c_throughput_exhausted: `${plain(f('c_pool') / held)} req/s`,
    worst_case_attempts_at_d: `${plain(f('attempts_today') ** 3)} attempts`,
    budgeted_attempts_at_d: `${plain((1 + f('question_budget')) ** 3)} attempts`,
    max_c_to_d_timeout: msText(maxC),
    max_b_to_c_timeout: msText(maxB),
    max_a_to_b_timeout: msText(maxA),
    bulkhead_threads_for_d: `${plain(arrivals * f('question_timeout'))} threads`,
    breaker_opens_after: `${plain(f('question_timeout') + (f('question_threshold') * f('question_window')) / arrivals)} s`,
    degraded_latency_p50: msText(f('a_own_p50') + f('b_own_p50') + f('c_own_p50') + f('fallback_time')),
  }
  const timeouts = {
    a_to_b: Math.min(CHOSEN.a_to_b, floor10ms(maxA)),
    b_to_c: Math.min(CHOSEN.b_to_c, floor10ms(maxB)),
    c_to_d: Math.min(CHOSEN.c_to_d, floor10ms(maxC)),
    d_to_e: CHOSEN.d_to_e,
  }
  design.timeouts = Object.fromEntries(Object.entries(timeouts).map(([hop, t]) => [hop, msText(t)]))
  for (const item of (design.mitigations as Json[] | undefined) ?? []) {
    const parameters = item.parameters as Json
    if (item.choice === 'bulkhead') parameters.size = Math.ceil(arrivals * timeouts.c_to_d - 1e-9)
  }
  return design
}
