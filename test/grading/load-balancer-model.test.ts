import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/load-balancer/reference/load-balancer.js'
import {BreakerModel, COLLIDING_SERVERS, HealthModel, LeastConnectionsModel, md5Position, ResponseTimeModel, RingModel, roundRobin, smoothWeighted} from '../../graders/load-balancer/models.js'
import {integer, randomFromSeed, type Random} from '../../src/core/random.js'

/**
 * The grader's models of the load-balancer contract against the reference solution: both make the
 * same random calls (late reports, reads at the exact turning times, ties and collisions included)
 * and must answer every one alike. A model that drifted from the contract would grade learners
 * against the wrong answers; the reference and the models were written apart, so agreement over
 * many seeds is evidence that both follow the contract.
 */
const SEEDS = 200

function names(random: Random, count: number): string[] {
  const out = new Set<string>()
  while (out.size < count) out.add(`s${integer(random, 1, 60)}`)
  return [...out]
}

/** Collects disagreements, so that one failed run lists the first few instead of stopping at one. */
class Agreement {
  readonly differences: string[] = []
  same(where: string, real: unknown, model: unknown): void {
    if (this.differences.length < 5 && JSON.stringify(real) !== JSON.stringify(model)) this.differences.push(`${where}: reference ${JSON.stringify(real)}, model ${JSON.stringify(model)}`)
  }
}

/** Where the next call happens: usually a little later, sometimes exactly at (or just before) a turning time. */
function nextTime(random: Random, now: number, turn: number | undefined): number {
  if (turn !== undefined && turn >= now && random() < 0.3) return turn - (turn > now ? integer(random, 0, 1) : 0)
  return now + integer(random, 0, 150)
}

describe('load-balancer models agree with the reference', () => {
  it('circuit breaker, late reports and reports without a trial included', () => {
    const agree = new Agreement()
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(seed)
      const options = {failureThreshold: integer(random, 1, 4), cooldownMs: integer(random, 0, 5) * 100}
      const model = new BreakerModel(options)
      const real = reference.createCircuitBreaker(options)
      let now = 0
      for (let i = 0; i < 120; i++) {
        now = nextTime(random, now, model.halfOpenAt())
        const op = integer(random, 0, 3)
        const where = `seed ${seed}, call ${i}`
        if (op === 0) agree.same(where, real.allow(now), model.allow(now))
        else if (op === 1) (real.success(now), model.success(now))
        else if (op === 2) (real.failure(now), model.failure(now))
        agree.same(where, real.state(now), model.state(now))
      }
    }
    expect(agree.differences).toEqual([])
  })

  it('health tracker, observations of down servers and boundary latencies included', () => {
    const agree = new Agreement()
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(seed)
      const servers = names(random, integer(random, 1, 3))
      const options = {failuresToDown: integer(random, 1, 3), probeAfterMs: integer(random, 0, 4) * 100, slowMs: integer(random, 0, 2) * 50}
      const model = new HealthModel(servers, options)
      const real = reference.createHealthTracker(servers, options)
      let now = 0
      for (let i = 0; i < 120; i++) {
        const server = servers[integer(random, 0, servers.length - 1)]!
        now = nextTime(random, now, model.probeAt(server))
        const where = `seed ${seed}, call ${i}`
        if (random() < 0.6) {
          const ok = random() < 0.5
          // Latencies around slowMs, exactly equal to it included.
          const latencyMs = Math.max(0, options.slowMs + integer(random, -2, 2))
          real.observe(server, {ok, latencyMs}, now)
          model.observe(server, ok, latencyMs, now)
        }
        agree.same(where, real.state(server, now), model.state(server, now))
        agree.same(where, real.available(now), model.available(now))
      }
    }
    expect(agree.differences).toEqual([])
  })

  it('least connections and least response time, ties included', () => {
    const agree = new Agreement()
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(seed)
      const servers = names(random, integer(random, 1, 5))
      const connections = new LeastConnectionsModel(servers)
      const realConnections = reference.createLeastConnections(servers)
      const alpha = integer(random, 1, 10) / 10
      const times = new ResponseTimeModel(servers, alpha)
      const realTimes = reference.createLeastResponseTime(servers, alpha)
      for (let i = 0; i < 60; i++) {
        const where = `seed ${seed}, call ${i}`
        const busy = servers.filter((s) => connections.active(s) > 0)
        if (busy.length > 0 && random() < 0.4) {
          const server = busy[integer(random, 0, busy.length - 1)]!
          realConnections.release(server)
          connections.release(server)
        } else {
          agree.same(where, realConnections.acquire(), connections.acquire())
        }
        for (const s of servers) agree.same(where, realConnections.active(s), connections.active(s))
        if (random() < 0.5) {
          const server = servers[integer(random, 0, servers.length - 1)]!
          // Few distinct samples, so equal estimates (ties) are common.
          const ms = integer(random, 0, 3) * 20
          realTimes.record(server, ms)
          times.record(server, ms)
          agree.same(where, realTimes.estimate(server), times.estimate(server))
        }
        agree.same(where, realTimes.pick(), times.pick())
      }
    }
    expect(agree.differences).toEqual([])
  })

  it('round robin and smooth weighted round robin', () => {
    const agree = new Agreement()
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = randomFromSeed(seed)
      const servers = names(random, integer(random, 1, 6))
      const rr = reference.createRoundRobin(servers)
      agree.same(`seed ${seed}`, Array.from({length: 25}, () => rr.pick()), roundRobin(servers, 25))
      // Small weights make ties at the top frequent.
      const weighted = servers.map((id) => ({id, weight: integer(random, 1, 4)}))
      const swrr = reference.createSmoothWeighted(weighted)
      agree.same(`seed ${seed}`, Array.from({length: 40}, () => swrr.pick()), smoothWeighted(weighted, 40))
    }
    expect(agree.differences).toEqual([])
  })

  it('hash ring: owners of random keys, keys on points and above the top, through adds and removes', () => {
    const agree = new Agreement()
    const [first, second] = COLLIDING_SERVERS
    expect(md5Position(`${first}#0`)).toBe(md5Position(`${second}#0`))
    expect(md5Position('some key')).toBe(reference.ringPosition('some key'))
    // Fewer rings than the other pieces: each one hashes a few thousand keys.
    for (let seed = 0; seed < SEEDS / 2; seed++) {
      const random = randomFromSeed(seed)
      const virtualNodes = integer(random, 1, 12)
      // Half the rings hold the two colliding servers, so the tie rule decides some keys.
      const start = [...names(random, integer(random, 0, 4)), ...(seed % 2 === 0 ? COLLIDING_SERVERS : [])]
      const model = new RingModel(start, virtualNodes)
      const real = reference.createHashRing({servers: start, virtualNodes})
      const pool = [...names(random, 8), ...COLLIDING_SERVERS]
      for (let i = 0; i < 8; i++) {
        const where = `seed ${seed}, round ${i}`
        const on = model.servers()
        const off = pool.filter((s) => !on.includes(s))
        if (off.length > 0 && (on.length === 0 || random() < 0.6)) {
          const server = off[integer(random, 0, off.length - 1)]!
          real.add(server)
          model.add(server)
        } else if (on.length > 0) {
          const server = on[integer(random, 0, on.length - 1)]!
          real.remove(server)
          model.remove(server)
        }
        agree.same(where, real.servers(), model.servers())
        if (model.sorted.length === 0) continue
        const top = model.sorted[model.sorted.length - 1]!.at
        const keys = [
          ...Array.from({length: 20}, (_, k) => `key-${seed}-${i}-${k}`),
          ...model.sorted.filter((_, k) => k % 3 === 0).map((p) => p.label),
          `${first}#0`,
          `${second}#0`,
        ]
        for (let n = 0, found = 0; found < 2 && n < 50_000; n++) {
          const key = `top-${seed}-${i}-${n}`
          if (md5Position(key) > top) (keys.push(key), found++)
        }
        for (const key of keys) agree.same(`${where}, key ${key}`, real.lookup(key), model.lookup(key))
      }
    }
    expect(agree.differences).toEqual([])
  })
})
