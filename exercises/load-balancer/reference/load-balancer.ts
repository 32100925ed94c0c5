/**
 * Load balancing strategies, health tracking and a circuit breaker.
 *
 * Reference solution. Every factory validates its arguments and throws a RangeError on input the
 * contract rules out; every method that names a server throws a RangeError for a server the
 * factory was not given. Time is always a `now` parameter in milliseconds, and callers pass
 * non-decreasing values of `now`.
 */
import {hash} from 'node:crypto'

/** The identifier of a backend server, e.g. `"10.0.0.7:8080"` or `"a"`. */
export type ServerId = string

/** A strategy that needs no feedback: each call returns the server for the next request. */
export interface Balancer {
  pick(): ServerId
}

function requireServers(servers: readonly ServerId[]): ServerId[] {
  if (servers.length === 0) throw new RangeError('at least one server is needed')
  if (new Set(servers).size !== servers.length) throw new RangeError('server ids must be distinct')
  return [...servers]
}

function requireKnown<T>(map: ReadonlyMap<ServerId, T>, server: ServerId): T {
  const value = map.get(server)
  if (value === undefined) throw new RangeError(`unknown server ${JSON.stringify(server)}`)
  return value
}

// ---------------------------------------------------------------------------------------------
// Round robin

/**
 * Round robin: the picks cycle through `servers` in the order given, starting with `servers[0]`.
 * Throws a RangeError on an empty list or on duplicate ids.
 */
export function createRoundRobin(servers: readonly ServerId[]): Balancer {
  const list = requireServers(servers)
  let next = 0
  return {
    pick() {
      const chosen = list[next]!
      next = (next + 1) % list.length
      return chosen
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Least connections

/** Least connections: the caller reports when each connection ends. */
export interface LeastConnections {
  /** Chooses the server with the fewest active connections (ties: listed first) and counts one more on it. */
  acquire(): ServerId
  /** One connection to `server` has ended. Throws a RangeError if it has none active or is unknown. */
  release(server: ServerId): void
  /** Connections currently active on `server`. Throws a RangeError for an unknown server. */
  active(server: ServerId): number
}

/** Least connections over `servers`, all starting with 0 active. Throws a RangeError on an empty list or duplicate ids. */
export function createLeastConnections(servers: readonly ServerId[]): LeastConnections {
  const list = requireServers(servers)
  const counts = new Map<ServerId, number>(list.map((s) => [s, 0]))
  return {
    acquire() {
      // A linear scan: strict `<` keeps the first listed server among equals.
      let best = list[0]!
      for (const server of list) if (counts.get(server)! < counts.get(best)!) best = server
      counts.set(best, counts.get(best)! + 1)
      return best
    },
    release(server) {
      const count = requireKnown(counts, server)
      if (count === 0) throw new RangeError(`${JSON.stringify(server)} has no active connection to release`)
      counts.set(server, count - 1)
    },
    active(server) {
      return requireKnown(counts, server)
    },
  }
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
 * Smooth weighted round robin (the algorithm of nginx's upstream module). Each server keeps a
 * `current` value, initially 0. On every pick, each server's current grows by its weight; the
 * server with the largest current is chosen (ties: listed first) and the total weight is
 * subtracted from its current. Over any run of W = Σweight picks starting from the initial state,
 * each server is chosen exactly `weight` times, and the state returns to all zeros.
 *
 * Throws a RangeError on an empty list, duplicate ids or a weight that is not a positive integer.
 */
export function createSmoothWeighted(servers: readonly WeightedServer[]): Balancer {
  requireServers(servers.map((s) => s.id))
  for (const s of servers) {
    if (!Number.isSafeInteger(s.weight) || s.weight <= 0) throw new RangeError(`weight of ${JSON.stringify(s.id)} must be a positive integer`)
  }
  const ids = servers.map((s) => s.id)
  const weights = servers.map((s) => s.weight)
  const total = weights.reduce((a, b) => a + b, 0)
  const current = weights.map(() => 0)
  return {
    pick() {
      let best = 0
      for (let i = 0; i < current.length; i++) {
        current[i]! += weights[i]!
        if (current[i]! > current[best]!) best = i
      }
      current[best]! -= total
      return ids[best]!
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Consistent hashing

/** A consistent-hash ring. */
export interface HashRing {
  /** Puts `server` on the ring. Throws a RangeError if it is already there. */
  add(server: ServerId): void
  /** Takes `server` off the ring. Throws a RangeError if it is not there. */
  remove(server: ServerId): void
  /** The server owning `key`. Throws a RangeError when the ring is empty. */
  lookup(key: string): ServerId
  /** The servers on the ring, sorted ascending (plain string comparison, as `Array.prototype.sort`). */
  servers(): ServerId[]
}

/** A position on the ring: the first 4 bytes of the MD5 digest, as an unsigned 32-bit integer. */
export function ringPosition(text: string): number {
  // The one-shot hash is about four times faster than a Hash object on short keys.
  return Number.parseInt(hash('md5', text).slice(0, 8), 16)
}

interface Point {
  readonly position: number
  readonly server: ServerId
}

function comparePoints(a: Point, b: Point): number {
  // Order by position; on the (rare) collision, by server id, so that the ring never depends on
  // the order in which servers arrived.
  if (a.position !== b.position) return a.position - b.position
  return a.server < b.server ? -1 : a.server > b.server ? 1 : 0
}

/**
 * Consistent hashing with virtual nodes. Server `s` occupies the `virtualNodes` positions
 * `ringPosition(`${s}#${i}`)` for i = 0 … virtualNodes − 1; a key belongs to the first point at or
 * clockwise after `ringPosition(key)`, wrapping past the top of the range to the lowest point.
 *
 * Throws a RangeError on duplicate ids or when `virtualNodes` is not a positive integer. An empty
 * server list is allowed (servers can be added later).
 */
export function createHashRing(options: {readonly servers: readonly ServerId[]; readonly virtualNodes: number}): HashRing {
  const {virtualNodes} = options
  if (!Number.isSafeInteger(virtualNodes) || virtualNodes <= 0) throw new RangeError('virtualNodes must be a positive integer')
  if (new Set(options.servers).size !== options.servers.length) throw new RangeError('server ids must be distinct')

  const members = new Set<ServerId>()
  let points: Point[] = []

  const pointsOf = (server: ServerId): Point[] =>
    Array.from({length: virtualNodes}, (_, i) => ({position: ringPosition(`${server}#${i}`), server}))

  const add = (server: ServerId): void => {
    if (members.has(server)) throw new RangeError(`${JSON.stringify(server)} is already on the ring`)
    members.add(server)
    points = points.concat(pointsOf(server)).sort(comparePoints)
  }
  for (const server of options.servers) add(server)

  return {
    add,
    remove(server) {
      if (!members.delete(server)) throw new RangeError(`${JSON.stringify(server)} is not on the ring`)
      points = points.filter((p) => p.server !== server)
    },
    lookup(key) {
      if (points.length === 0) throw new RangeError('the ring is empty')
      const h = ringPosition(key)
      // Binary search for the first point with position >= h.
      let lo = 0
      let hi = points.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (points[mid]!.position < h) lo = mid + 1
        else hi = mid
      }
      return points[lo === points.length ? 0 : lo]!.server
    },
    servers() {
      return [...members].sort()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Least response time (EWMA)

/** Response-time tracking with an exponentially weighted moving average per server. */
export interface ResponseTimes {
  /** Feeds one measured response time (ms, finite and >= 0) of `server`. */
  record(server: ServerId, ms: number): void
  /** The current estimate for `server` in ms, or undefined before its first sample. */
  estimate(server: ServerId): number | undefined
  /** An unmeasured server first (listed order); otherwise the lowest estimate, ties: listed first. */
  pick(): ServerId
}

/**
 * Least response time with EWMA smoothing: the first sample sets the estimate; afterwards
 * `estimate = alpha * sample + (1 - alpha) * estimate`, computed in exactly that form.
 * Throws a RangeError on an empty list, duplicate ids or an alpha outside (0, 1].
 */
export function createLeastResponseTime(servers: readonly ServerId[], alpha = 0.3): ResponseTimes {
  const list = requireServers(servers)
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError('alpha must be in (0, 1]')
  const estimates = new Map<ServerId, number | undefined>(list.map((s) => [s, undefined]))
  const known = (server: ServerId): void => {
    if (!estimates.has(server)) throw new RangeError(`unknown server ${JSON.stringify(server)}`)
  }
  return {
    record(server, ms) {
      known(server)
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a response time is a finite number of ms >= 0')
      const previous = estimates.get(server)
      estimates.set(server, previous === undefined ? ms : alpha * ms + (1 - alpha) * previous)
    },
    estimate(server) {
      known(server)
      return estimates.get(server)
    },
    pick() {
      // Probe unmeasured servers first: without a sample we know nothing about them.
      const unmeasured = list.find((s) => estimates.get(s) === undefined)
      if (unmeasured !== undefined) return unmeasured
      let best = list[0]!
      for (const server of list) if (estimates.get(server)! < estimates.get(best)!) best = server
      return best
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Health tracking

export type HealthState = 'healthy' | 'degraded' | 'down' | 'probing'

export interface HealthOptions {
  /** Consecutive failures that take a server down (a positive integer). */
  readonly failuresToDown: number
  /** Ms after going down at which a server reads as 'probing' (>= 0). */
  readonly probeAfterMs: number
  /** A successful response slower than this (strictly greater) marks the server degraded (>= 0). */
  readonly slowMs: number
}

export interface HealthTracker {
  /** Feeds the outcome of one request or health check to `server`, observed at `now`. */
  observe(server: ServerId, result: {readonly ok: boolean; readonly latencyMs: number}, now: number): void
  /** The state of `server` at `now`. */
  state(server: ServerId, now: number): HealthState
  /** Servers that may receive traffic at `now` (healthy or degraded), in listed order. */
  available(now: number): ServerId[]
}

interface Health {
  /** The last state decided by an observation; 'probing' is derived from 'down' and the clock. */
  status: 'healthy' | 'degraded' | 'down'
  failures: number
  downSince: number
}

/**
 * Health states per server; see the README for the state machine. Rules, applied per observation:
 * - a down server whose probe time (downSince + probeAfterMs) has not come ignores observations;
 * - once it reads as probing, the next observation decides: ok -> healthy or degraded by latency,
 *   failure -> down again with downSince = now;
 * - otherwise, ok resets the consecutive-failure count and sets healthy (latency <= slowMs) or
 *   degraded (latency > slowMs); a failure increments the count and, on reaching failuresToDown,
 *   sets down with downSince = now; below the threshold the state is unchanged.
 * Throws a RangeError on an empty list, duplicate ids or invalid options.
 */
export function createHealthTracker(servers: readonly ServerId[], options: HealthOptions): HealthTracker {
  const list = requireServers(servers)
  const {failuresToDown, probeAfterMs, slowMs} = options
  if (!Number.isSafeInteger(failuresToDown) || failuresToDown <= 0) throw new RangeError('failuresToDown must be a positive integer')
  if (!(probeAfterMs >= 0) || !(slowMs >= 0)) throw new RangeError('probeAfterMs and slowMs must be >= 0')
  const health = new Map<ServerId, Health>(list.map((s) => [s, {status: 'healthy', failures: 0, downSince: 0}]))

  const stateOf = (h: Health, now: number): HealthState =>
    h.status === 'down' && now >= h.downSince + probeAfterMs ? 'probing' : h.status

  return {
    observe(server, result, now) {
      const h = requireKnown(health, server)
      const current = stateOf(h, now)
      if (current === 'down') return // late answers to requests sent before it went down
      if (result.ok) {
        h.failures = 0
        h.status = result.latencyMs > slowMs ? 'degraded' : 'healthy'
        return
      }
      h.failures += 1
      if (current === 'probing' || h.failures >= failuresToDown) {
        h.status = 'down'
        h.downSince = now
        h.failures = 0
      }
    },
    state(server, now) {
      return stateOf(requireKnown(health, server), now)
    },
    available(now) {
      return list.filter((s) => {
        const st = stateOf(health.get(s)!, now)
        return st === 'healthy' || st === 'degraded'
      })
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Circuit breaker

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface CircuitBreaker {
  /** May a request go through at `now`? In half-open, a true answer reserves the single trial. */
  allow(now: number): boolean
  /** The request that was allowed succeeded. */
  success(now: number): void
  /** The request that was allowed failed. */
  failure(now: number): void
  /** The state at `now` (open turns into half-open by itself once the cooldown has passed). */
  state(now: number): BreakerState
}

/**
 * A circuit breaker. Closed: every request is allowed; `failureThreshold` consecutive failures
 * open it at `now`, and a success resets the count. Open: allow() is false, and success/failure
 * reports (late answers) are ignored, until `cooldownMs` have passed since opening; from then on
 * it reads as half-open. Half-open: allow() returns true once and then false while that trial is
 * outstanding; the next success() closes it (count 0), the next failure() opens it again at `now`.
 * Throws a RangeError when failureThreshold is not a positive integer or cooldownMs < 0.
 */
export function createCircuitBreaker(options: {readonly failureThreshold: number; readonly cooldownMs: number}): CircuitBreaker {
  const {failureThreshold, cooldownMs} = options
  if (!Number.isSafeInteger(failureThreshold) || failureThreshold <= 0) throw new RangeError('failureThreshold must be a positive integer')
  if (!(cooldownMs >= 0)) throw new RangeError('cooldownMs must be >= 0')

  let status: 'closed' | 'open' = 'closed'
  let failures = 0
  let openedAt = 0
  let trialOutstanding = false

  const stateAt = (now: number): BreakerState =>
    status === 'closed' ? 'closed' : now >= openedAt + cooldownMs ? 'half-open' : 'open'
  const open = (now: number): void => {
    status = 'open'
    openedAt = now
    failures = 0
    trialOutstanding = false
  }

  return {
    allow(now) {
      const s = stateAt(now)
      if (s === 'closed') return true
      if (s === 'open' || trialOutstanding) return false
      trialOutstanding = true
      return true
    },
    success(now) {
      const s = stateAt(now)
      if (s === 'open') return
      status = 'closed'
      failures = 0
      trialOutstanding = false
    },
    failure(now) {
      const s = stateAt(now)
      if (s === 'open') return
      if (s === 'half-open') return open(now)
      failures += 1
      if (failures >= failureThreshold) open(now)
    },
    state(now) {
      return stateAt(now)
    },
  }
}
