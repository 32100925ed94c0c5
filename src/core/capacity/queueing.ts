/**
 * Queueing formulas for capacity planning. Pure numbers, no units: callers convert.
 *
 * M/M/c (Erlang C): Poisson arrivals at rate λ, exponential service of mean S (μ = 1/S), c servers,
 * one shared queue. Offered load a = λ·S (in Erlangs); utilisation ρ = a/c must stay below 1.
 */

/** Erlang B by its stable recursion: B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)). */
export function erlangB(servers: number, load: number): number {
  let b = 1
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b)
  return b
}

/** Erlang C, the probability that an arrival waits: C = c·B / (c − a·(1 − B)); 1 when a ≥ c. */
export function erlangC(servers: number, load: number): number {
  if (load >= servers) return 1
  const b = erlangB(servers, load)
  return (servers * b) / (servers - load * (1 - b))
}

export interface WaitStats {
  readonly servers: number
  /** Offered load a = λ·S. */
  readonly load: number
  /** ρ = a / c. */
  readonly utilisation: number
  /** P(wait > 0). */
  readonly probabilityOfWaiting: number
  /** Mean wait in the queue W_q = C / (cμ − λ), in the unit of the service time. */
  readonly meanWait: number
  /** The wait not exceeded by a fraction p of arrivals, in the unit of the service time. */
  percentile(p: number): number
}

/**
 * Wait statistics of an M/M/c queue. `arrival` is λ per time unit, `service` the mean service time
 * S in the same unit. The wait's tail is P(W_q > t) = C·e^(−(cμ−λ)t), so its p-quantile is
 * ln(C/(1−p)) / (cμ − λ) when C > 1 − p, and 0 otherwise.
 */
export function mmc(arrival: number, service: number, servers: number): WaitStats {
  const load = arrival * service
  const mu = 1 / service
  const drain = servers * mu - arrival
  const c = erlangC(servers, load)
  return {
    servers,
    load,
    utilisation: load / servers,
    probabilityOfWaiting: c,
    meanWait: drain > 0 ? c / drain : Number.POSITIVE_INFINITY,
    percentile(p: number) {
      if (drain <= 0) return Number.POSITIVE_INFINITY
      return c > 1 - p ? Math.log(c / (1 - p)) / drain : 0
    },
  }
}

/** A target for the wait: a percentile (p99 < 10 ms), the mean, or the probability of waiting. */
export type WaitTarget =
  | {readonly kind: 'percentile'; readonly p: number; readonly below: number}
  | {readonly kind: 'mean'; readonly below: number}
  | {readonly kind: 'probability'; readonly below: number}

export function meets(stats: WaitStats, target: WaitTarget): boolean {
  switch (target.kind) {
    case 'percentile':
      return stats.percentile(target.p) < target.below
    case 'mean':
      return stats.meanWait < target.below
    case 'probability':
      return stats.probabilityOfWaiting < target.below
  }
}

/**
 * The fewest servers whose wait meets the target, searching upward from the first stable count
 * (more servers never make the wait worse). Undefined when no count up to `limit` meets it.
 */
export function fewestServers(arrival: number, service: number, target: WaitTarget, limit = 1_000_000): WaitStats | undefined {
  const load = arrival * service
  for (let servers = Math.floor(load) + 1; servers <= Math.max(limit, Math.floor(load) + 1); servers++) {
    const stats = mmc(arrival, service, servers)
    if (meets(stats, target)) return stats
  }
  return undefined
}

/** The utilisation formula: ceil(λ·S / target utilisation). It ignores queueing entirely. */
export function naiveInstances(arrival: number, service: number, utilisation: number): number {
  return Math.ceil((arrival * service) / utilisation - 1e-9)
}

/** Square-root staffing: c ≈ a + β·√a, a rule of thumb that tracks the Erlang C answer well. */
export function squareRootStaffing(load: number, beta: number): number {
  return Math.ceil(load + beta * Math.sqrt(load))
}
