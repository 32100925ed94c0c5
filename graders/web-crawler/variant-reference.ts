/**
 * The reference design solved for a learner's variant of the scenario: every field that follows
 * from a scenario figure is recomputed the way solution.md works it out (target utilisation 0.6,
 * whole machines, a pool that survives the loss of one machine), and the policy fields stay as
 * they are. The design test grades it for many learner ids and expects full marks.
 */

/** Anything that gives a scenario figure in its kind's canonical unit (s, 1/s, bytes, a plain ratio). */
export interface ScenarioLike {
  figure(id: string): number
}

const DAY_S = 86_400
const TARGET_UTILISATION = 0.6
/** The reference adds a machine while losing one would leave the rest busier than this. */
const MAX_UTILISATION_ONE_MACHINE_LOST = 0.9

/** A number for a quantity string: six significant digits, no float noise. */
function n(value: number, digits = 6): string {
  return String(Number(value.toPrecision(digits)))
}

type Fields = Record<string, unknown>

export function referenceFor(scenario: ScenarioLike, reference: unknown): unknown {
  const design = structuredClone(reference) as Record<string, Fields>
  const f = (id: string) => scenario.figure(id)

  const rate = f('pages_per_day') // pages per second
  const latency = f('fetch_latency')
  const delay = f('default_delay')
  const perMachine = f('slots_per_machine')

  const politeness = design.politeness!
  politeness.default_delay = `${n(delay)} s`
  politeness.max_connections_per_host = Math.max(1, Math.floor(f('connections_per_host')))

  // The seen-URL filter, for the scenario's n and p.
  const items = f('seen_urls')
  const p = f('false_positive_rate')
  const bits = (-items * Math.log(p)) / (Math.LN2 * Math.LN2)
  const dedup = design.deduplication!
  const bloom = dedup.bloom_filter as Fields
  bloom.items = `${n(items)} urls`
  bloom.false_positive_rate = `${n(p * 100)} %`
  bloom.bits = `${Math.round(bits)} bits`
  bloom.hash_functions = Math.max(1, Math.round((bits / items) * Math.LN2))
  bloom.memory = `${n(bits / 8 / 2 ** 20, 5)} MiB`
  ;(dedup.exact_store as Fields).memory = `${n((items * 8) / 1e9)} GB`

  // The frontier's cap: the reference's 50,000, unless the host could not drain it in 30 days.
  design.frontier!.max_per_host = `${Math.floor(Math.min(50_000, (30 * DAY_S) / delay))} urls`

  // The fetch pool: target utilisation, whole machines, and one machine may be lost.
  const busy = rate * latency
  let workers = Math.ceil(busy / TARGET_UTILISATION / perMachine) * perMachine
  while (workers - perMachine <= 0 || busy / (workers - perMachine) >= MAX_UTILISATION_ONE_MACHINE_LOST) workers += perMachine
  const throughput = design.throughput!
  throughput.pages_per_day = `${n(rate * DAY_S)} pages/day`
  throughput.pages_per_second = `${n(rate)} pages/s`
  throughput.fetch_latency = `${n(latency)} s`
  throughput.in_flight_fetches = `${n(busy)} fetches`
  throughput.per_worker_rate = `${n(1 / latency)} pages/s`
  throughput.workers = `${workers} workers`
  throughput.utilisation = Number((busy / workers).toFixed(4))
  throughput.hosts_in_rotation = `${n(rate * delay)} hosts`

  // The browser pool: Little's law, then slots for the target utilisation.
  const share = f('js_share')
  const renderTime = f('render_time')
  const renders = share * rate
  const concurrent = renders * renderTime
  const slots = Math.max(1, Math.ceil(concurrent / TARGET_UTILISATION))
  const rendering = design.rendering!
  rendering.share_needing_js = `${n(share * 100)} %`
  rendering.render_time = `${n(renderTime)} s`
  rendering.renders_per_second = `${n(renders)} pages/s`
  rendering.concurrent_renders = `${n(concurrent)} renders`
  rendering.slots = `${slots} slots`
  rendering.utilisation = Number((concurrent / slots).toFixed(4))

  // Storage: pages a day × HTML, compressed, kept for the reference's retention.
  const storage = design.storage!
  const html = f('html_size')
  const ratio = f('compression_ratio')
  const rawPerDay = rate * DAY_S * html // bytes a day
  const retentionDays = 90
  storage.html_per_page = `${n(html / 1000)} kB`
  storage.raw_per_day = `${n(rawPerDay / 1e9)} GB/day`
  storage.compression_ratio = ratio
  storage.stored_per_day = `${n(rawPerDay / ratio / 1e9)} GB/day`
  storage.retention = `${retentionDays} days`
  storage.stored_total = `${n((rawPerDay / ratio / 1e9) * retentionDays)} GB`
  return design
}
