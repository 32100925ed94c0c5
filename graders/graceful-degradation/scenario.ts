/**
 * The graceful-degradation scenario as the checks use it, read from the unit's scenario.json
 * through the design reader (the learner's own variant when grading with variants): the request
 * rate every hop sees, each service's own work and its thread pool, and how durations are written
 * in this unit's feedback. Nothing here is a copy of a figure.
 */
import {figure, type DesignReader} from 'course/kit'

/** One call of the chain, with the figures the timeout rules need (seconds, threads). */
export interface Hop {
  /** The field of `timeouts` (and the hop's name in `retry_budget.hops`). */
  readonly field: 'a_to_b' | 'b_to_c' | 'c_to_d' | 'd_to_e'
  readonly caller: string
  readonly callee: string
  /** The caller's own p50 work: with the timeout, how long a thread is held when every call times out. */
  readonly callerP50: number
  /** The caller's pool; D has none stated. */
  readonly pool: number | undefined
  /** The callee's own p99 work: the room a caller leaves above its callee's timeout. */
  readonly calleeP99: number
  /** The callee's normal p99 as the caller sees it (its own work and everything below it). */
  readonly calleeSeenP99: number
}

/** The four hops, computed from the scenario's figures. */
export function hops(design: DesignReader): Hop[] {
  const f = (id: string) => design.figure(id)
  return [
    {field: 'a_to_b', caller: 'A', callee: 'B', callerP50: f('a_own_p50'), pool: f('a_pool'), calleeP99: f('b_own_p99'), calleeSeenP99: f('b_own_p99') + f('c_own_p99') + f('d_seen_p99')},
    {field: 'b_to_c', caller: 'B', callee: 'C', callerP50: f('b_own_p50'), pool: f('b_pool'), calleeP99: f('c_own_p99'), calleeSeenP99: f('c_own_p99') + f('d_seen_p99')},
    {field: 'c_to_d', caller: 'C', callee: 'D', callerP50: f('c_own_p50'), pool: f('c_pool'), calleeP99: f('d_own_p99'), calleeSeenP99: f('d_seen_p99')},
    {field: 'd_to_e', caller: 'D', callee: 'E', callerP50: f('d_own_p50'), pool: undefined, calleeP99: f('e_own_p99'), calleeSeenP99: f('e_own_p99')},
  ]
}

/** Requests in flight at a service in normal operation (Little's law with the p50s as means). */
export function normalInFlight(design: DesignReader, service: string): number | undefined {
  const f = (id: string) => design.figure(id)
  const below = {C: f('c_own_p50') + f('d_seen_p50')} as Record<string, number>
  below.B = f('b_own_p50') + below.C!
  below.A = f('a_own_p50') + below.B!
  const held = below[service]
  return held === undefined ? undefined : f('arrivals') * held
}

/** Rounding slack for comparisons of sums of milliseconds. */
export const EPSILON = 1e-6

/** A duration in seconds as this unit's feedback writes it: "150 ms". */
export const ms = (seconds: number): string => `${figure(seconds * 1000)} ms`
/** A rate in requests per second: "1,000/s". */
export const perSecond = (rate: number): string => `${figure(rate)}/s`
