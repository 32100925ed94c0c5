/**
 * What a crawler design puts into the simulated day: the scenario's target, fetch latency, host
 * delay and JavaScript share (the learner's variant, or a declared departure, as the checks read
 * them), and the design's own choices: its fetch workers, its browser slots and its retry schedule
 * per failure class. Whatever cannot be read falls back to a stated default, listed in `assumed`.
 * It reads the raw document and takes the quantity reader as an argument, so the lab can use it.
 */
import type {QuantityKindName} from 'course/kit/lab'
import {CRAWL_MODEL, type CrawlPlan, type FailureClass} from './simulate-crawl.js'

export type ReadQuantity = (value: unknown, kind: QuantityKindName) => number | undefined

const FIGURES = {
  pages_per_day: 'rate',
  fetch_latency: 'duration',
  default_delay: 'duration',
  js_share: 'ratio',
  render_time: 'duration',
  slots_per_machine: 'count',
} as const satisfies Record<string, QuantityKindName>

export type FigureId = keyof typeof FIGURES

/** The utilisation the reference sizes its pools for, used to size a pool the design does not state. */
const TARGET_UTILISATION = 0.6

/**
 * The crawl as the simulation runs it. URLs are partitioned by host over the machines, each taking
 * hosts and pages in proportion to its workers, so each machine is a crawler of its own for its
 * share; `plan` is one full machine's share (the whole pool when it fits on one machine), and
 * `scale` turns its counts into the whole crawl's. When a machine is lost, its share moves to the
 * others, as a hash ring moves it.
 */
export interface DesignCrawl {
  readonly plan: CrawlPlan
  readonly scale: number
  /** The scale at a moment of the day: while a machine is lost, the share runs on one machine fewer. */
  readonly scaleAt: (time: number) => number
  /** The design's fetch workers and the machines that hold them. */
  readonly workers: number
  readonly machines: number
  /** Hosts in the whole crawl's frontier, as simulated (each machine's share is whole hosts). */
  readonly hosts: number
  readonly figures: Readonly<Record<FigureId, number>>
  readonly assumed: readonly string[]
}

type Node = Record<string, unknown>

const at = (document: unknown, path: string): unknown =>
  path.split('/').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Node)[key] : undefined), document)

function figuresOf(document: unknown, scenario: Readonly<Record<string, number>>, quantity: ReadQuantity): Record<FigureId, number> {
  const out = {} as Record<FigureId, number>
  for (const id of Object.keys(FIGURES) as FigureId[]) {
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

/** The design's retry delays for one failure class: none when it is not retried or has no entry. */
function scheduleOf(document: unknown, name: FailureClass, quantity: ReadQuantity, assumed: string[]): number[] {
  const entries = at(document, 'retries')
  const entry = Array.isArray(entries) ? (entries.find((e) => (e as Node | null)?.class === name) as Node | undefined) : undefined
  if (!entry) {
    assumed.push(`no retry of ${name}`)
    return []
  }
  if (entry.retry !== true || !Array.isArray(entry.schedule)) return []
  const delays = entry.schedule.map((d) => quantity(d, 'duration')).filter((d): d is number => d !== undefined && d >= 0)
  if (delays.length < entry.schedule.length) assumed.push(`${name}: only the readable delays of its schedule`)
  return delays
}

/** Whole workers or slots for `busy` of them at the target utilisation. */
const poolFor = (busy: number, unit = 1) => Math.max(unit, Math.ceil(busy / TARGET_UTILISATION / unit - 1e-9) * unit)

export interface CrawlOptions {
  /** Hosts with pages in the day's frontier. */
  readonly hosts: number
  /** One machine lost from `start` for `duration` seconds. */
  readonly outage?: {readonly start: number; readonly duration: number}
  /** Run the crawl with this many fetch workers instead of the design's. */
  readonly workers?: number
}

export function designCrawl(document: unknown, scenario: Readonly<Record<string, number>>, quantity: ReadQuantity, options: CrawlOptions): DesignCrawl {
  const assumed: string[] = []
  const f = figuresOf(document, scenario, quantity)
  const perMachine = Math.max(1, Math.floor(f.slots_per_machine))
  const stated = quantity(at(document, 'throughput/workers'), 'count')
  let workers = stated !== undefined ? Math.max(0, Math.floor(stated)) : poolFor(f.pages_per_day * f.fetch_latency, perMachine)
  if (stated === undefined && options.workers === undefined) assumed.push(`${workers} workers (whole machines at utilisation ${TARGET_UTILISATION})`)
  if (options.workers !== undefined) workers = Math.max(0, Math.floor(options.workers))
  const renderBusy = f.js_share * f.pages_per_day * f.render_time
  const statedSlots = quantity(at(document, 'rendering/slots'), 'count')
  const renderSlots = statedSlots !== undefined ? Math.max(0, Math.floor(statedSlots)) : poolFor(renderBusy)
  if (statedSlots === undefined) assumed.push(`${renderSlots} browser slots (utilisation ${TARGET_UTILISATION})`)
  const retries = Object.fromEntries((Object.keys(CRAWL_MODEL.failures) as FailureClass[]).map((name) => [name, scheduleOf(document, name, quantity, assumed)])) as Record<FailureClass, number[]>

  // One full machine's share, or the whole pool when it fits on one machine; each share is whole hosts.
  const machines = Math.ceil(workers / perMachine)
  const sliced = workers > perMachine
  const share = sliced ? perMachine / workers : 1
  const hosts = Math.max(1, Math.round(options.hosts * share))
  const outage = options.outage
  const lost = (time: number) => outage !== undefined && time >= outage.start && time < outage.start + outage.duration
  return {
    figures: f,
    assumed,
    scale: 1 / share,
    scaleAt: (time) => (sliced && lost(time) ? (workers - perMachine) / perMachine : 1 / share),
    workers,
    machines,
    hosts: Math.round(hosts / share),
    plan: {
      pagesPerSecond: f.pages_per_day * share,
      fetchLatency: f.fetch_latency,
      hostDelay: f.default_delay,
      hosts,
      workers: sliced ? perMachine : workers,
      // A lost machine's hosts move to the others, or, with one machine, the crawl stops until it is back.
      ...(outage ? {disturbance: {...outage, loadFactor: sliced ? workers / (workers - perMachine) : 1, workersLost: sliced ? 0 : workers}} : {}),
      retries,
      jsShare: f.js_share,
      renderTime: f.render_time,
      renderSlots: Math.max(renderSlots > 0 ? 1 : 0, Math.round(renderSlots * share)),
    },
  }
}
