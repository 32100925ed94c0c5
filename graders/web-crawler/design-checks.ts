/**
 * The web crawler's design document. The policy checks judge politeness, robots.txt, 429 backoff,
 * deduplication, the frontier, the partitioning over workers and the retries per failure class;
 * the sizing checks recompute the Bloom filter, the throughput, the rendering pool and the storage
 * from the learner's own stated inputs, so a wrong input costs one case, not every case after it.
 */
import {designCheck, figure, percent, show, type DesignReader, type DocumentCheck} from 'course/kit'

/** Relative tolerance of the sizing arithmetic (throughput, rendering, storage). */
const SIZING_TOLERANCE = 0.02
/** Relative tolerance of the Bloom filter's bits, hash functions and memory. */
const BLOOM_TOLERANCE = 0.05
/** The smallest default delay between two requests to one host that counts as polite. */
const MIN_DEFAULT_DELAY_S = 1
const DAY_S = 86_400
/** The scenario: 1,000,000 pages a day; the seen-URL filter holds 10^8 URLs at p ≤ 0.1 %. */
const TARGET_PAGES_PER_S = 1_000_000 / DAY_S
const MIN_BLOOM_ITEMS = 1e8
const MAX_BLOOM_RATE = 0.001
const MAX_UTILISATION = 0.8
/** Slack for comparing with the scenario's limits, so a value written in other units still meets them. */
const EPSILON = 1e-9
/** Bytes per second in one GB a day, for storage figures people can read. */
const GB_PER_DAY = 1e9 / DAY_S
const MIB = 2 ** 20

/** A field as the learner wrote it, for messages: `5 s`. */
function written(design: DesignReader, pointer: string): string {
  const value = design.value(pointer)
  return `\`${typeof value === 'string' ? value : show(value)}\``
}

// ------------------------------------------------------------------ politeness

const politenessPerHost = designCheck((design) => {
  const unit = design.value('/politeness/unit')
  if (unit !== 'host' && unit !== 'registered_domain') {
    design.flaw('/politeness/unit', `${written(design, '/politeness/unit')}: one IP address can serve thousands of unrelated sites and one site many addresses; robots.txt and a site's capacity belong to the host (or its registered domain)`)
  }
  const delay = design.quantity('/politeness/default_delay', 'duration').value
  if (delay < MIN_DEFAULT_DELAY_S - EPSILON) {
    design.flaw('/politeness/default_delay', `${written(design, '/politeness/default_delay')} is below the floor of ${MIN_DEFAULT_DELAY_S} s between the starts of two requests to one host (the scenario uses 5 s)`)
  }
  const connections = design.number('/politeness/max_connections_per_host')
  if (connections > 1) design.flaw('/politeness/max_connections_per_host', `${figure(connections)} connections: the scenario allows at most one request in flight per host`)
})

const robotsPolicy = designCheck((design) => {
  if (design.value('/politeness/robots/respect') !== true) design.flaw('/politeness/robots/respect', 'robots.txt must be obeyed')
  const ttl = design.quantity('/politeness/robots/cache_ttl', 'duration').value
  if (ttl <= 0) design.flaw('/politeness/robots/cache_ttl', `${written(design, '/politeness/robots/cache_ttl')}: a cache lifetime must be positive`)
  if (ttl > DAY_S * (1 + EPSILON)) {
    design.flaw('/politeness/robots/cache_ttl', `${written(design, '/politeness/robots/cache_ttl')} is longer than 24 hours: a cached robots.txt should not be used once it is a day old, or a site's new rules go unseen`)
  }
  if (design.value('/politeness/robots/on_5xx') !== 'disallow_all') {
    design.flaw('/politeness/robots/on_5xx', `${written(design, '/politeness/robots/on_5xx')}: a server error on robots.txt means the site cannot say what it allows, so nothing may be fetched until it can (disallow_all)`)
  }
  if (design.value('/politeness/crawl_delay/honour') !== true) design.flaw('/politeness/crawl_delay/honour', "a site's Crawl-delay must be followed, up to a maximum you state")
  const max = design.quantity('/politeness/crawl_delay/max', 'duration').value
  if (max <= 0) design.flaw('/politeness/crawl_delay/max', `${written(design, '/politeness/crawl_delay/max')}: the largest Crawl-delay followed must be positive`)
})

const backoffOn429 = designCheck((design) => {
  const factor = design.number('/politeness/on_429/delay_factor')
  if (factor <= 1) design.flaw('/politeness/on_429/delay_factor', `${figure(factor)}: a 429 says the host is overloaded, so its delay must grow (a factor above 1, such as 2)`)
  const maxDelay = design.quantity('/politeness/on_429/max_delay', 'duration').value
  const defaultDelay = design.quantity('/politeness/default_delay', 'duration').value
  if (maxDelay < defaultDelay * (1 - EPSILON)) {
    design.flaw('/politeness/on_429/max_delay', `${written(design, '/politeness/on_429/max_delay')} is below the default delay ${written(design, '/politeness/default_delay')}: the cap would make a host that answered 429 be fetched faster than usual`)
  }
})

// ------------------------------------------------------------------ deduplication

/** Names of exact (cryptographic or checksum) hashes: they cannot see that two pages are nearly equal. */
const EXACT_HASH = /^\s*(md5|sha-?(1|2|3|224|256|384|512)?(-?(224|256|384|512))?|crc-?(32|64)?|xxh(ash)?-?(3|32|64|128)?|murmur(hash)?-?\d*|city(hash)?-?\d*|farm(hash)?-?\d*|blake-?[23]?[bs]?)\s*$/i

const bloomFilter = designCheck((design) => {
  const base = '/deduplication/bloom_filter'
  const n = design.quantity(`${base}/items`, 'count').value
  const p = design.quantity(`${base}/false_positive_rate`, 'ratio').value
  const bytes = design.quantity(`${base}/bits`, 'data').value
  const k = design.number(`${base}/hash_functions`)
  const memory = design.quantity(`${base}/memory`, 'data').value
  if (n < MIN_BLOOM_ITEMS * (1 - EPSILON)) {
    design.flaw(`${base}/items`, `${written(design, `${base}/items`)}: the filter must hold at least 100,000,000 URLs (100 days of the crawl's new URLs)`)
  }
  const rateOk = p > 0 && p < 1
  if (!rateOk) design.flaw(`${base}/false_positive_rate`, `${written(design, `${base}/false_positive_rate`)}: a false positive rate lies strictly between 0 and 100 %`)
  else if (p > MAX_BLOOM_RATE * (1 + EPSILON)) {
    design.flaw(`${base}/false_positive_rate`, `${written(design, `${base}/false_positive_rate`)}: the scenario allows at most 0.1 % false positives`)
  }
  if (n <= 0 || !rateOk) return
  const m = (-n * Math.log(p)) / (Math.LN2 * Math.LN2)
  const bestK = (m / n) * Math.LN2
  design.agree({pointer: `${base}/bits`, stated: bytes * 8, computed: m, tolerance: BLOOM_TOLERANCE, unit: 'bits', working: `m = −n ln p / (ln 2)² = −${figure(n)} × ln ${figure(p)} / (ln 2)²`})
  // Either whole number next to the best k is right (k must be whole); anything else is judged against the best k.
  if (k !== Math.floor(bestK) && k !== Math.ceil(bestK)) {
    design.agree({pointer: `${base}/hash_functions`, stated: k, computed: bestK, tolerance: BLOOM_TOLERANCE, unit: 'hash functions', working: `k = (m / n) ln 2 = ${figure(m)} / ${figure(n)} × ln 2`})
  }
  // In MiB, as memory is usually stated; a common factor leaves the relative error unchanged.
  design.agree({pointer: `${base}/memory`, stated: memory / MIB, computed: bytes / MIB, tolerance: BLOOM_TOLERANCE, unit: 'MiB', working: `your ${figure(bytes * 8)} bits / 8 / 2²⁰`})
})

const normalisationAndNearDuplicates = designCheck((design) => {
  const rules = design.list('/deduplication/url_normalisation')
  const distinct = new Set(rules.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase()))
  distinct.delete('')
  if (distinct.size < 4) design.flaw('/deduplication/url_normalisation', `${distinct.size} distinct rule(s); list at least four (case, default ports, dot segments, fragments, escapes, tracking parameters…)`)
  const algorithm = design.value('/deduplication/content_hash/algorithm')
  if (typeof algorithm === 'string' && EXACT_HASH.test(algorithm)) {
    design.flaw('/deduplication/content_hash/algorithm', `${written(design, '/deduplication/content_hash/algorithm')} is an exact hash: one changed byte changes the whole digest, so it cannot find near-duplicates (use simhash or minhash)`)
  }
  const bits = design.number('/deduplication/content_hash/bits')
  const distance = design.number('/deduplication/content_hash/near_duplicate_distance')
  if (distance < 1) design.flaw('/deduplication/content_hash/near_duplicate_distance', `${figure(distance)}: a threshold of 0 differing bits only finds identical fingerprints, not near-duplicates`)
  else if (distance > bits / 4) {
    design.flaw('/deduplication/content_hash/near_duplicate_distance', `${figure(distance)} of ${figure(bits)} bits: fingerprints of unrelated pages differ in about half their bits, so a threshold above a quarter of them (${figure(bits / 4)}) merges pages that are not duplicates`)
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
})

const partitionByHost = designCheck((design) => {
  const key = design.value('/distribution/partition_key')
  if (key !== 'host' && key !== 'registered_domain') {
    design.flaw('/distribution/partition_key', `${written(design, '/distribution/partition_key')}: hashing full URLs spreads one host's pages over every worker, and each would need to know when the others last fetched from it; partition by host so its politeness state lives on one worker`)
  }
  const method = design.value('/distribution/method')
  if (!['consistent_hash', 'rendezvous_hash', 'modulo', 'directory'].includes(method as string)) {
    design.flaw('/distribution/method', `${written(design, '/distribution/method')}: name a method that maps many hosts to each worker`)
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
})

/** One failure class's entry: retried or not as its class demands, with delays that grow. */
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
  let previous: number | undefined
  schedule.forEach((_, j) => {
    const pointer = `${at}/schedule/${j}`
    const delay = design.quantity(pointer, 'duration').value
    if (delay <= 0) design.flaw(pointer, `${written(design, pointer)}: a retry delay must be positive`)
    else if (previous !== undefined && delay <= previous) {
      design.flaw(pointer, `${written(design, pointer)} is not longer than the delay before it: each retry must wait longer than the last, so a struggling host gets time to recover`)
    }
    previous = delay
  })
}

// ------------------------------------------------------------------ throughput

const pagesPerSecond = designCheck((design) => {
  const perDay = design.quantity('/throughput/pages_per_day', 'rate').value
  const perSecond = design.quantity('/throughput/pages_per_second', 'rate').value
  if (perDay < TARGET_PAGES_PER_S * (1 - EPSILON)) {
    design.flaw('/throughput/pages_per_day', `${written(design, '/throughput/pages_per_day')} is below the scenario's 1,000,000 pages a day`)
  }
  design.agree({pointer: '/throughput/pages_per_second', stated: perSecond, computed: perDay, tolerance: SIZING_TOLERANCE, unit: 'pages/s', working: `${figure(perDay * DAY_S)} pages/day / 86,400 s`})
})

const fetchPool = designCheck((design) => {
  const rate = design.quantity('/throughput/pages_per_second', 'rate').value
  const perWorker = design.quantity('/throughput/per_worker_rate', 'rate').value
  const workers = design.quantity('/throughput/workers', 'count').value
  const latency = design.quantity('/throughput/fetch_latency', 'duration').value
  const stated = design.number('/throughput/utilisation')
  if (perWorker * latency > 1 + SIZING_TOLERANCE) {
    design.flaw('/throughput/per_worker_rate', `${written(design, '/throughput/per_worker_rate')}: a worker fetches one page at a time, so at ${written(design, '/throughput/fetch_latency')} per fetch it manages at most ${figure(1 / latency)} pages/s`)
  }
  const capacity = workers * perWorker
  if (capacity <= 0) return design.flaw('/throughput/workers', `${written(design, '/throughput/workers')} at ${written(design, '/throughput/per_worker_rate')} give no capacity at all`)
  const rho = rate / capacity
  const working = `${figure(rate)} pages/s / (${figure(workers)} workers × ${figure(perWorker)} pages/s)`
  if (rho > MAX_UTILISATION + EPSILON) {
    design.flaw('/throughput/workers', `${written(design, '/throughput/workers')} run at utilisation ${figure(rho)} (${working}); above ${MAX_UTILISATION} any slow host, retry or lost machine turns into backlog the crawl cannot catch up on`)
  }
  design.agree({pointer: '/throughput/utilisation', stated, computed: rho, tolerance: SIZING_TOLERANCE, working})
})

const fetchesInFlight = designCheck((design) => {
  const rate = design.quantity('/throughput/pages_per_second', 'rate').value
  const latency = design.quantity('/throughput/fetch_latency', 'duration').value
  const inFlight = design.quantity('/throughput/in_flight_fetches', 'count').value
  design.agree({pointer: '/throughput/in_flight_fetches', stated: inFlight, computed: rate * latency, tolerance: SIZING_TOLERANCE, unit: 'fetches', working: `Little's law: ${figure(rate)} pages/s × ${figure(latency)} s`})
})

const hostsInRotation = designCheck((design) => {
  const rate = design.quantity('/throughput/pages_per_second', 'rate').value
  const delay = design.quantity('/politeness/default_delay', 'duration').value
  const hosts = design.quantity('/throughput/hosts_in_rotation', 'count').value
  design.agree({pointer: '/throughput/hosts_in_rotation', stated: hosts, computed: rate * delay, tolerance: SIZING_TOLERANCE, unit: 'hosts', working: `each host takes one request every ${figure(delay)} s: ${figure(rate)} pages/s × ${figure(delay)} s`})
})

// ------------------------------------------------------------------ rendering and storage

const renderPool = designCheck((design) => {
  const share = design.quantity('/rendering/share_needing_js', 'ratio').value
  const rate = design.quantity('/throughput/pages_per_second', 'rate').value
  const renders = design.quantity('/rendering/renders_per_second', 'rate').value
  const time = design.quantity('/rendering/render_time', 'duration').value
  const concurrent = design.quantity('/rendering/concurrent_renders', 'count').value
  const slots = design.quantity('/rendering/slots', 'count').value
  const stated = design.number('/rendering/utilisation')
  design.agree({pointer: '/rendering/renders_per_second', stated: renders, computed: share * rate, tolerance: SIZING_TOLERANCE, unit: 'renders/s', working: `${percent(share)} × ${figure(rate)} pages/s`})
  design.agree({pointer: '/rendering/concurrent_renders', stated: concurrent, computed: renders * time, tolerance: SIZING_TOLERANCE, unit: 'renders', working: `Little's law: ${figure(renders)} renders/s × ${figure(time)} s`})
  if (slots <= 0) return design.flaw('/rendering/slots', `${written(design, '/rendering/slots')}: the pool needs slots`)
  const rho = concurrent / slots
  if (rho >= 1) design.flaw('/rendering/slots', `${written(design, '/rendering/slots')} for ${figure(concurrent)} renders in progress: utilisation ${figure(rho)} is not below 1, so the queue of pages to render grows without end`)
  design.agree({pointer: '/rendering/utilisation', stated, computed: rho, tolerance: SIZING_TOLERANCE, working: `${figure(concurrent)} renders / ${figure(slots)} slots`})
})

const storageSizing = designCheck((design) => {
  const perDay = design.quantity('/throughput/pages_per_day', 'rate').value
  const html = design.quantity('/storage/html_per_page', 'data').value
  const raw = design.quantity('/storage/raw_per_day', 'data-rate').value
  const ratio = design.number('/storage/compression_ratio')
  const stored = design.quantity('/storage/stored_per_day', 'data-rate').value
  const retention = design.quantity('/storage/retention', 'duration').value
  const total = design.quantity('/storage/stored_total', 'data').value
  // Compared in GB a day and GB, the units the scenario speaks in; a common factor leaves the relative error unchanged.
  design.agree({pointer: '/storage/raw_per_day', stated: raw / GB_PER_DAY, computed: (perDay * html) / GB_PER_DAY, tolerance: SIZING_TOLERANCE, unit: 'GB/day', working: `${figure(perDay * DAY_S)} pages/day × ${figure(html / 1000)} kB`})
  if (ratio > 0) {
    design.agree({pointer: '/storage/stored_per_day', stated: stored / GB_PER_DAY, computed: raw / ratio / GB_PER_DAY, tolerance: SIZING_TOLERANCE, unit: 'GB/day', working: `${figure(raw / GB_PER_DAY)} GB/day / ${figure(ratio)}`})
  }
  design.agree({pointer: '/storage/stored_total', stated: total / 1e9, computed: (stored * retention) / 1e9, tolerance: SIZING_TOLERANCE, unit: 'GB', working: `${figure(stored / GB_PER_DAY)} GB/day × ${figure(retention / DAY_S)} days`})
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
