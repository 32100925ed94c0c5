/**
 * The core of a polite crawler: URL normalisation, a robots.txt matcher and a
 * frontier that hands out URLs one host at a time.
 *
 * Reference solution. The contracts are documented in full in the starter; the
 * comments here explain the choices behind the implementation.
 */

// ---------------------------------------------------------------------------
// URL normalisation

const UNRESERVED = /^[A-Za-z0-9\-._~]$/

/** Decodes escapes of unreserved characters and upper-cases all other escapes. */
function normalizeEscapes(text: string): string {
  // One pass over the original text: a decoded character is never re-examined,
  // so `%2541` stays `%2541` instead of collapsing to `A`.
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16))
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`
  })
}

function keepQueryPart(part: string): boolean {
  if (part === '') return false
  const name = part.split('=', 1)[0]!
  return !name.startsWith('utm_')
}

export function normalizeUrl(url: string, base?: string): string | null {
  let parsed: URL
  try {
    parsed = base === undefined ? new URL(url) : new URL(url, base)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null

  // The parser has lower-cased the host, applied punycode and dropped a
  // default port; only the trailing dot of a fully qualified name remains.
  let hostname = parsed.hostname
  if (hostname.length > 1 && hostname.endsWith('.')) hostname = hostname.slice(0, -1)
  const host = parsed.port === '' ? hostname : `${hostname}:${parsed.port}`

  const path = normalizeEscapes(parsed.pathname)
  const query = normalizeEscapes(parsed.search.slice(1))
    .split('&')
    .filter(keepQueryPart)
    .join('&')

  // Building the string by hand leaves out user name, password and fragment.
  return `${parsed.protocol}//${host}${path}${query === '' ? '' : `?${query}`}`
}

// ---------------------------------------------------------------------------
// robots.txt

interface Rule {
  readonly allow: boolean
  readonly pattern: string
}

interface Group {
  readonly agents: string[]
  readonly rules: Rule[]
}

function parseGroups(robotsTxt: string): Group[] {
  const groups: Group[] = []
  let current: Group | undefined
  // True once the current group has seen an allow/disallow line: the next
  // user-agent line then opens a new group instead of joining this one.
  let sawRule = false

  const text = robotsTxt.startsWith('\uFEFF') ? robotsTxt.slice(1) : robotsTxt
  for (const rawLine of text.split(/\r\n|\n|\r/)) {
    const hash = rawLine.indexOf('#')
    const line = (hash === -1 ? rawLine : rawLine.slice(0, hash)).trim()
    const colon = line.indexOf(':')
    if (line === '' || colon === -1) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()

    if (key === 'user-agent') {
      if (current === undefined || sawRule) {
        current = {agents: [], rules: []}
        groups.push(current)
        sawRule = false
      }
      current.agents.push(value.toLowerCase())
    } else if (key === 'allow' || key === 'disallow') {
      if (current === undefined) continue // a rule outside any group
      sawRule = true
      if (value !== '') current.rules.push({allow: key === 'allow', pattern: value})
    }
  }
  return groups
}

/** Prefix match with `*` as a wildcard and a final `$` as an end anchor. */
function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$')
  const body = anchored ? pattern.slice(0, -1) : pattern
  const source = body
    .split('*')
    .map((piece) => piece.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}${anchored ? '$' : ''}`, 's').test(path)
}

export function isAllowed(robotsTxt: string, userAgent: string, path: string): boolean {
  if (path === '/robots.txt') return true

  const groups = parseGroups(robotsTxt)
  const agent = userAgent.toLowerCase()
  let applicable = groups.filter((group) => group.agents.includes(agent))
  if (applicable.length === 0) applicable = groups.filter((group) => group.agents.includes('*'))

  let bestLength = -1
  let allowed = true
  for (const rule of applicable.flatMap((group) => group.rules)) {
    if (!patternMatches(rule.pattern, path)) continue
    const length = rule.pattern.length
    if (length > bestLength) {
      bestLength = length
      allowed = rule.allow
    } else if (length === bestLength && rule.allow) {
      allowed = true // an allow/disallow tie goes to allow
    }
  }
  return allowed
}

// ---------------------------------------------------------------------------
// Frontier

export interface FrontierOptions {
  readonly delayMs: number
}

export interface Dispatch {
  readonly url: string
  readonly waitMs: number
}

export interface Frontier {
  add(url: string, priority: number): boolean
  next(now: number): Dispatch | null
  size(): number
}

interface Entry {
  readonly url: string
  readonly priority: number
  /** Order of acceptance, for first-come tie-breaking. */
  readonly seq: number
}

/** Orders entries by priority, then by order of acceptance. */
function before(a: Entry, b: Entry): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)
}

export function createFrontier(options: FrontierOptions): Frontier {
  const {delayMs} = options
  const seen = new Set<string>()
  // One queue per host, each kept sorted so that its head is at index 0.
  const queues = new Map<string, Entry[]>()
  // Ready time per host; a host missing from the map has never been served.
  const readyAt = new Map<string, number>()
  let accepted = 0
  let waiting = 0

  const readyTime = (host: string): number => readyAt.get(host) ?? -Infinity

  function add(url: string, priority: number): boolean {
    const normalized = normalizeUrl(url)
    if (normalized === null || seen.has(normalized)) return false
    seen.add(normalized)

    const host = new URL(normalized).host
    const entry: Entry = {url: normalized, priority, seq: accepted++}
    let queue = queues.get(host)
    if (queue === undefined) {
      queue = []
      queues.set(host, queue)
    }
    // Binary search for the insertion point keeps the queue sorted.
    let lo = 0
    let hi = queue.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (before(queue[mid]!, entry)) lo = mid + 1
      else hi = mid
    }
    queue.splice(lo, 0, entry)
    waiting++
    return true
  }

  function next(now: number): Dispatch | null {
    let best: {host: string; head: Entry; ready: number; isReady: boolean} | undefined
    for (const [host, queue] of queues) {
      const head = queue[0]!
      const ready = readyTime(host)
      const candidate = {host, head, ready, isReady: ready <= now}
      if (best === undefined || better(candidate, best)) best = candidate
    }
    if (best === undefined) return null

    const queue = queues.get(best.host)!
    queue.shift()
    if (queue.length === 0) queues.delete(best.host)
    waiting--

    const start = best.isReady ? now : best.ready
    readyAt.set(best.host, start + delayMs)
    return {url: best.head.url, waitMs: start - now}
  }

  /**
   * A ready host beats any host that is not ready. Among ready hosts urgency
   * comes first (they can all start now); among waiting hosts the earliest
   * ready time comes first (nothing else can start sooner).
   */
  function better(
    a: {head: Entry; ready: number; isReady: boolean},
    b: {head: Entry; ready: number; isReady: boolean},
  ): boolean {
    if (a.isReady !== b.isReady) return a.isReady
    if (a.isReady) {
      if (a.head.priority !== b.head.priority) return a.head.priority < b.head.priority
      if (a.ready !== b.ready) return a.ready < b.ready
    } else {
      if (a.ready !== b.ready) return a.ready < b.ready
      if (a.head.priority !== b.head.priority) return a.head.priority < b.head.priority
    }
    return a.head.seq < b.head.seq
  }

  return {add, next, size: () => waiting}
}
