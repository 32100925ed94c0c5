import {beforeAll, describe, expect, it} from 'vitest'
import {readAnswer} from '../../graders/thundering-herd/lab/answer.js'
import {CPU_STEP, simulateFleet, type Waiting} from '../../graders/thundering-herd/lab/fleet.js'
import lab, {type HerdRun} from '../../graders/thundering-herd/lab/index.js'
import {jobTimes} from '../../graders/thundering-herd/lab/morning.js'
import {BASE_SCENARIO, scenarioFrom} from '../../graders/thundering-herd/lab/scenario.js'
import {runUnitLab} from '../helpers/lab.js'
import {edited, expectFitsTheTerminal, labContext, labDefaults, labSpecProblems, quantity, referenceAnswer, scenarioFigures} from './document-lab.js'

const UNIT = 'thundering-herd'
const design = (run: HerdRun, id: string) => run.designs.find((d) => d.id === id)!

/** A small fleet and a short morning, for properties that need many runs. */
function smallFleet(waiting: Waiting, options: {workers?: number; jobs?: number[]; restartAt?: number} = {}) {
  const queue = {workers: options.workers ?? 2_000, requestCpu: 0.0005, cores: 16}
  return simulateFleet(waiting, {window: 0, jitter: 'none'}, queue, {horizon: 20, quietUntil: 10, jobs: options.jobs ?? [], restartAt: options.restartAt}, 3)
}

describe('the thundering-herd lab on the reference answer', () => {
  let run: HerdRun
  beforeAll(async () => {
    run = await lab.run(labDefaults(UNIT), labContext(UNIT))
  })

  it('gives the same run for the same seed, and another for another seed', async () => {
    expect(await lab.run(labDefaults(UNIT), labContext(UNIT))).toEqual(run)
    const other = await lab.run(labDefaults(UNIT, {seed: 2}), labContext(UNIT))
    expect(other.jobs).not.toBe(run.jobs)
  })

  it('carries the scenario of the unit, and its fallback matches scenario.json', () => {
    expect(scenarioFrom(scenarioFigures(UNIT))).toEqual(BASE_SCENARIO)
    expect(scenarioFrom(undefined)).toEqual(BASE_SCENARIO)
    expect(run.fleet).toEqual({workers: 10_000, receive_cpu_ms: 0.5, queue_cores: 16, budget_cores: 4})
    expect(run.polling_asks_per_s).toBe(100_000)
    expect(run.notify_all_budget_rate).toBeCloseTo(0.8, 9)
  })

  it('shows design A saturating the whole queue: it serves cores ÷ CPU per receive, not the 100,000 req/s it asks', () => {
    const a = design(run, 'A')
    expect(a.peak_cpu_cores).toBeCloseTo(16, 6)
    expect(a.mean_cpu_cores).toBeGreaterThan(15.9)
    expect(a.idle_requests_per_s / 32_000).toBeCloseTo(1, 2)
    // Every job waits behind the backlog of receives: about (10,000 ÷ 32,000 − 0.1 s) of queueing.
    expect(a.pickup_p50_ms!).toBeGreaterThan(150)
  })

  it('shows design B idle at zero but paying 5 CPU-seconds a job, all 16 cores at once', () => {
    const b = design(run, 'B')
    expect(b.idle_requests_per_s).toBe(0)
    expect(b.peak_cpu_cores).toBeCloseTo(16, 6)
    // At most one receive per listener per job; less once herds overlap (a worker still waiting
    // for its last receive misses the next notification) and past the end of the chart.
    const herds = (run.jobs * 10_000 * 0.0005) / run.horizon_s
    expect(b.mean_cpu_cores / herds).toBeGreaterThan(0.6)
    expect(b.mean_cpu_cores / herds).toBeLessThan(1.01)
    expect(b.mean_cpu_cores).toBeGreaterThan(run.fleet.budget_cores)
  })

  it('shows design C near the text: 10,000 ÷ 15 s idle, and a pick-up of 1 ÷ that rate plus the receive itself', () => {
    const c = design(run, 'C')
    expect(c.idle_requests_per_s / (10_000 / 15)).toBeGreaterThan(0.95)
    expect(c.idle_requests_per_s / (10_000 / 15)).toBeLessThan(1.05)
    // The unit accepts the pick-up delay within 25 %; the lab's, with 0.5 ms of service, too.
    expect(c.pickup_mean_ms! / (1000 / (10_000 / 15) + 0.5)).toBeGreaterThan(0.75)
    expect(c.pickup_mean_ms! / (1000 / (10_000 / 15) + 0.5)).toBeLessThan(1.25)
    expect(c.peak_cpu_cores).toBeLessThan(1)
  })

  it('shows design D at 500 req/s idle, and its restart storm against the answer’s jittered reconnects', () => {
    const d = design(run, 'D')
    const answer = design(run, 'answer')
    expect(d.idle_requests_per_s / 500).toBeGreaterThan(0.95)
    expect(d.idle_requests_per_s / 500).toBeLessThan(1.05)
    expect(d.pickup_p99_ms).toBeCloseTo(0.5, 6)
    // 10,000 reconnects at once are 5 CPU-seconds in a burst; over 2 s of full jitter, 2.5 cores.
    expect(d.peak_cpu_cores).toBeCloseTo(16, 6)
    expect(answer.peak_cpu_cores).toBeLessThan(run.fleet.budget_cores)
    expect(answer.peak_cpu_cores).toBeGreaterThan(2)
    expect(answer.from_answer).toBe(true)
    expect(answer.name).toBe('reference: long poll')
    expect(run.answer.stated_idle_requests_per_s).toBe(500)
  })

  it('ranks the designs as the text does: A and B worst by far, C and D within budget', () => {
    const mean = (id: string) => design(run, id).mean_cpu_cores
    expect(mean('A')).toBeGreaterThan(20 * mean('C'))
    expect(mean('A')).toBeGreaterThan(20 * mean('D'))
    expect(mean('B')).toBeGreaterThan(10 * mean('C'))
    for (const id of ['C', 'D', 'answer']) expect(mean(id)).toBeLessThan(run.fleet.budget_cores / 4)
    expect(design(run, 'B').pickup_p99_ms!).toBeGreaterThan(100 * design(run, 'D').pickup_p99_ms!)
  })

  it('draws one chart and one table, with a line and a row per design', () => {
    const blocks = lab.view(run)
    const series = blocks.filter((b) => b.kind === 'series')
    const tables = blocks.filter((b) => b.kind === 'table')
    expect(series).toHaveLength(1)
    expect(tables).toHaveLength(1)
    if (series[0]?.kind !== 'series' || tables[0]?.kind !== 'table') throw new Error('expected a series and a table')
    expect(series[0].lines.map((l) => l.label)).toEqual(['A polling', 'B notify-all', 'C backoff', 'D long poll', 'ref.: long poll'])
    for (const line of series[0].lines) expect(line.label.length).toBeLessThanOrEqual(16)
    expect(tables[0].rows).toHaveLength(5)
    expect(JSON.stringify(run).length).toBeLessThan(200_000)
  })
})

describe('the thundering-herd fleet model', () => {
  it('counts the idle rate each design implies', () => {
    expect(smallFleet({kind: 'polling', interval: 1}).idleRate / 2_000).toBeCloseTo(1, 2)
    expect(smallFleet({kind: 'long-poll', wait: 4, wakeups: 1}).idleRate / 500).toBeGreaterThan(0.9)
    expect(smallFleet({kind: 'long-poll', wait: 4, wakeups: 1, dispatchers: 20}).idleRate).toBeLessThan(10)
    expect(smallFleet({kind: 'push', heartbeat: 2}).idleRate / 1_000).toBeCloseTo(1, 2)
    expect(smallFleet({kind: 'notify-all'}).idleRate).toBe(0)
  })

  it('wakes every listener per job under notify-all and one waiter under long polling', () => {
    const jobs = [12, 14, 16]
    const herd = smallFleet({kind: 'notify-all'}, {jobs})
    const busyCoreSeconds = herd.busy.reduce((a, b) => a + b, 0)
    // Three herds of 2,000 receives (less the workers that took the earlier jobs), plus 3 enqueues.
    expect(busyCoreSeconds).toBeCloseTo((3 * 2_000 - 3 + 3) * 0.0005, 6)
    // A wait far longer than the run: no long poll expires, so only the jobs cost anything.
    const quiet = smallFleet({kind: 'long-poll', wait: 1e9, wakeups: 1}, {jobs})
    expect(quiet.busy.reduce((a, b) => a + b, 0)).toBeCloseTo(3 * 0.0005, 9)
    for (const pickup of quiet.pickups) expect(pickup).toBeCloseTo(0.0005, 9)
    const three = smallFleet({kind: 'long-poll', wait: 1e9, wakeups: 3}, {jobs})
    // Each job answers two more waiters empty, and each of them polls again.
    expect(three.busy.reduce((a, b) => a + b, 0)).toBeCloseTo(3 * 3 * 0.0005, 9)
  })

  it('spreads jittered backoff: at a 1 s cap, full jitter sleeps 0.5 s on average, evenly', () => {
    const run = smallFleet({kind: 'backoff', base: 1, factor: 2, cap: 1, jitter: 'full'})
    expect(run.idleRate / 4_000).toBeGreaterThan(0.97)
    expect(run.idleRate / 4_000).toBeLessThan(1.03)
    // 4,000 req/s are 2 cores; no tenth of a second much busier than that.
    expect(Math.max(...run.busy) / CPU_STEP).toBeLessThan(3)
    const equal = smallFleet({kind: 'backoff', base: 1, factor: 2, cap: 1, jitter: 'equal'})
    expect(equal.idleRate / (2_000 / 0.75)).toBeCloseTo(1, 1)
  })

  it('reconnects after a restart at once, or spread over the window', () => {
    const queue = {workers: 2_000, requestCpu: 0.0005, cores: 16}
    const morning = {horizon: 20, quietUntil: 5, jobs: [], restartAt: 10}
    const peak = (window: number) => Math.max(...simulateFleet({kind: 'long-poll', wait: 100, wakeups: 1}, {window, jitter: 'full'}, queue, morning, 1).busy) / CPU_STEP
    // 2,000 reconnects are 1 CPU-second: at once they fill all 16 cores; over 4 s, 0.25 cores.
    expect(peak(0)).toBeGreaterThan(9.9)
    expect(peak(0)).toBeLessThan(10.2)
    expect(peak(4)).toBeLessThan(0.5)
  })

  it('draws a Poisson stream that ramps up after the quiet start', () => {
    const times = jobTimes(1, 10, 60, 4)
    expect(times[0]).toBeGreaterThan(10)
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true)
    // The ramp's expected count is 4/s × 50 s ÷ 2 = 100.
    const counts = [1, 2, 3, 4, 5].map((seed) => jobTimes(seed, 10, 60, 4).length)
    const average = counts.reduce((a, b) => a + b, 0) / counts.length
    expect(average).toBeGreaterThan(85)
    expect(average).toBeLessThan(115)
  })
})

describe('the thundering-herd lab reading an answer', () => {
  const reference = referenceAnswer(UNIT)

  it('runs the design the answer names, with its own parameters', () => {
    const backoff = edited(edited(reference, 'mitigation.choice', 'jittered_exponential_backoff'), 'mitigation.parameters', {base: '200 ms', factor: 3, max: '10 s', jitter: 'equal'})
    const read = readAnswer(backoff, quantity, BASE_SCENARIO)
    expect(read.notes).toEqual([])
    expect(read.design?.waiting).toEqual({kind: 'backoff', base: 0.2, factor: 3, cap: 10, jitter: 'equal'})
    expect(read.design?.reconnect).toBeUndefined()
    const handoff = edited(edited(reference, 'mitigation.choice', 'wake_one_handoff'), 'mitigation.parameters', {wakeups_per_task: 1, waiters: 'a condition variable', dispatchers: 100, wait_timeout: '20 s'})
    expect(readAnswer(handoff, quantity, BASE_SCENARIO).design?.waiting).toEqual({kind: 'long-poll', wait: 20, wakeups: 1, dispatchers: 100})
  })

  it('falls back to stated defaults, and says so, for an unfinished or odd answer', () => {
    const odd = edited(edited(reference, 'mitigation.parameters', {wait_timeout: 'soon'}), 'reconnect_backoff', undefined)
    const read = readAnswer(odd, quantity, BASE_SCENARIO)
    expect(read.design?.waiting).toEqual({kind: 'long-poll', wait: 20, wakeups: 1})
    expect(read.design?.reconnect).toEqual({window: 0, jitter: 'none'})
    expect(read.notes.join('\n')).toMatch(/wait_timeout cannot be read: used 20 s/)
    expect(read.notes.join('\n')).toMatch(/reconnect_backoff is missing/)
    for (const document of [undefined, null, 'text', [], {mitigation: {choice: 'telepathy'}}]) {
      const nothing = readAnswer(document, quantity, BASE_SCENARIO)
      expect(nothing.design).toBeUndefined()
      expect(nothing.notes[0]).toMatch(/mitigation\.choice/)
    }
  })

  it('keeps a negative or zero wait from stalling the model', () => {
    const read = readAnswer(edited(reference, 'mitigation.parameters', {wait_timeout: '-5 s'}), quantity, BASE_SCENARIO)
    if (read.design?.waiting.kind !== 'long-poll') throw new Error('expected long polling')
    expect(read.design.waiting.wait).toBeGreaterThan(0)
  })

  it('runs a learner’s variant of the scenario', async () => {
    const figures = {...scenarioFigures(UNIT), workers: 5_000}
    const run = await lab.run(labDefaults(UNIT, {restart: 0}), labContext(UNIT, {figures}))
    expect(design(run, 'D').idle_requests_per_s / 250).toBeGreaterThan(0.9)
    expect(design(run, 'D').idle_requests_per_s / 250).toBeLessThan(1.1)
    expect(design(run, 'D').peak_cpu_cores).toBeLessThan(1)
    expect(run.restart_at_s).toBeNull()
  })
})

describe('course run thundering-herd', () => {
  it('has a lab.json that the course accepts', () => {
    expect(labSpecProblems(UNIT)).toEqual([])
  })

  it('runs the reference answer by default and fits an 80 × 24 terminal', async () => {
    const started = performance.now()
    const run = await runUnitLab(UNIT)
    expect(performance.now() - started).toBeLessThan(8_000)
    expect(run.result.answer.source).toBe('reference')
    expect(run.text).toContain('reference: long poll')
    expectFitsTheTerminal(run.text)
  })

  it('runs the learner’s own answer with --mine, and the starter without failing', async () => {
    const mine = edited(edited(referenceAnswer(UNIT), 'mitigation.choice', 'push_with_credits'), 'mitigation.parameters', {prefetch_per_worker: 1, heartbeat: '1 s'})
    const {stringify} = await import('yaml')
    const run = await runUnitLab(UNIT, {}, {mine: {'answer.yaml': stringify(mine)}})
    expect(run.result.answer.source).toBe('mine')
    const yours = run.result.designs.find((d: {id: string}) => d.id === 'answer')
    expect(yours.name).toBe('yours: push')
    // 10,000 heartbeats a second are 5 cores: over the receive budget, which the table shows.
    expect(yours.mean_cpu_cores).toBeGreaterThan(4.5)
    expectFitsTheTerminal(run.text)

    const starter = await runUnitLab(UNIT, {}, {mine: {}})
    expect(starter.result.designs.map((d: {id: string}) => d.id)).toEqual(['A', 'B', 'C', 'D'])
    expect(starter.text).toContain('Yours: no design the lab can run.')
    expect(starter.text).toMatch(/Note: mitigation\.choice/)
    expectFitsTheTerminal(starter.text)
  })
})
