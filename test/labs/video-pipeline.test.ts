import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'
import {designDay, instancesFor, withInstances} from '../../graders/video-pipeline/day-plan.js'
import lab from '../../graders/video-pipeline/lab/index.js'
import type {VideoPipelineDay} from '../../graders/video-pipeline/lab/result.js'
import {simulateDay} from '../../graders/video-pipeline/simulate-day.js'
import {COMMON_SHARE, DAY, HOUR, sizeMix, steepnessFor, uploadTimes} from '../../graders/video-pipeline/upload-day.js'
import {randomFromSeed} from '../../src/core/random.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {runUnitLab} from '../helpers/lab.js'
import {edited, expectFitsTheTerminal, labDefaults, quantity, scenarioFigures} from './document-lab.js'

const UNIT = 'video-pipeline'
const reference = parse(readFileSync(new URL(`../../exercises/${UNIT}/reference/design.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>
const figures = scenarioFigures(UNIT)
const context = (document: unknown = reference, source: 'reference' | 'mine' = 'reference') => ({source, document, figures, quantity})

let defaultRun: VideoPipelineDay | undefined
/** The lab's default run on the reference, computed once. */
async function byDefault(): Promise<VideoPipelineDay> {
  defaultRun ??= await lab.run(labDefaults(UNIT), context())
  return defaultRun
}

describe('the day of uploads', () => {
  it('brings the scenario’s peak factor in its busiest hour, with the quietest moment at the start', () => {
    const times = uploadTimes(200_000, 2, randomFromSeed(3))
    const hourly = Array.from({length: 24}, (_, h) => times.filter((t) => t >= h * HOUR && t < (h + 1) * HOUR).length)
    const average = times.length / 24
    expect(Math.max(...hourly) / average).toBeCloseTo(2, 1)
    expect(hourly.indexOf(Math.max(...hourly))).toBeGreaterThanOrEqual(11)
    expect(hourly.indexOf(Math.max(...hourly))).toBeLessThanOrEqual(12)
    expect(hourly[0]! / average).toBeLessThan(0.5)
    expect(steepnessFor(1)).toBe(0)
    expect(times.every((t, i) => t >= 0 && t < DAY && (i === 0 || t >= times[i - 1]!))).toBe(true)
  })

  it('mixes sizes as the scenario says: 95 % at most the common file, none above the largest, the mean holding the mean footage', () => {
    const mix = sizeMix({smallest: figures.smallest_file!, common: figures.common_file!, largest: figures.largest_file!, mean: figures.mean_footage! * figures.source_bitrate!})
    expect(mix.mean / (figures.mean_footage! * figures.source_bitrate!)).toBeCloseTo(1, 6)
    const random = randomFromSeed(5)
    const sizes = Array.from({length: 100_000}, () => mix.draw(random))
    expect(sizes.filter((s) => s <= figures.common_file!).length / sizes.length).toBeCloseTo(COMMON_SHARE, 2)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(figures.smallest_file!)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(figures.largest_file!)
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length / mix.mean).toBeCloseTo(1, 1)
  })
})

describe('the simulated day of a design', () => {
  const day = designDay(reference, figures, quantity)

  it('reads the reference design as written: its fleet, segments, outliers’ lane and retries', () => {
    expect(day.assumed).toEqual([])
    expect(day.instances).toBe(84)
    expect(day.plan.slots).toBe(336)
    expect(day.plan.segment).toBe(60)
    expect(day.plan.outliers).toEqual({threshold: 1e9, share: 0.2})
    expect(day.plan.retry).toMatchObject({maxRetries: 3, base: 30, factor: 2, max: 300, detection: 60})
    expect(instancesFor(day, day.peakFactor, day.figures.processing_time)).toBe(84)
  })

  it('gives the same day for the same seed, and another for another seed', () => {
    const plan = withInstances(day, 70)
    expect(simulateDay(plan, 4)).toEqual(simulateDay(plan, 4))
    expect(simulateDay(plan, 5).p99).not.toBe(simulateDay(plan, 4).p99)
  })

  it('holds each video’s slot for its share of the scenario’s processing time, and publishes every video', () => {
    const outcome = simulateDay(day.plan, 1)
    expect(outcome.videos).toBe(10_000)
    expect(outcome.meanWork / figures.processing_time!).toBeCloseTo(1, 1)
    expect(outcome.published).toBe(outcome.videos)
    // The busiest hour runs the fleet near the design's own 0.83, and the day at about half of it.
    expect(outcome.busiestHourUtilisation).toBeGreaterThan(0.8)
    expect(outcome.busiestHourUtilisation).toBeLessThan(0.95)
    expect(outcome.utilisation).toBeCloseTo(0.41, 1)
  })

  it('runs each video as one job when the design does not cut it into segments, and the SLA goes', () => {
    const serial = designDay(edited(reference, 'distribution.chunking', {...(reference.distribution as {chunking: object}).chunking, enabled: false}), figures, quantity)
    expect(serial.plan.segment).toBeUndefined()
    const outcome = simulateDay(serial.plan, 1)
    expect(outcome.p99).toBeGreaterThan(figures.sla!)
  })

  it('reads a half-written design with stated defaults, and never throws', () => {
    for (const document of [{}, null, 'not a design', {capacity: {instances: 'many'}, distribution: {chunking: {enabled: true, segment_length: '2 s'}}}]) {
      const odd = designDay(document, figures, quantity)
      expect(odd.assumed.length).toBeGreaterThan(0)
      expect(odd.instances).toBe(84)
    }
    expect(designDay({distribution: {chunking: {enabled: true, segment_length: '2 s'}}}, figures, quantity).assumed).toContain('segments of 2 s taken as 10 s')
  })
})

describe('the lab’s default run', () => {
  it('keeps the SLA with the reference, and shows W = SLA as over-provisioned and the flat day as missing it', async () => {
    const run = await byDefault()
    const [own, sla, flat] = run.fleets
    expect(own).toMatchObject({sizing: 'as-designed', instances: 84, meets_sla: true, over_provisioned: false})
    expect(own!.within_sla_share).toBeGreaterThanOrEqual(0.99)
    expect(own!.p99_min!).toBeLessThan(run.scenario.sla_min / 2)
    // The README's corrected table: the SLA in Little's law at the peak gives 125 instances, 50 % more.
    expect(sla).toMatchObject({sizing: 'sla-as-w', instances: 125, meets_sla: true, over_provisioned: true})
    expect(sla!.monthly_cost_usd).toBeGreaterThan(own!.monthly_cost_usd * 1.45)
    expect(sla!.busiest_hour_utilisation).toBeLessThan(own!.busiest_hour_utilisation * 0.75)
    // The README's average-day table: 42 instances, half what the busiest hour needs.
    expect(flat).toMatchObject({sizing: 'flat-day', instances: 42, meets_sla: false})
    expect(flat!.within_sla_share).toBeLessThan(0.6)
    expect(run.littles_law).toEqual({instances: 84, monthly_cost_usd: 41_697.6})
  })

  it('says so in the view, within 80 columns and 22 lines', async () => {
    const text = formatLabView(lab.view(await byDefault()), {color: false, width: 80})
    expect(text).toMatch(/^as designed +84 +100 %.*meets SLA$/m)
    expect(text).toMatch(/^W = SLA +125 +100 %.*over-sized$/m)
    expect(text).toMatch(/^flat day +42 .*misses SLA$/m)
    expect(text).toContain("Little's law with W = SLA sizes 125 instances; with W = processing time, 84.")
    expect(text).toContain('The extra 41 add 20,352 USD/month')
    expect(text).toContain('over-provisioned')
    expect(text.split('\n').length).toBeLessThanOrEqual(22)
    expectFitsTheTerminal(text)
  })

  it('is plain, small JSON, the same for the same seed', async () => {
    const run = await byDefault()
    expect(JSON.parse(JSON.stringify(run))).toEqual(run)
    expect(JSON.stringify(run).length).toBeLessThan(200_000)
    expect(run.publish_times.reduce((a, b) => a + b.count, 0)).toBe(10_000)
    expect(await lab.run(labDefaults(UNIT), context())).toEqual(run)
  })

  it('runs a fleet of another size with --instances, and says where the design was read with defaults', async () => {
    const run = await lab.run(labDefaults(UNIT, {instances: 50}), context())
    expect(run.fleets[0]).toMatchObject({sizing: 'instances-flag', instances: 50, meets_sla: false})
    const text = formatLabView(lab.view(run), {color: false, width: 80})
    expect(text).toContain('--instances 50')
    expect(text).toContain('This fleet misses the SLA')

    const silent = await lab.run(labDefaults(UNIT), context({}, 'mine'))
    expect(silent.assumed).toContain('each video as one job (chunking not enabled)')
    expect(formatLabView(lab.view(silent), {color: false, width: 80})).toContain('Where the design is silent or odd, the day runs with: peak factor 2')
  })
})

describe('course run video-pipeline', () => {
  it('runs the reference design by default and fits an 80 × 24 terminal', async () => {
    const run = await runUnitLab(UNIT)
    expect(run.result.source).toBe('reference')
    expect(run.text).toContain('The reference design: 84 instances × 4 slots')
    expectFitsTheTerminal(run.text)
  })

  it('shows a learner’s under-sized design missing the SLA with --mine', async () => {
    // Sized for the average hour: the README's first table, 42 instances.
    const capacity = reference.capacity as Record<string, unknown>
    const mine = edited(edited(reference, 'assumptions.peak_factor', 1), 'capacity', {...capacity, peak_arrival_rate: '416.7 videos/hour', concurrent_jobs: '138.9 jobs', cores_busy: '555.6 vCPU', cores_provisioned: '666.7 vCPU', instances: '42 instances', monthly_cost: '20848.8 USD/month'})
    const run = await runUnitLab(UNIT, {}, {mine: {'design.yaml': stringify(mine)}})
    expect(run.result.source).toBe('mine')
    expect(run.result.fleets[0]).toMatchObject({instances: 42, meets_sla: false})
    expect(run.text).toContain('Your design: 42 instances × 4 slots')
    expect(run.text).toMatch(/^as designed +42 .*misses SLA$/m)
    expect(run.text).toContain('This fleet misses the SLA')
    expectFitsTheTerminal(run.text)
  })
})
