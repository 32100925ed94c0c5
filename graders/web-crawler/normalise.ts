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

/**
 * The rules of normalizeUrl, as the learner reads them when one is broken. Hidden feedback quotes
 * these sentences and nothing of the input, so they name each rule in words rather than figures.
 */
const RULE = {
  invalid: 'anything the URL parser rejects (the link, or its base) gives null',
  scheme: 'only http and https URLs are crawled; any other scheme gives null',
  case: 'the scheme and host are lower-cased; the path and the query keep their letter case',
  port: 'the default port of the scheme is removed; any other port (the other scheme\'s default too) stays, written after the host',
  punycode: 'an international host name becomes punycode, as the URL parser writes it',
  nothingElse: 'nothing else changes: a trailing slash and a `www.` stay',
  dots: 'the `.` and `..` path segments are resolved',
  emptyPath: 'an empty path becomes `/`',
  fragment: 'the fragment (`#...`) is removed',
  credentials: 'the user name and password are removed, and nothing else: an `@` in the path or query is not a credential',
  trailingDot: 'one trailing dot of the host name is removed (only one, and not when the host is `.` alone); a port stays after the host',
  rawEncoded: 'characters that may not appear raw (a space, an accented letter) are percent-encoded, as the URL parser does',
  decode: 'an escape of an unreserved character (letters, digits, `-`, `.`, `_`, `~`) is replaced by that character, in the path and in the query',
  upper: 'an escape of any other byte stays, with its hex digits in upper case',
  once: 'each escape is rewritten once, from left to right: the character a rewrite produces is never read again',
  escapes: 'escapes of unreserved characters are decoded, other escapes keep upper-case hex digits, and each escape is rewritten once',
  utm: 'query parts whose name starts with `utm_` are removed',
  utmName: 'the name of a query part is the text before its first `=` (or the whole part); only the name decides, not the value',
  utmCase: 'the `utm_` test is case-sensitive: `UTM_` and `Utm_` stay',
  utmAfterEscapes: 'the `utm_` test is made after escapes are rewritten: an escaped underscore or letter still makes `utm_`',
  emptyQuery: 'empty query parts are removed, and an empty query leaves no `?`',
  order: 'the remaining query parts keep their order and their text, joined by `&`',
  relative: 'a relative link is resolved against its base, then normalised like any URL',
  emptyBase: 'a base that is given is used, even the empty string: an invalid base gives null, even for an absolute link',
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
//
// Each hidden case owns a few rules (grader.json `covers`). Its generator starts with a fixed
// episode, the same for every learner, that exercises each of those rules, and then adds random
// URLs for breadth. Neither part uses a feature another case owns (no fragment outside the case
// of fragments, no escape outside the case of escapes…), so one bug fails one case whoever the
// learner is; normalize-combined, which mixes everything, runs only once all of them pass.

/**
 * A path of plain words, optionally in mixed case, ending in `/` only when asked: nothing in it
 * for the rules to change but case (keeping a trailing slash is a rule of the case of ports).
 */
function plainPath(random: Random, mixed = false, trailingSlash = false): string {
  const segments = Array.from({length: integer(random, 0, 3)}, () => {
    const w = word(random, 1, 7)
    return mixed ? mixedCase(random, w) : w
  })
  const trailing = trailingSlash && segments.length > 0 && random() < 0.3 ? '/' : ''
  return `/${segments.join('/')}${trailing}`
}

/**
 * Half the time no query, otherwise one to three plain `name=value` parts with distinct names in
 * ascending order, so that a solution that sorts the query still gives the same answer here
 * (keeping the order is a rule of the case of queries).
 */
function plainQuery(random: Random, mixed = false): string {
  if (random() < 0.5) return ''
  const names = new Set(Array.from({length: integer(random, 1, 3)}, () => (mixed ? mixedCase(random, word(random, 1, 4, LOWER)) : word(random, 1, 4, LOWER))))
  const parts = [...names].sort().map((name) => `${name}=${mixed ? mixedCase(random, word(random, 1, 5)) : word(random, 1, 5)}`)
  return `?${parts.join('&')}`
}

/** One call's arguments and the rule it is meant to exercise, named when the answer is wrong. */
interface Labelled {
  readonly args: unknown[]
  readonly label: string
  /** A scripted call made for one rule alone: its label is the rule, whatever the answer looks like. */
  readonly certain?: boolean
}

/** Scripted calls: each `[args, rule]` pair exercises that rule and nothing another case owns. */
function scripted(items: ReadonlyArray<readonly [unknown[], string]>): Labelled[] {
  return items.map(([args, label]) => ({args, label, certain: true}))
}

/** A `map` over normalizeUrl, with each expected value from the model. */
function normalizeScript(items: readonly Labelled[]): {input: {steps: Step[]}; expected: MappedValues} {
  return {
    input: {steps: [calls('normalizeUrl', items.map((item) => item.args))]},
    expected: {
      values: items.map((item) => normalizeModel(item.args[0] as string, item.args[1] as string | undefined)),
      labels: items.map((item) => item.label),
      certain: items.map((item) => item.certain === true),
    },
  }
}

function defaultPort(scheme: string): string {
  return scheme === 'http' ? '80' : '443'
}

/** Letter case, ports, punycode, and what must not change (a trailing slash, `www.`). */
const CASE_AND_PORTS = scripted([
  [['HTTP://WWW.Example.COM/Docs/Read.HTML?Q=Yes&id=A7'], RULE.case],
  [['hTTpS://Shop.EXAMPLE.org/Cart/'], RULE.case],
  [['http://example.com:80/a'], RULE.port],
  [['https://example.com:443/a?b=1'], RULE.port],
  [['HTTP://example.com:0080/'], RULE.port],
  [['http://example.com:443/a'], RULE.port],
  [['https://example.com:80/a'], RULE.port],
  [['http://example.com:8080/a'], RULE.port],
  [['https://example.com:8443'], RULE.port],
  [['http://Bücher.Example/katalog'], RULE.punycode],
  [['https://café.example.org/Menu'], RULE.punycode],
  [['http://www.example.com/a/b/'], RULE.nothingElse],
  [['https://www.example.org/'], RULE.nothingElse],
])

const normalizeCaseAndPorts: Generator = (random) => {
  const items: Labelled[] = [...CASE_AND_PORTS]
  for (let i = 0; i < 30; i++) {
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
    const url = `${mixedCase(random, scheme)}://${mixedCase(random, hostName(random, true))}${port}${plainPath(random, true, true)}${plainQuery(random, true)}`
    items.push({args: [url], label})
  }
  return normalizeScript(items)
}

/** Dot segments (written plainly or escaped: the parser resolves both), empty paths, fragments. */
const DOTS_AND_FRAGMENTS = scripted([
  [['http://example.com/a/./b/../c'], RULE.dots],
  [['http://example.com/../../a'], RULE.dots],
  [['http://example.com/a/%2e%2E/b'], RULE.dots],
  [['http://example.com/a/b/..'], RULE.dots],
  [['http://example.com/a/.'], RULE.dots],
  [['https://example.com/a/.%2e/./b/'], RULE.dots],
  [['http://example.com'], RULE.emptyPath],
  [['https://example.com?x=1'], RULE.emptyPath],
  [['http://example.com/p?q=1#frag'], RULE.fragment],
  [['http://example.com/p#'], RULE.fragment],
  [['http://example.com/p#a/../b?c=1'], RULE.fragment],
  [['https://example.com#top'], RULE.fragment],
])

const normalizeDotsAndFragments: Generator = (random) => {
  const items: Labelled[] = [...DOTS_AND_FRAGMENTS]
  for (let i = 0; i < 30; i++) {
    const scheme = pick(random, ['http', 'https'])
    const tokens = Array.from({length: integer(random, 0, 6)}, () => pick(random, [word(random, 1, 5), word(random, 1, 5), '.', '..', '%2e', '%2E%2e', '.%2E']))
    const trailing = tokens.length > 0 && random() < 0.3 ? '/' : ''
    const path = tokens.length === 0 && random() < 0.5 ? '' : `/${tokens.join('/')}${trailing}`
    const roll = random()
    const fragment = roll < 0.5 ? pick(random, ['#', '#top', `#${word(random)}`, '#a/../b?c=1', '#%7e']) : ''
    const query = path === '' && fragment !== '' ? '' : plainQuery(random)
    const url = `${scheme}://${hostName(random)}${path}${query}${fragment}`
    items.push({args: [url], label: fragment !== '' ? RULE.fragment : path === '' ? RULE.emptyPath : RULE.dots})
  }
  return normalizeScript(items)
}

/** Credentials (and an `@` that is not one), and the trailing dot of a host name at its limits. */
const CREDENTIALS_AND_TRAILING_DOT = scripted([
  [['http://user:pass@example.com/'], RULE.credentials],
  [['https://jo@example.com/a?b=1'], RULE.credentials],
  [['http://:secret@example.com/'], RULE.credentials],
  [['https://jo:pw@example.com:8443/x'], RULE.credentials],
  [['http://example.com/contact?mail=jo@example.org'], RULE.credentials],
  [['http://example.com/@jo/posts'], RULE.credentials],
  [['http://jo:pw@example.com/to/ann@example.org?cc=bo@example.net'], RULE.credentials],
  [['http://example.com./a'], RULE.trailingDot],
  [['https://example.com.:8443/a'], RULE.trailingDot],
  [['http://example.com../'], RULE.trailingDot],
  [['http://./'], RULE.trailingDot],
  [['http://EXAMPLE.ORG./x'], RULE.trailingDot],
])

const normalizeCredentialsAndDots: Generator = (random) => {
  const items: Labelled[] = [...CREDENTIALS_AND_TRAILING_DOT]
  for (let i = 0; i < 26; i++) {
    const scheme = pick(random, ['http', 'https'])
    const credentials = random() < 0.55 ? `${pick(random, [`${word(random, 1, 5, LOWER)}:${word(random, 1, 8)}`, word(random, 1, 5, LOWER), `:${word(random, 2, 6)}`, `${word(random, 1, 4, LOWER)}%40x:p%3Aw`])}@` : ''
    let host = hostName(random)
    const dotted = credentials === '' || random() < 0.5
    if (dotted) host = `${host}.`
    // Only ports that stay: a default port written out belongs to the case of ports.
    const port = random() < 0.3 ? `:${pick(random, ['8080', '9000', '81'])}` : ''
    const url = `${scheme}://${credentials}${random() < 0.3 ? mixedCase(random, host) : host}${port}${plainPath(random)}${plainQuery(random)}`
    items.push({args: [url], label: credentials !== '' ? RULE.credentials : RULE.trailingDot})
  }
  return normalizeScript(items)
}

/** Escapes in the path and the query; none of them spells `utm_` or leaves an empty query part. */
const PERCENT_ESCAPES = scripted([
  [['http://example.com/%7euser/%7Ejo'], RULE.decode],
  [['http://example.com/%41%62%30%2D%2e%5f%7E'], RULE.decode],
  [['https://example.com/p?q=%61%62&%7e=%5F'], RULE.decode],
  [['http://example.com/a%2fb%3a%20c'], RULE.upper],
  [['http://example.com/%c3%a9t%c3%A9?v=%3d%2f'], RULE.upper],
  [['https://example.com/%2541'], RULE.once],
  [['http://example.com/%25%34%31'], RULE.once],
  [['http://example.com/?x=%2561%41'], RULE.once],
  [['http://example.com/%zz%4/%g1%'], RULE.upper],
  [['http://example.com/a b/é?q=a b'], RULE.rawEncoded],
])

const ESCAPE_TOKENS = ['%7e', '%7E', '%41', '%61', '%2d', '%5F', '%2e', '%30', '%2f', '%2F', '%3a', '%3A', '%20', '%25', '%2541', '%c3%a9', '%C3%A9', '%zz', '%4', '%', 'é', ' ', '~', '%3d', '%26']

function escapedText(random: Random): string {
  return Array.from({length: integer(random, 1, 4)}, () => (random() < 0.6 ? pick(random, ESCAPE_TOKENS) : word(random, 1, 3))).join('')
}

const normalizePercentEscapes: Generator = (random) => {
  const items: Labelled[] = [...PERCENT_ESCAPES]
  for (let i = 0; i < 30; i++) {
    const scheme = pick(random, ['http', 'https'])
    const segments = Array.from({length: integer(random, 1, 3)}, () => escapedText(random))
    // Names of plain letters that never start with `u`, so no part can become a `utm_` one.
    const query = random() < 0.5 ? `?${Array.from({length: integer(random, 1, 3)}, () => `${word(random, 1, 3, 'abcdefghijklmnopqrstvwxyz')}=${escapedText(random)}`).join('&')}` : ''
    items.push({args: [`${scheme}://${hostName(random)}/${segments.join('/')}${query}`], label: RULE.escapes})
  }
  return normalizeScript(items)
}

/** The query: empty parts, `utm_` names at their edges, order and text kept, no empty `?`. */
const QUERY = scripted([
  [['http://example.com/p?'], RULE.emptyQuery],
  [['http://example.com/p?&&'], RULE.emptyQuery],
  [['http://example.com/p?a=1&&b=2&'], RULE.emptyQuery],
  [['https://example.com/?utm_source=mail'], RULE.emptyQuery],
  [['http://example.com/p?utm_source=a&id=7&utm_medium=b'], RULE.utm],
  [['http://example.com/p?utm_campaign&x=1&utm_'], RULE.utmName],
  [['http://example.com/p?x=utm_y&utm_z=1=utm_'], RULE.utmName],
  [['http://example.com/p?utm=1&utmx=2&autm_x=3'], RULE.utmName],
  [['http://example.com/p?UTM_source=a&Utm_x=b&uTm_y=c'], RULE.utmCase],
  [['http://example.com/p?utm%5Fsource=a&k=1'], RULE.utmAfterEscapes],
  [['http://example.com/p?%75tm_x=1&k=2&utm%5f=3'], RULE.utmAfterEscapes],
  [['http://example.com/list?b=2&a=1&c'], RULE.order],
  [['http://example.com/p?a=1=2&=v&x&q=a+b'], RULE.order],
])

const QUERY_PARTS = ['id=7', 'utm_source=mail', 'utm_medium=x', 'utm_campaign', 'utm_', 'UTM_source=y', 'Utm_term=z', 'utmsource=1', 'a=utm_x', '=v', 'x', 'x=1', 'x=2', 'q=a+b', 'page=2', 'sort=desc', 'b=', 'k=v=w']

const normalizeQuery: Generator = (random) => {
  const items: Labelled[] = [...QUERY]
  for (let i = 0; i < 30; i++) {
    const parts = Array.from({length: integer(random, 0, 5)}, () => (random() < 0.25 ? '' : pick(random, QUERY_PARTS)))
    const query = `?${random() < 0.2 ? '&' : ''}${parts.join('&')}${random() < 0.2 ? '&' : ''}`
    const hasUtm = parts.some((p) => p.startsWith('utm_'))
    const label = hasUtm ? RULE.utm : parts.length === 0 || parts.includes('') || query.endsWith('&') || query.startsWith('?&') ? RULE.emptyQuery : RULE.order
    items.push({args: [`${pick(random, ['http', 'https'])}://${hostName(random)}${plainPath(random)}${query}`], label})
  }
  return normalizeScript(items)
}

/** Links resolved against a base, and bases that cannot be used (the empty one among them). */
const RELATIVE_LINKS = scripted([
  [['../d?q', 'http://example.com/a/b/c'], RULE.relative],
  [['/x/y', 'https://example.com/a'], RULE.relative],
  [['//other.example/p', 'https://example.com/'], RULE.relative],
  [['?q=2', 'http://example.com/a/b?q=1'], RULE.relative],
  [['', 'http://example.com/a?x=1'], RULE.relative],
  [['g', 'http://example.com'], RULE.relative],
  [['../../../../g', 'http://example.com/a/b'], RULE.relative],
  [['HTTPS://Absolute.EXAMPLE/p', 'http://example.com/'], RULE.relative],
  [['http://absolute.example/p', ''], RULE.emptyBase],
  [['https://absolute.example/', ''], RULE.emptyBase],
  [['/x', ''], RULE.emptyBase],
  [['http://absolute.example/p', 'not a base'], RULE.emptyBase],
  [['x', 'mailto:jo@example.org'], RULE.emptyBase],
  [['mailto:jo@example.org', 'http://example.com/'], RULE.relative],
])

const RELATIVE = ['../d', './e', 'e', 'e/f/', '/abs/x', '//Other.example/p', '//other.example', '?q=1', '?k=v&x', '', 'g;x=1', '../../../../g', 'HTTPS://Upper.example/z', '.', '..', '/./a/../b', 'ftp://files.example/x', 'http://h.example:8081/p', '..?x']

const normalizeRelative: Generator = (random) => {
  const items: Labelled[] = [...RELATIVE_LINKS]
  for (let i = 0; i < 30; i++) {
    const baseRoll = random()
    const base =
      baseRoll < 0.08
        ? pick(random, ['not a base', '', '/relative/base', 'mailto:jo@example.org'])
        : `${pick(random, ['http', 'https'])}://${mixedCase(random, hostName(random))}${random() < 0.2 ? ':8080' : ''}${plainPath(random)}${random() < 0.3 ? `${plainPath(random)}x` : ''}${plainQuery(random)}`
    const relative = random() < 0.8 ? pick(random, RELATIVE) : `${word(random, 1, 4)}/${pick(random, ['..', '.', word(random, 1, 3)])}/${word(random, 1, 4)}`
    items.push({args: [relative, base], label: baseRoll < 0.08 ? RULE.emptyBase : RULE.relative})
  }
  return normalizeScript(items)
}

const REJECTED = ['mailto:jo@example.org', 'ftp://example.org/file', 'javascript:void(0)', 'data:text/html,hi', 'file:///etc/hosts', 'ws://example.org/chat', 'wss://example.org/', 'gopher://example.org/', 'tel:+123456', 'urn:isbn:0451450523', 'httpx://example.org/', 'http+unix://example.org/']
const INVALID = ['not a url', '', 'http://', 'https://', 'https://exa mple.com/', 'http://[::1/', '/relative/path', 'example.com/page', 'http://example.com:99999/', 'http://ex%zzample.com/', '//example.com/']

/** Every rejected scheme and every invalid input, for every learner; then random crawlable URLs. */
const normalizeRejected: Generator = (random) => {
  const items: Labelled[] = [
    ...scripted(REJECTED.map((url) => [[url], RULE.scheme] as const)),
    ...scripted(INVALID.map((url) => [[url], RULE.invalid] as const)),
    ...scripted([
      [['HTTP://example.com/'], RULE.scheme],
      [['HtTpS://example.com/a'], RULE.scheme],
    ]),
  ]
  for (let i = 0; i < 12; i++) {
    const url = pick(random, [...REJECTED, ...INVALID])
    items.push({args: [mixedCase(random, url.slice(0, 4)) + url.slice(4)], label: REJECTED.includes(url) ? RULE.scheme : RULE.invalid})
    items.push({args: [`${pick(random, ['http', 'https', 'HTTP', 'Https'])}://${hostName(random)}${plainPath(random)}`], label: RULE.scheme})
  }
  return normalizeScript(shuffle(random, items))
}

/** Every rule at once: one URL built from random choices of every feature. */
function combinedUrl(random: Random): Labelled {
  const scheme = pick(random, ['http', 'https'])
  const credentials = random() < 0.2 ? `${word(random, 1, 4, LOWER)}:${word(random, 1, 6)}@` : ''
  const host = `${random() < 0.1 ? `${pick(random, ['bücher', 'café', 'ÆBLE'])}.example` : hostName(random, true)}${random() < 0.2 ? '.' : ''}`
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
