/**
 * The six ways the strategies experiment routes a request: the learner's five strategies and the
 * course's own power of two choices. Each is wrapped as a `Router` that is told which servers are
 * available (the health tracker's answer) and returns a ticket, closed when the request ends.
 *
 * The learner's list-based strategies take their servers once, at creation. As the reference
 * write-up suggests, a balancer rebuilds them whenever the set of available servers changes;
 * least response time keeps what it measured across a rebuild, and least connections releases
 * each request on the instance that counted it. The hash ring needs no rebuild: servers leave
 * and rejoin it with `remove` and `add`, which is the point of consistent hashing.
 */
import type {Random} from 'course/kit/driver'
import {attempt, chosen, create, type Balancer, type HashRing, type LeastConnections, type ResponseTimes} from './learner.js'
import {ALPHA, VIRTUAL_NODES, type ClusterServer, type StrategyName} from './scenario.js'

/** Where one request went, and how to report its end (its latency, and whether it was answered). */
export interface Ticket {
  readonly server: string
  done(latencyMs: number, ok: boolean): void
}

export interface Router {
  route(key: string, available: readonly string[]): Ticket
}

const nothing = (): void => {}

const sameServers = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i])

/**
 * Keeps one instance per set of available servers, made afresh when the set changes; `carry` hands
 * over what the old instance knew about the servers both share.
 */
function perAvailableSet<T>(make: (servers: readonly string[]) => T, carry?: (from: T, to: T, servers: readonly string[]) => void) {
  let servers: readonly string[] = []
  let instance: T | undefined
  let allowed: ReadonlySet<string> = new Set<string>()
  return (available: readonly string[]): {instance: T; allowed: ReadonlySet<string>} => {
    if (instance === undefined || !sameServers(servers, available)) {
      const made = make(available)
      if (instance !== undefined && carry) carry(instance, made, available.filter((s) => allowed.has(s)))
      instance = made
      servers = [...available]
      allowed = new Set(available)
    }
    return {instance, allowed}
  }
}

function roundRobin(module: Record<string, unknown>): Router {
  const current = perAvailableSet((servers) => create<Balancer>(module, 'createRoundRobin', servers))
  return {
    route(_key, available) {
      const {instance, allowed} = current(available)
      return {server: chosen('createRoundRobin: pick()', attempt('createRoundRobin: pick()', () => instance.pick()), allowed), done: nothing}
    },
  }
}

function leastConnections(module: Record<string, unknown>): Router {
  const current = perAvailableSet((servers) => create<LeastConnections>(module, 'createLeastConnections', servers))
  return {
    route(_key, available) {
      const {instance, allowed} = current(available)
      const server = chosen('createLeastConnections: acquire()', attempt('createLeastConnections: acquire()', () => instance.acquire()), allowed)
      return {server, done: () => attempt('createLeastConnections: release()', () => instance.release(server))}
    },
  }
}

function smoothWeighted(module: Record<string, unknown>, servers: readonly ClusterServer[]): Router {
  const weightOf = new Map(servers.map((s) => [s.name, s.weight]))
  const current = perAvailableSet((names) => create<Balancer>(module, 'createSmoothWeighted', names.map((id) => ({id, weight: weightOf.get(id)!}))))
  return {
    route(_key, available) {
      const {instance, allowed} = current(available)
      return {server: chosen('createSmoothWeighted: pick()', attempt('createSmoothWeighted: pick()', () => instance.pick()), allowed), done: nothing}
    },
  }
}

function hashRing(module: Record<string, unknown>, servers: readonly ClusterServer[]): Router {
  let members: readonly string[] = servers.map((s) => s.name)
  const ring = create<HashRing>(module, 'createHashRing', {servers: members, virtualNodes: VIRTUAL_NODES})
  let allowed: ReadonlySet<string> = new Set(members)
  return {
    route(key, available) {
      if (!sameServers(members, available)) {
        const wanted = new Set(available)
        for (const server of members) if (!wanted.has(server)) attempt('createHashRing: remove()', () => ring.remove(server))
        for (const server of available) if (!allowed.has(server)) attempt('createHashRing: add()', () => ring.add(server))
        members = [...available]
        allowed = wanted
      }
      return {server: chosen('createHashRing: lookup()', attempt('createHashRing: lookup()', () => ring.lookup(key)), allowed), done: nothing}
    },
  }
}

function leastResponseTime(module: Record<string, unknown>): Router {
  const current = perAvailableSet(
    (servers) => create<ResponseTimes>(module, 'createLeastResponseTime', servers, ALPHA),
    (from, to, kept) => {
      // A first sample sets the estimate exactly, so what was learnt survives the rebuild.
      for (const server of kept) {
        const estimate = attempt('createLeastResponseTime: estimate()', () => from.estimate(server))
        if (typeof estimate === 'number' && Number.isFinite(estimate)) attempt('createLeastResponseTime: record()', () => to.record(server, estimate))
      }
    },
  )
  let latest: {instance: ResponseTimes; allowed: ReadonlySet<string>} | undefined
  return {
    route(_key, available) {
      latest = current(available)
      const {instance, allowed} = latest
      const server = chosen('createLeastResponseTime: pick()', attempt('createLeastResponseTime: pick()', () => instance.pick()), allowed)
      return {
        server,
        done(latencyMs) {
          // Reported to the instance in use now: a server no longer in it has nothing to update.
          if (latest?.allowed.has(server)) attempt('createLeastResponseTime: record()', () => latest!.instance.record(server, latencyMs))
        },
      }
    },
  }
}

/** The course's own: two distinct available servers at random, and the one with fewer requests in flight. */
function twoChoices(servers: readonly ClusterServer[], random: Random): Router {
  const active = new Map(servers.map((s) => [s.name, 0]))
  return {
    route(_key, available) {
      const first = available[Math.floor(random() * available.length)]!
      let server = first
      if (available.length > 1) {
        let second = first
        while (second === first) second = available[Math.floor(random() * available.length)]!
        if (active.get(second)! < active.get(first)!) server = second
      }
      active.set(server, active.get(server)! + 1)
      return {server, done: () => active.set(server, active.get(server)! - 1)}
    },
  }
}

export function makeRouter(strategy: StrategyName, module: Record<string, unknown>, servers: readonly ClusterServer[], random: Random): Router {
  switch (strategy) {
    case 'round-robin':
      return roundRobin(module)
    case 'least-connections':
      return leastConnections(module)
    case 'smooth-weighted':
      return smoothWeighted(module, servers)
    case 'hash-ring':
      return hashRing(module, servers)
    case 'least-response-time':
      return leastResponseTime(module)
    case 'two-choices':
      return twoChoices(servers, random)
  }
}
