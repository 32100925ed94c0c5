/**
 * Hidden cases of the load-balancer grader: generators build each learner's inputs from their
 * seeded stream and compute, with the independent models, what must come back; checks judge the
 * properties an exact answer cannot express (how many keys move, how even a ring is).
 */
import type {Check, Generator, GraderModule, Verdict} from '../../src/core/grading/definition.js'
import {asScript, stepValues, type Expected} from '../../src/core/grading/script.js'
import type {ScriptOutput as DriverOutput} from '../../src/core/sandbox/drivers.js'
import {integer, shuffle, type Random} from '../../src/core/random.js'
import {BreakerModel, HealthModel, LeastConnectionsModel, ResponseTimeModel, roundRobin, smoothWeighted} from './models.js'

type Step = {call: string; args?: unknown[]} | {repeat: number; call: string} | {map: string; over: unknown[][]}
interface ScriptOutput {
  createError?: string
  results: unknown[]
}

// ------------------------------------------------------------------ helpers

function serverNames(random: Random, count: number): string[] {
  const names = new Set<string>()
  while (names.size < count) names.add(random() < 0.5 ? `s${integer(random, 1, 999)}` : `10.0.${integer(random, 0, 9)}.${integer(random, 1, 254)}:80${integer(random, 10, 99)}`)
  return [...names]
}

function keys(random: Random, count: number): string[][] {
  return Array.from({length: count}, (_, i) => [`key-${i}-${Math.floor(random() * 2 ** 32).toString(36)}`])
}

const values = (list: readonly unknown[]): Expected[] => list.map((value) => ({value}))

// ------------------------------------------------------------------ checks

const fail = (detail: string): Verdict => ({passed: false, detail})

/** Adding one server to N moves about 1/(N+1) of the keys, all to the new server; removing it undoes that. */
const ringAdd: Check = ({output, expected}) => {
  const out = asScript(output)
  const [before, after, restored] = [stepValues(out, 0), stepValues(out, 2), stepValues(out, 4)]
  const {added, servers: n} = expected as {added: string; servers: number}
  let moved = 0
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue
    if (after[i] !== added) return fail('a key moved between two old servers when a new one was added; only keys taken by the new server should move')
    moved++
  }
  const share = moved / before.length
  const ideal = 1 / (n + 1)
  if (share < 0.4 * ideal || share > 1.8 * ideal) {
    return fail(`adding one server moved ${(100 * share).toFixed(1)} % of the keys, not about 1/(N+1) of them`)
  }
  if (restored.some((server, i) => server !== before[i])) return fail('after removing the added server, keys did not return to their earlier servers')
  return {passed: true}
}

/** Removing a server moves exactly the keys it owned, each to a remaining server. */
const ringRemove: Check = ({output, expected}) => {
  const out = asScript(output)
  const [before, after] = [stepValues(out, 0), stepValues(out, 2)]
  const {removed} = expected as {removed: string}
  for (let i = 0; i < before.length; i++) {
    if (after[i] === removed) return fail('a key still maps to the removed server')
    if (before[i] !== removed && after[i] !== before[i]) return fail('removing a server moved keys it did not own')
  }
  return {passed: true}
}

function relativeSpread(owners: readonly unknown[], servers: readonly string[]): number {
  const load = new Map(servers.map((s) => [s, 0]))
  for (const owner of owners) load.set(owner as string, (load.get(owner as string) ?? 0) + 1)
  const counts = [...load.values()]
  const mean = owners.length / servers.length
  const variance = counts.reduce((sum, c) => sum + (c - mean) ** 2, 0) / counts.length
  return Math.sqrt(variance) / mean
}

/** More virtual nodes spread the keys more evenly. */
const ringBalance: Check = ({output, expected}) => {
  const [few, many] = (output as {scripts: ScriptOutput[]}).scripts as [DriverOutput, DriverOutput]
  const {serverList} = expected as {serverList: string[]}
  const low = relativeSpread(stepValues(few!, 0), serverList)
  const high = relativeSpread(stepValues(many!, 0), serverList)
  // With 100 points per server the share's relative spread is about 0.1, plus sampling noise of
  // 1500 keys over 10 servers (about 0.08); with one point it is about 1. 0.3 leaves room for an
  // unlucky draw and still separates the two by far.
  if (high > 0.3 || high >= low) {
    return fail(`more virtual nodes did not even out the load (relative spread ${high.toFixed(2)} with many against ${low.toFixed(2)} with one per server); it should fall like 1/√V`)
  }
  return {passed: true}
}

/** The ring gives the same answers whatever order the servers were listed or added in. */
const ringOrder: Check = ({output}) => {
  const rings = (output as {scripts: DriverOutput[]}).scripts
  const answers = rings.map((r) => JSON.stringify(stepValues(r, r.results.length - 1)))
  return answers.every((a) => a === answers[0]) ? {passed: true} : fail('two rings with the same servers, listed or added in a different order, map keys differently')
}

// ------------------------------------------------------------------ generators

const create = (exported: string, ...args: unknown[]) => ({export: exported, args})

const roundRobinFairness: Generator = (random) => {
  const servers = serverNames(random, integer(random, 1, 9))
  const picks = servers.length * integer(random, 3, 8) + integer(random, 0, servers.length - 1)
  return {input: {create: create('createRoundRobin', servers), steps: [{repeat: picks, call: 'pick'}]}, expected: {results: [values(roundRobin(servers, picks))]}}
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
      steps.push({call: 'release', args: [server]})
      results.push({ok: true})
    } else {
      steps.push({call: 'acquire'})
      results.push({value: model.acquire()})
    }
  }
  const idle = servers.find((s) => model.counts.get(s) === 0)
  if (idle) {
    steps.push({call: 'release', args: [idle]})
    results.push({error: true})
  }
  for (const server of servers) {
    steps.push({call: 'active', args: [server]})
    results.push({value: model.counts.get(server)})
  }
  return {input: {create: create('createLeastConnections', servers), steps}, expected: {results}}
}

const smoothWeightedRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 6)).map((id) => ({id, weight: integer(random, 1, 9)}))
  const total = servers.reduce((sum, s) => sum + s.weight, 0)
  const picks = 2 * total + integer(random, 0, total)
  return {input: {create: create('createSmoothWeighted', servers), steps: [{repeat: picks, call: 'pick'}]}, expected: {results: [values(smoothWeighted(servers, picks))]}}
}

const ringAddGenerator: Generator = (random) => {
  const servers = serverNames(random, integer(random, 5, 12))
  let added = serverNames(random, 1)[0]!
  while (servers.includes(added)) added = `${added}x`
  // 600 keys: the new server's share (1/13 to 1/6) is 46 to 100 keys, far from what modulo hashing moves.
  const lookups = keys(random, 600)
  const steps: Step[] = [{map: 'lookup', over: lookups}, {call: 'add', args: [added]}, {map: 'lookup', over: lookups}, {call: 'remove', args: [added]}, {map: 'lookup', over: lookups}]
  return {input: {create: create('createHashRing', {servers, virtualNodes: integer(random, 50, 100)}), steps}, expected: {servers: servers.length, added}}
}

const ringRemoveGenerator: Generator = (random) => {
  const servers = serverNames(random, integer(random, 5, 12))
  const removed = servers[integer(random, 0, servers.length - 1)]!
  const lookups = keys(random, 600)
  return {
    input: {create: create('createHashRing', {servers, virtualNodes: 64}), steps: [{map: 'lookup', over: lookups}, {call: 'remove', args: [removed]}, {map: 'lookup', over: lookups}]},
    expected: {removed},
  }
}

const ringBalanceGenerator: Generator = (random) => {
  const servers = serverNames(random, 10)
  const lookups = keys(random, 1500)
  const ring = (virtualNodes: number) => ({create: create('createHashRing', {servers, virtualNodes}), steps: [{map: 'lookup', over: lookups}]})
  return {input: {scripts: [ring(1), ring(100)]}, expected: {serverList: servers}}
}

const ringOrderGenerator: Generator = (random) => {
  const servers = serverNames(random, integer(random, 4, 10))
  const lookups = keys(random, 300)
  const listed = (order: string[]) => ({create: create('createHashRing', {servers: order, virtualNodes: 50}), steps: [{map: 'lookup', over: lookups}]})
  const addedOneByOne = {
    create: create('createHashRing', {servers: [], virtualNodes: 50}),
    steps: [...shuffle(random, servers).map((s) => ({call: 'add', args: [s]})), {map: 'lookup', over: lookups}],
  }
  return {input: {scripts: [listed(servers), listed(shuffle(random, servers)), addedOneByOne]}}
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
    steps.push({call: 'record', args: [server, ms]}, {call: 'estimate', args: [server]})
    results.push({ok: true}, {value: model.estimates.get(server)})
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
      steps.push({call: 'pick'})
      results.push({value: model.pick()})
    } else {
      const server = servers[integer(random, 0, servers.length - 1)]!
      const ms = integer(random, 5, 400)
      model.record(server, ms)
      steps.push({call: 'record', args: [server, ms]})
      results.push({ok: true})
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
      const ok = random() < 0.55
      const latencyMs = integer(random, 10, 2 * options.slowMs)
      model.observe(server, ok, latencyMs, now)
      steps.push({call: 'observe', args: [server, {ok, latencyMs}, now]})
      results.push({ok: true})
    } else if (roll < 0.85) {
      steps.push({call: 'state', args: [server, now]})
      results.push({value: model.state(server, now)})
    } else {
      steps.push({call: 'available', args: [now]})
      results.push({value: model.available(now)})
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
      steps.push({call: 'state', args: [now]})
      results.push({value: model.state(now)})
      continue
    }
    const allowed = model.allow(now)
    steps.push({call: 'allow', args: [now]})
    results.push({value: allowed})
    if (!allowed) continue
    if (model.trial && random() < 0.3) {
      // A second request during the single half-open trial must be turned away.
      steps.push({call: 'allow', args: [now]})
      results.push({value: model.allow(now)})
    }
    if (random() < failureRate) {
      model.failure(now)
      steps.push({call: 'failure', args: [now]})
    } else {
      model.success()
      steps.push({call: 'success', args: [now]})
    }
    results.push({ok: true})
  }
  return {input: {create: create('createCircuitBreaker', options), steps}, expected: {results}}
}

const grader: GraderModule = {
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
}

export const {generators, checks} = grader
