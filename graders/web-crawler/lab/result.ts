/**
 * What the web-crawler lab reports, as plain JSON (`--json` prints exactly this): the scenario and
 * the model's own figures, the design's pool and two pools that cannot keep up through the same
 * day, and the design's day step by step. Counts are the whole crawl's (one machine's share,
 * scaled).
 */
import type {DesignCrawl} from '../crawl-plan.js'
import {CRAWL_MODEL, DAY, type CrawlOutcome} from '../simulate-crawl.js'

export interface PoolRun {
  /** As designed (or as asked with --workers), the busy slots rounded up, or too few hosts. */
  readonly sizing: 'as-designed' | 'workers-flag' | 'busy-slots' | 'few-hosts'
  readonly workers: number
  readonly machines: number
  readonly hosts: number
  /** Pages per second over the pool's capacity, as the design computes it (no retries, no outage). */
  readonly planned_utilisation: number
  /** Busy worker-time over the day's worker-time, as simulated. */
  readonly utilisation: number
  readonly render_utilisation: number
  readonly target_pages: number
  readonly crawled_pages: number
  readonly reached_share: number
  readonly behind_at_end: number
  readonly most_behind: number
  /** Hosts with a request in flight or inside their delay, on average. */
  readonly hosts_in_rotation: number
  readonly failed_for_good: number
  readonly keeps_pace: boolean
  /** The day ended early at the simulation's bound on events (absurd figures); its counts stop there. */
  readonly stopped_early: boolean
}

export interface WebCrawlerDay {
  readonly source: 'reference' | 'mine'
  readonly seed: number
  readonly assumed: readonly string[]
  readonly scenario: {
    readonly pages_per_day: number
    readonly pages_per_second: number
    readonly fetch_latency_s: number
    readonly host_delay_s: number
    readonly workers_per_machine: number
    /** Hosts that must be in rotation for the target at one request per delay: rate × delay. */
    readonly hosts_needed: number
  }
  readonly model: {
    readonly simulated: string
    readonly failure_shares: Readonly<Record<string, number>>
    readonly time_spread: number
    readonly outage: {readonly from_h: number; readonly hours: number} | null
  }
  readonly pools: readonly PoolRun[]
  /** Each pool's pages behind the target's pace, per step of the day (the most in each step). */
  readonly behind: ReadonlyArray<readonly number[]>
  readonly day: {
    readonly step_min: number
    readonly hours: readonly number[]
    readonly pages_per_second: readonly number[]
    readonly pages_behind: readonly number[]
    readonly busy_workers: readonly number[]
  }
}

const round = (value: number, digits = 3) => Number(value.toPrecision(digits))

/** A day crawled with `crawl` counts as keeping pace when it leaves less than a thousandth of its target undone. */
const KEEPS_PACE = 0.999

export function poolRun(sizing: PoolRun['sizing'], crawl: DesignCrawl, outcome: CrawlOutcome): PoolRun {
  const f = crawl.figures
  const reached = outcome.completed / Math.max(1, outcome.target)
  return {
    sizing,
    workers: crawl.workers,
    machines: crawl.machines,
    hosts: crawl.hosts,
    planned_utilisation: crawl.workers > 0 ? round((f.pages_per_day * f.fetch_latency) / crawl.workers) : 0,
    utilisation: round(outcome.workerUtilisation),
    render_utilisation: round(outcome.renderUtilisation),
    target_pages: Math.round(f.pages_per_day * DAY),
    crawled_pages: Math.round(reached * f.pages_per_day * DAY),
    reached_share: round(reached, 4),
    behind_at_end: Math.round(outcome.behindAtEnd * crawl.scale),
    most_behind: Math.max(0, ...crawlSeries(crawl, outcome).pages_behind),
    hosts_in_rotation: round(outcome.hostsInRotation * crawl.scale),
    failed_for_good: Math.round(outcome.failedForGood * crawl.scale),
    keeps_pace: reached >= KEEPS_PACE,
    stopped_early: outcome.stoppedEarly,
  }
}

export function crawlSeries(crawl: DesignCrawl, outcome: CrawlOutcome): WebCrawlerDay['day'] {
  const s = outcome.series
  const scale = (i: number) => crawl.scaleAt((i + 0.5) * CRAWL_MODEL.step)
  return {
    step_min: CRAWL_MODEL.step / 60,
    hours: Array.from({length: Math.ceil(DAY / CRAWL_MODEL.step)}, (_, i) => (i * CRAWL_MODEL.step) / 3600),
    pages_per_second: s.pagesPerSecond.map((v, i) => round(v * scale(i))),
    pages_behind: s.behind.map((v, i) => Math.round(v * scale(i))),
    busy_workers: s.busyWorkers.map((v, i) => round(v * scale(i))),
  }
}
