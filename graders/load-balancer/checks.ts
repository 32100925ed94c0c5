/**
 * Hidden cases of the load-balancer grader: generators build each learner's inputs from their
 * seeded stream and compute, with the independent models, what must come back; the hash ring's
 * cases (hash-ring.ts) judge the properties an exact answer cannot express (how many keys move,
 * how even a ring is).
 */
import {call, create, defineGrader, integer, ok, repeat, returns, throws, values, type Expected, type Generator, type Step} from 'course/kit'
import {ringAdd, ringAddGenerator, ringBalance, ringBalanceGenerator, ringOrder, ringOrderGenerator, ringRemove, ringRemoveGenerator} from './hash-ring.js'
import {BreakerModel, HealthModel, LeastConnectionsModel, ResponseTimeModel, roundRobin, smoothWeighted} from './models.js'
import {serverNames} from './names.js'

const roundRobinFairness: Generator = (random) => {
  const servers = serverNames(random, integer(random, 1, 9))
  const picks = servers.length * integer(random, 3, 8) + integer(random, 0, servers.length - 1)
  return {input: {create: create('createRoundRobin', servers), steps: [repeat(picks, 'pick')]}, expected: {results: [values(roundRobin(servers, picks))]}}
}

const leastConnections: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 6))
  const model = new LeastConnectionsModel(servers)
  const steps: Step[] = []
  const results: Expected[] = []
  for (let i = 0; i < 80; i++) {
    const busy = servers.filter((s) => model.counts.get(s)! > 0)
    if (busy.length > 0 && random() < 0.4) {
      const server = busy[integer(random, 0, busy.length - 1)]!
      model.release(server)
      steps.push(call('release', server))
      results.push(ok)
    } else {
      steps.push(call('acquire'))
      results.push(returns(model.acquire()))
    }
  }
  // Releasing a server with nothing active must throw.
  const idle = servers.find((s) => model.counts.get(s) === 0)
  if (idle) {
    steps.push(call('release', idle))
    results.push(throws())
  }
  for (const server of servers) {
    steps.push(call('active', server))
    results.push(returns(model.counts.get(server)))
  }
  return {input: {create: create('createLeastConnections', servers), steps}, expected: {results}}
}

const smoothWeightedRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 6)).map((id) => ({id, weight: integer(random, 1, 9)}))
  const total = servers.reduce((sum, s) => sum + s.weight, 0)
  const picks = 2 * total + integer(random, 0, total)
  return {input: {create: create('createSmoothWeighted', servers), steps: [repeat(picks, 'pick')]}, expected: {results: [values(smoothWeighted(servers, picks))]}}
}

const ewmaRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 4))
  const alpha = integer(random, 10, 90) / 100
  const model = new ResponseTimeModel(servers, alpha)
  const steps: Step[] = []
  const results: Expected[] = []
  for (let i = 0; i < 40; i++) {
    const server = servers[integer(random, 0, servers.length - 1)]!
    const ms = integer(random, 100, 50_000) / 100
    model.record(server, ms)
    steps.push(call('record', server, ms), call('estimate', server))
    results.push(ok, returns(model.estimates.get(server)))
  }
  return {input: {create: create('createLeastResponseTime', servers, alpha), steps}, expected: {results}}
}

const leastResponsePicks: Generator = (random) => {
  const servers = serverNames(random, integer(random, 3, 5))
  const model = new ResponseTimeModel(servers, 0.3)
  const steps: Step[] = []
  const results: Expected[] = []
  for (let i = 0; i < 40; i++) {
    if (random() < 0.5) {
      steps.push(call('pick'))
      results.push(returns(model.pick()))
    } else {
      const server = servers[integer(random, 0, servers.length - 1)]!
      const ms = integer(random, 5, 400)
      model.record(server, ms)
      steps.push(call('record', server, ms))
      results.push(ok)
    }
  }
  return {input: {create: create('createLeastResponseTime', servers), steps}, expected: {results}}
}

const healthRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 4))
  const options = {failuresToDown: integer(random, 2, 4), probeAfterMs: integer(random, 10, 100) * 100, slowMs: integer(random, 1, 8) * 100}
  const model = new HealthModel(servers, options)
  const steps: Step[] = []
  const results: Expected[] = []
  let now = 0
  for (let i = 0; i < 120; i++) {
    now += integer(random, 0, 1500)
    const server = servers[integer(random, 0, servers.length - 1)]!
    const roll = random()
    if (roll < 0.6 && model.state(server, now) !== 'down') {
      // Observations only where the contract is unambiguous: never a down server before its probe time.
      const succeeded = random() < 0.55
      const latencyMs = integer(random, 10, 2 * options.slowMs)
      model.observe(server, succeeded, latencyMs, now)
      steps.push(call('observe', server, {ok: succeeded, latencyMs}, now))
      results.push(ok)
    } else if (roll < 0.85) {
      steps.push(call('state', server, now))
      results.push(returns(model.state(server, now)))
    } else {
      steps.push(call('available', now))
      results.push(returns(model.available(now)))
    }
  }
  return {input: {create: create('createHealthTracker', servers, options), steps}, expected: {results}}
}

const breakerRandom: Generator = (random) => {
  const options = {failureThreshold: integer(random, 2, 5), cooldownMs: integer(random, 5, 50) * 100}
  const model = new BreakerModel(options)
  const steps: Step[] = []
  const results: Expected[] = []
  let now = 0
  const failureRate = 0.3 + random() * 0.5
  for (let i = 0; i < 150; i++) {
    now += integer(random, 0, 800)
    if (random() < 0.2) {
      steps.push(call('state', now))
      results.push(returns(model.state(now)))
      continue
    }
    const allowed = model.allow(now)
    steps.push(call('allow', now))
    results.push(returns(allowed))
    if (!allowed) continue
    if (model.trial && random() < 0.3) {
      // A second request during the single half-open trial must be turned away.
      steps.push(call('allow', now))
      results.push(returns(model.allow(now)))
    }
    if (random() < failureRate) {
      model.failure(now)
      steps.push(call('failure', now))
    } else {
      model.success()
      steps.push(call('success', now))
    }
    results.push(ok)
  }
  return {input: {create: create('createCircuitBreaker', options), steps}, expected: {results}}
}

export default defineGrader({
  generators: {
    'round-robin-fairness': roundRobinFairness,
    'least-connections-interleaved': leastConnections,
    'smooth-weighted-random': smoothWeightedRandom,
    'hash-ring-add': ringAddGenerator,
    'hash-ring-remove': ringRemoveGenerator,
    'hash-ring-balance': ringBalanceGenerator,
    'hash-ring-order': ringOrderGenerator,
    'ewma-random': ewmaRandom,
    'least-response-time-picks': leastResponsePicks,
    'health-random': healthRandom,
    'breaker-random': breakerRandom,
  },
  checks: {
    'ring-add': ringAdd,
    'ring-remove': ringRemove,
    'ring-balance': ringBalance,
    'ring-order': ringOrder,
  },
})
