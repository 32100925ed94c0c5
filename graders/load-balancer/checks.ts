/**
 * Hidden cases of the load-balancer grader. Each generator starts with a scripted episode that
 * every learner gets (ties, boundaries, late reports, the read between a failed probe and the
 * next), then adds random breadth from the learner's seeded stream. Every call's answer, state
 * readings included, is computed by the independent models (models.ts) making the same calls.
 * The hash ring's cases live in hash-ring.ts.
 */
import {call, create, defineGrader, integer, ok, repeat, returns, throws, values, type Expected, type ExpectedScript, type Generator, type ScriptInput, type Step} from 'course/kit'
import {ringAdd, ringAddGenerator, ringBalance, ringBalanceGenerator, ringOrder, ringOrderGenerator, ringOwners, ringOwnersGenerator, ringRemove, ringRemoveGenerator, ringSpeedGenerator} from './hash-ring.js'
import {BreakerModel, HealthModel, LeastConnectionsModel, ResponseTimeModel, roundRobin, smoothWeighted} from './models.js'
import {serverNames} from './names.js'

/** What a random step is labelled with: it checks the whole contract, no one rule in particular. */
const BREADTH = 'on generated traffic after the scripted checks'

/**
 * A script and what each of its steps must give, built side by side. Each step also carries the
 * rule its scripted episode exercises, so feedback can name it without showing any input.
 */
class Script {
  readonly steps: Step[] = []
  readonly results: Expected[] = []
  readonly labels: string[] = []
  private rule = BREADTH
  /** The rule the following steps exercise (until the next call). */
  about(rule: string): void {
    this.rule = rule
  }
  add(step: Step, result: Expected): void {
    this.steps.push(step)
    this.results.push(result)
    this.labels.push(this.rule)
  }
  input(factory: string, ...args: unknown[]): ScriptInput {
    return {create: create(factory, ...args), steps: this.steps}
  }
  get expected(): ExpectedScript {
    return {results: this.results, labels: this.labels}
  }
}

/** Several scripts judged as one case. */
function several(...scripts: Array<{input: ScriptInput; expected: ExpectedScript}>) {
  return {input: {scripts: scripts.map((s) => s.input)}, expected: {scripts: scripts.map((s) => s.expected)}}
}

const roundRobinFairness: Generator = (random) => {
  const servers = serverNames(random, integer(random, 1, 9))
  const picks = servers.length * integer(random, 3, 8) + integer(random, 0, servers.length - 1)
  // Round robin's own argument checks live here rather than in `invalid-arguments`: a case that
  // needs a working round robin first is skipped, not failed, when the rotation itself is broken.
  const rejected = (list: string[]) => ({input: {create: create('createRoundRobin', list), steps: []}, expected: {createError: 'RangeError'}})
  return several(
    {input: {create: create('createRoundRobin', servers), steps: [repeat(picks, 'pick')]}, expected: {results: [values(roundRobin(servers, picks))]}},
    rejected([]),
    rejected([servers[0]!, 'another', servers[0]!]),
  )
}

const leastConnections: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 6))
  const model = new LeastConnectionsModel(servers)
  const script = new Script()
  const acquire = () => {
    const chosen = model.acquire()
    script.add(call('acquire'), returns(chosen))
    script.add(call('active', chosen), returns(model.active(chosen)))
  }
  const release = (server: string) => {
    model.release(server)
    script.add(call('release', server), ok)
    script.add(call('active', server), returns(model.active(server)))
  }
  // Scripted: all idle, so every acquire is a tie the listed order decides; then the same after
  // releasing in reverse order, and once more with one server a connection behind the rest.
  script.about('among servers with equally few active connections, acquire must choose the one listed first')
  for (const _ of servers) acquire()
  for (const server of [...servers].reverse()) release(server)
  for (const _ of servers) acquire()
  release(servers[servers.length - 1]!)
  acquire()
  acquire()
  script.about(BREADTH)
  for (let i = 0; i < 80; i++) {
    const busy = servers.filter((s) => model.active(s) > 0)
    if (busy.length > 0 && random() < 0.4) release(busy[integer(random, 0, busy.length - 1)]!)
    else acquire()
  }
  script.about('releasing a server with no active connection must throw a RangeError')
  const idle = servers.find((s) => model.active(s) === 0)
  if (idle) script.add(call('release', idle), throws('RangeError'))
  script.about('active must give the exact count of every server')
  for (const server of servers) script.add(call('active', server), returns(model.active(server)))
  return several({input: script.input('createLeastConnections', servers), expected: script.expected})
}

function weightedScript(servers: ReadonlyArray<{id: string; weight: number}>, picks: number) {
  return {input: {create: create('createSmoothWeighted', servers), steps: [repeat(picks, 'pick')]}, expected: {results: [values(smoothWeighted(servers, picks))]}}
}

const smoothWeightedRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 6)).map((id) => ({id, weight: integer(random, 1, 9)}))
  const total = servers.reduce((sum, s) => sum + s.weight, 0)
  const picks = 2 * total + integer(random, 0, total)
  // Scripted ties for every learner: two heaviest servers not listed first (the second and third
  // reach the largest `current` together on the first pick), and equal weights (every pick of a
  // cycle is a tie among the servers not yet chosen).
  const names = serverNames(random, 4)
  const tiedHeavy = [1, 3, 3, 2].map((weight, i) => ({id: names[i]!, weight}))
  const equal = [2, 2, 2].map((weight, i) => ({id: names[i]!, weight}))
  return several(weightedScript(servers, picks), weightedScript(tiedHeavy, 18), weightedScript(equal, 9))
}

const ewmaRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 4))
  const alpha = integer(random, 10, 90) / 100
  const model = new ResponseTimeModel(servers, alpha)
  const script = new Script()
  script.about('each estimate must be alpha × sample + (1 − alpha) × previous, with the alpha given to the factory')
  for (let i = 0; i < 40; i++) {
    const server = servers[integer(random, 0, servers.length - 1)]!
    const ms = integer(random, 100, 50_000) / 100
    model.record(server, ms)
    script.add(call('record', server, ms), ok)
    script.add(call('estimate', server), returns(model.estimate(server)))
  }
  // Scripted boundaries: alpha 1 (the estimate is the latest sample) and samples of 0 ms.
  const edge = new Script()
  const edgeModel = new ResponseTimeModel(servers, 1)
  edge.about('with alpha 1 the estimate is the latest sample, and a response time of 0 ms is valid')
  for (const [server, ms] of [[servers[0]!, 0], [servers[0]!, 120], [servers[1]!, 35.5], [servers[0]!, 0], [servers[1]!, 0]] as const) {
    edgeModel.record(server, ms)
    edge.add(call('record', server, ms), ok)
    edge.add(call('estimate', server), returns(edgeModel.estimate(server)))
  }
  edge.about('a negative, NaN or infinite response time must throw a RangeError and leave the estimate as it was')
  for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) edge.add(call('record', servers[1]!, ms), throws('RangeError'))
  edge.add(call('estimate', servers[1]!), returns(edgeModel.estimate(servers[1]!)))
  return several({input: script.input('createLeastResponseTime', servers, alpha), expected: script.expected}, {input: edge.input('createLeastResponseTime', servers, 1), expected: edge.expected})
}

const leastResponsePicks: Generator = (random) => {
  const servers = serverNames(random, integer(random, 3, 5))
  const model = new ResponseTimeModel(servers, 0.3)
  const script = new Script()
  const pick = () => script.add(call('pick'), returns(model.pick()))
  const record = (server: string, ms: number) => {
    model.record(server, ms)
    script.add(call('record', server, ms), ok)
    script.add(call('estimate', server), returns(model.estimate(server)))
  }
  const [first, second] = [servers[0]!, servers[1]!]
  const last = servers[servers.length - 1]!
  script.about('pick must return the first server in listed order that has no sample yet, even when a later one is measured fast')
  pick()
  record(last, 50)
  pick()
  record(first, 90)
  pick()
  script.about('when every server is measured, pick must return the lowest estimate, a tie going to the server listed first')
  for (const server of servers.slice(1, -1)) record(server, 50)
  pick()
  record(second, 50)
  pick()
  script.about(BREADTH)
  for (let i = 0; i < 40; i++) {
    if (random() < 0.5) pick()
    else record(servers[integer(random, 0, servers.length - 1)]!, integer(random, 5, 400))
  }
  return several({input: script.input('createLeastResponseTime', servers), expected: script.expected})
}

type HealthOptions = {failuresToDown: number; probeAfterMs: number; slowMs: number}

/** A health script and its model, with each observation followed by readings of the state. */
function healthScript(servers: readonly string[], options: HealthOptions) {
  const model = new HealthModel(servers, options)
  const script = new Script()
  const read = (server: string, now: number) => {
    script.add(call('state', server, now), returns(model.state(server, now)))
    script.add(call('available', now), returns(model.available(now)))
  }
  const observe = (server: string, succeeded: boolean, latencyMs: number, now: number) => {
    model.observe(server, succeeded, latencyMs, now)
    script.add(call('observe', server, {ok: succeeded, latencyMs}, now), ok)
    read(server, now)
  }
  return {model, script, read, observe}
}

const healthRandom: Generator = (random) => {
  const servers = serverNames(random, integer(random, 2, 4))
  const options = {failuresToDown: integer(random, 2, 4), probeAfterMs: integer(random, 10, 100) * 100, slowMs: integer(random, 1, 8) * 100}
  const {failuresToDown: limit, probeAfterMs: probe, slowMs: slow} = options
  const {model, script, read, observe} = healthScript(servers, options)
  const about = (rule: string) => script.about(rule)
  const x = servers[0]!
  let now = 0
  const failure = () => observe(x, false, integer(random, 10, 2 * slow), (now += 10))
  // Scripted episode on the first server, for every learner.
  about('a success taking exactly slowMs is healthy; only a latency strictly above slowMs is degraded')
  observe(x, true, slow, (now += 10))
  observe(x, true, slow + 1, (now += 10))
  about('failures below failuresToDown must leave the state as it was (degraded stays degraded)')
  for (let i = 1; i < limit; i++) failure()
  about('a success must reset the count of consecutive failures')
  observe(x, true, 10, (now += 10))
  for (let i = 1; i < limit; i++) failure()
  about('the failure that reaches failuresToDown must take the server down at that moment')
  failure()
  const down = now
  about('observations of a down server before its probe time are late answers and must be ignored')
  observe(x, true, 10, (now += 1))
  observe(x, false, 10, (now += 1))
  observe(x, true, 10, (now = down + probe - 1))
  about('a down server must read as probing from exactly downSince + probeAfterMs')
  read(x, (now = down + probe))
  about('a failed probe must take the server down again with the timer restarting at that moment')
  observe(x, false, 10, now)
  const again = now
  read(x, (now = again + probe - 1))
  observe(x, true, 10, now)
  read(x, (now = again + probe))
  about('a good probe must bring the server back, degraded when slow, with a fresh count of failures')
  observe(x, true, slow + 5, now)
  for (let i = 1; i < limit; i++) failure()
  observe(x, true, 10, (now += 10))
  about(BREADTH)
  for (let i = 0; i < 100; i++) {
    now += integer(random, 0, 1500)
    const server = servers[integer(random, 0, servers.length - 1)]!
    const roll = random()
    if (roll < 0.6) {
      const succeeded = random() < 0.55
      observe(server, succeeded, integer(random, 10, 2 * slow), now)
    } else if (roll < 0.85) {
      // Often right at a probe time, where the state turns.
      const turn = model.probeAt(server)
      if (turn !== undefined && turn > now && random() < 0.5) now = turn - integer(random, 0, 1)
      read(server, now)
    } else {
      script.add(call('available', now), returns(model.available(now)))
    }
  }
  // Boundary options: one failure takes a server down, a probe is due at once, and any latency
  // above 0 ms is slow.
  const edgeOptions = {failuresToDown: 1, probeAfterMs: 0, slowMs: 0}
  const edge = healthScript(servers, edgeOptions)
  edge.script.about('with failuresToDown 1, probeAfterMs 0 and slowMs 0: one failure takes a server down, it reads as probing at once, and any latency above 0 ms is slow')
  edge.observe(x, false, 5, 5)
  edge.observe(x, true, 0, 6)
  edge.observe(x, true, 1, 7)
  edge.observe(x, false, 5, 8)
  edge.observe(x, false, 5, 8)
  edge.read(x, 9)
  return several({input: script.input('createHealthTracker', servers, options), expected: script.expected}, {input: edge.script.input('createHealthTracker', servers, edgeOptions), expected: edge.script.expected})
}

type BreakerOptions = {failureThreshold: number; cooldownMs: number}

function breakerScript(options: BreakerOptions) {
  const model = new BreakerModel(options)
  const script = new Script()
  const state = (now: number) => script.add(call('state', now), returns(model.state(now)))
  const allow = (now: number) => {
    const allowed = model.allow(now)
    script.add(call('allow', now), returns(allowed))
    return allowed
  }
  // Every report is followed by a reading of the state.
  const report = (succeeded: boolean, now: number) => {
    if (succeeded) model.success(now)
    else model.failure(now)
    script.add(call(succeeded ? 'success' : 'failure', now), ok)
    state(now)
  }
  return {model, script, state, allow, report}
}

const breakerRandom: Generator = (random) => {
  const options = {failureThreshold: integer(random, 2, 5), cooldownMs: integer(random, 5, 50) * 100}
  const {failureThreshold: limit, cooldownMs: cooldown} = options
  const {model, script, state, allow, report} = breakerScript(options)
  const about = (rule: string) => script.about(rule)
  let now = 0
  const request = (succeeded: boolean) => {
    allow((now += 10))
    report(succeeded, now)
  }
  // Scripted episode, for every learner.
  about('a success while closed must reset the count of consecutive failures')
  state(now)
  for (let i = 1; i < limit; i++) request(false)
  request(true)
  for (let i = 1; i < limit; i++) request(false)
  about('the failure that reaches failureThreshold must open the breaker at that moment')
  request(false)
  const opened = now
  about('the breaker must refuse requests while open and read as half-open from exactly openedAt + cooldownMs, letting exactly one trial through')
  allow((now += 1))
  state((now = opened + cooldown - 1))
  allow(now)
  state((now = opened + cooldown))
  allow(now)
  allow(now)
  about('a failed trial must open the breaker again at that moment, so the cooldown starts over')
  report(false, (now += 1))
  const reopened = now
  allow(now)
  // Late answers come while it is open; the reads that follow show whether they changed anything
  // (a late success closing it, a late failure pushing the end of the cooldown back).
  about('success and failure reported while open are late answers and must be ignored (no closing, no fresh cooldown)')
  report(true, (now += 1))
  report(false, (now += 1))
  state((now = reopened + cooldown - 1))
  allow(now)
  state((now = reopened + cooldown))
  allow(now)
  about('a successful trial must close the breaker with the failure count back at 0')
  report(true, (now += 5))
  for (let i = 1; i < limit; i++) request(false)
  request(true)
  about(BREADTH)
  const failureRate = 0.3 + random() * 0.5
  for (let i = 0; i < 150; i++) {
    now += integer(random, 0, 800)
    const roll = random()
    if (roll < 0.15) {
      state(now)
      continue
    }
    // Late reports, while open only: in half-open a report could be read as the trial's.
    if (roll < 0.25 && model.state(now) === 'open') {
      report(random() < 0.5, now)
      continue
    }
    if (!allow(now)) continue
    if (model.trial && random() < 0.3) allow(now)
    report(random() >= failureRate, now)
  }
  // Boundary options: one failure opens it, and with no cooldown it is half-open at once.
  const edgeOptions = {failureThreshold: 1, cooldownMs: 0}
  const edge = breakerScript(edgeOptions)
  edge.script.about('with failureThreshold 1 and cooldownMs 0: one failure opens the breaker and it reads as half-open at once, still with a single trial')
  edge.allow(5)
  edge.report(false, 5)
  edge.allow(5)
  edge.allow(5)
  edge.report(false, 6)
  edge.allow(7)
  edge.report(true, 7)
  edge.allow(8)
  // With a threshold of 1, a late failure counted while open would be enough to reopen it.
  const oneOptions = {failureThreshold: 1, cooldownMs: 100}
  const one = breakerScript(oneOptions)
  one.script.about('with failureThreshold 1, a failure reported while open is still a late answer: it must not open the breaker again')
  one.allow(0)
  one.report(false, 0)
  one.report(false, 50)
  one.state(99)
  one.state(100)
  one.allow(100)
  return several(
    {input: script.input('createCircuitBreaker', options), expected: script.expected},
    {input: edge.script.input('createCircuitBreaker', edgeOptions), expected: edge.script.expected},
    {input: one.script.input('createCircuitBreaker', oneOptions), expected: one.script.expected},
  )
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
    'hash-ring-owners': ringOwnersGenerator,
    'hash-ring-lookup-speed': ringSpeedGenerator,
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
    'ring-owners': ringOwners,
  },
})
