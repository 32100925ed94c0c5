import {beforeAll, describe, expect, it} from 'vitest'
import {stringify} from 'yaml'
import {randomFromSeed} from '../../src/core/random.js'
import {readAnswer} from '../../graders/hot-partition/lab/answer.js'
import lab, {type HotRun} from '../../graders/hot-partition/lab/index.js'
import {hotKeyRates} from '../../graders/hot-partition/lab/keys.js'
import {cachedStoreReads, partitionLoads} from '../../graders/hot-partition/lab/partitions.js'
import {BASE_SCENARIO, scenarioFrom} from '../../graders/hot-partition/lab/scenario.js'
import {type ExpirySetup, simulateExpiry} from '../../graders/hot-partition/lab/stampede.js'
import {runUnitLab} from '../helpers/lab.js'
import {edited, expectFitsTheTerminal, labContext, labDefaults, labSpecProblems, quantity, referenceAnswer, scenarioFigures} from './document-lab.js'

const UNIT = 'hot-partition'
const timing = {storeRead: 0.0055}
const expiry = (run: HotRun, coalescing: boolean) => run.cache.runs.find((r) => r.coalescing === coalescing)!

/** The celebrity's partition as the unit's scenario has it, with 200 caches of a 1 s TTL in front. */
const setup: ExpirySetup = {
  caches: 200,
  ttl: 1,
  coalescing: true,
  postReads: 50_000,
  otherReads: 950,
  capacity: 2_000,
  latency: 0.005,
  expiry: 'together',
  expiresAt: 0.5,
  horizon: 3,
  step: 0.1,
}

describe('the hot-partition lab on the reference answer', () => {
  let run: HotRun
  beforeAll(async () => {
    run = await lab.run(labDefaults(UNIT), labContext(UNIT))
  })

  it('gives the same run for the same seed, and another for another seed', async () => {
    expect(await lab.run(labDefaults(UNIT), labContext(UNIT))).toEqual(run)
    const other = await lab.run(labDefaults(UNIT, {seed: 2}), labContext(UNIT))
    expect(other.partitions.busiest_other_reads).not.toBe(run.partitions.busiest_other_reads)
  })

  it('carries the scenario of the unit, and its fallback matches scenario.json', () => {
    expect(scenarioFrom(scenarioFigures(UNIT))).toEqual(BASE_SCENARIO)
    expect(scenarioFrom(undefined)).toEqual(BASE_SCENARIO)
  })

  it('finds the text’s partition loads: a hot key, not a hot set, under hashing; a hot range by id', () => {
    const p = run.partitions
    expect(p.mean_reads).toBe(1_000)
    // 50,000 + 950,000 ÷ 1,000 on average; the hot posts hashed there move it a little.
    expect(p.celebrity_partition_reads / 50_950).toBeCloseTo(1, 2)
    // The fullest other partition: about 10 % above the mean, well inside the capacity.
    expect(p.busiest_other_reads).toBeGreaterThan(1_000)
    expect(p.busiest_other_reads).toBeLessThan(1_150)
    expect(p.over_capacity).toBe(1)
    expect(p.range_hot_partitions).toBe(10)
    expect(p.range_mean_hot_reads).toBeCloseTo(90_100, 6)
    expect(p.range_busiest_reads).toBeGreaterThan(130_000)
  })

  it('brings the celebrity under capacity with the reference’s cache and its likes with 20 sub-keys', () => {
    const p = run.partitions
    // 950 reads/s of other keys and about 200 refreshes a second from the caches.
    expect(p.remedied_celebrity_partition_reads).toBeGreaterThan(1_140)
    expect(p.remedied_celebrity_partition_reads).toBeLessThan(1_160)
    expect(p.remedied_over_capacity).toBe(0)
    expect(p.one_counter_writes).toBe(5_015)
    expect(p.remedied_writes).toBe(265)
    expect(run.answer.notes).toEqual([])
  })

  it('shows coalescing cutting the store’s load when every cached copy expires together', () => {
    const coalesced = expiry(run, true)
    const not = expiry(run, false)
    expect(coalesced.from_answer).toBe(true)
    expect(coalesced.post_reads_first_second).toBe(200)
    expect(not.post_reads_first_second).toBeGreaterThan(10 * coalesced.post_reads_first_second)
    expect(not.peak_store_reads_per_s).toBeGreaterThan(10 * run.scenario.read_capacity)
    expect(coalesced.peak_store_reads_per_s).toBeLessThan(2 * run.scenario.read_capacity)
    // Two hundred refreshes are 100 ms of the partition's work; the stampede is far longer.
    expect(coalesced.worst_other_wait_ms).toBeLessThan(150)
    expect(not.worst_other_wait_ms).toBeGreaterThan(1_000)
    expect(not.backlog_at_end).toBe(true)
  })

  it('draws bars, one chart of two lines and one table', () => {
    const blocks = lab.view(run)
    expect(blocks.filter((b) => b.kind === 'bars')).toHaveLength(1)
    const series = blocks.find((b) => b.kind === 'series')
    if (series?.kind !== 'series') throw new Error('expected a series')
    expect(series.lines.map((l) => l.label)).toEqual(['no coalescing', 'coalescing'])
    expect(series.x).toHaveLength(series.lines[0]!.values.length)
    expect(JSON.stringify(run).length).toBeLessThan(200_000)
  })
})

describe('the hot-partition models', () => {
  it('caps a cached key at caches ÷ TTL with coalescing, and adds the reads during a refresh without', () => {
    expect(cachedStoreReads(50_000, 200, 1, true, 0.005) / 200).toBeGreaterThan(0.98)
    expect(cachedStoreReads(50_000, 200, 1, true, 0.005) / 200).toBeLessThan(1)
    // 250 reads/s on each server × 5 ms: 1.25 more reads per refresh, as the text says.
    expect(cachedStoreReads(50_000, 200, 1, false, 0.005) / cachedStoreReads(50_000, 200, 1, true, 0.005)).toBeCloseTo(2.25, 6)
    // A key read once a minute gains nothing from a 1 s cache.
    expect(cachedStoreReads(1 / 60, 200, 1, true, 0.005) / (1 / 60)).toBeGreaterThan(0.99)
  })

  it('spreads a Zipf law over the hot set with the same total, its head heavier the larger the exponent', () => {
    const heads = (['even', 'zipf-0.6', 'zipf-0.8', 'zipf-1'] as const).map((skew) => {
      const rates = hotKeyRates(skew, 10_000, 1_000)
      expect(rates.reduce((a, b) => a + b, 0)).toBeCloseTo(1_000, 6)
      return rates[0]!
    })
    for (let i = 1; i < heads.length; i++) expect(heads[i]).toBeGreaterThan(heads[i - 1]!)
  })

  it('makes hashing fail only at the head: a steep Zipf law puts other keys over capacity too', () => {
    const remedies = {read: {kind: 'none'} as const, write: {kind: 'none'} as const, hotThreshold: 400}
    const even = partitionLoads(BASE_SCENARIO, 'even', remedies, timing, randomFromSeed(1))
    const steep = partitionLoads(BASE_SCENARIO, 'zipf-1', remedies, timing, randomFromSeed(1))
    expect(even.overCapacity).toBe(1)
    expect(steep.busiestOther).toBeGreaterThan(10 * BASE_SCENARIO.readCapacity)
    expect(steep.rangeMeanHot).toBeCloseTo(even.rangeMeanHot, 6)
  })

  it('spreads a hot key’s reads over its copies, and only a hot key’s', () => {
    const copies = partitionLoads(BASE_SCENARIO, 'even', {read: {kind: 'copies', copies: 48}, write: {kind: 'none'}, hotThreshold: 400}, timing, randomFromSeed(1))
    // 50,000 ÷ 48 ≈ 1,042 on each of 48 partitions beside their own 1,000 or so.
    expect(copies.remediedBusiest).toBeLessThan(1.1 * BASE_SCENARIO.readCapacity)
    expect(copies.remediedBusiest).toBeGreaterThan(1_900)
    const limited = partitionLoads(BASE_SCENARIO, 'even', {read: {kind: 'rate-limit', limit: 1_000}, write: {kind: 'none'}, hotThreshold: 400}, timing, randomFromSeed(1))
    expect(limited.refusedReads).toBeCloseTo(49_000, 6)
  })

  it('splits likes over sub-keys, and lets independent hashes collide', () => {
    const none = {kind: 'none'} as const
    const distinct = partitionLoads(BASE_SCENARIO, 'even', {read: none, write: {kind: 'sub-keys', subKeys: 20, distinct: true}, hotThreshold: 400}, timing, randomFromSeed(1))
    expect(distinct.remediedWrites).toBe(265)
    // Over a few placements, 20 hashes into 1,000 partitions collide at least once (about 17 % each).
    const hashed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((seed) => partitionLoads(BASE_SCENARIO, 'even', {read: none, write: {kind: 'sub-keys', subKeys: 20, distinct: false}, hotThreshold: 400}, timing, randomFromSeed(seed)).remediedWrites)
    expect(Math.min(...hashed)).toBe(265)
    expect(Math.max(...hashed)).toBe(515)
    const batched = partitionLoads(BASE_SCENARIO, 'even', {read: none, write: {kind: 'batching', interval: 1, writers: 200}, hotThreshold: 400}, timing, randomFromSeed(1))
    expect(batched.remediedWrites).toBeCloseTo(215, 6)
  })

  it('sends one refresh per cache per TTL with coalescing, and about the text’s extra reads without on a quiet store', () => {
    const spread = {...setup, expiry: 'spread' as const, horizon: 2.5}
    const coalesced = simulateExpiry(spread, 4)
    const not = simulateExpiry({...spread, coalescing: false}, 4)
    expect(coalesced.postReadsFirstSecond / 200).toBeGreaterThan(0.9)
    expect(coalesced.postReadsFirstSecond / 200).toBeLessThan(1.05)
    // On an idle store 250 × 5.5 ms ≈ 1.4 more reads per refresh; the refreshes' own queueing adds some.
    expect(not.postReadsFirstSecond / coalesced.postReadsFirstSecond).toBeGreaterThan(2)
    expect(not.postReadsFirstSecond / coalesced.postReadsFirstSecond).toBeLessThan(4)
    expect(simulateExpiry(spread, 4)).toEqual(coalesced)
  })
})

describe('the hot-partition lab reading an answer', () => {
  const reference = referenceAnswer(UNIT)

  it('reads each remedy with its parameters', () => {
    const replicas = edited(reference, 'read_mitigation', {choice: 'read_replicas', parameters: {replicas: 48}, store_reads: '1042 reads/s'})
    const batching = edited(replicas, 'write_mitigation', {choice: 'write_batching', parameters: {interval: '2 s', writers: 200}, max_partition_writes: '100 writes/s'})
    const read = readAnswer(batching, quantity, BASE_SCENARIO)
    expect(read.read).toEqual({kind: 'copies', copies: 48})
    expect(read.write).toEqual({kind: 'batching', interval: 2, writers: 200})
    expect(read.hotThreshold).toBe(400)
    expect(read.notes).toEqual([])
  })

  it('falls back to stated defaults, and says so, for an unfinished or odd answer', () => {
    const odd = edited(reference, 'read_mitigation', {choice: 'caching', parameters: {ttl: 'a while'}})
    const read = readAnswer(odd, quantity, BASE_SCENARIO)
    expect(read.read).toEqual({kind: 'caching', ttl: 1, caches: 200, coalescing: false})
    expect(read.notes.join('\n')).toMatch(/ttl cannot be read: used 1 s/)
    expect(read.notes.join('\n')).toMatch(/request_coalescing is not true or false: used false/)
    for (const document of [undefined, null, 42, ['a'], {read_mitigation: {choice: 'prayer'}}]) {
      const nothing = readAnswer(document, quantity, BASE_SCENARIO)
      expect(nothing.read).toEqual({kind: 'none'})
      expect(nothing.write).toEqual({kind: 'none'})
      expect(nothing.notes).toHaveLength(2)
    }
  })

  it('runs a learner’s variant of the scenario', async () => {
    const figures = {...scenarioFigures(UNIT), celebrity_reads: 80_000, app_servers: 100}
    const run = await lab.run(labDefaults(UNIT), labContext(UNIT, {figures}))
    expect(run.partitions.celebrity_partition_reads / 80_920).toBeCloseTo(1, 2)
    // The reference answer's own 200 caches are what the expiry uses: the answer's figure, not the scenario's.
    expect(run.cache.caches).toBe(200)
  })
})

describe('course run hot-partition', () => {
  it('has a lab.json that the course accepts', () => {
    expect(labSpecProblems(UNIT)).toEqual([])
  })

  it('runs the reference answer by default and fits an 80 × 24 terminal', async () => {
    const started = performance.now()
    const run = await runUnitLab(UNIT)
    expect(performance.now() - started).toBeLessThan(8_000)
    expect(run.result.answer.source).toBe('reference')
    expect(run.text).toContain('coalescing (reference)')
    expectFitsTheTerminal(run.text)
  })

  it('runs the learner’s own answer with --mine, and the starter without failing', async () => {
    const mine = edited(referenceAnswer(UNIT), 'read_mitigation.parameters.request_coalescing', false)
    const run = await runUnitLab(UNIT, {}, {mine: {'answer.yaml': stringify(mine)}})
    expect(run.result.answer.source).toBe('mine')
    expect(run.text).toContain('no coalescing (yours)')
    // Without coalescing the steady refreshes are about 2.4 per cache per TTL instead of one.
    expect(run.result.partitions.remedied_celebrity_partition_reads).toBeGreaterThan(1_350)
    expectFitsTheTerminal(run.text)

    const starter = await runUnitLab(UNIT, {}, {mine: {}})
    expect(starter.result.answer.notes[0]).toMatch(/read_mitigation\.choice is missing/)
    expect(starter.text).toContain("the answer does not cache: the expiry uses the scenario's caches")
    expectFitsTheTerminal(starter.text)
  })
})
