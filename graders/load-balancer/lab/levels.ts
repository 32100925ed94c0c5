/**
 * The four levels, measured: for one strategy of each level, the highest efficiency (useful work
 * over capacity) at which the fleet still meets a target for the 99th-percentile wait, found by
 * bisection on the arrival rate. Levels 1 to 3 run the learner's round robin, least connections and
 * hash ring; random choice (level 1, the lesson's worked example) and the level-4 router are the
 * course's own.
 *
 * The level-4 router knows the latency objective: it sends a request to its user's home server
 * (by a hash of the user) while that server's expected wait, requests held × mean cost, stays
 * within half the target, and otherwise to the server holding fewest requests. It keeps most of
 * affinity's cache hits and sheds the hot spots that pure hashing cannot.
 */
import {attempt, chosen, create, LearnerError, type Balancer, type HashRing, type LeastConnections} from './learner.js'
import {fleetWorkload, routingRandom, runFleet, type FleetPolicy, type FleetRun, type FleetWorkload} from './fleet.js'
import {LEVELS_FLEET, VIRTUAL_NODES, type LevelStrategy} from './scenario.js'

export interface LevelsInput {
  readonly strategy: LevelStrategy
  readonly servers: number
  readonly requests: number
  readonly seed: number
  readonly missCostMs: number
  /** Targets for the p99 wait, ms. */
  readonly targetsMs: readonly number[]
}

export interface TargetOutcome {
  readonly targetMs: number
  /** The highest efficiency tested that met the target (0 when none did). */
  readonly efficiency: number
  /** The run at that efficiency, when there was one. */
  readonly p99WaitMs: number | null
  readonly hitRate: number | null
  readonly busy: number | null
}

export type LevelsResult = {readonly strategy: LevelStrategy; readonly targets: TargetOutcome[]} | {readonly strategy: LevelStrategy; readonly error: string}

const serverName = (i: number) => `node-${String(i + 1).padStart(3, '0')}`

/** 32-bit FNV-1a: a cheap, well-mixed hash for the level-4 router's home servers. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** Makes a fresh policy for each run, so every rate starts the strategy from the same state. */
type PolicyMaker = (targetMs: number) => FleetPolicy

function policyMaker(strategy: LevelStrategy, module: Record<string, unknown>, workload: FleetWorkload, seed: number): PolicyMaker {
  const names = Array.from({length: workload.servers}, (_, i) => serverName(i))
  const indexOf = new Map(names.map((name, i) => [name, i]))
  const allowed = new Set(names)
  switch (strategy) {
    case 'random':
      return () => {
        const random = routingRandom(seed)
        return {choose: (_user, view) => Math.floor(random() * view.servers)}
      }
    case 'round-robin':
      return () => {
        const balancer = create<Balancer>(module, 'createRoundRobin', names)
        return {choose: () => indexOf.get(chosen('createRoundRobin: pick()', attempt('createRoundRobin: pick()', () => balancer.pick()), allowed))!}
      }
    case 'least-connections':
      return () => {
        const balancer = create<LeastConnections>(module, 'createLeastConnections', names)
        return {
          choose: () => indexOf.get(chosen('createLeastConnections: acquire()', attempt('createLeastConnections: acquire()', () => balancer.acquire()), allowed))!,
          finished: (server) => attempt('createLeastConnections: release()', () => balancer.release(names[server]!)),
        }
      }
    case 'hash-ring': {
      // The ring never changes here, so each user is looked up once.
      const ring = create<HashRing>(module, 'createHashRing', {servers: names, virtualNodes: VIRTUAL_NODES})
      const owner = Int32Array.from({length: workload.userCount}, (_, user) =>
        indexOf.get(chosen('createHashRing: lookup()', attempt('createHashRing: lookup()', () => ring.lookup(`user-${user}`)), allowed))!,
      )
      return () => ({choose: (user) => owner[user]!})
    }
    case 'slo-affinity': {
      const home = Int32Array.from({length: workload.userCount}, (_, user) => fnv1a(`user-${user}`) % workload.servers)
      return (targetMs) => {
        const patience = Math.floor(targetMs / 2 / LEVELS_FLEET.meanCostMs)
        return {
          choose(user, view) {
            const preferred = home[user]!
            if (view.holding[preferred]! <= patience) return preferred
            let best = 0
            for (let s = 1; s < view.servers; s++) if (view.holding[s]! < view.holding[best]!) best = s
            return best
          },
        }
      }
    }
  }
}

/** Bisection on efficiency in (0, 1): the highest tested value whose run met the target. */
export function highestEfficiency(run: (efficiency: number) => FleetRun, targetMs: number, steps: number): TargetOutcome {
  let lo = 0
  let hi = 1
  let best: FleetRun | undefined
  for (let step = 0; step < steps; step++) {
    const mid = (lo + hi) / 2
    const outcome = run(mid)
    if (outcome.p99WaitMs <= targetMs) {
      lo = mid
      best = outcome
    } else hi = mid
  }
  return {targetMs, efficiency: lo, p99WaitMs: best?.p99WaitMs ?? null, hitRate: best?.hitRate ?? null, busy: best?.busy ?? null}
}

export function measureLevel(module: Record<string, unknown>, input: LevelsInput): LevelsResult {
  try {
    const workload = fleetWorkload(input.servers, input.requests, input.seed)
    const make = policyMaker(input.strategy, module, workload, input.seed)
    const targets = input.targetsMs.map((targetMs) => highestEfficiency((efficiency) => runFleet(workload, efficiency, input.missCostMs, make(targetMs), targetMs), targetMs, LEVELS_FLEET.bisectionSteps))
    return {strategy: input.strategy, targets}
  } catch (error) {
    if (error instanceof LearnerError) return {strategy: input.strategy, error: error.message}
    throw error
  }
}
