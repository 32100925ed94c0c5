/**
 * The web-crawler grader's code. The document part: checks that recompute the learner's Bloom
 * filter, throughput, rendering and storage figures from their own stated inputs, and judge the
 * politeness, frontier, distribution and retry policies. The code part: generators that build
 * per-learner URLs, robots.txt files and frontier workloads from the seeded stream, with what must
 * come back computed by the independent models; checks that name the rule behind the first wrong
 * answer without revealing hidden inputs or expected values.
 */
import type {QuantityKindName} from '../../src/core/capacity/kinds.js'
import {parseQuantity} from '../../src/core/capacity/quantity.js'
import {show} from '../../src/core/grading/compare.js'
import type {Check, DocumentCheck, DocumentCheckContext, Generator, GraderModule, Verdict} from '../../src/core/grading/definition.js'
import {valueAt} from '../../src/core/grading/document.js'
import {stepEntries} from '../../src/core/grading/script.js'
import type {StepResult} from '../../src/core/sandbox/drivers.js'
import {integer, pick, shuffle, type Random} from '../../src/core/random.js'
import {applicableGroups, applicableRules, FrontierModel, isAllowedModel, normalizeModel, patternMatchesModel} from './models.js'

// =================================================================== the design document

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
const EPSILON = 1e-9

/** Numbers as a learner reads them: whole large numbers with separators, others to 4 figures. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  // Separators by hand: the first use of Intl's number formatting costs more than a whole document's checks.
  if (Math.abs(x) >= 10_000) return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return String(Number(x.toPrecision(4)))
}

const percent = (x: number): string => `${fmt(100 * x)} %`
/** Shows a figure in a unit, with the factor that converts from the canonical unit. */
const as =
  (unit: string, per = 1) =>
  (x: number): string =>
    `${fmt(x / per)}${unit ? ` ${unit}` : ''}`

function relativeError(got: number, want: number): number {
  if (want === 0) return got === 0 ? 0 : Infinity
  return Math.abs(got - want) / Math.abs(want)
}

/**
 * Reads one document for one check and collects every flaw it finds, each located. Quantities are
 * read with the unit-aware parser; a value that cannot be read is itself a flaw, never an exception.
 */
class Reader {
  private readonly flaws: string[] = []
  constructor(private readonly ctx: DocumentCheckContext) {}

  value(pointer: string): unknown {
    return valueAt(this.ctx.document, pointer)
  }

  /** The value as the learner wrote it, for messages. */
  written(pointer: string): string {
    const value = this.value(pointer)
    return typeof value === 'string' ? `\`${value}\`` : `\`${show(value)}\``
  }

  flaw(pointer: string, message: string): void {
    this.flaws.push(`${this.ctx.where(pointer)} ${pointer}: ${message}`)
  }

  /** A quantity in its kind's canonical unit (seconds, per second, bytes…), or undefined (recorded). */
  quantity(pointer: string, kind: QuantityKindName): number | undefined {
    const result = parseQuantity(this.value(pointer), kind)
    if (!result.ok) {
      this.flaw(pointer, result.message)
      return undefined
    }
    return result.quantity.value
  }

  /** A plain number, or undefined (recorded). */
  number(pointer: string): number | undefined {
    const value = this.value(pointer)
    if (typeof value === 'number' && Number.isFinite(value)) return value
    this.flaw(pointer, `expected a number, got ${this.written(pointer)}`)
    return undefined
  }

  /** A stated figure against the one the learner's own inputs give, within a relative tolerance. */
  agrees(pointer: string, stated: number | undefined, want: number, display: (x: number) => string, working: string, tolerance = SIZING_TOLERANCE): void {
    if (stated === undefined || !Number.isFinite(want)) return
    const error = relativeError(stated, want)
    if (error <= tolerance) return
    const off = Number.isFinite(error) ? `${fmt(100 * error)} % too ${stated > want ? 'high' : 'low'}` : 'not comparable'
    this.flaw(pointer, `${this.written(pointer)}, but your own figures give ${display(want)} (${working}); it is ${off}, allowed ${fmt(100 * tolerance)} %`)
  }

  verdict(): Verdict {
    return this.flaws.length === 0 ? {passed: true} : {passed: false, detail: this.flaws.join('; ')}
  }
}

type DocumentRule = (r: Reader) => void
const documentCheck =
  (rule: DocumentRule): DocumentCheck =>
  (ctx) => {
    const reader = new Reader(ctx)
    rule(reader)
    return reader.verdict()
  }

// ------------------------------------------------------------------ politeness

const politenessPerHost = documentCheck((r) => {
  const unit = r.value('/politeness/unit')
  if (unit !== 'host' && unit !== 'registered_domain') {
    r.flaw('/politeness/unit', `${r.written('/politeness/unit')}: one IP address can serve thousands of unrelated sites and one site many addresses; robots.txt and a site's capacity belong to the host (or its registered domain)`)
  }
  const delay = r.quantity('/politeness/default_delay', 'duration')
  if (delay !== undefined && delay < MIN_DEFAULT_DELAY_S - EPSILON) {
    r.flaw('/politeness/default_delay', `${r.written('/politeness/default_delay')} is below the floor of ${MIN_DEFAULT_DELAY_S} s between the starts of two requests to one host (the scenario uses 5 s)`)
  }
  const connections = r.number('/politeness/max_connections_per_host')
  if (connections !== undefined && connections > 1) {
    r.flaw('/politeness/max_connections_per_host', `${connections} connections: the scenario allows at most one request in flight per host`)
  }
})

const robotsPolicy = documentCheck((r) => {
  if (r.value('/politeness/robots/respect') !== true) r.flaw('/politeness/robots/respect', 'robots.txt must be obeyed')
  const ttl = r.quantity('/politeness/robots/cache_ttl', 'duration')
  if (ttl !== undefined && ttl <= 0) r.flaw('/politeness/robots/cache_ttl', `${r.written('/politeness/robots/cache_ttl')}: a cache lifetime must be positive`)
  if (ttl !== undefined && ttl > DAY_S * (1 + EPSILON)) {
    r.flaw('/politeness/robots/cache_ttl', `${r.written('/politeness/robots/cache_ttl')} is longer than 24 hours: a cached robots.txt should not be used once it is a day old, or a site's new rules go unseen`)
  }
  if (r.value('/politeness/robots/on_5xx') !== 'disallow_all') {
    r.flaw('/politeness/robots/on_5xx', `${r.written('/politeness/robots/on_5xx')}: a server error on robots.txt means the site cannot say what it allows, so nothing may be fetched until it can (disallow_all)`)
  }
  if (r.value('/politeness/crawl_delay/honour') !== true) r.flaw('/politeness/crawl_delay/honour', "a site's Crawl-delay must be followed, up to a maximum you state")
  const max = r.quantity('/politeness/crawl_delay/max', 'duration')
  if (max !== undefined && max <= 0) r.flaw('/politeness/crawl_delay/max', `${r.written('/politeness/crawl_delay/max')}: the largest Crawl-delay followed must be positive`)
})

const backoffOn429 = documentCheck((r) => {
  const factor = r.number('/politeness/on_429/delay_factor')
  if (factor !== undefined && factor <= 1) {
    r.flaw('/politeness/on_429/delay_factor', `${factor}: a 429 says the host is overloaded, so its delay must grow (a factor above 1, such as 2)`)
  }
  const maxDelay = r.quantity('/politeness/on_429/max_delay', 'duration')
  const defaultDelay = r.quantity('/politeness/default_delay', 'duration')
  if (maxDelay !== undefined && defaultDelay !== undefined && maxDelay < defaultDelay * (1 - EPSILON)) {
    r.flaw('/politeness/on_429/max_delay', `${r.written('/politeness/on_429/max_delay')} is below the default delay ${r.written('/politeness/default_delay')}: the cap would make a host that answered 429 be fetched faster than usual`)
  }
})

// ------------------------------------------------------------------ deduplication

const bloomFilter = documentCheck((r) => {
  const base = '/deduplication/bloom_filter'
  const n = r.quantity(`${base}/items`, 'count')
  const p = r.quantity(`${base}/false_positive_rate`, 'ratio')
  const bytes = r.quantity(`${base}/bits`, 'data')
  const k = r.number(`${base}/hash_functions`)
  const memory = r.quantity(`${base}/memory`, 'data')
  if (n !== undefined && n < MIN_BLOOM_ITEMS * (1 - EPSILON)) {
    r.flaw(`${base}/items`, `${r.written(`${base}/items`)}: the filter must hold at least 100,000,000 URLs (100 days of the crawl's new URLs)`)
  }
  const rateOk = p !== undefined && p > 0 && p < 1
  if (p !== undefined && !rateOk) r.flaw(`${base}/false_positive_rate`, `${r.written(`${base}/false_positive_rate`)}: a false positive rate lies strictly between 0 and 100 %`)
  else if (p !== undefined && p > MAX_BLOOM_RATE * (1 + EPSILON)) {
    r.flaw(`${base}/false_positive_rate`, `${r.written(`${base}/false_positive_rate`)}: the scenario allows at most 0.1 % false positives`)
  }
  if (n === undefined || n <= 0 || p === undefined || !rateOk) return
  const ln2 = Math.LN2
  const m = (-n * Math.log(p)) / (ln2 * ln2)
  const bestK = (m / n) * ln2
  const given = `n = ${fmt(n)} and p = ${percent(p)}`
  if (bytes !== undefined) r.agrees(`${base}/bits`, bytes * 8, m, as('bits'), `m = −n ln p / (ln 2)² with ${given}`, BLOOM_TOLERANCE)
  if (k !== undefined && k !== Math.floor(bestK) && k !== Math.ceil(bestK)) {
    r.agrees(`${base}/hash_functions`, k, bestK, as('hash functions'), `k = (m / n) ln 2 with ${given}; round it to a whole number`, BLOOM_TOLERANCE)
  }
  if (bytes !== undefined && memory !== undefined) {
    r.agrees(`${base}/memory`, memory, bytes, (x) => `${fmt(x)} bytes`, `your ${fmt(bytes * 8)} bits / 8 = ${fmt(bytes)} bytes = ${fmt(bytes / 2 ** 20)} MiB`, BLOOM_TOLERANCE)
  }
})

/** Names of exact (cryptographic or checksum) hashes: they cannot see that two pages are nearly equal. */
const EXACT_HASH = /^\s*(md5|sha-?(1|2|3|224|256|384|512)?(-?(224|256|384|512))?|crc-?(32|64)?|xxh(ash)?-?(3|32|64|128)?|murmur(hash)?-?\d*|city(hash)?-?\d*|farm(hash)?-?\d*|blake-?[23]?[bs]?)\s*$/i

const normalisationAndNearDuplicates = documentCheck((r) => {
  const rules = r.value('/deduplication/url_normalisation')
  const distinct = new Set(Array.isArray(rules) ? rules.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase()) : [])
  distinct.delete('')
  if (distinct.size < 4) r.flaw('/deduplication/url_normalisation', `${distinct.size} distinct rule(s); list at least four (case, default ports, dot segments, fragments, escapes, tracking parameters…)`)
  const algorithm = r.value('/deduplication/content_hash/algorithm')
  if (typeof algorithm === 'string' && EXACT_HASH.test(algorithm)) {
    r.flaw('/deduplication/content_hash/algorithm', `${r.written('/deduplication/content_hash/algorithm')} is an exact hash: one changed byte changes the whole digest, so it cannot find near-duplicates (use simhash or minhash)`)
  }
  const bits = r.number('/deduplication/content_hash/bits')
  const distance = r.number('/deduplication/content_hash/near_duplicate_distance')
  if (bits !== undefined && distance !== undefined) {
    if (distance < 1) r.flaw('/deduplication/content_hash/near_duplicate_distance', `${distance}: a threshold of 0 differing bits only finds identical fingerprints, not near-duplicates`)
    else if (distance > bits / 4) {
      r.flaw('/deduplication/content_hash/near_duplicate_distance', `${distance} of ${bits} bits: fingerprints of unrelated pages differ in about half their bits, so a threshold above a quarter of them (${fmt(bits / 4)}) merges pages that are not duplicates`)
    }
  }
})

// ------------------------------------------------------------------ frontier and distribution

const frontierPriorities = documentCheck((r) => {
  const levels = r.value('/frontier/priority_levels')
  const list = Array.isArray(levels) ? levels : []
  if (list.length < 2) r.flaw('/frontier/priority_levels', `${list.length} level(s): define at least two, so that valuable pages go before the rest`)
  const firstAt = new Map<unknown, number>()
  list.forEach((entry, i) => {
    const level = (entry as {level?: unknown} | null)?.level
    const earlier = firstAt.get(level)
    if (earlier !== undefined) r.flaw(`/frontier/priority_levels/${i}/level`, `level ${show(level)} is used twice (also by entry ${earlier + 1}); each level needs its own number`)
    else firstAt.set(level, i)
  })
  if (r.value('/frontier/per_host_queues') !== true) {
    r.flaw('/frontier/per_host_queues', 'without one queue per host, a host with many waiting URLs blocks the rest while it waits out its delay')
  }
  const selection = r.value('/frontier/host_selection')
  if (typeof selection !== 'string' || selection.trim() === '') r.flaw('/frontier/host_selection', 'say how the next host to serve is chosen')
})

const partitionByHost = documentCheck((r) => {
  const key = r.value('/distribution/partition_key')
  if (key !== 'host' && key !== 'registered_domain') {
    r.flaw('/distribution/partition_key', `${r.written('/distribution/partition_key')}: hashing full URLs spreads one host's pages over every worker, and each would need to know when the others last fetched from it; partition by host so its politeness state lives on one worker`)
  }
  const method = r.value('/distribution/method')
  if (!['consistent_hash', 'rendezvous_hash', 'modulo', 'directory'].includes(method as string)) {
    r.flaw('/distribution/method', `${r.written('/distribution/method')}: name a method that maps many hosts to each worker`)
  }
})

// ------------------------------------------------------------------ retries

const NOT_RETRIED: Record<string, string> = {
  http_404: 'a page that is not found now will not be found a minute later; a retry spends the host’s politeness budget for nothing',
  http_4xx: '401, 403, 410 and 400 do not change on a retry (408 belongs with timeouts, and 429 has its own entry)',
  parse_error: 'fetching the same bytes again would fail the same way; keep the body and re-parse it instead',
}
const REQUIRED_CLASSES = ['timeout', 'http_404', 'http_4xx', 'http_5xx', 'http_429', 'parse_error']

const retryPolicy = documentCheck((r) => {
  const entries = r.value('/retries')
  const list = Array.isArray(entries) ? entries : []
  const firstAt = new Map<string, number>()
  list.forEach((entry, i) => {
    const name = (entry as {class?: unknown} | null)?.class
    if (typeof name !== 'string') return
    const earlier = firstAt.get(name)
    if (earlier === undefined) firstAt.set(name, i)
    else if (REQUIRED_CLASSES.includes(name)) r.flaw(`/retries/${i}/class`, `a second entry for \`${name}\` (the first is entry ${earlier + 1}); give each class one policy`)
  })
  const missing = REQUIRED_CLASSES.filter((c) => !firstAt.has(c))
  if (missing.length > 0) r.flaw('/retries', `no entry for ${missing.map((c) => `\`${c}\``).join(', ')}`)
  for (const name of REQUIRED_CLASSES) {
    const i = firstAt.get(name)
    if (i === undefined) continue
    const at = `/retries/${i}`
    const entry = list[i] as {retry?: unknown; schedule?: unknown}
    const schedule = Array.isArray(entry.schedule) ? entry.schedule : []
    if (name in NOT_RETRIED) {
      if (entry.retry !== false) r.flaw(`${at}/retry`, `\`${name}\` must not be retried: ${NOT_RETRIED[name]}`)
      else if (schedule.length > 0) r.flaw(`${at}/schedule`, `\`${name}\` is not retried, so it has no schedule`)
      continue
    }
    if (entry.retry !== true) {
      r.flaw(`${at}/retry`, `\`${name}\` must be retried: the failure is usually temporary`)
      continue
    }
    if (schedule.length === 0) {
      r.flaw(`${at}/schedule`, `\`${name}\` is retried, so give the delay before each retry`)
      continue
    }
    let previous: number | undefined
    schedule.forEach((_, j) => {
      const delay = r.quantity(`${at}/schedule/${j}`, 'duration')
      if (delay === undefined) return
      if (delay <= 0) r.flaw(`${at}/schedule/${j}`, `${r.written(`${at}/schedule/${j}`)}: a retry delay must be positive`)
      else if (previous !== undefined && delay <= previous) {
        r.flaw(`${at}/schedule/${j}`, `${r.written(`${at}/schedule/${j}`)} is not longer than the delay before it: each retry must wait longer than the last, so a struggling host gets time to recover`)
      }
      previous = delay
    })
  }
})

// ------------------------------------------------------------------ throughput

const pagesPerSecond = documentCheck((r) => {
  const perDay = r.quantity('/throughput/pages_per_day', 'rate')
  const perSecond = r.quantity('/throughput/pages_per_second', 'rate')
  if (perDay === undefined) return
  if (perDay < TARGET_PAGES_PER_S * (1 - EPSILON)) {
    r.flaw('/throughput/pages_per_day', `${r.written('/throughput/pages_per_day')} is below the scenario's 1,000,000 pages a day`)
  }
  r.agrees('/throughput/pages_per_second', perSecond, perDay, as('pages/s'), `${fmt(perDay * DAY_S)} pages/day / 86,400 s`)
})

const fetchPool = documentCheck((r) => {
  const rate = r.quantity('/throughput/pages_per_second', 'rate')
  const perWorker = r.quantity('/throughput/per_worker_rate', 'rate')
  const workers = r.quantity('/throughput/workers', 'count')
  const latency = r.quantity('/throughput/fetch_latency', 'duration')
  const stated = r.number('/throughput/utilisation')
  if (perWorker !== undefined && latency !== undefined && perWorker * latency > 1 + SIZING_TOLERANCE) {
    r.flaw('/throughput/per_worker_rate', `${r.written('/throughput/per_worker_rate')}: a worker fetches one page at a time, so at ${r.written('/throughput/fetch_latency')} per fetch it manages at most ${fmt(1 / latency)} pages/s`)
  }
  if (rate === undefined || perWorker === undefined || workers === undefined) return
  const capacity = workers * perWorker
  if (capacity <= 0) {
    r.flaw('/throughput/workers', `${r.written('/throughput/workers')} at ${r.written('/throughput/per_worker_rate')} give no capacity at all`)
    return
  }
  const rho = rate / capacity
  const working = `${fmt(rate)} pages/s / (${fmt(workers)} workers × ${fmt(perWorker)} pages/s)`
  if (rho > MAX_UTILISATION + EPSILON) {
    r.flaw('/throughput/workers', `${r.written('/throughput/workers')} run at utilisation ${fmt(rho)} (${working}); above ${MAX_UTILISATION} any slow host, retry or lost machine turns into backlog the crawl cannot catch up on`)
  }
  r.agrees('/throughput/utilisation', stated, rho, as(''), working)
})

const fetchesInFlight = documentCheck((r) => {
  const rate = r.quantity('/throughput/pages_per_second', 'rate')
  const latency = r.quantity('/throughput/fetch_latency', 'duration')
  const inFlight = r.quantity('/throughput/in_flight_fetches', 'count')
  if (rate === undefined || latency === undefined) return
  r.agrees('/throughput/in_flight_fetches', inFlight, rate * latency, as('fetches'), `Little's law: ${fmt(rate)} pages/s × ${fmt(latency)} s`)
})

const hostsInRotation = documentCheck((r) => {
  const rate = r.quantity('/throughput/pages_per_second', 'rate')
  const delay = r.quantity('/politeness/default_delay', 'duration')
  const hosts = r.quantity('/throughput/hosts_in_rotation', 'count')
  if (rate === undefined || delay === undefined) return
  r.agrees('/throughput/hosts_in_rotation', hosts, rate * delay, as('hosts'), `each host takes one request every ${fmt(delay)} s: ${fmt(rate)} pages/s × ${fmt(delay)} s`)
})

// ------------------------------------------------------------------ rendering and storage

const renderPool = documentCheck((r) => {
  const share = r.quantity('/rendering/share_needing_js', 'ratio')
  const rate = r.quantity('/throughput/pages_per_second', 'rate')
  const renders = r.quantity('/rendering/renders_per_second', 'rate')
  const time = r.quantity('/rendering/render_time', 'duration')
  const concurrent = r.quantity('/rendering/concurrent_renders', 'count')
  const slots = r.quantity('/rendering/slots', 'count')
  const stated = r.number('/rendering/utilisation')
  if (share !== undefined && rate !== undefined) r.agrees('/rendering/renders_per_second', renders, share * rate, as('renders/s'), `${percent(share)} × ${fmt(rate)} pages/s`)
  if (renders !== undefined && time !== undefined) r.agrees('/rendering/concurrent_renders', concurrent, renders * time, as('renders'), `Little's law: ${fmt(renders)} renders/s × ${fmt(time)} s`)
  if (concurrent === undefined || slots === undefined) return
  if (slots <= 0) {
    r.flaw('/rendering/slots', `${r.written('/rendering/slots')}: the pool needs slots`)
    return
  }
  const rho = concurrent / slots
  if (rho >= 1) r.flaw('/rendering/slots', `${r.written('/rendering/slots')} for ${fmt(concurrent)} renders in progress: utilisation ${fmt(rho)} is not below 1, so the queue of pages to render grows without end`)
  r.agrees('/rendering/utilisation', stated, rho, as(''), `${fmt(concurrent)} renders / ${fmt(slots)} slots`)
})

const storageSizing = documentCheck((r) => {
  const perDay = r.quantity('/throughput/pages_per_day', 'rate')
  const html = r.quantity('/storage/html_per_page', 'data')
  const raw = r.quantity('/storage/raw_per_day', 'data-rate')
  const ratio = r.number('/storage/compression_ratio')
  const stored = r.quantity('/storage/stored_per_day', 'data-rate')
  const retention = r.quantity('/storage/retention', 'duration')
  const total = r.quantity('/storage/stored_total', 'data')
  const perDayGB = as('GB/day', 1e9 / DAY_S)
  const inGB = as('GB', 1e9)
  if (perDay !== undefined && html !== undefined) {
    r.agrees('/storage/raw_per_day', raw, perDay * html, perDayGB, `${fmt(perDay * DAY_S)} pages/day × ${fmt(html / 1000)} kB`)
  }
  if (raw !== undefined && ratio !== undefined && ratio > 0) {
    r.agrees('/storage/stored_per_day', stored, raw / ratio, perDayGB, `${perDayGB(raw)} / ${fmt(ratio)}`)
  }
  if (stored !== undefined && retention !== undefined) {
    r.agrees('/storage/stored_total', total, stored * retention, inGB, `${perDayGB(stored)} × ${fmt(retention / DAY_S)} days`)
  }
})

// =================================================================== the code: shared helpers

const fail = (detail?: string): Verdict => ({passed: false, ...(detail ? {detail} : {})})

interface CallEntry {
  readonly value?: unknown
  readonly error?: string
}

function entriesOf(output: unknown, index: number): CallEntry[] | undefined {
  const script = output as {createError?: string; results?: unknown[]}
  if (!script || !Array.isArray(script.results)) return undefined
  return stepEntries(script.results[index] as StepResult | undefined) as CallEntry[] | undefined
}

function argsText(args: readonly unknown[]): string {
  return args.map((a) => show(a, 80)).join(', ')
}

/**
 * One `map` step of calls, compared call by call with the expected values. A visible case shows
 * the call, what it must give and what it gave; a hidden one only the rule behind the first wrong
 * answer (`explain` reads the learner's answer against the expected one, then the generator's label).
 */
function mapCalls(explain: (want: unknown, got: unknown, label: string | undefined) => string): Check {
  return ({input, output, expected, visible}) => {
    const step = (input as {steps: Array<{map: string; over: unknown[][]}>}).steps[0]!
    const {values, labels} = expected as {values: unknown[]; labels?: string[]}
    const script = output as {createError?: string}
    if (script?.createError) return fail(visible ? script.createError : 'the module could not be used')
    const entries = entriesOf(output, 0)
    if (!entries) return fail('no results came back')
    for (let i = 0; i < values.length; i++) {
      const entry = entries[i]
      const want = values[i]
      const call = `${step.map}(${argsText(step.over[i]!)})`
      if (entry === undefined) return fail(visible ? `${call}: no result` : `\`${step.map}\` gave no result for some call`)
      if (entry.error !== undefined) return fail(visible ? `${call} threw: ${entry.error}` : `\`${step.map}\` threw an error (it must return a value for every input)`)
      if (Object.is(entry.value, want)) continue
      const problem = explain(want, entry.value, labels?.[i])
      return fail(visible ? `${call} must give ${show(want)}, got ${show(entry.value)} (${problem})` : `the first wrong answer broke this rule: ${problem}`)
    }
    return {passed: true}
  }
}

// ------------------------------------------------------------------ normalizeUrl: explaining a wrong answer

const RULE = {
  scheme: 'only http and https URLs are crawled; anything the URL parser rejects is null',
  case: 'the scheme and host are lower-cased; the path and the query keep their letter case',
  port: 'the default port (80 for http, 443 for https) is removed; any other port stays',
  dots: 'the `.` and `..` path segments are resolved, and an empty path becomes `/`',
  fragment: 'the fragment (`#...`) is removed',
  credentials: 'the user name and password are removed',
  trailingDot: 'one trailing dot of the host name is removed (unless the host is `.` alone)',
  escapes: 'escapes of unreserved characters are decoded, other escapes keep upper-case hex digits, and each escape is rewritten once',
  utm: 'query parts whose name starts with `utm_` (case-sensitive, after decoding escapes) are removed',
  emptyQuery: 'empty query parts are removed, and an empty query leaves no `?`',
  order: 'the remaining query parts keep their order and their text',
  relative: 'a relative link is resolved against its base; an invalid base gives null',
  combined: 'all the rules together, applied in the order given',
} as const

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

const DEFAULT_PORT_WRITTEN = /^https?:\/\/[^/?#]*:(80|443)(?=[/?#]|$)/i

/** Query parts, without the `?`. */
function queryParts(search: string): string[] {
  return search === '' ? [] : search.slice(1).split('&')
}

/**
 * The rule behind a wrong normalizeUrl answer, found by comparing the two URLs part by part (host,
 * port, path, query); when no part tells, the rule the generator meant the URL to exercise.
 */
function explainNormalize(want: unknown, got: unknown, label: string | undefined): string {
  const fallback = label ?? RULE.combined
  if (got !== null && typeof got !== 'string') return 'normalizeUrl returns a string or null'
  if (want === null) return label ?? RULE.scheme
  if (typeof want !== 'string') return fallback
  if (got === null) return `${fallback} (a URL that can be crawled was rejected)`
  if (got.includes('#')) return RULE.fragment
  if (/^[^:]+:\/\/[^/?#]*@/.test(got)) return RULE.credentials
  if (DEFAULT_PORT_WRITTEN.test(got) && !DEFAULT_PORT_WRITTEN.test(want)) {
    const written = DEFAULT_PORT_WRITTEN.exec(got)![1]
    if ((written === '80' && got.toLowerCase().startsWith('http:')) || (written === '443' && got.toLowerCase().startsWith('https:'))) return RULE.port
  }
  const w = safeUrl(want)
  const g = safeUrl(got)
  if (!w || !g) return fallback
  if (w.protocol !== g.protocol || w.hostname !== g.hostname) {
    if (g.hostname === `${w.hostname}.` || w.hostname === `${g.hostname}.`) return RULE.trailingDot
    if (got.slice(0, want.length).toLowerCase() === want.slice(0, want.length).toLowerCase() || g.hostname.toLowerCase() === w.hostname.toLowerCase()) return RULE.case
    return fallback
  }
  if (w.port !== g.port) return RULE.port
  const escapesOnly = (a: string, b: string) => a.replace(/%[0-9A-Fa-f]{2}/g, '%') === b.replace(/%[0-9A-Fa-f]{2}/g, '%')
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text)
    } catch {
      return text
    }
  }
  for (const [a, b, isQuery] of [
    [w.pathname, g.pathname, false],
    [w.search, g.search, true],
  ] as const) {
    if (a === b) continue
    if (a.toLowerCase() === b.toLowerCase()) return escapesOnly(a, b) ? RULE.escapes : RULE.case
    if (isQuery) {
      const [wanted, given] = [queryParts(a), queryParts(b)]
      if (given.some((part) => part === '') || (b === '?' && a === '')) return RULE.emptyQuery
      if (given.some((part) => part.split('=')[0]!.startsWith('utm_'))) return RULE.utm
      if (wanted.some((part) => !given.includes(part) && part.split('=')[0]!.toLowerCase().startsWith('utm_'))) return RULE.utm
      if (wanted.length === given.length && [...wanted].sort().join('&') === [...given].sort().join('&')) return RULE.order
    } else if (/(^|\/)\.\.?(\/|$)/.test(b)) return RULE.dots
    if (decoded(a) === decoded(b) || /%[0-9A-Fa-f]{2}/.test(a + b)) return RULE.escapes
    return isQuery ? RULE.order : fallback
  }
  return fallback
}

// ------------------------------------------------------------------ normalizeUrl: generators

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const ALNUM = `${LOWER}0123456789`

function word(random: Random, min = 1, max = 6, alphabet = ALNUM): string {
  let out = ''
  const length = integer(random, min, max)
  for (let i = 0; i < length; i++) out += alphabet[integer(random, 0, alphabet.length - 1)]
  return out
}

function hostName(random: Random): string {
  const label = random() < 0.3 ? `${word(random, 1, 5, LOWER)}-${word(random, 1, 4)}` : word(random, 2, 8, LOWER)
  return `${random() < 0.4 ? `${pick(random, ['www', 'shop', 'news', 'blog', 'docs'])}.` : ''}${label}.${pick(random, ['example', 'example.com', 'example.org', 'example.net', 'test'])}`
}

function mixedCase(random: Random, text: string): string {
  return [...text].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('')
}

function plainPath(random: Random, mixed = false): string {
  const segments = Array.from({length: integer(random, 0, 3)}, () => {
    const w = word(random, 1, 7)
    return mixed ? mixedCase(random, w) : w
  })
  const trailing = segments.length > 0 && random() < 0.3 ? '/' : ''
  return `/${segments.join('/')}${trailing}`
}

function plainQuery(random: Random, mixed = false): string {
  if (random() < 0.5) return ''
  const parts = Array.from({length: integer(random, 1, 3)}, () => {
    const part = `${word(random, 1, 4, LOWER)}=${word(random, 1, 5)}`
    return mixed ? mixedCase(random, part) : part
  })
  return `?${parts.join('&')}`
}

interface Labelled {
  readonly args: unknown[]
  readonly label: string
}

/** A `map` over normalizeUrl, with each expected value from the model. */
function normalizeScript(items: readonly Labelled[]) {
  return {
    input: {steps: [{map: 'normalizeUrl', over: items.map((item) => item.args)}]},
    expected: {values: items.map((item) => normalizeModel(item.args[0] as string, item.args[1] as string | undefined)), labels: items.map((item) => item.label)},
  }
}

function defaultPort(scheme: string): string {
  return scheme === 'http' ? '80' : '443'
}

const normalizeCaseAndPorts: Generator = (random) => {
  const items: Labelled[] = []
  for (let i = 0; i < 36; i++) {
    const scheme = pick(random, ['http', 'https'])
    const roll = random()
    let port = ''
    let label: string = RULE.case
    if (roll < 0.3) {
      port = `:${defaultPort(scheme)}`
      label = RULE.port
    } else if (roll < 0.55) {
      const otherDefault = scheme === 'http' ? '443' : '80'
      port = `:${pick(random, [otherDefault, otherDefault, '8080', '8443', '81', '3000'])}`
      label = RULE.port
    }
    const url = `${mixedCase(random, scheme)}://${mixedCase(random, hostName(random))}${port}${plainPath(random, true)}${plainQuery(random, true)}`
    items.push({args: [url], label})
  }
  return normalizeScript(items)
}

const normalizeDotsAndFragments: Generator = (random) => {
  const items: Labelled[] = []
  for (let i = 0; i < 36; i++) {
    const scheme = pick(random, ['http', 'https'])
    const tokens = Array.from({length: integer(random, 0, 6)}, () => pick(random, [word(random, 1, 5), word(random, 1, 5), '.', '..', '%2e', '%2E%2e', '.%2E']))
    const trailing = tokens.length > 0 && random() < 0.3 ? '/' : ''
    const path = tokens.length === 0 && random() < 0.5 ? '' : `/${tokens.join('/')}${trailing}`
    const roll = random()
    const fragment = roll < 0.5 ? pick(random, ['#', '#top', `#${word(random)}`, '#a/../b?c=1', '#%7e']) : ''
    const query = path === '' && fragment !== '' ? '' : plainQuery(random)
    const url = `${scheme}://${hostName(random)}${path}${query}${fragment}`
    items.push({args: [url], label: fragment !== '' && roll < 0.25 ? RULE.fragment : RULE.dots})
  }
  return normalizeScript(items)
}

const normalizeCredentialsAndDots: Generator = (random) => {
  const items: Labelled[] = []
  for (let i = 0; i < 32; i++) {
    const scheme = pick(random, ['http', 'https'])
    const credentials = random() < 0.55 ? `${pick(random, [`${word(random, 1, 5, LOWER)}:${word(random, 1, 8)}`, word(random, 1, 5, LOWER), `:${word(random, 2, 6)}`, `${word(random, 1, 4, LOWER)}%40x:p%3Aw`])}@` : ''
    let host = hostName(random)
    const dotted = credentials === '' || random() < 0.5
    if (dotted) host = `${host}.`
    if (i === 0) host = 'example.com..'
    if (i === 1) host = '.'
    const port = random() < 0.3 ? `:${pick(random, ['8080', defaultPort(scheme), '9000'])}` : ''
    const url = `${scheme}://${credentials}${random() < 0.3 ? mixedCase(random, host) : host}${port}${plainPath(random)}${plainQuery(random)}`
    items.push({args: [url], label: credentials !== '' ? RULE.credentials : RULE.trailingDot})
  }
  return normalizeScript(items)
}

const ESCAPE_TOKENS = ['%7e', '%7E', '%41', '%61', '%2d', '%5F', '%2e', '%30', '%2f', '%2F', '%3a', '%3A', '%20', '%25', '%2541', '%c3%a9', '%C3%A9', '%zz', '%4', '%', 'é', ' ', '~', '%3d', '%26']

function escapedText(random: Random): string {
  return Array.from({length: integer(random, 1, 4)}, () => (random() < 0.6 ? pick(random, ESCAPE_TOKENS) : word(random, 1, 3))).join('')
}

const normalizePercentEscapes: Generator = (random) => {
  const items: Labelled[] = []
  for (let i = 0; i < 36; i++) {
    const scheme = pick(random, ['http', 'https'])
    const segments = Array.from({length: integer(random, 1, 3)}, () => escapedText(random))
    const query = random() < 0.5 ? `?${Array.from({length: integer(random, 1, 3)}, () => `${random() < 0.2 ? 'utm%5Fsource' : word(random, 1, 3, LOWER)}=${escapedText(random)}`).join('&')}` : ''
    items.push({args: [`${scheme}://${hostName(random)}/${segments.join('/')}${query}`], label: query.includes('utm%5F') ? RULE.utm : RULE.escapes})
  }
  return normalizeScript(items)
}

const QUERY_PARTS = ['id=7', 'utm_source=mail', 'utm_medium=x', 'utm_campaign', 'utm_', 'UTM_source=y', 'Utm_term=z', 'utmsource=1', 'a=utm_x', '=v', 'x', 'x=1', 'x=2', 'q=a+b', 'page=2', 'sort=desc', 'b=', 'k=v=w']

const normalizeQuery: Generator = (random) => {
  const items: Labelled[] = []
  for (let i = 0; i < 36; i++) {
    const parts = Array.from({length: integer(random, 0, 5)}, () => (random() < 0.25 ? '' : pick(random, QUERY_PARTS)))
    const query = `?${random() < 0.2 ? '&' : ''}${parts.join('&')}${random() < 0.2 ? '&' : ''}`
    const hasUtm = parts.some((p) => p.startsWith('utm_'))
    const label = hasUtm ? RULE.utm : parts.length === 0 || parts.includes('') || query.endsWith('&') || query.startsWith('?&') ? RULE.emptyQuery : RULE.order
    const fragment = random() < 0.2 ? '#frag' : ''
    items.push({args: [`${pick(random, ['http', 'https'])}://${hostName(random)}${plainPath(random)}${query}${fragment}`], label})
  }
  return normalizeScript(items)
}

const RELATIVE = ['../d', './e', 'e', 'e/f/', '/abs/x', '//Other.example/p', '//other.example', '?q=1', '?utm_source=z&k=v', '#frag', '', 'g;x=1', '../../../../g', 'HTTPS://Upper.example/Z', '.', '..', '/./a/../b', '%7Eu/x', 'mailto:jo@example.org', 'ftp://files.example/x', 'http://h.example:80/p', '..?x']

const normalizeRelative: Generator = (random) => {
  const items: Labelled[] = []
  for (let i = 0; i < 36; i++) {
    const baseRoll = random()
    const base =
      baseRoll < 0.08
        ? pick(random, ['not a base', '', '/relative/base', 'mailto:jo@example.org'])
        : `${pick(random, ['http', 'https'])}://${mixedCase(random, hostName(random))}${random() < 0.2 ? ':8080' : ''}${plainPath(random, true)}${random() < 0.3 ? `${plainPath(random)}x` : ''}${plainQuery(random)}${random() < 0.2 ? '#f' : ''}`
    const relative = random() < 0.8 ? pick(random, RELATIVE) : `${word(random, 1, 4)}/${pick(random, ['..', '.', word(random, 1, 3)])}/${word(random, 1, 4)}`
    items.push({args: [relative, base], label: RULE.relative})
  }
  return normalizeScript(items)
}

const REJECTED = ['mailto:jo@example.org', 'ftp://example.org/file', 'javascript:void(0)', 'data:text/html,hi', 'file:///etc/hosts', 'ws://example.org/chat', 'wss://example.org/', 'gopher://example.org/', 'tel:+123456', 'urn:isbn:0451450523', 'not a url', '', 'http://', 'https://exa mple.com/', 'http://[::1/', '/relative/path', 'example.com/page', 'http://example.com:99999/', 'http://ex%zzample.com/', 'https://']

const normalizeRejected: Generator = (random) => {
  const items: Labelled[] = []
  const rejected = shuffle(random, REJECTED)
  for (let i = 0; i < 30; i++) {
    if (i < rejected.length && random() < 0.8) items.push({args: [mixedCase(random, rejected[i]!.slice(0, 4)) + rejected[i]!.slice(4)], label: RULE.scheme})
    else items.push({args: [`${pick(random, ['http', 'https', 'HTTP', 'Https'])}://${hostName(random)}${plainPath(random)}`], label: RULE.scheme})
  }
  return normalizeScript(items)
}

/** Every rule at once: one URL built from random choices of every feature. */
function combinedUrl(random: Random): Labelled {
  const scheme = pick(random, ['http', 'https'])
  const credentials = random() < 0.2 ? `${word(random, 1, 4, LOWER)}:${word(random, 1, 6)}@` : ''
  const host = `${random() < 0.1 ? pick(random, ['bücher', 'café', 'ÆBLE']) + '.example' : hostName(random)}${random() < 0.2 ? '.' : ''}`
  const port = random() < 0.35 ? `:${pick(random, [defaultPort(scheme), defaultPort(scheme), '8080', '81'])}` : ''
  const tokens = Array.from({length: integer(random, 0, 5)}, () => {
    const roll = random()
    if (roll < 0.15) return pick(random, ['.', '..', '%2e'])
    if (roll < 0.4) return escapedText(random)
    return mixedCase(random, word(random, 1, 6))
  })
  const path = `/${tokens.join('/')}${random() < 0.2 ? '/' : ''}`
  const parts = Array.from({length: integer(random, 0, 4)}, () => (random() < 0.15 ? '' : random() < 0.5 ? pick(random, QUERY_PARTS) : `${mixedCase(random, word(random, 1, 3, LOWER))}=${random() < 0.3 ? escapedText(random) : word(random, 1, 4)}`))
  const query = parts.length > 0 || random() < 0.1 ? `?${parts.join('&')}` : ''
  const fragment = random() < 0.3 ? `#${word(random, 0, 4)}` : ''
  const url = `${mixedCase(random, scheme)}://${credentials}${mixedCase(random, host)}${port}${path}${query}${fragment}`
  if (random() < 0.15) {
    const relative = `${pick(random, ['..', '.', word(random, 1, 3)])}/${word(random, 1, 4)}${random() < 0.5 ? '?utm_source=x&y=1' : ''}`
    return {args: [relative, url], label: RULE.relative}
  }
  return {args: [url], label: RULE.combined}
}

const normalizeCombined: Generator = (random) => normalizeScript(Array.from({length: 60}, () => combinedUrl(random)))

// ------------------------------------------------------------------ isAllowed: generators

const BOTS = ['CourseBot', 'ExampleBot', 'NewsCrawler', 'Spider-7']
const SEGMENTS = ['a', 'b', 'ab', 'shop', 'help', 'x', 'page', 'tmp', 'private', 'docs']

function robotsPath(random: Random): string {
  const segments = Array.from({length: integer(random, 1, 3)}, () => pick(random, SEGMENTS))
  let path = `/${segments.join('/')}`
  if (random() < 0.2) path += pick(random, ['/', '.pdf', '.html', '?id=1', '?q=a&b=2'])
  return path
}

/** A rule's pattern: usually a path prefix, sometimes shortened, sometimes with a wildcard or anchor. */
function rulePattern(random: Random, wild = 0): string {
  let pattern = robotsPath(random)
  if (random() < 0.3) pattern = pattern.slice(0, integer(random, 1, pattern.length))
  if (random() < wild) {
    const at = integer(random, 1, pattern.length)
    pattern = `${pattern.slice(0, at)}*${pattern.slice(at)}`
  }
  if (random() < wild / 2) pattern += '$'
  return pattern
}

interface RobotsQuery {
  readonly robots: string
  readonly agent: string
  readonly path: string
  readonly label: string
}

function robotsScript(queries: readonly RobotsQuery[]) {
  return {
    input: {steps: [{map: 'isAllowed', over: queries.map((q) => [q.robots, q.agent, q.path])}]},
    expected: {values: queries.map((q) => isAllowedModel(q.robots, q.agent, q.path)), labels: queries.map((q) => q.label)},
  }
}

const GROUP_RULES = {
  specific: 'the group naming the crawler replaces the `*` group (user agents compared case-insensitively)',
  fallback: 'a crawler without a group of its own follows the `*` groups',
  merged: 'all the groups that name the crawler are combined',
  none: 'with no group that applies, everything is allowed',
  severalAgents: 'a group may start with several User-agent lines',
  empty: 'a group that applies but has no rules allows everything; an empty Disallow adds no rule',
  orphan: 'rules before the first User-agent line belong to no group',
  newGroup: 'a User-agent line after a rule starts a new group',
  exact: 'a group applies only when one of its user agents equals the crawler’s token',
} as const

function rules(random: Random, count: number, wild = 0): string[] {
  return Array.from({length: count}, () => `${random() < 0.6 ? 'Disallow' : 'Allow'}: ${rulePattern(random, wild)}`)
}

function queriesFor(random: Random, robots: string, agents: readonly string[], label: string, count: number, paths: readonly string[] = []): RobotsQuery[] {
  return Array.from({length: count}, (_, i) => ({robots, agent: mixedCase(random, pick(random, agents)), path: i < paths.length ? paths[i]! : robotsPath(random), label}))
}

const robotsGroupSelection: Generator = (random) => {
  const queries: RobotsQuery[] = []
  const kinds = shuffle(random, Object.keys(GROUP_RULES) as Array<keyof typeof GROUP_RULES>)
  for (const kind of [...kinds, ...kinds.slice(0, 3)]) {
    const [me, other, third] = shuffle(random, BOTS) as [string, string, string]
    // Rules with disjoint prefixes: at most one rule matches any query, so only the choice of groups decides.
    const [mine, star] = shuffle(random, [
      ['Disallow: /tmp', 'Disallow: /shop', 'Allow: /page'],
      ['Disallow: /private', 'Disallow: /docs', 'Allow: /b'],
    ]) as [string[], string[]]
    const ua = (name: string) => `${pick(random, ['User-agent', 'user-agent', 'USER-AGENT'])}: ${mixedCase(random, name)}`
    let lines: string[]
    let agents: string[] = [me]
    switch (kind) {
      case 'specific':
        lines = random() < 0.5 ? [ua('*'), ...star, '', ua(me), ...mine] : [ua(me), ...mine, '', ua('*'), ...star]
        break
      case 'fallback':
        lines = [ua(me), ...mine, '', ua('*'), ...star]
        agents = [other]
        break
      case 'merged':
        lines = [ua(me), 'Disallow: /shop', '', ua('*'), 'Disallow: /private', 'Disallow: /b', '', ua(me), 'Disallow: /docs', 'Disallow: /a']
        break
      case 'none':
        lines = [ua(other), 'Disallow: /', '', ua(third), ...mine, ...star]
        break
      case 'severalAgents':
        lines = [ua(other), ua(me), ...mine, '', ua('*'), ...star]
        agents = random() < 0.5 ? [me] : [me, other]
        break
      case 'empty':
        lines = [ua(me), pick(random, ['Disallow:', 'Allow:', 'Disallow:   ']), '', ua('*'), 'Disallow: /']
        break
      case 'orphan':
        lines = ['Disallow: /', 'Allow: /tmp', ua('*'), ...star]
        agents = [me, other]
        break
      case 'newGroup':
        lines = [ua('*'), 'Disallow: /a', 'Disallow: /shop', ua(me), 'Disallow: /b', 'Disallow: /tmp']
        agents = [me, other]
        break
      case 'exact':
        lines = [ua(`${me}-News`), 'Disallow: /', '', ua(me.slice(0, 5)), 'Disallow: /', '', ua('*'), ...star]
        break
    }
    const robots = lines.join('\n')
    const paths = [...shuffle(random, ['/private/x', '/docs/a', '/tmp/y', '/shop/help']), pick(random, ['/a/b', '/b', '/page/2'])]
    queries.push(...queriesFor(random, robots, agents, GROUP_RULES[kind], 5, paths))
  }
  return robotsScript(queries)
}

/** Which rule decides, to label a query: the longest match, a tie, a wildcard, no match, or /robots.txt. */
function robotsLabel(robots: string, agent: string, path: string, wildcard: string): string {
  if (path === '/robots.txt') return FORMAT_RULES.robotsTxt
  const matching = applicableRules(robots, agent).filter((rule) => patternMatchesModel(rule.pattern, path))
  if (matching.length === 0) return LONGEST.noMatch
  const longest = Math.max(...matching.map((rule) => rule.pattern.length))
  const top = matching.filter((rule) => rule.pattern.length === longest)
  if (top.some((rule) => rule.allow) && top.some((rule) => !rule.allow)) return LONGEST.tie
  if (matching.some((rule) => /[*$]/.test(rule.pattern))) return wildcard
  return LONGEST.longest
}

const LONGEST = {
  longest: 'the longest matching pattern decides, whatever the order of the lines',
  tie: 'on a tie between Allow and Disallow of equal length, Allow wins',
  noMatch: 'a path that no rule matches is allowed',
} as const

const robotsLongestMatch: Generator = (random) => {
  const queries: RobotsQuery[] = []
  for (let f = 0; f < 10; f++) {
    const root = pick(random, ['/a', '/shop', '/docs', '/page'])
    const deeper = `${root}/${pick(random, SEGMENTS)}`
    const deepest = `${deeper}/${pick(random, SEGMENTS)}`
    const lines = [`Disallow: ${root}`, `Allow: ${deeper}`, `Disallow: ${deepest}`, ...rules(random, integer(random, 1, 3))]
    if (random() < 0.6) {
      const tied = pick(random, [root, deeper, `${root}x`])
      lines.push(`Allow: ${tied}`, `Disallow: ${tied}`)
    }
    if (random() < 0.5) {
      // Equal length, different patterns: `/ab*` and `/abc` both match `/abcd`.
      const stem = deeper.slice(0, -1)
      lines.push(`${random() < 0.5 ? 'Allow' : 'Disallow'}: ${stem}*`, `${random() < 0.5 ? 'Allow' : 'Disallow'}: ${deeper}`)
    }
    const robots = ['User-agent: *', ...shuffle(random, lines)].join('\n')
    const paths = [root, `${root}/zz`, deeper, `${deeper}/q`, deepest, `${deepest}.html`, `${root}x/1`, robotsPath(random)]
    for (const path of paths) queries.push({robots, agent: 'CourseBot', path, label: robotsLabel(robots, 'CourseBot', path, LONGEST.longest)})
  }
  return robotsScript(queries)
}

const WILD = {
  star: '`*` matches any sequence of characters, including none',
  anchor: 'a final `$` means the match must reach the end of the path',
  dollar: 'a `$` that is not the last character is an ordinary character',
  literal: 'other characters, such as . + ? ( [, match only themselves',
} as const

const WILDCARD_FILES: Array<{rules: string[]; paths: string[]; label: string}> = [
  {rules: ['Disallow: /*.pdf$', 'Allow: /'], paths: ['/a.pdf', '/docs/b.pdf', '/a.pdf?x=1', '/a.pdfx', '/pdf', '/.pdf'], label: WILD.anchor},
  {rules: ['Disallow: /a*b', 'Allow: /a*b/ok'], paths: ['/ab', '/aXYZb', '/a/b/c', '/a', '/ba', '/axb/ok', '/ab/okay'], label: WILD.star},
  {rules: ['Disallow: /*/private', 'Allow: /*/private/pub*'], paths: ['/x/private', '/private', '/a/b/private/c', '/x/private/public', '/x/privat'], label: WILD.star},
  {rules: ['Disallow: /a$b', 'Disallow: /p$'], paths: ['/a$b', '/a$bc', '/ab', '/a', '/p', '/p/', '/p$'], label: WILD.dollar},
  {rules: ['Disallow: /a.b', 'Disallow: /c+d', 'Disallow: /q?x', 'Disallow: /(e)', 'Disallow: /[f]', 'Disallow: /g|h', 'Disallow: /\\d'], paths: ['/a.b', '/aXb', '/c+d', '/ccd', '/q?x=1', '/qx', '/(e)', '/e', '/[f]', '/f', '/g|h', '/h', '/\\d', '/1'], label: WILD.literal},
  {rules: ['Disallow: *.gif$', 'Disallow: /**/tmp', 'Allow: /*$'], paths: ['/a.gif', '/a.gif?s=1', '/tmp', '/x/tmp/y', '/', '/anything'], label: WILD.star},
  {rules: ['Disallow: /', 'Allow: /$', 'Allow: /*?lang=*$'], paths: ['/', '/about', '/?lang=en', '/a?lang=', '/a?x=1&lang=de'], label: WILD.anchor},
]

const robotsWildcards: Generator = (random) => {
  const queries: RobotsQuery[] = []
  for (const file of WILDCARD_FILES) {
    const robots = ['User-agent: *', ...shuffle(random, file.rules)].join('\n')
    for (const path of file.paths) queries.push({robots, agent: pick(random, BOTS), path, label: robotsLabel(robots, 'x', path, file.label)})
  }
  // A few random files with wildcards on top of the fixed ones.
  for (let f = 0; f < 4; f++) {
    const robots = ['User-agent: *', ...rules(random, integer(random, 3, 6), 0.8)].join('\n')
    for (let i = 0; i < 5; i++) {
      const path = robotsPath(random)
      queries.push({robots, agent: 'CourseBot', path, label: robotsLabel(robots, 'x', path, WILD.star)})
    }
  }
  return robotsScript(queries)
}

const FORMAT_RULES = {
  comments: 'a comment runs from `#` to the end of the line and is ignored',
  blank: 'blank lines and lines without a colon are ignored; they do not end a group',
  keys: 'keys are case-insensitive and trimmed, and values are trimmed',
  unknown: 'lines with other keys (Sitemap, Crawl-delay, Host) are ignored entirely',
  endings: 'lines end at \\r\\n, \\n or \\r',
  bom: 'a leading byte-order mark is ignored',
  robotsTxt: '`/robots.txt` itself is always allowed',
} as const

const robotsFileFormat: Generator = (random) => {
  const queries: RobotsQuery[] = []
  const me = pick(random, BOTS)
  // Rules with disjoint prefixes, so that only reading the file right decides.
  const paths = ['/private/a', '/tmp/b', '/shop/help', '/docs/x', '/robots.txt', '/tmp#b', '/page']
  const variants: Array<{lines: string[]; join?: string; prefix?: string; label: string}> = [
    {lines: ['# rules for everyone', `User-agent: ${me} # our crawler`, 'Disallow: /private # keep out', '#Disallow: /docs', 'Disallow: /tmp#x'], label: FORMAT_RULES.comments},
    {lines: [`User-agent: ${me}`, '', 'Disallow: /private', '   ', 'this line has no colon', 'Disallow: /docs'], label: FORMAT_RULES.blank},
    {lines: [`  uSeR-AgEnT  :   ${me}  `, 'DISALLOW:/private', '  disallow :   /shop   ', 'disallow\t:\t/tmp'], label: FORMAT_RULES.keys},
    {lines: [`User-agent: ${me}`, 'Sitemap: https://example.org/sitemap.xml', 'Crawl-delay: 10', 'Disallow: /private', 'Host: example.org', 'Noindex: /docs', 'Disallow: /tmp'], label: FORMAT_RULES.unknown},
    {lines: ['User-agent: *', 'Disallow: /private', 'Allow: /page', 'Disallow: /docs'], join: '\r', label: FORMAT_RULES.endings},
    {lines: [`User-agent: ${me}`, 'Disallow: /tmp', 'Disallow: /shop'], join: '\r\n', label: FORMAT_RULES.endings},
    {lines: [`User-agent: ${me}`, 'Disallow: /private', '', 'User-agent: *', 'Disallow: /'], prefix: '\uFEFF', label: FORMAT_RULES.bom},
    {lines: ['User-agent: *', 'Disallow: /', '', `User-agent: ${me}`, 'Disallow: /'], label: FORMAT_RULES.robotsTxt},
  ]
  for (const variant of variants) {
    const robots = `${variant.prefix ?? ''}${variant.lines.join(variant.join ?? '\n')}${random() < 0.5 ? variant.join ?? '\n' : ''}`
    for (const path of shuffle(random, paths)) {
      const agent = variant.lines[0]!.includes('*') && random() < 0.3 ? pick(random, BOTS) : mixedCase(random, me)
      queries.push({robots, agent, path, label: path === '/robots.txt' ? FORMAT_RULES.robotsTxt : variant.label})
    }
  }
  return robotsScript(queries)
}

const robotsCombined: Generator = (random) => {
  const queries: RobotsQuery[] = []
  for (let f = 0; f < 10; f++) {
    const agents = shuffle(random, BOTS).slice(0, integer(random, 1, 3))
    const lines: string[] = random() < 0.2 ? ['Disallow: /orphan'] : []
    const patterns: string[] = []
    const groups = integer(random, 1, 4)
    for (let g = 0; g < groups; g++) {
      const names = random() < 0.3 ? [pick(random, agents), '*'] : [random() < 0.4 ? '*' : pick(random, agents)]
      for (const name of names) lines.push(`${pick(random, ['User-agent', 'user-agent'])}: ${mixedCase(random, name)}${random() < 0.1 ? ' # bot' : ''}`)
      for (const rule of rules(random, integer(random, 0, 4), 0.3)) {
        patterns.push(rule.slice(rule.indexOf(':') + 2))
        lines.push(random() < 0.1 ? `${rule} # note` : rule)
      }
      if (random() < 0.2) lines.push(pick(random, ['Crawl-delay: 5', 'Sitemap: https://example.org/s.xml', '# comment', '']))
    }
    const robots = lines.join(pick(random, ['\n', '\n', '\r\n', '\r']))
    for (let i = 0; i < 6; i++) {
      const agent = random() < 0.8 ? mixedCase(random, pick(random, agents)) : pick(random, BOTS)
      // Mostly paths that extend some rule's pattern, so that rules match and compete.
      let path = robotsPath(random)
      if (patterns.length > 0 && random() < 0.7) path = `${pick(random, patterns).replace(/[*$]/g, () => (random() < 0.5 ? '' : pick(random, SEGMENTS)))}${random() < 0.5 ? pick(random, ['', '/', '/x', '.pdf', '?id=2']) : ''}`
      if (!path.startsWith('/')) path = `/${path}`
      if (random() < 0.05) path = '/robots.txt'
      queries.push({robots, agent, path, label: combinedRobotsLabel(robots, agent, path)})
    }
  }
  return robotsScript(queries)
}

/** For random files: which groups applied, then what decided among their rules. */
function combinedRobotsLabel(robots: string, agent: string, path: string): string {
  if (path === '/robots.txt') return FORMAT_RULES.robotsTxt
  const {from} = applicableGroups(robots, agent)
  const groups = from === 'own' ? GROUP_RULES.specific : from === 'star' ? GROUP_RULES.fallback : GROUP_RULES.none
  return from === 'none' ? groups : `${groups}; then ${robotsLabel(robots, agent, path, WILD.star)}`
}

function explainRobots(want: unknown, got: unknown, label: string | undefined): string {
  if (typeof got !== 'boolean') return 'isAllowed returns true or false'
  const what = want ? 'an allowed path was refused' : 'a disallowed path was allowed'
  return label === undefined ? what : `${label} (${what})`
}

// ------------------------------------------------------------------ createFrontier

type FrontierStep = {call: 'add'; args: [string, number]} | {call: 'next'; args: [number]} | {call: 'size'}
interface FrontierScript {
  create: {export: 'createFrontier'; args: [{delayMs: number}]}
  steps: FrontierStep[]
}

/** What the model knew just before a `next`: each host's last fetch start and which hosts were ready. */
interface NextNote {
  readonly lastStart: Record<string, number>
  readonly ready: string[]
}

/** Replays a script on the model: the value of every step and, for each `next`, the note above. */
function replay(script: FrontierScript): {values: unknown[]; notes: Array<NextNote | undefined>} {
  const delayMs = script.create.args[0].delayMs
  const model = new FrontierModel(delayMs)
  const values: unknown[] = []
  const notes: Array<NextNote | undefined> = []
  const lastStart: Record<string, number> = {}
  const waitingHosts = new Map<string, number>()
  for (const step of script.steps) {
    if (step.call === 'add') {
      const accepted = model.add(step.args[0], step.args[1])
      values.push(accepted)
      notes.push(undefined)
      if (accepted) {
        const host = new URL(normalizeModel(step.args[0])!).host
        waitingHosts.set(host, (waitingHosts.get(host) ?? 0) + 1)
      }
    } else if (step.call === 'size') {
      values.push(model.size())
      notes.push(undefined)
    } else {
      const now = step.args[0]
      const ready = [...waitingHosts.keys()].filter((host) => lastStart[host] === undefined || lastStart[host]! + delayMs <= now)
      notes.push({lastStart: {...lastStart}, ready})
      const dispatch = model.next(now)
      values.push(dispatch)
      if (dispatch) {
        const host = new URL(dispatch.url).host
        lastStart[host] = now + dispatch.waitMs
        const left = waitingHosts.get(host)! - 1
        if (left === 0) waitingHosts.delete(host)
        else waitingHosts.set(host, left)
      }
    }
  }
  return {values, notes}
}

const FRONTIER_RULES = {
  addNew: '`add` accepts a URL whose normalised form was never accepted before',
  addDuplicate: '`add` rejects a URL whose normalised form was accepted before (waiting or handed out), and one that normalizeUrl rejects',
  size: '`size` counts the URLs accepted and not yet handed out',
  empty: '`next` returns null when no URL is waiting',
  missing: '`next` returns a URL while any URL is waiting',
  shape: '`next` returns {url, waitMs} with the normalised URL and a wait of at least 0',
  delay: 'no host is handed out again until its delay has passed since its last fetch started',
  wait: '`waitMs` is the host’s ready time minus now, or 0 when the host is ready',
  head: 'a host’s head is its waiting URL with the smallest priority, then the one accepted first',
  readyFirst: 'a ready host is served before any host that must still wait',
  readyOrder: 'among ready hosts, the head with the smallest priority goes first; ties go to the smaller ready time, then to the head accepted first',
  waitOrder: 'when no host is ready, the host that becomes ready first goes; ties go to the head with the smallest priority, then to the head accepted first',
  normalised: '`next` hands out the URL in its normalised form',
} as const

function hostOf(url: unknown): string | undefined {
  return typeof url === 'string' ? safeUrl(url)?.host : undefined
}

function explainFrontier(step: FrontierStep, want: unknown, got: unknown, note: NextNote | undefined, delayMs: number): string {
  if (step.call === 'add') return want === true ? FRONTIER_RULES.addNew : FRONTIER_RULES.addDuplicate
  if (step.call === 'size') return FRONTIER_RULES.size
  if (want === null) return FRONTIER_RULES.empty
  if (got === null || got === undefined) return FRONTIER_RULES.missing
  const dispatch = got as {url?: unknown; waitMs?: unknown}
  if (typeof dispatch !== 'object' || typeof dispatch.url !== 'string' || typeof dispatch.waitMs !== 'number' || !(dispatch.waitMs >= 0)) return FRONTIER_RULES.shape
  const expected = want as {url: string; waitMs: number}
  const now = step.args[0]
  const host = hostOf(dispatch.url)
  const last = host === undefined ? undefined : note?.lastStart[host]
  if (last !== undefined && now + dispatch.waitMs < last + delayMs) return FRONTIER_RULES.delay
  if (dispatch.url === expected.url) return FRONTIER_RULES.wait
  const wantHost = hostOf(expected.url)
  if (host === undefined || normalizeModel(dispatch.url) !== dispatch.url) return FRONTIER_RULES.normalised
  if (host === wantHost) return FRONTIER_RULES.head
  if (note && note.ready.length > 0) return note.ready.includes(host) ? FRONTIER_RULES.readyOrder : FRONTIER_RULES.readyFirst
  return FRONTIER_RULES.waitOrder
}

function describeStep(step: FrontierStep): string {
  return `${step.call}(${'args' in step ? argsText(step.args) : ''})`
}

/** Expected results in the script convention, `{value}` per step. */
function checkFrontierScript(script: FrontierScript, output: unknown, wanted: Array<{value: unknown}> | undefined, visible: boolean, label: string): string | undefined {
  const out = output as {createError?: string; results?: unknown[]}
  if (!out || !Array.isArray(out.results)) return `${label}no result came back`
  if (out.createError !== undefined) return `${label}createFrontier failed${visible ? `: ${out.createError}` : ''}`
  const {values, notes} = replay(script)
  const want = wanted?.map((w) => w.value) ?? values
  for (let s = 0; s < script.steps.length; s++) {
    const step = script.steps[s]!
    const entry = out.results[s] as CallEntry | undefined
    if (entry === undefined) return `${label}no result for \`${step.call}\``
    if (entry.error !== undefined) return visible ? `${label}step ${s + 1}, ${describeStep(step)}, threw: ${entry.error}` : `${label}\`${step.call}\` threw an error`
    const expected = want[s]
    const same = expected === null ? entry.value === null || entry.value === undefined : JSON.stringify(entry.value) === JSON.stringify(expected) || sameDispatch(entry.value, expected)
    if (same) continue
    const rule = explainFrontier(step, expected, entry.value, notes[s], script.create.args[0].delayMs)
    return visible ? `${label}step ${s + 1}, ${describeStep(step)}, must give ${show(expected)}, got ${show(entry.value)} (${rule})` : `${label}the first wrong answer came from \`${step.call}\` and broke this rule: ${rule}`
  }
  return undefined
}

function sameDispatch(got: unknown, want: unknown): boolean {
  if (typeof want !== 'object' || want === null || typeof got !== 'object' || got === null) return false
  const g = got as Record<string, unknown>
  const w = want as Record<string, unknown>
  return g.url === w.url && g.waitMs === w.waitMs && Object.keys(g).every((k) => k === 'url' || k === 'waitMs' || g[k] === undefined)
}

/** Frontier scripts (one, or `{scripts}`), replayed on the model; expectations from `expect` when given. */
const frontierCheck: Check = ({input, output, expected, visible}) => {
  const many = input as {scripts?: FrontierScript[]}
  const wanted = expected as {scripts?: Array<{results: Array<{value: unknown}>}>; results?: Array<{value: unknown}>} | undefined
  if (Array.isArray(many.scripts)) {
    const outputs = (output as {scripts?: unknown[]}).scripts
    if (!Array.isArray(outputs)) return fail('no result came back')
    for (let i = 0; i < many.scripts.length; i++) {
      const problem = checkFrontierScript(many.scripts[i]!, outputs[i], wanted?.scripts?.[i]?.results, visible, many.scripts.length > 1 ? `frontier ${i + 1}: ` : '')
      if (problem) return fail(problem)
    }
    return {passed: true}
  }
  const problem = checkFrontierScript(input as FrontierScript, output, wanted?.results, visible, '')
  return problem ? fail(problem) : {passed: true}
}

// ------------------------------------------------------------------ createFrontier: generators

interface Site {
  readonly scheme: string
  readonly host: string
  readonly port: string
}

function sites(random: Random, count: number): Site[] {
  const out: Site[] = []
  const seen = new Set<string>()
  while (out.length < count) {
    const scheme = pick(random, ['http', 'https'])
    // Now and then the same host name on another port: a different host for politeness.
    const host = random() < 0.3 && out.length > 0 ? pick(random, out).host : hostName(random)
    const port = random() < 0.3 ? pick(random, ['8080', '8443', '81']) : ''
    const key = `${host}:${port}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({scheme, host, port})
  }
  return out
}

/** A page of a site, spelt canonically. */
function pageUrl(random: Random, site: Site): string {
  return `${site.scheme}://${site.host}${site.port ? `:${site.port}` : ''}/${word(random, 1, 4)}${random() < 0.5 ? `/${word(random, 1, 5)}` : ''}${random() < 0.2 ? `?id=${integer(random, 1, 99)}` : ''}`
}

/** Another spelling of the same page: the frontier must see it as a duplicate. */
function respell(random: Random, url: string): string {
  const u = new URL(url)
  const port = u.port === '' ? '' : `:${u.port}`
  const build = (scheme: string, host: string, path: string, rest: string) => `${scheme}//${host}${path}${rest}`
  const options = [
    () => build(u.protocol, u.hostname.toUpperCase() + port, u.pathname, u.search),
    () => build(u.protocol.toUpperCase(), u.host, u.pathname, u.search),
    () => build(u.protocol, u.port === '' ? `${u.hostname}:${u.protocol === 'http:' ? 80 : 443}` : u.host, u.pathname, u.search),
    () => build(u.protocol, u.host, u.pathname, `${u.search}#${word(random, 1, 4)}`),
    () => build(u.protocol, u.host, u.pathname, `${u.search}${u.search ? '&' : '?'}utm_source=${word(random, 1, 4)}`),
    () => build(u.protocol, u.host, `/${word(random, 1, 3)}/..${u.pathname}`, u.search),
    () => build(u.protocol, u.host, `/.${u.pathname}`, u.search),
    () => build(u.protocol, `${u.hostname}.${port}`, u.pathname, u.search),
    () => build(u.protocol, u.host, u.pathname.replace(/^\/([a-z])/, (_, c: string) => `/%${c.charCodeAt(0).toString(16)}`), u.search),
    () => build(u.protocol, u.host, u.pathname, `${u.search}${u.search ? '&&' : '?'}`),
  ]
  const variant = pick(random, options)()
  return normalizeModel(variant) === normalizeModel(url) ? variant : `${url}#same`
}

/** A new page, spelt canonically or (a quarter of the time) in another spelling of the same URL. */
function newPage(random: Random, site: Site): string {
  const url = pageUrl(random, site)
  return random() < 0.25 ? respell(random, url) : url
}

function frontierScript(delayMs: number, steps: FrontierStep[]) {
  const script: FrontierScript = {create: {export: 'createFrontier', args: [{delayMs}]}, steps}
  return {input: script, expected: {results: replay(script).values.map((value) => ({value}))}}
}

const priorityOf = (random: Random): number => (random() < 0.1 ? pick(random, [-1, 0.5, 1.5, 2.25]) : integer(random, 0, 3))

const frontierDeduplication: Generator = (random) => {
  // One host and no delay: only what was accepted, and in what order of urgency, decides the answers.
  const delayMs = 0
  const all = sites(random, 1)
  const accepted: string[] = []
  const steps: FrontierStep[] = []
  let now = 0
  for (let i = 0; i < 70; i++) {
    const roll = random()
    if (roll < 0.35 || accepted.length === 0) {
      const url = newPage(random, pick(random, all))
      steps.push({call: 'add', args: [url, priorityOf(random)]})
      accepted.push(url)
    } else if (roll < 0.7) {
      steps.push({call: 'add', args: [respell(random, pick(random, accepted)), priorityOf(random)]})
    } else if (roll < 0.78) {
      steps.push({call: 'add', args: [pick(random, ['mailto:jo@example.org', 'ftp://example.org/x', 'not a url', '', 'javascript:void(0)']), 0]})
    } else if (roll < 0.88) {
      steps.push({call: 'size'})
    } else {
      now += integer(random, 0, 1000)
      steps.push({call: 'next', args: [now]})
    }
  }
  for (let i = 0; i < 30; i++) {
    now += integer(random, 0, 1000)
    steps.push({call: 'next', args: [now]})
    if (random() < 0.2) steps.push({call: 'add', args: [respell(random, pick(random, accepted)), -5]})
  }
  steps.push({call: 'size'})
  return frontierScript(delayMs, steps)
}

const frontierPoliteness: Generator = (random) => {
  const delayMs = integer(random, 5, 50) * 100
  const all = sites(random, integer(random, 1, 3))
  const steps: FrontierStep[] = []
  for (let i = 0; i < 30; i++) steps.push({call: 'add', args: [pageUrl(random, pick(random, all)), priorityOf(random)]})
  let now = integer(random, 0, 10_000)
  for (let i = 0; i < 45; i++) {
    now += integer(random, 0, Math.round(delayMs * 0.8))
    steps.push({call: 'next', args: [now]})
    if (random() < 0.2) steps.push({call: 'add', args: [pageUrl(random, pick(random, all)), priorityOf(random)]})
  }
  return frontierScript(delayMs, steps)
}

const frontierPriorityOrder: Generator = (random) => {
  const delayMs = integer(random, 1, 10) * 100
  const all = sites(random, integer(random, 4, 7))
  const steps: FrontierStep[] = []
  for (let i = 0; i < 40; i++) steps.push({call: 'add', args: [pageUrl(random, pick(random, all)), priorityOf(random)]})
  let now = 0
  for (let i = 0; i < 60; i++) {
    // Mostly far enough apart that several hosts are ready at once.
    now += random() < 0.7 ? integer(random, delayMs, 3 * delayMs) : integer(random, 0, delayMs)
    steps.push({call: 'next', args: [now]})
    if (random() < 0.3) steps.push({call: 'add', args: [pageUrl(random, pick(random, all)), priorityOf(random)]})
  }
  return frontierScript(delayMs, steps)
}

const frontierWaiting: Generator = (random) => {
  const delayMs = integer(random, 2, 30) * 100
  const all = sites(random, integer(random, 3, 5))
  const steps: FrontierStep[] = [{call: 'next', args: [0]}, {call: 'size'}]
  for (let i = 0; i < 30; i++) steps.push({call: 'add', args: [pageUrl(random, pick(random, all)), priorityOf(random)]})
  // Every host served at the same instant, so their ready times tie; then nothing is ready.
  let now = integer(random, 0, 1000)
  for (let i = 0; i < 40; i++) {
    steps.push({call: 'next', args: [now]})
    if (random() < 0.25) now += integer(random, 0, Math.round(delayMs / 3))
    if (random() < 0.1) steps.push({call: 'size'})
  }
  steps.push({call: 'next', args: [now]}, {call: 'size'})
  return frontierScript(delayMs, steps)
}

const frontierWorkloads: Generator = (random) => {
  const delayMs = random() < 0.15 ? 0 : integer(random, 1, 30) * 100
  const all = sites(random, integer(random, 3, 6))
  const urls: string[] = []
  const steps: FrontierStep[] = []
  let now = integer(random, 0, 100_000)
  for (let i = 0; i < 220; i++) {
    const roll = random()
    if (roll < 0.45) {
      const url = urls.length > 0 && random() < 0.15 ? respell(random, pick(random, urls)) : newPage(random, pick(random, all))
      urls.push(url)
      steps.push({call: 'add', args: [url, priorityOf(random)]})
    } else if (roll < 0.92) {
      now += random() < 0.3 ? 0 : integer(random, 0, Math.max(1, Math.round(delayMs * 1.5)))
      steps.push({call: 'next', args: [now]})
    } else {
      steps.push({call: 'size'})
    }
  }
  return frontierScript(delayMs, steps)
}

// =================================================================== the module

const grader: GraderModule = {
  documentChecks: {
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
  },
  generators: {
    'normalize-case-and-ports': normalizeCaseAndPorts,
    'normalize-dots-and-fragments': normalizeDotsAndFragments,
    'normalize-credentials-and-trailing-dot': normalizeCredentialsAndDots,
    'normalize-percent-escapes': normalizePercentEscapes,
    'normalize-query': normalizeQuery,
    'normalize-relative': normalizeRelative,
    'normalize-rejected': normalizeRejected,
    'normalize-combined': normalizeCombined,
    'robots-group-selection': robotsGroupSelection,
    'robots-longest-match': robotsLongestMatch,
    'robots-wildcards': robotsWildcards,
    'robots-file-format': robotsFileFormat,
    'robots-combined': robotsCombined,
    'frontier-deduplication': frontierDeduplication,
    'frontier-politeness': frontierPoliteness,
    'frontier-priority-order': frontierPriorityOrder,
    'frontier-waiting': frontierWaiting,
    'frontier-workloads': frontierWorkloads,
  },
  checks: {
    normalize: mapCalls(explainNormalize),
    robots: mapCalls(explainRobots),
    frontier: frontierCheck,
  },
}

export const {documentChecks, generators, checks} = grader
