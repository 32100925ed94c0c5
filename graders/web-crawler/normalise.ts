/**
 * normalizeUrl: generators of per-learner URLs, each labelled with the rule it exercises, and the
 * check that names the rule behind the first wrong answer. What each URL must become comes from
 * the independent model (models.ts), never from the learner's code.
 */
import {calls, integer, pick, shuffle, type Generator, type Random, type Step} from 'course/kit'
import {callByCall, type MappedValues} from './call-by-call.js'
import {normalizeModel} from './models.js'
import {hostName, LOWER, mixedCase, word} from './random-text.js'

// ------------------------------------------------------------------ explaining a wrong answer

/** The rules of normalizeUrl, as the learner reads them when one is broken. */
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

/** The URL the parser makes of `text`, or undefined when it rejects it. */
export function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** A URL that still spells out port 80 or 443, the default of one of the two schemes. */
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

// ------------------------------------------------------------------ generators

/** A path of plain words, optionally in mixed case: nothing in it for the rules to change but case. */
function plainPath(random: Random, mixed = false): string {
  const segments = Array.from({length: integer(random, 0, 3)}, () => {
    const w = word(random, 1, 7)
    return mixed ? mixedCase(random, w) : w
  })
  const trailing = segments.length > 0 && random() < 0.3 ? '/' : ''
  return `/${segments.join('/')}${trailing}`
}

/** Half the time no query, otherwise one to three plain `name=value` parts. */
function plainQuery(random: Random, mixed = false): string {
  if (random() < 0.5) return ''
  const parts = Array.from({length: integer(random, 1, 3)}, () => {
    const part = `${word(random, 1, 4, LOWER)}=${word(random, 1, 5)}`
    return mixed ? mixedCase(random, part) : part
  })
  return `?${parts.join('&')}`
}

/** One call's arguments and the rule it is meant to exercise, named when the answer is wrong. */
interface Labelled {
  readonly args: unknown[]
  readonly label: string
}

/** A `map` over normalizeUrl, with each expected value from the model. */
function normalizeScript(items: readonly Labelled[]): {input: {steps: Step[]}; expected: MappedValues} {
  return {
    input: {steps: [calls('normalizeUrl', items.map((item) => item.args))]},
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
  const host = `${random() < 0.1 ? `${pick(random, ['bücher', 'café', 'ÆBLE'])}.example` : hostName(random)}${random() < 0.2 ? '.' : ''}`
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
/** The normalizeUrl generators, by the names grader.json gives them. */
export const normaliseGenerators: Record<string, Generator> = {
  'normalize-case-and-ports': normalizeCaseAndPorts,
  'normalize-dots-and-fragments': normalizeDotsAndFragments,
  'normalize-credentials-and-trailing-dot': normalizeCredentialsAndDots,
  'normalize-percent-escapes': normalizePercentEscapes,
  'normalize-query': normalizeQuery,
  'normalize-relative': normalizeRelative,
  'normalize-rejected': normalizeRejected,
  'normalize-combined': normalizeCombined,
}

/** Judges normalizeUrl call by call. */
export const normaliseCheck = callByCall(explainNormalize)
