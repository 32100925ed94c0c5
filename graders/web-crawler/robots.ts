/**
 * isAllowed: generators of per-learner robots.txt files and the paths asked about, each labelled
 * with the rule that decides it (group selection, longest match, wildcards, the file format), and
 * the check that names that rule when an answer is wrong. The answers come from the independent
 * model (models.ts).
 */
import {calls, integer, pick, shuffle, type Generator, type Random, type Step} from 'course/kit'
import {callByCall, type MappedValues} from './call-by-call.js'
import {applicableGroups, applicableRules, isAllowedModel, patternMatchesModel} from './models.js'
import {mixedCase} from './random-text.js'

/** User agents the files name and the queries ask for. */
const BOTS = ['CourseBot', 'ExampleBot', 'NewsCrawler', 'Spider-7']
/** Path segments: few, so that rules and paths share prefixes and rules compete. */
const SEGMENTS = ['a', 'b', 'ab', 'shop', 'help', 'x', 'page', 'tmp', 'private', 'docs']

/** A path of one to three segments, sometimes with a suffix or a query. */
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

/** One isAllowed call and the rule that decides its answer. */
interface RobotsQuery {
  readonly robots: string
  readonly agent: string
  readonly path: string
  readonly label: string
}

/** A `map` over isAllowed, with each expected answer from the model. */
function robotsScript(queries: readonly RobotsQuery[]): {input: {steps: Step[]}; expected: MappedValues} {
  return {
    input: {steps: [calls('isAllowed', queries.map((q) => [q.robots, q.agent, q.path]))]},
    expected: {values: queries.map((q) => isAllowedModel(q.robots, q.agent, q.path)), labels: queries.map((q) => q.label)},
  }
}

/** Which groups apply to the crawler: the rules of group selection. */
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

/** `count` random Allow and Disallow lines. */
function rules(random: Random, count: number, wild = 0): string[] {
  return Array.from({length: count}, () => `${random() < 0.6 ? 'Disallow' : 'Allow'}: ${rulePattern(random, wild)}`)
}

/** Queries of one file by one of `agents`, on the `paths` given first, then on random paths. */
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

/** Which of the matching rules decides. */
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

/** What `*` and `$` mean in a pattern. */
const WILD = {
  star: '`*` matches any sequence of characters, including none',
  anchor: 'a final `$` means the match must reach the end of the path',
  dollar: 'a `$` that is not the last character is an ordinary character',
  literal: 'other characters, such as . + ? ( [, match only themselves',
} as const

/** Files whose answers turn on one wildcard rule each, with the paths that tell. */
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

/** How the file is read, line by line. */
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

/** A wrong isAllowed answer: the rule that decides it, and which way it went wrong. */
function explainRobots(want: unknown, got: unknown, label: string | undefined): string {
  if (typeof got !== 'boolean') return 'isAllowed returns true or false'
  const what = want ? 'an allowed path was refused' : 'a disallowed path was allowed'
  return label === undefined ? what : `${label} (${what})`
}

/** The isAllowed generators, by the names grader.json gives them. */
export const robotsGenerators: Record<string, Generator> = {
  'robots-group-selection': robotsGroupSelection,
  'robots-longest-match': robotsLongestMatch,
  'robots-wildcards': robotsWildcards,
  'robots-file-format': robotsFileFormat,
  'robots-combined': robotsCombined,
}

/** Judges isAllowed call by call. */
export const robotsCheck = callByCall(explainRobots)
