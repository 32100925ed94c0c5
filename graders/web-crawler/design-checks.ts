/**
 * The web crawler's design document. The policy checks judge politeness, robots.txt, 429 backoff,
 * deduplication, the frontier, the partitioning over workers and the retries per failure class,
 * each parameter against its range and against the fields and scenario figures it depends on; the
 * sizing checks recompute the Bloom filter, the throughput, the rendering pool and the storage
 * from the scenario (the learner's variant when grading with variants). A design restates the
 * scenario's figures and must restate them right, unless it lists a figure under `departures`.
 */
import {designCheck, figure, parseQuantity, percent, show, type DesignReader, type DocumentCheck} from 'course/kit'

/** Relative tolerance of the sizing arithmetic (throughput, rendering, storage). */
const SIZING_TOLERANCE = 0.02
/** Relative tolerance of the Bloom filter's bits, hash functions and memory. */
const BLOOM_TOLERANCE = 0.05
const DAY_S = 86_400
const HOUR_S = 3_600
/** The utilisation band of a pool: above it every disturbance becomes backlog, below it most of the pool idles. */
const MAX_UTILISATION = 0.8
const MIN_UTILISATION = 0.25
/** A seen-URL filter may be sized for up to this many times the scenario's URLs (headroom), and its rate down to 1 / this. */
const BLOOM_ITEMS_HEADROOM = 2
const BLOOM_RATE_MARGIN = 10
/** Bytes per URL in the exact store: a 64-bit hash at least, about ten times a URL's own text at most. */
const MIN_EXACT_BYTES_PER_URL = 8
const MAX_EXACT_BYTES_PER_URL = 1000
/** Unrelated pages whose fingerprints fall within the threshold, expected per new page, at most. */
const MAX_FALSE_NEAR_MATCHES = 0.01
/** A ring's share of hosts per worker varies by about 1 / sqrt(virtual nodes); at most this much. */
const MAX_RING_SPREAD = 0.2
/** The first retry of a failed fetch waits at least this long (Heritrix, for one, waits 15 minutes). */
const MIN_RETRY_S = 60
/** A host's waiting URLs should be fetchable within this many days at the default delay. */
const MAX_QUEUE_DAYS = 30
/** Memory of one headless-browser slot: a bare tab needs about 100 MB; more than 4 GB is a whole machine. */
const MIN_SLOT_MEMORY = 100e6
const MAX_SLOT_MEMORY = 4e9
/** Slack for comparing with the scenario's limits, so a value written in other units still meets them. */
const EPSILON = 1e-9
/** Bytes per second in one GB a day, for storage figures people can read. */
const GB_PER_DAY = 1e9 / DAY_S
const MIB = 2 ** 20

/** The kind of each scenario figure, to read a departure's value. */
const FIGURE_KINDS = {
  pages_per_day: 'rate',
  fetch_latency: 'duration',
  connections_per_host: 'count',
  default_delay: 'duration',
  seen_urls: 'count',
  false_positive_rate: 'ratio',
  js_share: 'ratio',
  render_time: 'duration',
  html_size: 'data',
  compression_ratio: 'ratio',
  slots_per_machine: 'count',
} as const
type FigureId = keyof typeof FIGURE_KINDS

/** A field as the learner wrote it, for messages: `5 s`. */
function written(design: DesignReader, pointer: string): string {
  const value = design.value(pointer)
  return `\`${typeof value === 'string' ? value : show(value)}\``
}

/** The design's declared departure from a scenario figure (with a reason and a readable value), if any. */
function departure(design: DesignReader, id: FigureId): {value: number; text: string} | undefined {
  const departures = design.value('/departures')
  if (!Array.isArray(departures)) return undefined
  for (const entry of departures) {
    const {figure: name, value, reason} = (entry ?? {}) as Record<string, unknown>
    if (name !== id || typeof reason !== 'string' || reason.trim() === '') continue
    const parsed = parseQuantity(value, FIGURE_KINDS[id])
    if (parsed.ok) return {value: parsed.quantity.value, text: parsed.quantity.text}
  }
  return undefined
}

/**
 * The figure to compute with where another case already judged its restatement: the design's
 * declared departure if it lists one, else the scenario's figure. Silent, so that one wrong
 * restatement costs the case that reads it first, not every case that computes with it.
 */
function used(design: DesignReader, id: FigureId): number {
  return departure(design, id)?.value ?? design.figure(id)
}

/** The figure computed with, as written, for messages: `5 s` (or the departure's value). */
function scenarioText(design: DesignReader, id: FigureId): string {
  return `\`${departure(design, id)?.text ?? design.figureText(id)}\``
}

// ------------------------------------------------------------------ politeness

const politenessPerHost = designCheck((design) => {
  const unit = design.value('/politeness/unit')
  if (unit !== 'host' && unit !== 'registered_domain') {
    design.flaw('/politeness/unit', `${written(design, '/politeness/unit')}: one IP address can serve thousands of unrelated sites and one site many addresses; robots.txt and a site's capacity belong to the host (or its registered domain)`)
  }
  design.restated('/politeness/default_delay', 'default_delay')
  const connections = design.number('/politeness/max_connections_per_host')
  const allowed = used(design, 'connections_per_host')
  if (connections > allowed + EPSILON) {
    design.flaw('/politeness/max_connections_per_host', `${figure(connections)} connections: the scenario allows at most ${scenarioText(design, 'connections_per_host')} in flight per host`)
  }
})

const robotsPolicy = designCheck((design) => {
  if (design.value('/politeness/robots/respect') !== true) design.flaw('/politeness/robots/respect', 'robots.txt must be obeyed')
  const ttl = design.quantity('/politeness/robots/cache_ttl', 'duration').value
  if (ttl < HOUR_S * (1 - EPSILON)) {
    design.flaw('/politeness/robots/cache_ttl', `${written(design, '/politeness/robots/cache_ttl')} is shorter than an hour: robots.txt changes rarely, and fetching it again every few minutes adds requests the host never needed (cache it for hours, at most 24)`)
  } else if (ttl > DAY_S * (1 + EPSILON)) {
    design.flaw('/politeness/robots/cache_ttl', `${written(design, '/politeness/robots/cache_ttl')} is longer than 24 hours: a cached robots.txt should not be used once it is a day old, or a site's new rules go unseen`)
  }
  if (design.value('/politeness/robots/on_5xx') !== 'disallow_all') {
    design.flaw('/politeness/robots/on_5xx', `${written(design, '/politeness/robots/on_5xx')}: a server error on robots.txt means the site cannot say what it allows, so nothing may be fetched until it can (disallow_all)`)
  }
  if (design.value('/politeness/robots/on_unreachable') !== 'disallow_all') {
    design.flaw('/politeness/robots/on_unreachable', `${written(design, '/politeness/robots/on_unreachable')}: a robots.txt that cannot be fetched at all says nothing about what is allowed, so it is treated like a server error (disallow_all), as RFC 9309 asks`)
  }
  if (design.value('/politeness/robots/on_4xx') !== 'allow_all') {
    design.flaw('/politeness/robots/on_4xx', `${written(design, '/politeness/robots/on_4xx')}: a 4xx on robots.txt means the site has no rules (RFC 9309: allow everything); most sites have no robots.txt, so disallowing them would leave most of the web uncrawled`)
  }
  if (design.value('/politeness/crawl_delay/honour') !== true) design.flaw('/politeness/crawl_delay/honour', "a site's Crawl-delay must be followed, up to a maximum you state")
  const max = design.quantity('/politeness/crawl_delay/max', 'duration').value
  const delay = used(design, 'default_delay')
  if (max < delay * (1 - EPSILON)) {
    design.flaw('/politeness/crawl_delay/max', `${written(design, '/politeness/crawl_delay/max')} is below the default delay ${scenarioText(design, 'default_delay')}: no Crawl-delay longer than the default would ever be followed`)
  }
  if (design.value('/politeness/crawl_delay/above_max') !== 'skip_host') {
    design.flaw('/politeness/crawl_delay/above_max', `${written(design, '/politeness/crawl_delay/above_max')}: a host that asks for more than your maximum would be fetched faster than it asked; leave such hosts out (skip_host)`)
  }
})

const backoffOn429 = designCheck((design) => {
  const factor = design.number('/politeness/on_429/delay_factor')
  const maxDelay = design.quantity('/politeness/on_429/max_delay', 'duration').value
  const defaultDelay = used(design, 'default_delay')
  if (factor <= 1) {
    design.flaw('/politeness/on_429/delay_factor', `${figure(factor)}: a 429 says the host is overloaded, so its delay must grow (a factor above 1, such as 2)`)
  } else if (maxDelay < defaultDelay * factor * factor * (1 - EPSILON)) {
    const where = maxDelay < defaultDelay * (1 - EPSILON) ? 'below the default delay' : 'reached before two full steps of backoff'
    design.flaw('/politeness/on_429/max_delay', `${written(design, '/politeness/on_429/max_delay')} is ${where}: from ${scenarioText(design, 'default_delay')} a factor of ${figure(factor)} gives ${figure(defaultDelay * factor)} s, then ${figure(defaultDelay * factor * factor)} s; a cap below that leaves no room to back off step by step (make the cap at least ${figure(defaultDelay * factor * factor)} s, or the factor smaller)`)
  }
  if (design.value('/politeness/on_429/honour_retry_after') !== true) {
    design.flaw('/politeness/on_429/honour_retry_after', "a Retry-After header is the server saying how long it needs; a polite crawler waits at least that long (true)")
  }
})

// ------------------------------------------------------------------ deduplication

/** The fingerprints of the content_hash enum that are exact digests: one changed byte changes all of them. */
const EXACT_HASHES = new Set(['sha256', 'sha1', 'md5', 'crc32', 'xxhash', 'murmurhash'])

const bloomFilter = designCheck((design) => {
  const base = '/deduplication/bloom_filter'
  const n = design.quantity(`${base}/items`, 'count').value
  const p = design.quantity(`${base}/false_positive_rate`, 'ratio').value
  const bytes = design.quantity(`${base}/bits`, 'data').value
  const k = design.number(`${base}/hash_functions`)
  const memory = design.quantity(`${base}/memory`, 'data').value
  const urls = used(design, 'seen_urls')
  const rate = used(design, 'false_positive_rate')
  if (n < urls * (1 - EPSILON)) {
    design.flaw(`${base}/items`, `${written(design, `${base}/items`)}: the filter must hold at least the scenario's ${scenarioText(design, 'seen_urls')}`)
  } else if (n > urls * BLOOM_ITEMS_HEADROOM * (1 + EPSILON)) {
    design.flaw(`${base}/items`, `${written(design, `${base}/items`)} is more than ${BLOOM_ITEMS_HEADROOM} times the scenario's ${scenarioText(design, 'seen_urls')}: size the filter for the URLs the crawl remembers (with some headroom), not for a crawl it will never run`)
  }
  const rateOk = p > 0 && p < 1
  if (!rateOk) design.flaw(`${base}/false_positive_rate`, `${written(design, `${base}/false_positive_rate`)}: a false positive rate lies strictly between 0 and 100 %`)
  else if (p > rate * (1 + EPSILON)) {
    design.flaw(`${base}/false_positive_rate`, `${written(design, `${base}/false_positive_rate`)}: the scenario allows at most ${scenarioText(design, 'false_positive_rate')} false positives`)
  } else if (p < (rate / BLOOM_RATE_MARGIN) * (1 - EPSILON)) {
    design.flaw(`${base}/false_positive_rate`, `${written(design, `${base}/false_positive_rate`)} is more than ${BLOOM_RATE_MARGIN} times stricter than the scenario's ${scenarioText(design, 'false_positive_rate')}: every tenfold cut in p costs about 4.8 more bits per URL; size for the rate the scenario asks`)
  }
  if (n > 0 && rateOk) {
    const m = (-n * Math.log(p)) / (Math.LN2 * Math.LN2)
    const bestK = (m / n) * Math.LN2
    design.agree({pointer: `${base}/bits`, stated: bytes * 8, computed: m, tolerance: BLOOM_TOLERANCE, unit: 'bits', working: `m = −n ln p / (ln 2)² = −${figure(n)} × ln ${figure(p)} / (ln 2)²`})
    // Either whole number next to the best k is right (k must be whole); anything else is judged against the best k.
    if (k !== Math.floor(bestK) && k !== Math.ceil(bestK)) {
      design.agree({pointer: `${base}/hash_functions`, stated: k, computed: bestK, tolerance: BLOOM_TOLERANCE, unit: 'hash functions', working: `k = (m / n) ln 2 = ${figure(m)} / ${figure(n)} × ln 2`})
    }
    // In MiB, as memory is usually stated; a common factor leaves the relative error unchanged.
    design.agree({pointer: `${base}/memory`, stated: memory / MIB, computed: bytes / MIB, tolerance: BLOOM_TOLERANCE, unit: 'MiB', working: `your ${figure(bytes * 8)} bits / 8 / 2²⁰`})
  }
  const exact = design.quantity('/deduplication/exact_store/memory', 'data').value
  const perUrl = exact / urls
  if (perUrl < MIN_EXACT_BYTES_PER_URL * (1 - SIZING_TOLERANCE)) {
    design.flaw('/deduplication/exact_store/memory', `${written(design, '/deduplication/exact_store/memory')} for ${scenarioText(design, 'seen_urls')} is ${figure(perUrl)} bytes per URL: fewer than 8 bytes (a 64-bit hash) cannot tell that many URLs apart (32-bit hashes of 10⁸ URLs collide about a million times)`)
  } else if (perUrl > MAX_EXACT_BYTES_PER_URL * (1 + SIZING_TOLERANCE)) {
    design.flaw('/deduplication/exact_store/memory', `${written(design, '/deduplication/exact_store/memory')} for ${scenarioText(design, 'seen_urls')} is ${figure(perUrl)} bytes per URL, more than ten times a URL's own text: say what the store holds and size it from that`)
  }
})

/** ln C(n, i), for the tail of a binomial. */
function logChoose(n: number, i: number): number {
  let sum = 0
  for (let j = 1; j <= i; j++) sum += Math.log(n - i + j) - Math.log(j)
  return sum
}

/** The chance that two unrelated b-bit fingerprints differ in at most d bits: Σ C(b, i) / 2^b, i ≤ d. */
function nearMatchChance(bits: number, distance: number): number {
  let total = 0
  for (let i = 0; i <= Math.min(distance, bits); i++) total += Math.exp(logChoose(bits, i) - bits * Math.LN2)
  return total
}

const normalisationAndNearDuplicates = designCheck((design) => {
  const rules = design.list('/deduplication/url_normalisation')
  const distinct = new Set(rules.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase()))
  distinct.delete('')
  if (distinct.size < 4) design.flaw('/deduplication/url_normalisation', `${distinct.size} distinct rule(s); list at least four (case, default ports, dot segments, fragments, escapes, tracking parameters…)`)
  const algorithm = design.value('/deduplication/content_hash/algorithm')
  if (typeof algorithm === 'string' && EXACT_HASHES.has(algorithm)) {
    design.flaw('/deduplication/content_hash/algorithm', `${written(design, '/deduplication/content_hash/algorithm')} is an exact hash: one changed byte changes the whole digest, so it cannot find near-duplicates (use simhash or minhash)`)
  }
  const bits = design.number('/deduplication/content_hash/bits')
  const distance = design.number('/deduplication/content_hash/near_duplicate_distance')
  if (distance < 1) {
    design.flaw('/deduplication/content_hash/near_duplicate_distance', `${figure(distance)}: a threshold of 0 differing bits only finds identical fingerprints, not near-duplicates`)
    return
  }
  const pages = used(design, 'seen_urls')
  const falseMatches = pages * nearMatchChance(bits, distance)
  if (falseMatches > MAX_FALSE_NEAR_MATCHES) {
    design.flaw('/deduplication/content_hash/near_duplicate_distance', `${figure(distance)} differing bits of ${figure(bits)}: two unrelated pages fall that close by chance with probability Σ C(${figure(bits)}, i) / 2^${figure(bits)} for i ≤ ${figure(distance)}, so each new page would match about ${figure(falseMatches)} unrelated pages among ${scenarioText(design, 'seen_urls')} (at most ${MAX_FALSE_NEAR_MATCHES} allowed); use a longer fingerprint or a smaller threshold`)
  }
})

// ------------------------------------------------------------------ frontier and distribution

const frontierPriorities = designCheck((design) => {
  const levels = design.list('/frontier/priority_levels')
  if (levels.length < 2) design.flaw('/frontier/priority_levels', `${levels.length} level(s): define at least two, so that valuable pages go before the rest`)
  const firstAt = new Map<unknown, number>()
  levels.forEach((entry, i) => {
    const level = (entry as {level?: unknown} | null)?.level
    const earlier = firstAt.get(level)
    if (earlier !== undefined) design.flaw(`/frontier/priority_levels/${i}/level`, `level ${show(level)} is used twice (also by entry ${earlier + 1}); each level needs its own number`)
    else firstAt.set(level, i)
  })
  if (design.value('/frontier/per_host_queues') !== true) {
    design.flaw('/frontier/per_host_queues', 'without one queue per host, a host with many waiting URLs blocks the rest while it waits out its delay')
  }
  if (design.text('/frontier/host_selection').trim() === '') design.flaw('/frontier/host_selection', 'say how the next host to serve is chosen')
  const cap = design.quantity('/frontier/max_per_host', 'count').value
  const delay = used(design, 'default_delay')
  const drainable = (MAX_QUEUE_DAYS * DAY_S) / delay
  if (cap < 1) design.flaw('/frontier/max_per_host', `${written(design, '/frontier/max_per_host')}: a host must be able to hold at least one waiting URL`)
  else if (cap > drainable * (1 + EPSILON)) {
    design.flaw('/frontier/max_per_host', `${written(design, '/frontier/max_per_host')}: at one request every ${scenarioText(design, 'default_delay')} a host is fetched at most ${figure(DAY_S / delay)} times a day, so this queue takes more than ${MAX_QUEUE_DAYS} days to drain (at most ${figure(drainable)} URLs); a trap host would fill it with URLs that go stale before their turn`)
  }
})

/** How coarse each politeness unit is: a partition key must keep a whole politeness unit on one worker. */
const COARSENESS: Record<string, number> = {url: 0, host: 1, registered_domain: 2}

const partitionByHost = designCheck((design) => {
  const key = design.value('/distribution/partition_key')
  if (key !== 'host' && key !== 'registered_domain') {
    design.flaw('/distribution/partition_key', `${written(design, '/distribution/partition_key')}: hashing full URLs spreads one host's pages over every worker, and each would need to know when the others last fetched from it; partition by host so its politeness state lives on one worker`)
  } else {
    const unit = design.value('/politeness/unit')
    if (typeof unit === 'string' && unit in COARSENESS && COARSENESS[key]! < COARSENESS[unit]!) {
      design.flaw('/distribution/partition_key', `${written(design, '/distribution/partition_key')} is finer than the politeness unit ${written(design, '/politeness/unit')}: the hosts of one registered domain would land on different workers, each keeping its own delay for the same domain; partition by the politeness unit (or a coarser key)`)
    }
  }
  const method = design.value('/distribution/method')
  if (!['consistent_hash', 'rendezvous_hash', 'modulo', 'directory'].includes(method as string)) {
    design.flaw('/distribution/method', `${written(design, '/distribution/method')}: name a method that maps many hosts to each worker`)
  }
  if (method === 'consistent_hash') {
    const nodes = design.value('/distribution/virtual_nodes')
    const needed = Math.ceil(1 / (MAX_RING_SPREAD * MAX_RING_SPREAD))
    if (typeof nodes !== 'number') {
      design.missing('/distribution/virtual_nodes', `a consistent-hash ring needs virtual nodes per worker; with one point each, the shares of hosts per worker vary by about 100 %`)
    } else if (nodes < needed) {
      design.flaw('/distribution/virtual_nodes', `${figure(nodes)} per worker: the share of hosts per worker varies by about 1/√${figure(nodes)} = ${percent(1 / Math.sqrt(nodes))}; at least ${needed} virtual nodes keep it within ${percent(MAX_RING_SPREAD)}`)
    }
  }
})

// ------------------------------------------------------------------ retries

/** The failure classes that must not be retried, and why. */
const NOT_RETRIED: Record<string, string> = {
  http_404: 'a page that is not found now will not be found a minute later; a retry spends the host’s politeness budget for nothing',
  http_4xx: '401, 403, 410 and 400 do not change on a retry (408 belongs with timeouts, and 429 has its own entry)',
  parse_error: 'fetching the same bytes again would fail the same way; keep the body and re-parse it instead',
}
const REQUIRED_CLASSES = ['timeout', 'http_404', 'http_4xx', 'http_5xx', 'http_429', 'parse_error']

const retryPolicy = designCheck((design) => {
  const list = design.list('/retries')
  const firstAt = new Map<string, number>()
  list.forEach((entry, i) => {
    const name = (entry as {class?: unknown} | null)?.class
    if (typeof name !== 'string') return
    const earlier = firstAt.get(name)
    if (earlier === undefined) firstAt.set(name, i)
    else if (REQUIRED_CLASSES.includes(name)) design.flaw(`/retries/${i}/class`, `a second entry for \`${name}\` (the first is entry ${earlier + 1}); give each class one policy`)
  })
  const missing = REQUIRED_CLASSES.filter((c) => !firstAt.has(c))
  if (missing.length > 0) design.flaw('/retries', `no entry for ${missing.map((c) => `\`${c}\``).join(', ')}`)
  for (const name of REQUIRED_CLASSES) {
    const i = firstAt.get(name)
    if (i !== undefined) judgeRetries(design, name, `/retries/${i}`)
  }
  // A class of your own (dns_error…) may be retried or not, but its entry must agree with itself.
  list.forEach((entry, i) => {
    const name = (entry as {class?: unknown} | null)?.class
    if (typeof name !== 'string' || REQUIRED_CLASSES.includes(name)) return
    const at = `/retries/${i}`
    const retry = design.value(`${at}/retry`)
    const schedule = design.list(`${at}/schedule`)
    if (retry === false && schedule.length > 0) design.flaw(`${at}/schedule`, `\`${name}\` is not retried, so it has no schedule`)
    else if (retry === true && schedule.length === 0) design.flaw(`${at}/schedule`, `\`${name}\` is retried, so give the delay before each retry`)
    else if (retry === true) judgeSchedule(design, name, at, schedule)
  })
})

/** One failure class's entry: retried or not as its class demands, with delays that grow from at least the host's delay. */
function judgeRetries(design: DesignReader, name: string, at: string): void {
  const retry = design.value(`${at}/retry`)
  const schedule = design.list(`${at}/schedule`)
  if (name in NOT_RETRIED) {
    if (retry !== false) design.flaw(`${at}/retry`, `\`${name}\` must not be retried: ${NOT_RETRIED[name]}`)
    else if (schedule.length > 0) design.flaw(`${at}/schedule`, `\`${name}\` is not retried, so it has no schedule`)
    return
  }
  if (retry !== true) return design.flaw(`${at}/retry`, `\`${name}\` must be retried: the failure is usually temporary`)
  if (schedule.length === 0) return design.flaw(`${at}/schedule`, `\`${name}\` is retried, so give the delay before each retry`)
  judgeSchedule(design, name, at, schedule)
}

/** A retry schedule: positive delays, each longer than the last, the first no sooner than the host may be asked again. */
function judgeSchedule(design: DesignReader, name: string, at: string, schedule: unknown[]): void {
  const delay = used(design, 'default_delay')
  // After a 429 the host's delay has already grown by the backoff factor: the first retry waits at least that long.
  const factor = design.value('/politeness/on_429/delay_factor')
  const hostFloor = name === 'http_429' && typeof factor === 'number' && factor > 1 ? delay * factor : delay
  const hostWhy = name === 'http_429' ? `the host's delay after one 429 (${scenarioText(design, 'default_delay')} × ${show(factor)})` : `the default delay ${scenarioText(design, 'default_delay')} between two requests to one host`
  const floor = Math.max(hostFloor, MIN_RETRY_S)
  const floorWhy = hostFloor >= MIN_RETRY_S ? hostWhy : 'a minute: what a retry can cure (an overloaded or restarting server, a network outage) takes minutes to clear, not seconds'
  let previous: number | undefined
  schedule.forEach((_, j) => {
    const pointer = `${at}/schedule/${j}`
    const wait = design.quantity(pointer, 'duration').value
    if (wait <= 0) design.flaw(pointer, `${written(design, pointer)}: a retry delay must be positive`)
    else if (j === 0 && wait < floor * (1 - EPSILON)) {
      design.flaw(pointer, `${written(design, pointer)} is shorter than ${floorWhy}; a failing host needs more time, not less`)
    } else if (previous !== undefined && wait <= previous) {
      design.flaw(pointer, `${written(design, pointer)} is not longer than the delay before it: each retry must wait longer than the last, so a struggling host gets time to recover`)
    }
    previous = wait
  })
}

// ------------------------------------------------------------------ throughput

/** Pages per second of the scenario (or of the design's declared departure). */
function pageRate(design: DesignReader): number {
  return used(design, 'pages_per_day')
}

const pagesPerSecond = designCheck((design) => {
  const rate = design.restated('/throughput/pages_per_day', 'pages_per_day')
  const perSecond = design.quantity('/throughput/pages_per_second', 'rate').value
  design.agree({pointer: '/throughput/pages_per_second', stated: perSecond, computed: rate, tolerance: SIZING_TOLERANCE, unit: 'pages/s', working: `${figure(rate * DAY_S)} pages/day / 86,400 s`})
})

const fetchPool = designCheck((design) => {
  const rate = pageRate(design)
  const latency = design.restated('/throughput/fetch_latency', 'fetch_latency')
  const perWorker = design.quantity('/throughput/per_worker_rate', 'rate').value
  const workers = design.quantity('/throughput/workers', 'count').value
  const stated = design.number('/throughput/utilisation')
  const oneWorker = 1 / latency
  design.agree({pointer: '/throughput/per_worker_rate', stated: perWorker, computed: oneWorker, tolerance: SIZING_TOLERANCE, unit: 'pages/s', working: `a worker fetches one page at a time: 1 / ${figure(latency)} s`})
  if (workers <= 0) return design.flaw('/throughput/workers', `${written(design, '/throughput/workers')} give no capacity at all`)
  const rho = rate / (workers * oneWorker)
  const working = `${figure(rate)} pages/s / (${figure(workers)} workers × ${figure(oneWorker)} pages/s)`
  if (rho > MAX_UTILISATION + EPSILON) {
    design.flaw('/throughput/workers', `${written(design, '/throughput/workers')} run at utilisation ${figure(rho)} (${working}); above ${MAX_UTILISATION} any slow host, retry or lost machine turns into backlog the crawl cannot catch up on`)
  } else if (rho < MIN_UTILISATION - EPSILON) {
    design.flaw('/throughput/workers', `${written(design, '/throughput/workers')} run at utilisation ${figure(rho)} (${working}): more than ${figure(1 / MIN_UTILISATION)} times the capacity the crawl needs sits idle; aim for about 0.6`)
  } else {
    const perMachine = used(design, 'slots_per_machine')
    const left = workers - perMachine
    const rhoLeft = left > 0 ? rate / (left * oneWorker) : Infinity
    if (rhoLeft >= 1) {
      design.flaw('/throughput/workers', `${written(design, '/throughput/workers')}: with one machine of ${scenarioText(design, 'slots_per_machine')} lost, ${left > 0 ? `${figure(left)} workers run at utilisation ${figure(rhoLeft)}` : 'no worker is left'}, so the crawl falls behind whenever a machine is down; add a machine`)
    }
  }
  design.agree({pointer: '/throughput/utilisation', stated, computed: rho, tolerance: SIZING_TOLERANCE, working})
})

const fetchesInFlight = designCheck((design) => {
  const rate = pageRate(design)
  const latency = used(design, 'fetch_latency')
  const inFlight = design.quantity('/throughput/in_flight_fetches', 'count').value
  design.agree({pointer: '/throughput/in_flight_fetches', stated: inFlight, computed: rate * latency, tolerance: SIZING_TOLERANCE, unit: 'fetches', working: `Little's law: ${figure(rate)} pages/s × ${figure(latency)} s`})
})

const hostsInRotation = designCheck((design) => {
  const rate = pageRate(design)
  const delay = used(design, 'default_delay')
  const hosts = design.quantity('/throughput/hosts_in_rotation', 'count').value
  design.agree({pointer: '/throughput/hosts_in_rotation', stated: hosts, computed: rate * delay, tolerance: SIZING_TOLERANCE, unit: 'hosts', working: `each host takes one request every ${figure(delay)} s: ${figure(rate)} pages/s × ${figure(delay)} s`})
})

// ------------------------------------------------------------------ rendering and storage

const renderPool = designCheck((design) => {
  const share = design.restated('/rendering/share_needing_js', 'js_share')
  const time = design.restated('/rendering/render_time', 'render_time')
  const rate = pageRate(design)
  const renders = design.quantity('/rendering/renders_per_second', 'rate').value
  const concurrent = design.quantity('/rendering/concurrent_renders', 'count').value
  const slots = design.quantity('/rendering/slots', 'count').value
  const stated = design.number('/rendering/utilisation')
  const memory = design.quantity('/rendering/memory_per_slot', 'data').value
  const rendersNeeded = share * rate
  const busy = rendersNeeded * time
  design.agree({pointer: '/rendering/renders_per_second', stated: renders, computed: rendersNeeded, tolerance: SIZING_TOLERANCE, unit: 'renders/s', working: `${percent(share)} × ${figure(rate)} pages/s`})
  design.agree({pointer: '/rendering/concurrent_renders', stated: concurrent, computed: busy, tolerance: SIZING_TOLERANCE, unit: 'renders', working: `Little's law: ${figure(rendersNeeded)} renders/s × ${figure(time)} s`})
  if (memory < MIN_SLOT_MEMORY * (1 - EPSILON) || memory > MAX_SLOT_MEMORY * (1 + EPSILON)) {
    design.flaw('/rendering/memory_per_slot', `${written(design, '/rendering/memory_per_slot')}: one headless-browser slot needs a few hundred MB; allow between 0.1 GB and 4 GB`)
  }
  if (slots <= 0) return design.flaw('/rendering/slots', `${written(design, '/rendering/slots')}: the pool needs slots`)
  const rho = busy / slots
  const working = `${figure(busy)} renders / ${figure(slots)} slots`
  if (rho > MAX_UTILISATION + EPSILON) {
    design.flaw('/rendering/slots', `${written(design, '/rendering/slots')} for ${figure(busy)} renders in progress: utilisation ${figure(rho)} is above ${MAX_UTILISATION}, so every burst of pages needing JavaScript becomes a queue of pages waiting to be rendered`)
  } else if (rho < MIN_UTILISATION - EPSILON) {
    design.flaw('/rendering/slots', `${written(design, '/rendering/slots')} for ${figure(busy)} renders in progress: utilisation ${figure(rho)}; more than ${figure(1 / MIN_UTILISATION)} times the browsers the renders need sit idle, each holding its memory`)
  }
  design.agree({pointer: '/rendering/utilisation', stated, computed: rho, tolerance: SIZING_TOLERANCE, working})
})

const storageSizing = designCheck((design) => {
  const html = design.restated('/storage/html_per_page', 'html_size')
  const ratio = design.restated('/storage/compression_ratio', 'compression_ratio')
  const perDay = pageRate(design)
  const raw = design.quantity('/storage/raw_per_day', 'data-rate').value
  const stored = design.quantity('/storage/stored_per_day', 'data-rate').value
  const retention = design.quantity('/storage/retention', 'duration').value
  const total = design.quantity('/storage/stored_total', 'data').value
  const rawNeeded = perDay * html
  const storedNeeded = rawNeeded / ratio
  // Compared in GB a day and GB, the units the scenario speaks in; a common factor leaves the relative error unchanged.
  design.agree({pointer: '/storage/raw_per_day', stated: raw / GB_PER_DAY, computed: rawNeeded / GB_PER_DAY, tolerance: SIZING_TOLERANCE, unit: 'GB/day', working: `${figure(perDay * DAY_S)} pages/day × ${figure(html / 1000)} kB`})
  design.agree({pointer: '/storage/stored_per_day', stated: stored / GB_PER_DAY, computed: storedNeeded / GB_PER_DAY, tolerance: SIZING_TOLERANCE, unit: 'GB/day', working: `${figure(rawNeeded / GB_PER_DAY)} GB/day / ${figure(ratio)}`})
  if (retention < DAY_S * (1 - EPSILON)) {
    design.flaw('/storage/retention', `${written(design, '/storage/retention')}: keep the pages for at least a day, or the last good copy a 5xx retry relies on is gone`)
  }
  design.agree({pointer: '/storage/stored_total', stated: total / 1e9, computed: (storedNeeded * retention) / 1e9, tolerance: SIZING_TOLERANCE, unit: 'GB', working: `${figure(storedNeeded / GB_PER_DAY)} GB/day × ${figure(retention / DAY_S)} days`})
})

/** The document checks, by the names grader.json gives them. */
export const documentChecks: Record<string, DocumentCheck> = {
  'politeness-per-host': politenessPerHost,
  'robots-policy': robotsPolicy,
  'backoff-on-429': backoffOn429,
  'bloom-filter': bloomFilter,
  'normalisation-and-near-duplicates': normalisationAndNearDuplicates,
  'frontier-priorities': frontierPriorities,
  'partition-by-host': partitionByHost,
  'retry-policy': retryPolicy,
  'pages-per-second': pagesPerSecond,
  'fetch-pool': fetchPool,
  'fetches-in-flight': fetchesInFlight,
  'hosts-in-rotation': hostsInRotation,
  'render-pool': renderPool,
  'storage-sizing': storageSizing,
}
