/**
 * The graceful-degradation scenario as the checks use it: the request rate every hop sees, each
 * service's own work and its thread pool, and how durations are written in this unit's feedback.
 */
import {figure} from 'course/kit'

/** Requests per second at every hop. */
export const ARRIVALS = 1_000
/** Each call of the chain: the caller's own p50 work and pool, and the callee's p99 work. */
export const HOPS = [
  {field: 'a_to_b', caller: 'A', callerP50: 0.005, pool: 400, callee: 'B', calleeP99: 0.02},
  {field: 'b_to_c', caller: 'B', callerP50: 0.01, pool: 300, callee: 'C', calleeP99: 0.02},
  {field: 'c_to_d', caller: 'C', callerP50: 0.01, pool: 200, callee: 'D', calleeP99: 0.08},
  {field: 'd_to_e', caller: 'D', callerP50: 0.04, pool: undefined, callee: 'E', calleeP99: 0.04},
] as const
/** The slowest normal answers the timeouts must not cut off: D as seen by C, and E. */
export const NORMAL_P99 = {c_to_d: 0.12, d_to_e: 0.04} as const
export const C_POOL = 200
/** Rounding slack for comparisons of sums of milliseconds. */
export const EPSILON = 1e-6

/** A duration in seconds as this unit's feedback writes it: "150 ms". */
export const ms = (seconds: number): string => `${figure(seconds * 1000)} ms`
