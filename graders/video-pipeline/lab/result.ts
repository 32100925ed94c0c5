/**
 * What the video-pipeline lab reports, as plain JSON (`--json` prints exactly this): the scenario
 * and the model's own figures, the design's fleet and two other sizings of the same design through
 * the same simulated day, and the day of the design's own fleet step by step.
 */
import type {DesignDay} from '../day-plan.js'
import {MODEL, type DayOutcome} from '../simulate-day.js'
import {DAY} from '../upload-day.js'

/** One fleet through the day. */
export interface FleetRun {
  /** Which sizing: as designed (or as asked with --instances), with the SLA as W, or for a flat day. */
  readonly sizing: 'as-designed' | 'instances-flag' | 'sla-as-w' | 'flat-day'
  readonly instances: number
  readonly slots: number
  readonly videos: number
  readonly published: number
  readonly within_sla: number
  readonly within_sla_share: number
  readonly p50_min: number | null
  /** Null when more than 1 % of the videos are never published. */
  readonly p99_min: number | null
  readonly worst_min: number | null
  /** Busy slot-time over the day's slot-time, and over the busiest hour's. */
  readonly utilisation: number
  readonly busiest_hour_utilisation: number
  readonly monthly_cost_usd: number
  readonly meets_sla: boolean
  /** More instances than the design's own Little's-law sizing, for the same promise. */
  readonly over_provisioned: boolean
}

export interface VideoPipelineDay {
  readonly source: 'reference' | 'mine'
  readonly seed: number
  /** What the day ran with where the design is silent, unreadable or odd. */
  readonly assumed: readonly string[]
  readonly scenario: {
    readonly uploads_per_day: number
    readonly busiest_hour_factor: number
    readonly processing_time_min: number
    readonly sla_min: number
    readonly slots_per_instance: number
    readonly budget_usd_per_month: number
  }
  readonly design: {
    readonly peak_factor: number
    readonly headroom: number
    /** Footage per segment, or null when each video runs as one job. */
    readonly segment_s: number | null
    readonly outliers: {readonly from_gb: number; readonly share_of_slots: number} | null
    readonly max_retries: number
    readonly lease_s: number
  }
  readonly model: {
    readonly failure_rate: number
    readonly split: string
    readonly merge: string
    readonly mean_work_min: number
  }
  /** Why the day could not be simulated, when a figure is absurd (then every fleet's counts are 0). */
  readonly declined: string | null
  /** The design's own sizing by Little's law with W = the processing time: the fleet the work needs. */
  readonly littles_law: {readonly instances: number; readonly monthly_cost_usd: number}
  /** The design's fleet (or --instances), then the design sized with the SLA as W, then for a flat day. */
  readonly fleets: readonly FleetRun[]
  /** The first fleet's day, per step: uploads per hour, mean busy slots, most tasks queued, p99 publish time of the step's uploads. */
  readonly day: {
    readonly step_min: number
    readonly hours: readonly number[]
    readonly uploads_per_hour: readonly number[]
    readonly busy_slots: readonly number[]
    readonly queued_tasks: readonly number[]
    readonly p99_publish_min: ReadonlyArray<number | null>
  }
  /** The first fleet's publish times, counted in buckets of minutes (`to` null: no upper end). */
  readonly publish_times: ReadonlyArray<{readonly from_min: number; readonly to_min: number | null; readonly count: number}>
}

const round = (value: number, digits = 3) => Number(value.toPrecision(digits))
const minutes = (seconds: number) => (Number.isFinite(seconds) ? round(seconds / 60) : null)

export function fleetRun(sizing: FleetRun['sizing'], instances: number, outcome: DayOutcome, day: DesignDay, cost: number, littlesLawInstances: number): FleetRun {
  const meets = outcome.p99 <= day.plan.sla
  return {
    sizing,
    instances,
    slots: instances * day.slotsPerInstance,
    videos: outcome.videos,
    published: outcome.published,
    within_sla: outcome.withinSla,
    within_sla_share: round(outcome.withinSla / Math.max(1, outcome.videos), 4),
    p50_min: minutes(outcome.p50),
    p99_min: minutes(outcome.p99),
    worst_min: minutes(outcome.publishTimes[outcome.videos - 1] ?? 0),
    utilisation: round(outcome.utilisation),
    busiest_hour_utilisation: round(outcome.busiestHourUtilisation),
    monthly_cost_usd: Math.round(cost * 100) / 100,
    meets_sla: meets,
    over_provisioned: meets && instances > littlesLawInstances,
  }
}

/**
 * Where the buckets of publish times end, as shares of the SLA: narrow where most videos land (a
 * few minutes), wider towards the SLA, then up to 1.5, 2 and 4 times it, and one bucket beyond.
 */
const BUCKET_EDGES = [0, 1 / 15, 1 / 10, 2 / 15, 1 / 6, 1 / 5, 4 / 15, 1 / 3, 1 / 2, 2 / 3, 5 / 6, 1, 1.5, 2, 4]

/** Publish times counted into buckets of minutes, each holding its upper edge. */
export function publishBuckets(outcome: DayOutcome, slaMin: number): VideoPipelineDay['publish_times'] {
  const edges = BUCKET_EDGES.map((share) => share * slaMin)
  const counts = new Array<number>(edges.length).fill(0)
  for (const seconds of outcome.publishTimes) {
    const m = seconds / 60
    let i = edges.length - 1
    while (i > 0 && m <= edges[i]!) i--
    counts[i]!++
  }
  return edges.map((from, i) => ({from_min: round(from), to_min: i + 1 < edges.length ? round(edges[i + 1]!) : null, count: counts[i]!}))
}

export function daySeries(outcome: DayOutcome): VideoPipelineDay['day'] {
  const perHour = 3600 / MODEL.step
  return {
    step_min: MODEL.step / 60,
    hours: Array.from({length: Math.ceil(DAY / MODEL.step)}, (_, i) => (i * MODEL.step) / 3600),
    uploads_per_hour: outcome.series.uploads.map((n) => n * perHour),
    busy_slots: outcome.series.busySlots.map((b) => round(b)),
    queued_tasks: outcome.series.queuedTasks,
    p99_publish_min: outcome.series.p99Publish.map(minutes),
  }
}
