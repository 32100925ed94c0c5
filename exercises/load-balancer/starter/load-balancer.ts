/**
 * Load balancing strategies, health tracking and a circuit breaker.
 *
 * Conventions for the whole module:
 * - Server ids in one list are distinct; a factory given an empty list (where one is required),
 *   duplicate ids or an option outside its stated range throws a RangeError.
 * - A method that names a server the factory was not given throws a RangeError.
 * - Time is a `now` parameter in milliseconds; callers pass non-decreasing values of `now`.
 *   Never read the clock, never use Math.random(): tests replay exact sequences.
 * - Import nothing but `node:` built-ins.
 */
import {hash} from 'node:crypto'

/** The identifier of a backend server, e.g. `"10.0.0.7:8080"` or `"a"`. */
export type ServerId = string

/** A strategy that needs no feedback: each call returns the server for the next request. */
export interface Balancer {
  pick(): ServerId
}

// ---------------------------------------------------------------------------------------------
// Round robin

/**
 * Round robin: the picks cycle through `servers` in the order given, starting with `servers[0]`.
 * `["a", "b", "c"]` picks a, b, c, a, b, c, a, …
 * Throws a RangeError on an empty list or on duplicate ids.
 */
export function createRoundRobin(servers: readonly ServerId[]): Balancer {
  // TODO: remember where the rotation is.
  throw new Error('TODO: createRoundRobin')
}

// ---------------------------------------------------------------------------------------------
// Least connections

/** Least connections: the caller reports when each connection ends. */
export interface LeastConnections {
  /**
   * Chooses the server with the fewest active connections (ties: the one listed first), counts
   * one more active connection on it, and returns it.
   */
  acquire(): ServerId
  /**
   * One connection to `server` has ended: its active count drops by one. Throws a RangeError if
   * `server` has no active connection or is unknown.
   */
  release(server: ServerId): void
  /** Connections currently active on `server`. Throws a RangeError for an unknown server. */
  active(server: ServerId): number
}

/**
 * Least connections over `servers`, every server starting with 0 active connections.
 * Throws a RangeError on an empty list or on duplicate ids.
 */
export function createLeastConnections(servers: readonly ServerId[]): LeastConnections {
  // TODO: one counter per server.
  throw new Error('TODO: createLeastConnections')
}

// ---------------------------------------------------------------------------------------------
// Smooth weighted round robin

/** A server with its relative capacity. */
export interface WeightedServer {
  readonly id: ServerId
  /** A positive integer; a server with weight 3 gets three times the requests of one with weight 1. */
  readonly weight: number
}

/**
 * Smooth weighted round robin (the algorithm nginx uses for weighted upstreams).
 *
 * Each server keeps a `current` value, initially 0. On every pick:
 * 1. every server's `current` grows by its weight;
 * 2. the server with the largest `current` is chosen (ties: the one listed first);
 * 3. the chosen server's `current` drops by the total weight W = Σ weight.
 *
 * `[{id: "a", weight: 5}, {id: "b", weight: 1}, {id: "c", weight: 1}]` picks a a b a c a a, then
 * repeats. Over W consecutive picks from the start, every server is chosen exactly `weight` times.
 *
 * Throws a RangeError on an empty list, duplicate ids, or a weight that is not a positive integer.
 */
export function createSmoothWeighted(servers: readonly WeightedServer[]): Balancer {
  // TODO: keep a current value per server.
  throw new Error('TODO: createSmoothWeighted')
}

// ---------------------------------------------------------------------------------------------
// Consistent hashing

/** A consistent-hash ring. */
export interface HashRing {
  /** Puts `server` (with all its virtual nodes) on the ring. Throws a RangeError if it is already there. */
  add(server: ServerId): void
  /** Takes `server` (with all its virtual nodes) off the ring. Throws a RangeError if it is not there. */
  remove(server: ServerId): void
  /**
   * The server owning `key`: the owner of the first point at or clockwise after the key's
   * position, wrapping round to the lowest point. Throws a RangeError when the ring is empty.
   */
  lookup(key: string): ServerId
  /** The servers currently on the ring, sorted ascending by plain string comparison (as `[].sort()`). */
  servers(): ServerId[]
}

/**
 * A ready-made position on the ring for any text: the first 4 bytes of its MD5 digest read as an
 * unsigned 32-bit big-endian integer (0 … 2^32 − 1). You may use it or any other well-mixed,
 * deterministic hash: the tests check properties that hold for any ring, and on a ring laid out
 * with this function (points at `${server}#0`, `${server}#1`, …) also the owner of each key.
 */
export function ringPosition(text: string): number {
  // The one-shot hash is about four times faster than a Hash object on short keys.
  return Number.parseInt(hash('md5', text).slice(0, 8), 16)
}

/**
 * Consistent hashing with virtual nodes: every server occupies `virtualNodes` points on the ring,
 * derived from its id alone (for example the positions of `${server}#0`, `${server}#1`, …), and a
 * key belongs to the first point at or after its own position.
 *
 * Requirements:
 * - Which server owns a key depends only on the set of servers on the ring and on the key, never
 *   on the order in which servers were listed or added (break position collisions by server id).
 * - Adding a server moves only keys that now belong to the new server; removing one moves only
 *   the keys it owned.
 * - `lookup` finds the point by binary search over the sorted points, not by a linear scan.
 *
 * `servers` may be empty (servers can be added later). Throws a RangeError on duplicate ids or when
 * `virtualNodes` is not a positive integer.
 */
export function createHashRing(options: {readonly servers: readonly ServerId[]; readonly virtualNodes: number}): HashRing {
  // TODO: a sorted array of points, each remembering its server.
  throw new Error('TODO: createHashRing')
}

// ---------------------------------------------------------------------------------------------
// Least response time (EWMA)

/** Response-time tracking with an exponentially weighted moving average (EWMA) per server. */
export interface ResponseTimes {
  /** Feeds one measured response time of `server`, in ms (finite and >= 0, else RangeError). */
  record(server: ServerId, ms: number): void
  /** The current estimate for `server` in ms, or `undefined` before its first sample. */
  estimate(server: ServerId): number | undefined
  /**
   * The server for the next request: the first server (in listed order) that has no sample yet;
   * if every server has one, the lowest estimate, ties: the one listed first.
   */
  pick(): ServerId
}

/**
 * Least response time with EWMA smoothing. The first sample of a server becomes its estimate;
 * every later sample updates it as `estimate = alpha * sample + (1 - alpha) * estimate`.
 * With alpha 0.3, the samples 100, 200, 150, 80 give the estimates 100, 130, 136, 119.2.
 *
 * Throws a RangeError on an empty list, duplicate ids, or an alpha outside (0, 1].
 */
export function createLeastResponseTime(servers: readonly ServerId[], alpha = 0.3): ResponseTimes {
  // TODO: one estimate per server, undefined until measured.
  throw new Error('TODO: createLeastResponseTime')
}

// ---------------------------------------------------------------------------------------------
// Health tracking

export type HealthState = 'healthy' | 'degraded' | 'down' | 'probing'

export interface HealthOptions {
  /** Consecutive failures that take a server down (a positive integer). */
  readonly failuresToDown: number
  /** Ms after going down at which a server reads as 'probing' (>= 0). */
  readonly probeAfterMs: number
  /** A successful response slower than this many ms (strictly greater) marks the server degraded (>= 0). */
  readonly slowMs: number
}

export interface HealthTracker {
  /** Feeds the outcome of one request or health check to `server`, observed at `now`. */
  observe(server: ServerId, result: {readonly ok: boolean; readonly latencyMs: number}, now: number): void
  /** The state of `server` at `now`. */
  state(server: ServerId, now: number): HealthState
  /** Servers that may receive traffic at `now`: healthy and degraded ones, in listed order (never down or probing). */
  available(now: number): ServerId[]
}

/**
 * Tracks the health of each server. Every server starts healthy with no failures counted.
 *
 * - Down and probing: a server that went down at time `t` reads as 'down' while now < t +
 *   probeAfterMs and as 'probing' from now >= t + probeAfterMs on.
 * - Observations of a server that reads as 'down' are ignored (they answer requests sent before it
 *   went down).
 * - The first observation of a server that reads as 'probing' decides: ok -> healthy or degraded
 *   (by latency, as below); failure -> down again, with the timer restarting at this `now`.
 * - Otherwise (healthy or degraded): ok resets the count of consecutive failures and sets
 *   'degraded' if latencyMs > slowMs, else 'healthy'. A failure adds one to the count; when the
 *   count reaches failuresToDown the server goes down at `now` (and the count restarts from 0);
 *   below that the state does not change.
 *
 * Throws a RangeError on an empty list, duplicate ids or options outside their ranges.
 */
export function createHealthTracker(servers: readonly ServerId[], options: HealthOptions): HealthTracker {
  // TODO: per server, the last decided state, a failure count and when it went down.
  throw new Error('TODO: createHealthTracker')
}

// ---------------------------------------------------------------------------------------------
// Circuit breaker

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface CircuitBreaker {
  /** May a request go through at `now`? In half-open, a `true` answer reserves the single trial. */
  allow(now: number): boolean
  /** The request that was allowed succeeded (reported at `now`). */
  success(now: number): void
  /** The request that was allowed failed (reported at `now`). */
  failure(now: number): void
  /** The state at `now`; an open breaker reads as half-open by itself once the cooldown has passed. */
  state(now: number): BreakerState
}

/**
 * A circuit breaker that starts closed.
 *
 * - Closed: allow() is true. A failure adds one to the count of consecutive failures; when it
 *   reaches failureThreshold the breaker opens at `now`. A success resets the count to 0.
 * - Open (opened at time t): while now < t + cooldownMs, allow() is false and success()/failure()
 *   are ignored (late answers). From now >= t + cooldownMs on, it reads as half-open.
 * - Half-open: allow() returns true for one trial request, then false until that trial is
 *   reported. The next success() closes the breaker (count 0); the next failure() opens it again
 *   at `now`, so the cooldown restarts.
 *
 * Throws a RangeError when failureThreshold is not a positive integer or cooldownMs < 0.
 */
export function createCircuitBreaker(options: {readonly failureThreshold: number; readonly cooldownMs: number}): CircuitBreaker {
  // TODO: the state, the failure count, when it opened, and whether a trial is out.
  throw new Error('TODO: createCircuitBreaker')
}
