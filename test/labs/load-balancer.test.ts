import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/load-balancer/reference/load-balancer.js'
import {clusterWorkload, simulateCluster, type ClusterOutcome, type ClusterResult} from '../../graders/load-balancer/lab/cluster.js'
import runDriver from '../../graders/load-balancer/lab/driver.js'
import {fleetWorkload, runFleet} from '../../graders/load-balancer/lab/fleet.js'
import {verdictOf} from '../../graders/load-balancer/lab/levels-result.js'
import {highestEfficiency, measureLevel, type LevelsInput, type LevelsResult} from '../../graders/load-balancer/lab/levels.js'
import {CLUSTER, FLEET, STRATEGIES, type StrategyName} from '../../graders/load-balancer/lab/scenario.js'
import {displayWidth} from '../../src/core/text/display-width.js'
import {runUnitLab} from '../helpers/lab.js'

type Module = Record<string, unknown>
const module = reference as unknown as Module
const REQUESTS = 20_000

const clusterRuns = new Map<string, ClusterResult>()
/** The cluster as the default run simulates it, once per strategy and module variant. */
function cluster(strategy: StrategyName, variant: 'reference' | 'no-health' = 'reference'): ClusterOutcome {
  const key = `${strategy}/${variant}`
  if (!clusterRuns.has(key)) {
    const chosen = variant === 'reference' ? module : {...module, createHealthTracker: undefined}
    clusterRuns.set(key, simulateCluster(chosen, {strategy, requests: REQUESTS, load: 0.7, seed: 1}))
  }
  const run = clusterRuns.get(key)!
  if ('error' in run) throw new Error(run.error)
  return run
}

const share = (run: ClusterOutcome, server: string) => run.served[FLEET.findIndex((s) => s.name === server)]! / run.served.reduce((a, b) => a + b, 0)

describe('the strategies experiment, on the reference', () => {
  it('is the same run for the same seed, and another for another seed', () => {
    const input = {strategy: 'two-choices', requests: 4_000, load: 0.7, seed: 3} as const
    expect(runDriver(module, {experiment: 'strategies', ...input})).toEqual(runDriver(module, {experiment: 'strategies', ...input}))
    expect(simulateCluster(module, {...input, seed: 4})).not.toEqual(simulateCluster(module, input))
  })

  it('offers the load asked for: the arrival rate times the mean cost is that share of the cores', () => {
    const {arrivals, costs} = clusterWorkload(REQUESTS, 0.7, 1)
    const work = costs.reduce((a, b) => a + b, 0)
    const cores = FLEET.reduce((sum, s) => sum + s.cores, 0)
    expect(work / (arrivals[REQUESTS - 1]! * cores)).toBeCloseTo(0.7, 1)
  })

  it('accounts for every request: each one is either answered by a server or lost', () => {
    for (const strategy of STRATEGIES) {
      const run = cluster(strategy)
      expect(run.served.reduce((a, b) => a + b, 0) + run.lost, strategy).toBe(REQUESTS)
    }
  })

  it('loses requests only to the server that stopped answering, and fewer when the strategy sees its connections pile up', () => {
    // Least connections stops choosing a server whose requests never end (Little's law at work);
    // round robin keeps sending its share until the health tracker takes it out.
    expect(cluster('least-connections').lost * 5).toBeLessThan(cluster('round-robin').lost)
    expect(cluster('two-choices').lost * 5).toBeLessThan(cluster('hash-ring').lost)
  })

  it('sends smooth weighted round robin its weights, and round robin equal counts, whatever the servers can do', () => {
    const weighted = cluster('smooth-weighted')
    expect(share(weighted, 'app-1')).toBeCloseTo(4 / 18, 2)
    expect(share(weighted, 'app-2')).toBeCloseTo(4 / 18, 2)
    // Round robin's counts are exact: the five servers that never failed got the same number.
    const even = cluster('round-robin').served.slice(0, 5)
    expect(Math.max(...even) - Math.min(...even)).toBeLessThanOrEqual(5)
  })

  it('hurts the strategies that ignore load: round robin overloads the small servers, weights overload the slowed one', () => {
    const target = 1000
    for (const good of ['least-connections', 'two-choices'] as const) expect(cluster(good).p99Ms, good).toBeLessThan(target)
    for (const bad of ['round-robin', 'smooth-weighted', 'hash-ring'] as const) expect(cluster(bad).p99Ms, bad).toBeGreaterThan(5 * target)
    // The slowed server: least connections gives it less than half of what its weight would.
    expect(share(cluster('least-connections'), 'app-2')).toBeLessThan(0.5 * share(cluster('smooth-weighted'), 'app-2'))
  })

  it('shows least response time herding: a single balancer piles onto whichever server looked fastest', () => {
    expect(cluster('least-response-time').p99Ms).toBeGreaterThan(10 * cluster('least-connections').p99Ms)
  })

  it('fails over with the health tracker, and loses more without it', () => {
    const run = cluster('least-connections')
    expect(run.detectedAfterMs).not.toBeNull()
    // Three timeouts of 1 s take it down; they start as soon as it stops answering.
    expect(run.detectedAfterMs!).toBeLessThanOrEqual(CLUSTER.timeoutMs + 100)
    const blind = cluster('smooth-weighted', 'no-health')
    expect(blind.healthProblem).toMatch(/createHealthTracker is not a function/)
    expect(blind.detectedAfterMs).toBeNull()
    expect(blind.lost).toBeGreaterThan(1.5 * cluster('smooth-weighted').lost)
  })

  it("names the learner's function when it throws or returns a server it was not given", () => {
    const throwing = {...module, createRoundRobin: () => ({pick: () => {throw new Error('boom')}})}
    expect(simulateCluster(throwing, {strategy: 'round-robin', requests: 2_000, load: 0.7, seed: 1})).toEqual({strategy: 'round-robin', error: 'createRoundRobin: pick() threw: boom'})
    const stranger = {...module, createLeastConnections: () => ({acquire: () => 'db-1', release() {}})}
    const wrong = simulateCluster(stranger, {strategy: 'least-connections', requests: 2_000, load: 0.7, seed: 1})
    expect(wrong).toMatchObject({error: expect.stringContaining('acquire() returned "db-1", which is not one of the servers')})
    expect(simulateCluster({}, {strategy: 'hash-ring', requests: 2_000, load: 0.7, seed: 1})).toMatchObject({error: 'createHashRing is not a function the module exports'})
  })
})

function level(strategy: LevelsInput['strategy'], overrides: Partial<LevelsInput> = {}): Extract<LevelsResult, {targets: unknown}> {
  const run = measureLevel(module, {strategy, servers: 50, requests: REQUESTS, seed: 1, missCostMs: 50, targetsMs: [1000, 10], ...overrides})
  if ('error' in run) throw new Error(run.error)
  return run
}

describe('the levels experiment, on the reference', () => {
  it('bisects to the highest efficiency that meets the target', () => {
    // A made-up fleet whose p99 wait grows with load, crossing 500 ms at 62.5 %.
    const found = highestEfficiency((e) => ({p99WaitMs: 800 * e, hitRate: 0, busy: e}), 500, 8)
    expect(found.efficiency).toBeGreaterThan(0.625 - 1 / 256)
    expect(found.efficiency).toBeLessThanOrEqual(0.625)
    expect(highestEfficiency(() => ({p99WaitMs: 2000, hitRate: 0, busy: 1}), 500, 8)).toMatchObject({efficiency: 0, p99WaitMs: null})
  })

  it('keeps the servers exactly as busy as the work sent them, when no cache is involved', () => {
    const workload = fleetWorkload(20, 10_000, 2)
    const run = runFleet(workload, 0.6, 0, {choose: (user) => user % 20})
    expect(run.busy).toBeCloseTo(0.6, 1)
  })

  it('is the same measurement for the same seed', () => {
    const input: LevelsInput = {strategy: 'least-connections', servers: 20, requests: 4_000, seed: 5, missCostMs: 50, targetsMs: [1000, 10]}
    expect(measureLevel(module, input)).toEqual(measureLevel(module, input))
  })

  it("reproduces the lesson's worked example without caches: random 59 %, a shared queue 99 % at 1 s; 1.1 % and 85 % at 10 ms", () => {
    // Random choice splits the stream into independent single-server queues, so its figure does
    // not depend on the fleet's size; least connections on 100 servers stands in for the shared
    // queue it approximates.
    const random = level('random', {missCostMs: 0})
    expect(random.targets[0]!.efficiency).toBeGreaterThan(0.52)
    expect(random.targets[0]!.efficiency).toBeLessThan(0.66)
    expect(random.targets[1]!.efficiency).toBeLessThan(0.03)
    const pooled = level('least-connections', {missCostMs: 0, servers: 100})
    expect(pooled.targets[0]!.efficiency).toBeGreaterThan(0.95)
    expect(pooled.targets[1]!.efficiency).toBeGreaterThan(0.7)
    expect(pooled.targets[1]!.efficiency).toBeLessThan(0.9)
  })

  it('ranks the levels as measured: affinity wins hits, load awareness wins balance, level 4 gets both', () => {
    const atTarget = (strategy: LevelsInput['strategy']) => level(strategy).targets[0]!
    const [random, connections, ring, slo] = [atTarget('random'), atTarget('least-connections'), atTarget('hash-ring'), atTarget('slo-affinity')]
    expect(connections.efficiency).toBeGreaterThan(random.efficiency + 0.15)
    expect(slo.efficiency).toBeGreaterThan(connections.efficiency + 0.05)
    // The ring keeps each user on one server, so its cache hits; random choice scatters users.
    expect(ring.hitRate!).toBeGreaterThan(0.8)
    expect(random.hitRate!).toBeLessThan(0.15)
    // But its busiest servers reach the target while the others idle.
    expect(ring.busy!).toBeLessThan(0.6)
    // Least connections keeps servers busy, much of it reloading users they did not have.
    expect(connections.busy!).toBeGreaterThan(connections.efficiency + 0.2)
  })

  it('gives a verdict against the range, bounds included', () => {
    expect(verdictOf(59.9, [60, 70])).toBe('below')
    expect(verdictOf(60, [60, 70])).toBe('within')
    expect(verdictOf(70.1, [60, 70])).toBe('above')
  })
})

function expectFitsTheTerminal(text: string) {
  const lines = text.split('\n')
  expect(lines.length).toBeLessThanOrEqual(24)
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
}

const referenceSource = readFileSync(new URL('../../exercises/load-balancer/reference/load-balancer.ts', import.meta.url), 'utf8')

describe('the load balancer lab, end to end', () => {
  it('runs the strategies by default and fits an 80 × 24 terminal', async () => {
    const run = await runUnitLab('load-balancer')
    expect(run.result).toMatchObject({experiment: 'strategies', code: 'reference', requests: REQUESTS, health_problem: null})
    expect(run.result.strategies.map((s: {ok: boolean}) => s.ok)).toEqual(STRATEGIES.map(() => true))
    expect(run.text).toContain('two choices *')
    expect(run.text).toMatch(/app-6 hung/)
    expectFitsTheTerminal(run.text)
  })

  it('measures the four levels and says where the ranges hold', async () => {
    const run = await runUnitLab('load-balancer', {experiment: 'levels'})
    expect(run.result.rows).toHaveLength(5)
    for (const row of run.result.rows) expect(row.verdict).toBe(verdictOf(row.efficiency_percent[0], row.lesson_range_percent))
    expect(run.text).toMatch(/lesson's range|lesson's order/)
    expect(run.text).toContain('60–70 %')
    expectFitsTheTerminal(run.text)
  })

  it('shows a wrong round robin for what it does', async () => {
    const wrong = referenceSource.replace('const chosen = list[next]!', 'const chosen = list[0]!')
    expect(wrong).not.toBe(referenceSource)
    const run = await runUnitLab('load-balancer', {}, {mine: {'load-balancer.ts': wrong}})
    expect(run.result.code).toBe('mine')
    const roundRobin = run.result.strategies.find((s: {strategy: string}) => s.strategy === 'round-robin')
    // Every request to app-1 until it is the only server left: the whole load on one machine.
    expect(roundRobin.share_percent[0]).toBeGreaterThan(95)
    expect(run.text).toMatch(/round robin .* 100 {2}0 {2}0/)
    expectFitsTheTerminal(run.text)
  })

  it('turns unfinished code into a clear line for each function, not a crash', async () => {
    const run = await runUnitLab('load-balancer', {requests: 2_000}, {mine: {}})
    expect(run.text).toContain('your createRoundRobin threw: TODO: createRoundRobin')
    expect(run.text).toContain('your createHealthTracker threw: TODO: createHealthTracker')
    // Power of two choices is the course's own: it still runs, without failover.
    expect(run.result.strategies.find((s: {strategy: string}) => s.strategy === 'two-choices').ok).toBe(true)
    const levels = await runUnitLab('load-balancer', {experiment: 'levels', requests: 2_000}, {mine: {}})
    expect(levels.text).toContain('your createLeastConnections threw: TODO: createLeastConnections')
    expect(levels.result.rows.filter((r: {ok: boolean}) => r.ok).map((r: {strategy: string}) => r.strategy)).toEqual(['random', 'slo-affinity'])
  })
})
