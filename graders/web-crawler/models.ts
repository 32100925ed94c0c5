/**
 * Independent models of the frontier.ts contracts, written from its comments and apart from the
 * reference solution, so that each checks the other. Hidden cases run them in the grader's own
 * process to know what the learner's code must return.
 */

// ------------------------------------------------------------------ normalizeUrl

const HEX = '0123456789ABCDEF'

function isHexDigit(char: string | undefined): boolean {
  return char !== undefined && /^[0-9A-Fa-f]$/.test(char)
}

function isUnreservedCode(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e // ~
  )
}

/** Rule 5: one left-to-right pass; a decoded character is emitted and never looked at again. */
export function rewriteEscapes(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    if (text[i] === '%' && isHexDigit(text[i + 1]) && isHexDigit(text[i + 2])) {
      const code = parseInt(text.slice(i + 1, i + 3), 16)
      out += isUnreservedCode(code) ? String.fromCharCode(code) : `%${HEX[code >> 4]}${HEX[code & 15]}`
      i += 3
    } else {
      out += text[i]
      i += 1
    }
  }
  return out
}

/** Rule 6: the query parts kept, in order. */
function keptQuery(query: string): string {
  const kept: string[] = []
  for (const part of query.split('&')) {
    if (part.length === 0) continue
    const equals = part.indexOf('=')
    const name = equals < 0 ? part : part.slice(0, equals)
    if (name.slice(0, 4) === 'utm_') continue
    kept.push(part)
  }
  return kept.join('&')
}

export function normalizeModel(url: string, base?: string): string | null {
  let parsed: URL
  try {
    parsed = typeof base === 'string' ? new URL(url, base) : new URL(url)
  } catch {
    return null
  }
  const scheme = parsed.protocol
  if (scheme !== 'http:' && scheme !== 'https:') return null
  let host = parsed.hostname
  if (host !== '.' && host[host.length - 1] === '.') host = host.slice(0, host.length - 1)
  if (parsed.port !== '') host += `:${parsed.port}`
  const path = rewriteEscapes(parsed.pathname)
  const rawQuery = parsed.search.length > 0 ? parsed.search.slice(1) : ''
  const query = keptQuery(rewriteEscapes(rawQuery))
  return query.length > 0 ? `${scheme}//${host}${path}?${query}` : `${scheme}//${host}${path}`
}

// ------------------------------------------------------------------ isAllowed

interface RobotsRule {
  allow: boolean
  pattern: string
}

interface RobotsGroup {
  agents: string[]
  rules: RobotsRule[]
  closed: boolean
}

function robotsGroups(text: string): RobotsGroup[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const groups: RobotsGroup[] = []
  for (const raw of body.replace(/\r\n/g, '\n').replace(/\r/g, '\n').split('\n')) {
    const comment = raw.indexOf('#')
    const line = (comment >= 0 ? raw.slice(0, comment) : raw).trim()
    if (line.length === 0) continue
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    const last = groups[groups.length - 1]
    if (key === 'user-agent') {
      if (last === undefined || last.closed) groups.push({agents: [value.toLowerCase()], rules: [], closed: false})
      else last.agents.push(value.toLowerCase())
    } else if (key === 'allow' || key === 'disallow') {
      if (last === undefined) continue
      last.closed = true
      if (value.length > 0) last.rules.push({allow: key === 'allow', pattern: value})
    }
  }
  return groups
}

/**
 * Does `pattern` match a prefix of `path` (or all of it, with a final `$`)? Matched by dynamic
 * programming over positions, so no regular expression is involved.
 */
export function patternMatchesModel(pattern: string, path: string): boolean {
  const anchored = pattern.length > 0 && pattern[pattern.length - 1] === '$'
  const body = anchored ? pattern.slice(0, -1) : pattern
  // reachable[j]: the pattern read so far can end at position j of the path.
  let reachable: boolean[] = new Array<boolean>(path.length + 1).fill(false)
  reachable[0] = true
  for (const char of body) {
    const next = new Array<boolean>(path.length + 1).fill(false)
    if (char === '*') {
      let any = false
      for (let j = 0; j <= path.length; j++) {
        any = any || reachable[j]!
        next[j] = any
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reachable[j] && path[j] === char) next[j + 1] = true
    }
    reachable = next
  }
  return anchored ? reachable[path.length]! : reachable.some(Boolean)
}

/** Which groups apply to `userAgent` (its own, else the `*` ones, else none) and their rules. */
export function applicableGroups(robotsTxt: string, userAgent: string): {from: 'own' | 'star' | 'none'; rules: Array<{allow: boolean; pattern: string}>} {
  const groups = robotsGroups(robotsTxt)
  const agent = userAgent.toLowerCase()
  const own = groups.filter((g) => g.agents.indexOf(agent) >= 0)
  if (own.length > 0) return {from: 'own', rules: own.flatMap((g) => g.rules)}
  const star = groups.filter((g) => g.agents.indexOf('*') >= 0)
  if (star.length > 0) return {from: 'star', rules: star.flatMap((g) => g.rules)}
  return {from: 'none', rules: []}
}

export function applicableRules(robotsTxt: string, userAgent: string): Array<{allow: boolean; pattern: string}> {
  return applicableGroups(robotsTxt, userAgent).rules
}

export function isAllowedModel(robotsTxt: string, userAgent: string, path: string): boolean {
  if (path === '/robots.txt') return true
  let longestAllow = -1
  let longestDisallow = -1
  for (const rule of applicableRules(robotsTxt, userAgent)) {
    if (!patternMatchesModel(rule.pattern, path)) continue
    if (rule.allow) longestAllow = Math.max(longestAllow, rule.pattern.length)
    else longestDisallow = Math.max(longestDisallow, rule.pattern.length)
  }
  return longestAllow >= longestDisallow
}

// ------------------------------------------------------------------ createFrontier

export interface DispatchModel {
  url: string
  waitMs: number
}

interface Waiting {
  url: string
  host: string
  priority: number
  order: number
}

/** How the frontier model normalises what `add` is given: a string, null (rejected), or undefined (unknown). */
export type Normaliser = (url: string) => string | null | undefined

/** The host of a normalised URL, port included; the text itself when it does not parse. */
export function hostOfNormalised(normal: string): string {
  try {
    return new URL(normal).host
  } catch {
    return normal
  }
}

/**
 * The frontier as one flat list of waiting URLs: every `next` finds each host's head by a scan.
 * Slow and plain on purpose, so it shares no structure with a heap or sorted-queue solution.
 *
 * `add` normalises with `normalise`: the model of normalizeUrl by default; the hidden cases pass
 * what the learner's own normalizeUrl answered, so that a mistake in normalisation is charged to
 * the cases of normalizeUrl and not again to every frontier case. A URL whose normalisation is
 * unknown (the learner's normalizeUrl threw) is treated as rejected.
 */
export class FrontierModel {
  private readonly accepted = new Set<string>()
  private readonly waiting: Waiting[] = []
  private readonly lastStart = new Map<string, number>()
  private counter = 0

  constructor(
    private readonly delayMs: number,
    private readonly normalise: Normaliser = normalizeModel,
  ) {}

  add(url: string, priority: number): boolean {
    const normal = this.normalise(url)
    if (normal === null || normal === undefined || this.accepted.has(normal)) return false
    this.accepted.add(normal)
    this.waiting.push({url: normal, host: hostOfNormalised(normal), priority, order: this.counter++})
    return true
  }

  size(): number {
    return this.waiting.length
  }

  private readyTime(host: string): number {
    const start = this.lastStart.get(host)
    return start === undefined ? -Infinity : start + this.delayMs
  }

  /** Each host with a waiting URL and its ready time (for generators that steer the clock). */
  readyTimes(): Map<string, number> {
    const out = new Map<string, number>()
    for (const entry of this.waiting) out.set(entry.host, this.readyTime(entry.host))
    return out
  }

  next(now: number): DispatchModel | null {
    const heads = new Map<string, Waiting>()
    for (const entry of this.waiting) {
      const head = heads.get(entry.host)
      if (head === undefined || entry.priority < head.priority || (entry.priority === head.priority && entry.order < head.order)) heads.set(entry.host, entry)
    }
    if (heads.size === 0) return null
    type Candidate = {head: Waiting; ready: number}
    const candidates: Candidate[] = [...heads.values()].map((head) => ({head, ready: this.readyTime(head.host)}))
    const ready = candidates.filter((c) => c.ready <= now)
    // Lexicographic order on the keys given; -Infinity (never served) compares like any number.
    const byKeys = (keys: ReadonlyArray<(c: Candidate) => number>) => (a: Candidate, b: Candidate) => {
      for (const key of keys) if (key(a) !== key(b)) return key(a) < key(b) ? -1 : 1
      return 0
    }
    const priority = (c: Candidate) => c.head.priority
    const readyAt = (c: Candidate) => c.ready
    const order = (c: Candidate) => c.head.order
    const chosen = ready.length > 0 ? ready.sort(byKeys([priority, readyAt, order]))[0]! : candidates.sort(byKeys([readyAt, priority, order]))[0]!
    const start = ready.length > 0 ? now : chosen.ready
    this.waiting.splice(this.waiting.indexOf(chosen.head), 1)
    this.lastStart.set(chosen.head.host, start)
    return {url: chosen.head.url, waitMs: start - now}
  }
}
