/**
 * The strategies experiment: the unit's ticket shop as a discrete-event simulation. Six servers of
 * unequal size (four with 16 vCPUs, two with 4) serve requests that arrive at random (a Poisson
 * stream) with costs that vary a lot (lognormal). A third of the way in, one big server's disk
 * fills and it runs five times slower for the rest of the run; half way, one small server stops
 * answering for a stretch and then comes back, as in a deploy. Requests sent to it meanwhile hang
 * until the balancer's timeout and are lost, as are those it held when it stopped. The learner's
 * health tracker, fed every answer, timeout and probe, decides which servers the strategy may
 * choose from.
 */
import {percentile, randomFromSeed, Simulation} from 'course/kit/driver'
import {lognormal, exponential, zipf} from './draws.js'
import {Health} from './health.js'
import {LearnerError} from './learner.js'
import {makeRouter, type Ticket} from './routers.js'
import {CLUSTER, FLEET, type StrategyName} from './scenario.js'

export interface ClusterInput {
  readonly strategy: StrategyName
  readonly requests: number
  /** Offered load as a fraction of the fleet's cores. */
  readonly load: number
  readonly seed: number
}

export interface ClusterOutcome {
  readonly strategy: StrategyName
  /** Requests each server answered, in FLEET order. */
  readonly served: number[]
  readonly lost: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** p99 latency of the requests that arrived in each window (NaN-free: 0 for an empty window). */
  readonly p99ByWindowMs: number[]
  readonly durationMs: number
  /** How long after the server stopped answering it left the available set; null if it never did. */
  readonly detectedAfterMs: number | null
  /** Why the health tracker was set aside (it threw or answered nonsense), if it was. */
  readonly healthProblem?: string
}

export type ClusterResult = ClusterOutcome | {readonly strategy: StrategyName; readonly error: string}

type Event =
  | {readonly kind: 'arrive'; readonly request: number}
  | {readonly kind: 'finish'; readonly server: number; readonly request: number; readonly epoch: number}
  | {readonly kind: 'timeout'; readonly request: number}
  | {readonly kind: 'slow' | 'hang' | 'recover' | 'probe'}

interface Workload {
  readonly arrivals: Float64Array
  readonly costs: Float64Array
  readonly users: Int32Array
}

/** The same requests for every strategy: arrivals, costs and users from the seed alone. */
export function clusterWorkload(requests: number, load: number, seed: number): Workload {
  const random = randomFromSeed(seed)
  const cores = FLEET.reduce((sum, s) => sum + s.cores, 0)
  const perMs = (load * cores) / CLUSTER.meanCostMs
  const user = zipf(CLUSTER.users, CLUSTER.userSkew)
  const arrivals = new Float64Array(requests)
  const costs = new Float64Array(requests)
  const users = new Int32Array(requests)
  let now = 0
  for (let i = 0; i < requests; i++) {
    now += exponential(random, 1 / perMs)
    arrivals[i] = now
    costs[i] = lognormal(random, CLUSTER.meanCostMs, CLUSTER.costSigma)
    users[i] = user(random)
  }
  return {arrivals, costs, users}
}

interface ServerState {
  busy: number
  speed: number
  hung: boolean
  /** Bumped when the server drops everything it holds, so finishes already scheduled are ignored. */
  epoch: number
  readonly queue: number[]
  queueHead: number
  /** Requests it holds, running or queued. */
  readonly holding: Set<number>
}

export function simulateCluster(module: Record<string, unknown>, input: ClusterInput): ClusterResult {
  try {
    return run(module, input)
  } catch (error) {
    if (error instanceof LearnerError) return {strategy: input.strategy, error: error.message}
    throw error
  }
}

function run(module: Record<string, unknown>, input: ClusterInput): ClusterOutcome {
  const {arrivals, costs, users} = clusterWorkload(input.requests, input.load, input.seed)
  const n = input.requests
  const durationMs = arrivals[n - 1] ?? 0
  const router = makeRouter(input.strategy, module, FLEET, randomFromSeed(input.seed + 7919))
  const health = new Health(module, FLEET.map((s) => s.name), CLUSTER.health)
  const index = new Map(FLEET.map((s, i) => [s.name, i]))
  const keys = Array.from({length: CLUSTER.users}, (_, user) => `user-${user}`)
  const hung = index.get(CLUSTER.hungServer)!
  const slow = index.get(CLUSTER.slowServer)!
  const servers: ServerState[] = FLEET.map(() => ({busy: 0, speed: 1, hung: false, epoch: 0, queue: [], queueHead: 0, holding: new Set()}))
  const tickets: Array<Ticket | undefined> = new Array(n)
  const sentTo = new Int32Array(n)
  const latency = new Float64Array(n).fill(Number.NaN)
  const served = FLEET.map(() => 0)
  let lost = 0
  let detectedAt: number | undefined
  const hungFrom = CLUSTER.hungFrom * durationMs

  const start = (sim: Simulation<Event>, s: number, request: number): void => {
    const server = servers[s]!
    server.busy++
    sim.schedule(costs[request]! / server.speed, {kind: 'finish', server: s, request, epoch: server.epoch})
  }

  const sim = new Simulation<Event>((event, sim) => {
    const now = sim.now
    switch (event.kind) {
      case 'arrive': {
        const i = event.request
        if (i + 1 < n) sim.at(arrivals[i + 1]!, {kind: 'arrive', request: i + 1})
        const available = health.available(now)
        if (detectedAt === undefined && servers[hung]!.hung && !available.includes(CLUSTER.hungServer)) detectedAt = now
        const ticket = router.route(keys[users[i]!]!, available)
        const s = index.get(ticket.server)!
        tickets[i] = ticket
        sentTo[i] = s
        const server = servers[s]!
        if (server.hung) {
          sim.schedule(CLUSTER.timeoutMs, {kind: 'timeout', request: i})
          return
        }
        server.holding.add(i)
        if (server.busy < FLEET[s]!.cores) start(sim, s, i)
        else server.queue.push(i)
        return
      }
      case 'finish': {
        const server = servers[event.server]!
        if (event.epoch !== server.epoch) return
        const i = event.request
        server.busy--
        server.holding.delete(i)
        if (server.queueHead < server.queue.length) start(sim, event.server, server.queue[server.queueHead++]!)
        const ms = now - arrivals[i]!
        latency[i] = ms
        served[event.server]!++
        tickets[i]!.done(ms, true)
        health.observe(FLEET[event.server]!.name, true, ms, now)
        return
      }
      case 'timeout': {
        lost++
        tickets[event.request]!.done(CLUSTER.timeoutMs, false)
        health.observe(FLEET[sentTo[event.request]!]!.name, false, CLUSTER.timeoutMs, now)
        return
      }
      case 'slow':
        servers[slow]!.speed = 1 / CLUSTER.slowdown
        return
      case 'hang': {
        const server = servers[hung]!
        server.hung = true
        server.epoch++
        // What it held gets no answer: each request times out as its own clock runs out.
        for (const i of server.holding) sim.schedule(Math.max(0, arrivals[i]! + CLUSTER.timeoutMs - now), {kind: 'timeout', request: i})
        server.holding.clear()
        server.queue.length = 0
        server.queueHead = 0
        server.busy = 0
        return
      }
      case 'recover':
        servers[hung]!.hung = false
        return
      case 'probe': {
        for (const name of health.probing(now)) {
          const s = index.get(name)!
          const up = !servers[s]!.hung
          health.observe(name, up, up ? CLUSTER.probeCostMs / servers[s]!.speed : CLUSTER.timeoutMs, now)
        }
        if (now + CLUSTER.probeEveryMs <= durationMs) sim.schedule(CLUSTER.probeEveryMs, {kind: 'probe'})
        return
      }
    }
  }, input.seed)

  if (n > 0) sim.at(arrivals[0]!, {kind: 'arrive', request: 0})
  sim.at(CLUSTER.slowFrom * durationMs, {kind: 'slow'})
  sim.at(hungFrom, {kind: 'hang'})
  sim.at(CLUSTER.hungUntil * durationMs, {kind: 'recover'})
  sim.at(CLUSTER.probeEveryMs, {kind: 'probe'})
  sim.run()

  return {
    strategy: input.strategy,
    served,
    lost,
    ...latencySummary(latency, arrivals, durationMs, CLUSTER.windows),
    durationMs,
    detectedAfterMs: detectedAt === undefined ? null : detectedAt - hungFrom,
    ...(health.problem ? {healthProblem: health.problem} : {}),
  }
}

function latencySummary(latency: Float64Array, arrivals: Float64Array, durationMs: number, windows: number) {
  const answered = latency.filter((ms) => !Number.isNaN(ms))
  const byWindow: number[][] = Array.from({length: windows}, () => [])
  for (let i = 0; i < latency.length; i++) {
    if (Number.isNaN(latency[i]!)) continue
    const w = Math.min(windows - 1, Math.floor((arrivals[i]! / durationMs) * windows))
    byWindow[w]!.push(latency[i]!)
  }
  return {
    p50Ms: percentile(answered, 50),
    p99Ms: percentile(answered, 99),
    p99ByWindowMs: byWindow.map((values) => (values.length > 0 ? percentile(values, 99) : 0)),
  }
}
