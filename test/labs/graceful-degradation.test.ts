import {beforeAll, describe, expect, it} from 'vitest'
import {stringify} from 'yaml'
import {readAnswer} from '../../graders/graceful-degradation/lab/answer.js'
import {CircuitBreaker} from '../../graders/graceful-degradation/lab/breaker.js'
import {simulateChain} from '../../graders/graceful-degradation/lab/chain.js'
import {baseline, type BreakerPolicy, type Defences} from '../../graders/graceful-degradation/lab/defences.js'
import lab, {type ChainLabRun} from '../../graders/graceful-degradation/lab/index.js'
import {outcomeOf} from '../../graders/graceful-degradation/lab/outcome.js'
import {BASE_SCENARIO, scenarioFrom} from '../../graders/graceful-degradation/lab/scenario.js'
import {runUnitLab} from '../helpers/lab.js'
import {edited, expectFitsTheTerminal, labContext, labDefaults, labSpecProblems, quantity, referenceAnswer, scenarioFigures} from './document-lab.js'

const UNIT = 'graceful-degradation'
const design = (run: ChainLabRun, name: string) => run.designs.find((d) => d.name === name)!

/** A short incident, for properties that need their own runs: D slow from 2 s to 8 s of 14. */
const short = {from: 2, until: 8}
function shortRun(defences: Defences) {
  return outcomeOf('run', false, simulateChain(BASE_SCENARIO, defences, short, 14, 5), short, 14, 1)
}
const reference = () => readAnswer(referenceAnswer(UNIT), quantity, BASE_SCENARIO)

const breakerPolicy: BreakerPolicy = {window: 100, minCalls: 20, threshold: 0.5, counts: new Set(['timeout']), openFor: 10, probes: 5}

describe('the graceful-degradation lab on the reference answer', () => {
  let run: ChainLabRun
  beforeAll(async () => {
    run = await lab.run(labDefaults(UNIT), labContext(UNIT))
  })

  it('gives the same run for the same seed', async () => {
    expect(await lab.run(labDefaults(UNIT), labContext(UNIT))).toEqual(run)
  })

  it('carries the scenario of the unit, and its fallback matches scenario.json', () => {
    expect(scenarioFrom(scenarioFigures(UNIT))).toEqual(BASE_SCENARIO)
    expect(scenarioFrom(undefined)).toEqual(BASE_SCENARIO)
    expect(run.scenario.text_pools_full_after_s).toEqual([0.4, 0.3, 0.2])
    expect(run.scenario.text_c_throughput_per_s).toBeCloseTo(99.5, 1)
    expect(run.scenario.text_breaker_opens_s).toBeCloseTo(0.2, 9)
    expect(run.scenario.text_degraded_p50_ms).toBeCloseTo(26, 9)
  })

  it('shows today’s chain collapsing as the text says: C, then B, then A full within a fraction of a second', () => {
    const today = design(run, 'today')
    const [a, b, c] = today.pools_full_after_s
    expect(c!).toBeLessThan(b!)
    expect(b!).toBeLessThan(a!)
    // The text ignores the requests already in flight; the unit accepts its times within 30 %.
    run.scenario.text_pools_full_after_s.forEach((text, i) => {
      expect(today.pools_full_after_s[i]! / text).toBeGreaterThan(0.7)
      expect(today.pools_full_after_s[i]! / text).toBeLessThan(1.3)
    })
    // Little's law with D's mean, which is 2 s × e^(σ²/2) for a p50 of 2 s and a p99 of 5 s.
    const sigma = Math.log(5 / 2) / 2.3263
    const held = 0.01 * Math.exp((Math.log(2) / 2.3263) ** 2 / 2) + 2 * Math.exp(sigma ** 2 / 2)
    expect(today.c_finished_per_s / (200 / held)).toBeGreaterThan(0.95)
    expect(today.c_finished_per_s / (200 / held)).toBeLessThan(1.05)
    expect(today.incident.goodput_per_s).toBeLessThan(10)
    expect(today.incident.p99_ms).toBeGreaterThan(10_000)
    expect(today.peak_threads).toEqual([400, 300, 200])
  })

  it('keeps goodput up with the reference’s defences while D is slow, degraded but fast', () => {
    const today = design(run, 'today')
    const defended = design(run, 'reference')
    expect(defended.from_answer).toBe(true)
    expect(defended.incident.goodput_per_s).toBeGreaterThan(0.97 * run.scenario.arrivals_per_s)
    expect(defended.incident.goodput_per_s).toBeGreaterThan(100 * today.incident.goodput_per_s)
    expect(defended.incident.p99_ms).toBeLessThan(run.scenario.objective_ms)
    expect(defended.incident.degraded_share).toBeGreaterThan(0.97)
    expect(defended.pools_full_after_s).toEqual([null, null, null])
    expect(defended.peak_threads[2]).toBeLessThan(200)
    // Question 6: 0.15 s for the first timeouts and 0.05 s for fifty of them; the bulkhead's refusals count too.
    expect(defended.breaker_opened_after_s!).toBeGreaterThan(0.15)
    expect(defended.breaker_opened_after_s!).toBeLessThanOrEqual(0.21)
    expect(defended.incident.p50_ms / run.scenario.text_degraded_p50_ms).toBeGreaterThan(0.8)
    expect(defended.incident.p50_ms / run.scenario.text_degraded_p50_ms).toBeLessThan(1.2)
    // While the breaker is open only its probes reach D.
    expect(defended.d_calls_per_request).toBeLessThan(0.05)
    expect(run.answer.notes).toEqual([])
  })

  it('draws two charts of a line per design and one table', () => {
    const blocks = lab.view(run)
    const series = blocks.filter((b) => b.kind === 'series')
    expect(series).toHaveLength(2)
    for (const chart of series) {
      if (chart.kind !== 'series') throw new Error('expected a series')
      expect(chart.lines.map((l) => l.label)).toEqual(['today', 'reference'])
      expect(chart.x).toHaveLength(run.horizon_s)
    }
    expect(blocks.filter((b) => b.kind === 'table')).toHaveLength(1)
    expect(JSON.stringify(run).length).toBeLessThan(200_000)
  })
})

describe('the chain model', () => {
  it('lets retries undo a timeout: with today’s three attempts a 150 ms timeout still fills C’s pool', () => {
    const {defences} = reference()
    const timeoutsOnly: Defences = {...baseline(BASE_SCENARIO), timeouts: defences.timeouts}
    const retried = shortRun(timeoutsOnly)
    // 1,000/s × (10 ms + 3 × 150 ms) = 460 threads wanted of C's 200.
    expect(retried.pools_full_after_s[2]).not.toBeNull()
    const once: Defences = {...timeoutsOnly, retries: defences.retries}
    const single = shortRun(once)
    // 1,000/s × (10 + 150) ms = 160 threads: the pool survives, but without a fallback every answer is an error.
    expect(single.pools_full_after_s[2]).toBeNull()
    expect(single.incident.failed_share).toBeGreaterThan(0.95)
    const withFallback = shortRun({...once, fallback: new Set(['timeout'])})
    expect(withFallback.incident.goodput_per_s).toBeGreaterThan(950)
    // Timeouts and a fallback, no breaker: every request waits the 150 ms out (the text's 176 ms).
    expect(withFallback.incident.p50_ms).toBeGreaterThan(170)
    expect(withFallback.incident.p50_ms).toBeLessThan(190)
  })

  it('never opens a breaker that counts only errors, since D returns none', () => {
    const {defences} = reference()
    const errorsOnly = shortRun({...defences, breaker: {...defences.breaker!, counts: new Set(['error'])}})
    expect(errorsOnly.breaker_opened_after_s).toBeNull()
    // Every call goes to D, bar the few the full bulkhead turns away.
    expect(errorsOnly.d_calls_per_request).toBeGreaterThan(0.8)
  })

  it('keeps to a thread pool: no service ever holds more threads than it has', () => {
    const today = shortRun(baseline(BASE_SCENARIO))
    expect(today.peak_threads).toEqual([400, 300, 200])
    const bigger = shortRun({...baseline(BASE_SCENARIO), pools: [3_000, 3_000, 3_000]})
    // With 3,000 threads each, C holds the 2,010 or so it needs and no pool runs out.
    expect(bigger.pools_full_after_s).toEqual([null, null, null])
    expect(bigger.peak_threads[2]).toBeGreaterThan(1_800)
  })
})

describe('the circuit breaker', () => {
  it('opens at the 50th failure of a window of 100 that held 100 successes', () => {
    const breaker = new CircuitBreaker(breakerPolicy)
    for (let i = 0; i < 100; i++) breaker.record('success', false, 0)
    for (let i = 1; i < 50; i++) {
      breaker.record('timeout', false, i)
      expect(breaker.admit(i)).toBe('call')
    }
    breaker.record('timeout', false, 50)
    expect(breaker.admit(50)).toBe('refuse')
    expect(breaker.firstOpened).toBe(50)
  })

  it('waits for its minimum of calls, probes after the open period, and closes or opens again', () => {
    const breaker = new CircuitBreaker(breakerPolicy)
    for (let i = 0; i < 19; i++) breaker.record('timeout', false, 0)
    expect(breaker.admit(0)).toBe('call')
    breaker.record('timeout', false, 0)
    expect(breaker.admit(1)).toBe('refuse')
    expect(breaker.admit(11)).toBe('probe')
    breaker.record('timeout', true, 11.1)
    expect(breaker.admit(12)).toBe('refuse')
    const probes = Array.from({length: 6}, () => breaker.admit(22))
    expect(probes).toEqual(['probe', 'probe', 'probe', 'probe', 'probe', 'refuse'])
    for (let i = 0; i < 5; i++) breaker.record('success', true, 22.1)
    expect(breaker.admit(22.2)).toBe('call')
  })
})

describe('the graceful-degradation lab reading an answer', () => {
  it('reads the reference’s defences as the unit states them', () => {
    const {defences, notes} = reference()
    expect(notes).toEqual([])
    defences.timeouts.forEach((timeout, i) => expect(timeout).toBeCloseTo([0.35, 0.25, 0.15][i]!, 9))
    expect(defences.breaker).toMatchObject({window: 100, minCalls: 20, threshold: 0.5, openFor: 10, probes: 5})
    expect(defences.bulkhead).toBe(150)
    expect([...defences.fallback!]).toEqual(['breaker_open', 'timeout', 'bulkhead_full'])
    expect(defences.retries.map((r) => r.attempts)).toEqual([2, 2, 1])
    expect(defences.shedding).toEqual({service: 0, above: 350})
    expect(defences.deadline).toEqual({budget: 1, reserve: 0.02})
  })

  it('reads a window given as a duration as the calls arriving in it', () => {
    const answer = referenceAnswer(UNIT)
    const mitigations = structuredClone(answer.mitigations) as Array<{choice: string; parameters: Record<string, unknown>}>
    mitigations[1]!.parameters.window = '2 s'
    expect(readAnswer({...answer, mitigations}, quantity, BASE_SCENARIO).defences.breaker?.window).toBe(2_000)
  })

  it('leaves out what the lab cannot run, and falls back to today’s configuration, saying so', () => {
    const answer = referenceAnswer(UNIT)
    const mitigations = structuredClone(answer.mitigations) as Array<{choice: string; parameters: Record<string, unknown>}>
    mitigations[1]!.parameters.at = 'B'
    mitigations[3]!.parameters.calls = ['D']
    const odd = edited({...answer, mitigations: mitigations.filter((m) => m.choice !== 'retry_budget')}, 'timeouts.c_to_d', 'quickly')
    const read = readAnswer(odd, quantity, BASE_SCENARIO)
    expect(read.defences.breaker).toBeUndefined()
    expect(read.defences.fallback).toBeUndefined()
    expect(read.defences.timeouts[2]).toBe(30)
    expect(read.defences.retries.map((r) => r.attempts)).toEqual([3, 3, 3])
    const notes = read.notes.join('\n')
    expect(notes).toMatch(/timeouts\.c_to_d cannot be read: used the default 30 s/)
    expect(notes).toMatch(/circuit_breaker at B/)
    expect(notes).toMatch(/fallback calls D/)
    expect(notes).toMatch(/no retry_budget/)
    for (const document of [undefined, null, 'text', [], {mitigations: 'many'}]) {
      const nothing = readAnswer(document, quantity, BASE_SCENARIO)
      expect(nothing.defences.timeouts).toEqual([30, 30, 30])
      expect(nothing.defences.breaker).toBeUndefined()
    }
  })
})

describe('course run graceful-degradation', () => {
  it('has a lab.json that the course accepts', () => {
    expect(labSpecProblems(UNIT)).toEqual([])
  })

  it('runs the reference answer by default and fits an 80 × 24 terminal', async () => {
    const started = performance.now()
    const run = await runUnitLab(UNIT)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(run.result.answer.source).toBe('reference')
    expect(run.text).toContain('Reference: timeouts 350/250/150 ms')
    expectFitsTheTerminal(run.text)
  })

  it('runs the learner’s own answer with --mine, and the starter without failing', async () => {
    const answer = referenceAnswer(UNIT)
    const mitigations = (answer.mitigations as Array<{choice: string}>).filter((m) => m.choice !== 'fallback')
    const run = await runUnitLab(UNIT, {'slow-at': '2 s', 'slow-for': '5 s'}, {mine: {'answer.yaml': stringify({...answer, mitigations})}})
    expect(run.result.answer.source).toBe('mine')
    const yours = run.result.designs.find((d: {name: string}) => d.name === 'yours')
    // Without a fallback C has nothing to answer with while D is slow: errors, fast but not good.
    expect(yours.incident.failed_share).toBeGreaterThan(0.9)
    expect(yours.incident.goodput_per_s).toBeLessThan(100)
    expectFitsTheTerminal(run.text)

    const starter = await runUnitLab(UNIT, {'slow-at': '2 s', 'slow-for': '5 s'}, {mine: {}})
    expect(starter.result.answer.notes.length).toBeGreaterThan(0)
    expect(starter.text).toContain('Yours: timeouts 30 s/30 s/30 s')
    expectFitsTheTerminal(starter.text)
  })
})
