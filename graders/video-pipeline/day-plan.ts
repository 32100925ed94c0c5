/**
 * What a design puts into the simulated day: the scenario's load (the learner's variant, or a
 * figure the design departs from with a reason, as the other checks read it) and the design's own
 * choices: its instance count, whether and how it cuts videos into segments, its outliers' lane
 * and its retry policy. A design may be half-written when a learner runs the lab on it; whatever
 * cannot be read falls back to a stated default, and `assumed` says so in words.
 *
 * Shared by the lab and the grader: it reads the raw document and takes the quantity reader as an
 * argument, so it needs nothing of the kit but its types.
 */
import type {QuantityKindName} from 'course/kit/lab'
import type {DayPlan, RetryPolicy} from './simulate-day.js'

export type ReadQuantity = (value: unknown, kind: QuantityKindName) => number | undefined

/** The scenario figures the day reads, with their kinds (to read a departure from one). */
const FIGURES = {
  uploads: 'rate',
  peak_factor: 'ratio',
  processing_time: 'duration',
  slot_vcpus: 'cores',
  mean_footage: 'duration',
  source_bitrate: 'data-rate',
  smallest_file: 'data',
  common_file: 'data',
  largest_file: 'data',
  sla: 'duration',
  budget: 'money-rate',
  instance_vcpus: 'cores',
  price: 'money-rate',
  hours_per_month: 'hours-per-month',
} as const satisfies Record<string, QuantityKindName>

export type FigureId = keyof typeof FIGURES
export const FIGURE_IDS = Object.keys(FIGURES) as FigureId[]

/** The reference's policy, used where a design states none that can be read. */
const DEFAULT_RETRY: RetryPolicy = {maxRetries: 3, base: 30, factor: 2, max: 300, jitter: 0.2, detection: 60}
const DEFAULT_SEGMENT = 60
/** Segments shorter than this are simulated at this length (the grader's own lower bound), which keeps a day's tasks countable. */
const SHORTEST_SEGMENT = 10
const DEFAULT_HEADROOM = 1.2
const TRANSCODES = ['transcode_1080p', 'transcode_720p', 'transcode_480p']

export interface DesignDay {
  readonly plan: DayPlan
  readonly instances: number
  readonly slotsPerInstance: number
  /** The figures the day was built from, in canonical units (departures applied). */
  readonly figures: Readonly<Record<FigureId, number>>
  /** The design's sizing choices, to size the same design another way. */
  readonly peakFactor: number
  readonly headroom: number
  readonly pricePerHour: number
  /** What the day was run with where the design is silent, unreadable or odd, one short phrase each ("headroom 1.2"). */
  readonly assumed: readonly string[]
}

type Node = Record<string, unknown>

const at = (document: unknown, path: string): unknown =>
  path.split('/').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Node)[key] : undefined), document)

const plainNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

/** The scenario's figures with the design's declared departures (a reason given, a value of the right kind) applied. */
function figuresOf(document: unknown, scenario: Readonly<Record<string, number>>, quantity: ReadQuantity): Record<FigureId, number> {
  const out = {} as Record<FigureId, number>
  for (const id of FIGURE_IDS) {
    const value = scenario[id]
    if (value === undefined) throw new Error(`the scenario has no figure \`${id}\``)
    out[id] = value
  }
  const departures = at(document, 'departures')
  if (Array.isArray(departures)) {
    for (const entry of departures) {
      const {figure, value, reason} = (entry ?? {}) as Node
      if (typeof figure !== 'string' || !(figure in FIGURES) || typeof reason !== 'string' || reason.trim() === '') continue
      const own = quantity(value, FIGURES[figure as FigureId])
      if (own !== undefined) out[figure as FigureId] = own
    }
  }
  return out
}

/** Reads one choice of the design, or takes the default and says so. */
function chosen<T>(read: T | undefined, fallback: T, assumed: string[], what: string): T {
  if (read !== undefined) return read
  assumed.push(what)
  return fallback
}

/** Footage per segment, or undefined when the design runs each video as one job. */
function segmentOf(document: unknown, quantity: ReadQuantity, assumed: string[]): number | undefined {
  const enabled = at(document, 'distribution/chunking/enabled')
  if (enabled !== true) {
    if (enabled !== false) assumed.push('each video as one job (chunking not enabled)')
    return undefined
  }
  const stages = at(document, 'job_graph/stages')
  const serial = Array.isArray(stages) ? stages.find((s) => TRANSCODES.includes(String((s as Node | null)?.id)) && (s as Node).fan_out !== 'per_segment') : undefined
  if (serial) {
    assumed.push(`each video as one job (\`${String((serial as Node).id)}\` runs once per video)`)
    return undefined
  }
  const length = chosen(quantity(at(document, 'distribution/chunking/segment_length'), 'duration'), DEFAULT_SEGMENT, assumed, `segments of ${DEFAULT_SEGMENT} s`)
  if (length < SHORTEST_SEGMENT) {
    assumed.push(`segments of ${length} s taken as ${SHORTEST_SEGMENT} s`)
    return SHORTEST_SEGMENT
  }
  return length
}

/** The outliers' lane and its share of the slots under contention, when the design names a declared lane and a threshold. */
function outliersOf(document: unknown, quantity: ReadQuantity): DayPlan['outliers'] {
  const lanes = at(document, 'distribution/priority_lanes')
  if (!Array.isArray(lanes)) return undefined
  const weights = new Map<string, number>()
  for (const lane of lanes) {
    const {name, weight} = (lane ?? {}) as Node
    if (typeof name === 'string' && typeof weight === 'number' && weight > 0 && !weights.has(name)) weights.set(name, weight)
  }
  const own = weights.get(String(at(document, 'distribution/outliers/lane')))
  const threshold = quantity(at(document, 'distribution/outliers/threshold'), 'data')
  const total = [...weights.values()].reduce((a, b) => a + b, 0)
  if (own === undefined || threshold === undefined || weights.size < 2) return undefined
  return {threshold, share: own / total}
}

function retryOf(document: unknown, quantity: ReadQuantity, assumed: string[]): RetryPolicy {
  const f = (path: string) => at(document, `failure_handling/${path}`)
  const retries = plainNumber(f('max_retries'))
  const detection = quantity(f('worker_death/lease_timeout'), 'duration') ?? quantity(f('task_timeout'), 'duration')
  return {
    maxRetries: Math.max(0, Math.floor(chosen(retries, DEFAULT_RETRY.maxRetries, assumed, `${DEFAULT_RETRY.maxRetries} retries`))),
    base: Math.max(0, chosen(quantity(f('backoff/base'), 'duration'), DEFAULT_RETRY.base, assumed, `backoff from ${DEFAULT_RETRY.base} s`)),
    factor: Math.max(0, chosen(plainNumber(f('backoff/factor')), DEFAULT_RETRY.factor, assumed, `backoff factor ${DEFAULT_RETRY.factor}`)),
    max: Math.max(0, chosen(quantity(f('backoff/max'), 'duration'), DEFAULT_RETRY.max, assumed, `backoff cap ${DEFAULT_RETRY.max} s`)),
    jitter: Math.min(1, Math.max(0, quantity(f('backoff/jitter'), 'ratio') ?? 0)),
    detection: Math.max(0, chosen(detection, DEFAULT_RETRY.detection, assumed, `a dead worker noticed after ${DEFAULT_RETRY.detection} s`)),
  }
}

/**
 * Whole instances for the design's fleet sized by Little's law at `peakFactor` times the average
 * rate, with `time` (seconds) as the time a video holds its slot and the design's headroom.
 */
export function instancesFor(day: Pick<DesignDay, 'figures' | 'headroom'>, peakFactor: number, time: number): number {
  const f = day.figures
  const jobs = f.uploads * peakFactor * time
  return Math.max(0, Math.ceil((jobs * f.slot_vcpus * day.headroom) / f.instance_vcpus - 1e-9))
}

/** The plan of the same day on a fleet of `instances`. */
export function withInstances(day: DesignDay, instances: number): DayPlan {
  return {...day.plan, slots: Math.max(0, Math.floor(instances)) * day.slotsPerInstance}
}

/** USD a month for `instances` running all month. */
export function monthlyCost(day: DesignDay, instances: number): number {
  return instances * day.pricePerHour * day.figures.hours_per_month
}

/** The simulated day of a design: the scenario's load on the design's fleet, segments, lanes and retries. */
/**
 * The day a design would have. `departures: 'honour'` (the lab) runs it under the figures the
 * design declares it departs from, so a learner can try their own assumptions; `'ignore'` (the
 * graded case) runs it under the scenario's, as every answer is judged: a declared departure must
 * not shrink the load the fleet is graded against.
 */
export function designDay(document: unknown, scenario: Readonly<Record<string, number>>, quantity: ReadQuantity, departures: 'honour' | 'ignore' = 'honour'): DesignDay {
  const assumed: string[] = []
  const f = departures === 'honour' ? figuresOf(document, scenario, quantity) : figuresOf(undefined, scenario, quantity)
  const slotsPerInstance = Math.max(0, Math.floor(f.instance_vcpus / f.slot_vcpus + 1e-9))
  const oneUsdPerHour = quantity('1 USD/hour', 'money-rate') ?? Number.NaN
  const peakFactor = chosen(plainNumber(at(document, 'assumptions/peak_factor')), f.peak_factor, assumed, `peak factor ${f.peak_factor} (the scenario's)`)
  const headroom = chosen(plainNumber(at(document, 'assumptions/headroom')), DEFAULT_HEADROOM, assumed, `headroom ${DEFAULT_HEADROOM}`)
  const sizing = {figures: f, headroom}
  const stated = quantity(at(document, 'capacity/instances'), 'count')
  let instances = stated ?? instancesFor(sizing, peakFactor, f.processing_time)
  if (stated === undefined) assumed.push(`${instances} instances (Little's law with the peak factor and headroom)`)
  else if (!Number.isInteger(stated)) {
    instances = Math.max(0, Math.floor(stated))
    assumed.push(`${stated} instances taken as ${instances}`)
  }
  const plan: DayPlan = {
    uploadsPerDay: f.uploads * 86_400,
    peakFactor: f.peak_factor,
    processingTime: f.processing_time,
    meanFootage: f.mean_footage,
    bitrate: f.source_bitrate,
    smallestFile: f.smallest_file,
    commonFile: f.common_file,
    largestFile: f.largest_file,
    sla: f.sla,
    slots: Math.max(0, instances) * slotsPerInstance,
    segment: segmentOf(document, quantity, assumed),
    outliers: outliersOf(document, quantity),
    retry: retryOf(document, quantity, assumed),
  }
  return {plan, instances: Math.max(0, instances), slotsPerInstance, figures: f, peakFactor, headroom, pricePerHour: f.price / oneUsdPerHour, assumed}
}
