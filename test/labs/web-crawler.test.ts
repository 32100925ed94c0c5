import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'
import {designCrawl} from '../../graders/web-crawler/crawl-plan.js'
import lab from '../../graders/web-crawler/lab/index.js'
import type {WebCrawlerDay} from '../../graders/web-crawler/lab/result.js'
import {simulateCrawl} from '../../graders/web-crawler/simulate-crawl.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {runUnitLab} from '../helpers/lab.js'
import {edited, expectFitsTheTerminal, labDefaults, quantity, scenarioFigures} from './document-lab.js'

const UNIT = 'web-crawler'
const reference = parse(readFileSync(new URL(`../../exercises/${UNIT}/reference/design.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>
const figures = scenarioFigures(UNIT)
const context = (document: unknown = reference, source: 'reference' | 'mine' = 'reference') => ({source, document, figures, quantity})
const OUTAGE = {start: 10 * 3600, duration: 3600}

let defaultRun: WebCrawlerDay | undefined
async function byDefault(): Promise<WebCrawlerDay> {
  defaultRun ??= await lab.run(labDefaults(UNIT), context())
  return defaultRun
}

describe('the simulated crawl', () => {
  it('reads the reference design: 20 workers on 5 machines, 10 browser slots, its retry schedules', () => {
    const crawl = designCrawl(reference, figures, quantity, {hosts: 1000})
    expect(crawl.assumed).toEqual([])
    expect(crawl).toMatchObject({workers: 20, machines: 5, hosts: 1000, scale: 5})
    // One machine's share: its 4 workers, a fifth of the pace and of the hosts, two of the 10 browser slots.
    expect(crawl.plan).toMatchObject({workers: 4, hosts: 200, renderSlots: 2})
    expect(crawl.plan.pagesPerSecond * 5).toBeCloseTo(figures.pages_per_day!, 9)
    expect(crawl.plan.retries).toEqual({timeout: [60, 300, 1800], http_5xx: [300, 900, 2700], http_429: [60, 300, 1800]})
  })

  it('gives the same day for the same seed, and another for another seed', () => {
    const {plan} = designCrawl(reference, figures, quantity, {hosts: 1000, workers: 12, outage: OUTAGE})
    expect(simulateCrawl(plan, 2)).toEqual(simulateCrawl(plan, 2))
    expect(simulateCrawl(plan, 3).behindAtEnd).not.toBe(simulateCrawl(plan, 2).behindAtEnd)
  })

  it('keeps the reference’s pace through a lost machine, busy about as planned, with Little’s law’s hosts in rotation', () => {
    const crawl = designCrawl(reference, figures, quantity, {hosts: 1000, outage: OUTAGE})
    const outcome = simulateCrawl(crawl.plan, 1)
    expect(outcome.completed / outcome.target).toBeGreaterThan(0.999)
    expect(outcome.behindAtEnd).toBe(0)
    expect(outcome.stoppedEarly).toBe(false)
    // Planned 0.58; retries (about 5 % more fetches) and the lost machine's hour add a little.
    expect(outcome.workerUtilisation).toBeGreaterThan(0.58)
    expect(outcome.workerUtilisation).toBeLessThan(0.66)
    // rate × delay = 57.9 hosts, and a little more for the retries.
    expect((outcome.hostsInRotation * crawl.scale) / (figures.pages_per_day! * figures.default_delay!)).toBeCloseTo(1.05, 1)
  })

  it('cannot crawl faster than its hosts allow, however many workers it has', () => {
    const hosts = 20
    const crawl = designCrawl(reference, figures, quantity, {hosts, workers: 100})
    const outcome = simulateCrawl(crawl.plan, 1)
    const hostBound = crawl.hosts / figures.default_delay! / figures.pages_per_day!
    expect(outcome.completed / outcome.target).toBeLessThan(hostBound * 1.01)
    expect(outcome.completed / outcome.target).toBeGreaterThan(hostBound * 0.85)
  })

  it('reads a half-written design with stated defaults, and never throws', () => {
    for (const document of [{}, null, 'not a design', {throughput: {workers: 'lots'}, retries: [{class: 'timeout', retry: true, schedule: ['x', '1 min']}]}]) {
      const crawl = designCrawl(document, figures, quantity, {hosts: 1000})
      expect(crawl.assumed.length).toBeGreaterThan(0)
      expect(crawl.workers).toBe(20)
    }
    const absurd = designCrawl(reference, {...figures, fetch_latency: Number.NaN}, quantity, {hosts: 1000})
    expect(simulateCrawl(absurd.plan, 1).stoppedEarly).toBe(false)
  })
})

describe('the lab’s default run', () => {
  it('keeps pace with the reference, and shows the busy slots rounded up and too few hosts falling behind', async () => {
    const run = await byDefault()
    const [own, busy, few] = run.pools
    expect(own).toMatchObject({sizing: 'as-designed', workers: 20, planned_utilisation: 0.579, keeps_pace: true, behind_at_end: 0})
    // The README's "minimum": 11.57 busy slots rounded up to 12, utilisation 0.96.
    expect(busy).toMatchObject({sizing: 'busy-slots', workers: 12, planned_utilisation: 0.965, keeps_pace: false})
    expect(busy!.behind_at_end).toBeGreaterThan(10_000)
    expect(few).toMatchObject({sizing: 'few-hosts', workers: 20, keeps_pace: false})
    expect(few!.hosts).toBeLessThan(run.scenario.hosts_needed)
    expect(few!.reached_share).toBeLessThan(0.6)
    expect(run.scenario.hosts_needed).toBeCloseTo(57.9, 1)
  })

  it('says so in the view, within 80 columns and 22 lines', async () => {
    const text = formatLabView(lab.view(await byDefault()), {color: false, width: 80})
    expect(text).toMatch(/^as designed +20 +1,000 +0\.58 .*100 %.*keeps pace$/m)
    expect(text).toMatch(/^busy slots rounded up +12 .*falls behind$/m)
    expect(text).toMatch(/^too few hosts +20 +30 .*falls behind$/m)
    expect(text).toContain('At ρ 0.96, 12 workers cannot absorb retries or an outage')
    expect(text).toContain('30 hosts, one request each per 5 s, allow 6 pages/s of the 11.57 needed.')
    expect(text.split('\n').length).toBeLessThanOrEqual(22)
    expectFitsTheTerminal(text)
  })

  it('is plain, small JSON, the same for the same seed', async () => {
    const run = await byDefault()
    expect(JSON.parse(JSON.stringify(run))).toEqual(run)
    expect(JSON.stringify(run).length).toBeLessThan(200_000)
    expect(await lab.run(labDefaults(UNIT), context())).toEqual(run)
  })
})

describe('course run web-crawler', () => {
  it('runs the reference design by default and fits an 80 × 24 terminal', async () => {
    const run = await runUnitLab(UNIT)
    expect(run.result.source).toBe('reference')
    expect(run.text).toContain('The reference design: 20 fetch workers on 5 machines')
    expectFitsTheTerminal(run.text)
  })

  it('shows a learner’s pool with no slack falling behind with --mine', async () => {
    const throughput = reference.throughput as Record<string, unknown>
    const mine = edited(reference, 'throughput', {...throughput, workers: '12 workers', utilisation: 0.96})
    const run = await runUnitLab(UNIT, {}, {mine: {'design.yaml': stringify(mine)}})
    expect(run.result.source).toBe('mine')
    expect(run.result.pools[0]).toMatchObject({workers: 12, keeps_pace: false})
    expect(run.text).toContain('Your design: 12 fetch workers on 3 machines')
    expect(run.text).toMatch(/^as designed +12 .*falls behind$/m)
    expectFitsTheTerminal(run.text)
  })
})
