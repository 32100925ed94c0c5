/**
 * The levels experiment's fleet: identical servers that each run one request at a time from their
 * own queue, as in the lesson's worked example. Requests arrive as a Poisson stream and cost an
 * exponentially distributed time (mean 100 ms). Each request belongs to a user, and each server
 * remembers the data of the users it served last (an LRU cache): a request whose user is not in
 * its server's cache first spends `missCostMs` loading it. That load is work no user asked for,
 * so efficiency counts only the requests' own cost as useful.
 *
 * One workload serves every arrival rate: the gaps between arrivals are drawn for a rate of one and
 * stretched, so a faster rate is the same requests closer together. That keeps the bisection on
 * the rate from chasing noise.
 */
import {EventQueue, percentile, randomFromSeed, type Random} from 'course/kit/driver'
import {exponential, zipf} from './draws.js'
import {LEVELS_FLEET} from './scenario.js'

export interface FleetWorkload {
  readonly servers: number
  /** Gaps between arrivals for one request per ms; divide by the rate. */
  readonly gaps: Float64Array
  readonly costs: Float64Array
  readonly users: Int32Array
  readonly userCount: number
  /** The mean of `costs`: what a request needs, on average, in this run. */
  readonly meanCostMs: number
}

export function fleetWorkload(servers: number, requests: number, seed: number): FleetWorkload {
  const random = randomFromSeed(seed)
  const userCount = servers * LEVELS_FLEET.usersPerServer
  const user = zipf(userCount, LEVELS_FLEET.userSkew)
  const gaps = new Float64Array(requests)
  const costs = new Float64Array(requests)
  const users = new Int32Array(requests)
  let total = 0
  for (let i = 0; i < requests; i++) {
    gaps[i] = exponential(random, 1)
    costs[i] = exponential(random, LEVELS_FLEET.meanCostMs)
    users[i] = user(random)
    total += costs[i]!
  }
  return {servers, gaps, costs, users, userCount, meanCostMs: requests > 0 ? total / requests : LEVELS_FLEET.meanCostMs}
}

/** What a routing policy sees when it chooses: how many requests each server holds now. */
export interface FleetView {
  readonly servers: number
  /** Requests each server holds, running or queued. */
  readonly holding: Int32Array
}

/** Chooses the server (0 … servers − 1) for a request of `user`; `finished` hears of each request that ends. */
export interface FleetPolicy {
  choose(user: number, view: FleetView): number
  finished?(server: number): void
}

export interface FleetRun {
  /** The 99th percentile of the wait before service starts, after the warm-up. */
  readonly p99WaitMs: number
  /** Share of requests whose user was in their server's cache. */
  readonly hitRate: number
  /** Busy time over capacity until the last arrival: useful work plus loading. */
  readonly busy: number
}

/**
 * One run at `efficiency`: the requests' own work as a fraction of the fleet's capacity. With
 * `stopAboveMs`, the run ends as soon as more than 1 % of the measured waits exceed it, since its
 * p99 is then certain to, and reports an infinite p99: a bisection needs no more than that.
 */
export function runFleet(workload: FleetWorkload, efficiency: number, missCostMs: number, policy: FleetPolicy, stopAboveMs = Number.POSITIVE_INFINITY): FleetRun {
  const {servers, gaps, costs, users} = workload
  const n = gaps.length
  const perMs = (efficiency * servers) / workload.meanCostMs
  const freeAt = new Float64Array(servers)
  const holding = new Int32Array(servers)
  const view: FleetView = {servers, holding}
  const caches = new UserCaches(servers, workload.userCount, LEVELS_FLEET.cachedUsersPerServer)
  const departures = new EventQueue<number>()
  const skip = Math.floor(n * LEVELS_FLEET.warmUp)
  const waits = new Float64Array(n - skip)
  // The p99 (nearest rank) exceeds a bound once this many waits do.
  const tooMany = waits.length - Math.ceil(0.99 * waits.length) + 1
  let over = 0
  let hits = 0
  let busy = 0
  let now = 0
  for (let i = 0; i < n; i++) {
    now += gaps[i]! / perMs
    while ((departures.peekTime() ?? Number.POSITIVE_INFINITY) <= now) {
      const server = departures.pop()!.payload
      holding[server]!--
      policy.finished?.(server)
    }
    const server = policy.choose(users[i]!, view)
    // FIFO per server: the cache sees this server's requests in the order they will be served.
    const hit = caches.touch(server, users[i]!)
    if (hit) hits++
    const cost = costs[i]! + (hit ? 0 : missCostMs)
    const start = Math.max(now, freeAt[server]!)
    freeAt[server] = start + cost
    busy += cost
    holding[server]!++
    departures.push(start + cost, server)
    if (i < skip) continue
    waits[i - skip] = start - now
    if (start - now > stopAboveMs && ++over >= tooMany) return {p99WaitMs: Number.POSITIVE_INFINITY, hitRate: hits / (i + 1), busy: Number.NaN}
  }
  // Work still queued when the last request arrives is not busy time of this run: a server's
  // backlog past that moment is exactly how far its free time lies beyond it.
  for (let s = 0; s < servers; s++) busy -= Math.max(0, freeAt[s]! - now)
  return {p99WaitMs: percentile(waits, 99), hitRate: n > 0 ? hits / n : 0, busy: now > 0 ? busy / (servers * now) : 0}
}

/**
 * Each server's cache of users, least recently served evicted first: one doubly linked list per
 * server, kept in typed arrays indexed by server × user, so a touch allocates nothing.
 */
class UserCaches {
  private readonly next: Int32Array
  private readonly previous: Int32Array
  private readonly cached: Uint8Array
  private readonly head: Int32Array
  private readonly tail: Int32Array
  private readonly size: Int32Array

  constructor(
    servers: number,
    private readonly users: number,
    private readonly capacity: number,
  ) {
    this.next = new Int32Array(servers * users)
    this.previous = new Int32Array(servers * users)
    this.cached = new Uint8Array(servers * users)
    this.head = new Int32Array(servers).fill(-1)
    this.tail = new Int32Array(servers).fill(-1)
    this.size = new Int32Array(servers)
  }

  /** True when `user` was in `server`'s cache; either way it is now its most recent. */
  touch(server: number, user: number): boolean {
    const slot = server * this.users + user
    const hit = this.cached[slot] === 1
    if (hit) this.unlink(server, user)
    else {
      this.cached[slot] = 1
      this.size[server]!++
    }
    // Link at the head: the most recently served user.
    const first = this.head[server]!
    this.previous[slot] = -1
    this.next[slot] = first
    if (first >= 0) this.previous[server * this.users + first] = user
    else this.tail[server] = user
    this.head[server] = user
    if (this.size[server]! > this.capacity) {
      const oldest = this.tail[server]!
      this.unlink(server, oldest)
      this.cached[server * this.users + oldest] = 0
      this.size[server]!--
    }
    return hit
  }

  private unlink(server: number, user: number): void {
    const slot = server * this.users + user
    const before = this.previous[slot]!
    const after = this.next[slot]!
    if (before >= 0) this.next[server * this.users + before] = after
    else this.head[server] = after
    if (after >= 0) this.previous[server * this.users + after] = before
    else this.tail[server] = before
  }
}

/** A seeded stream of routing choices, the same at every rate. */
export function routingRandom(seed: number): Random {
  return randomFromSeed(seed + 104_729)
}
