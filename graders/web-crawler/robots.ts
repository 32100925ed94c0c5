/**
 * isAllowed: generators of per-learner robots.txt files and the paths asked about, each labelled
 * with the rule that decides it, and the check that names that rule when an answer is wrong. The
 * answers come from the independent model (models.ts).
 *
 * The hidden cases form a chain (grader.json `requires`): which groups apply, then how the file
 * is read, then what `*` and `$` mean, then which matching rule decides, then random files. Each
 * case's files use only what the cases before it own: the files about groups are written plainly
 * and never let two rules match one path; the files about wildcards never let two rules disagree
 * on one path. So one bug fails the one case that owns its rule, for every learner, and the cases
 * after it are skipped rather than failed again.
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
  /** Scripted for this rule alone: a wrong answer is named by it. */
  readonly certain?: boolean
}

/** A `map` over isAllowed, with each expected answer from the model. */
function robotsScript(queries: readonly RobotsQuery[]): {input: {steps: Step[]}; expected: MappedValues} {
  return {
    input: {steps: [calls('isAllowed', queries.map((q) => [q.robots, q.agent, q.path]))]},
    expected: {
      values: queries.map((q) => isAllowedModel(q.robots, q.agent, q.path)),
      labels: queries.map((q) => q.label),
      certain: queries.map((q) => q.certain === true),
    },
  }
}

/** A scripted file: its lines, and the `[agent, path]` queries that turn on one rule. */
interface Episode {
  readonly lines: readonly string[]
  readonly queries: ReadonlyArray<readonly [string, string]>
  readonly label: string
  readonly join?: string
  readonly prefix?: string
}

/** The queries of scripted files, the same for every learner. */
function episodes(list: readonly Episode[]): RobotsQuery[] {
  return list.flatMap((e) => {
    const robots = `${e.prefix ?? ''}${e.lines.join(e.join ?? '\n')}`
    return e.queries.map(([agent, path]) => ({robots, agent, path, label: e.label, certain: true}))
  })
}

// ------------------------------------------------------------------ group selection (the root)

/** Which groups apply to the crawler, and the plain matching every other case relies on. */
const GROUP_RULES = {
  prefix: 'a pattern matches when the path starts with it; a path no rule matches is allowed',
  exactPath: 'the path is compared exactly as given: case-sensitively, and with no decoding',
  specific: 'the group naming the crawler replaces the `*` groups (user agents compared case-insensitively)',
  fallback: 'a crawler without a group of its own follows the `*` groups, all of them combined',
  merged: 'all the groups that name the crawler are combined',
  none: 'with no group that applies, everything is allowed',
  severalAgents: 'a group may start with several User-agent lines, each naming a crawler it applies to',
  emptyGroup: 'a group that applies but has no rules allows everything',
  emptyValue: 'an Allow or Disallow with an empty value adds no rule, but still ends the run of User-agent lines',
  orphan: 'rules before the first User-agent line belong to no group',
  newGroup: 'a User-agent line after a rule starts a new group',
  exact: 'a group applies only when one of its user agents equals the crawler’s token (not a prefix or a part of it)',
  otherKeysInGroup: 'a line with another key (Crawl-delay, Sitemap) between two User-agent lines does not end their run',
} as const

/** Files written plainly (canonical keys, `\n`, no comments), with rules that never compete. */
const GROUP_EPISODES: Episode[] = [
  {lines: ['User-agent: *', 'Disallow: /private'], queries: [['CourseBot', '/private'], ['CourseBot', '/private/x'], ['CourseBot', '/privateer'], ['CourseBot', '/pub'], ['CourseBot', '/'], ['CourseBot', '/a/private']], label: GROUP_RULES.prefix},
  {lines: ['User-agent: *', 'Disallow: /Private', 'Disallow: /a%2Fb', 'Disallow: /%7Ejo'], queries: [['CourseBot', '/private'], ['CourseBot', '/Private/x'], ['CourseBot', '/a/b'], ['CourseBot', '/a%2Fb'], ['CourseBot', '/~jo'], ['CourseBot', '/%7ejo'], ['CourseBot', '/%7Ejo/x']], label: GROUP_RULES.exactPath},
  {lines: ['User-agent: *', 'Disallow: /private', '', 'User-agent: CourseBot', 'Disallow: /tmp'], queries: [['CourseBot', '/private/x'], ['coursebot', '/tmp/x'], ['COURSEBOT', '/private'], ['CourseBot', '/tmp']], label: GROUP_RULES.specific},
  {lines: ['User-agent: coursebot', 'Disallow: /tmp', '', 'User-agent: *', 'Disallow: /private'], queries: [['CourseBot', '/tmp'], ['CourseBot', '/private']], label: GROUP_RULES.specific},
  {lines: ['User-agent: *', 'Disallow: /a', '', 'User-agent: OtherBot', 'Disallow: /b', '', 'User-agent: *', 'Disallow: /c'], queries: [['CourseBot', '/a'], ['CourseBot', '/c/x'], ['CourseBot', '/b'], ['OtherBot', '/c']], label: GROUP_RULES.fallback},
  {lines: ['User-agent: CourseBot', 'Disallow: /shop', '', 'User-agent: *', 'Disallow: /private', '', 'User-agent: CourseBot', 'Disallow: /docs'], queries: [['CourseBot', '/shop'], ['CourseBot', '/docs/1'], ['CourseBot', '/private'], ['NewsCrawler', '/docs']], label: GROUP_RULES.merged},
  {lines: ['User-agent: OtherBot', 'Disallow: /', '', 'User-agent: ThirdBot', 'Disallow: /x'], queries: [['CourseBot', '/'], ['CourseBot', '/x'], ['otherbot', '/y']], label: GROUP_RULES.none},
  {lines: ['User-agent: OtherBot', 'User-agent: CourseBot', 'Disallow: /x', '', 'User-agent: *', 'Disallow: /y'], queries: [['CourseBot', '/x'], ['OtherBot', '/x'], ['CourseBot', '/y'], ['NewsCrawler', '/x'], ['NewsCrawler', '/y']], label: GROUP_RULES.severalAgents},
  {lines: ['User-agent: CourseBot', 'User-agent: *', 'Disallow: /a', '', 'User-agent: *', 'Disallow: /b'], queries: [['CourseBot', '/a'], ['CourseBot', '/b'], ['OtherBot', '/a'], ['OtherBot', '/b']], label: GROUP_RULES.severalAgents},
  {lines: ['User-agent: CourseBot', 'Allow:', '', 'User-agent: *', 'Disallow: /'], queries: [['CourseBot', '/'], ['CourseBot', '/x'], ['OtherBot', '/x']], label: GROUP_RULES.emptyGroup},
  {lines: ['User-agent: OtherBot', 'Disallow:', 'User-agent: CourseBot', 'Disallow: /x'], queries: [['OtherBot', '/x'], ['CourseBot', '/x'], ['CourseBot', '/y']], label: GROUP_RULES.emptyValue},
  {lines: ['Disallow: /', 'Allow: /tmp', 'User-agent: *', 'Disallow: /x'], queries: [['CourseBot', '/y'], ['CourseBot', '/x'], ['CourseBot', '/']], label: GROUP_RULES.orphan},
  {lines: ['User-agent: *', 'Disallow: /a', 'User-agent: CourseBot', 'Disallow: /b'], queries: [['CourseBot', '/a'], ['CourseBot', '/b'], ['OtherBot', '/b'], ['OtherBot', '/a']], label: GROUP_RULES.newGroup},
  {lines: ['User-agent: CourseBot-News', 'Disallow: /', '', 'User-agent: Course', 'Disallow: /', '', 'User-agent: CourseBot/1.0', 'Disallow: /', '', 'User-agent: *', 'Disallow: /x'], queries: [['CourseBot', '/y'], ['CourseBot', '/x'], ['CourseBot-News', '/y']], label: GROUP_RULES.exact},
  {lines: ['User-agent: OtherBot', 'Crawl-delay: 5', 'User-agent: CourseBot', 'Sitemap: https://example.org/sitemap.xml', 'User-agent: NewsCrawler', 'Disallow: /x', '', 'User-agent: *', 'Disallow: /y'], queries: [['OtherBot', '/x'], ['CourseBot', '/x'], ['NewsCrawler', '/x'], ['CourseBot', '/y'], ['OtherBot', '/y']], label: GROUP_RULES.otherKeysInGroup},
]

const robotsGroupSelection: Generator = (random) => {
  const queries: RobotsQuery[] = episodes(GROUP_EPISODES)
  // Breadth: the same kinds of file around random crawler names.
  const kinds = shuffle(random, ['specific', 'fallback', 'merged', 'none', 'severalAgents', 'emptyGroup', 'orphan', 'newGroup', 'exact'] as const)
  for (const kind of kinds) {
    const [me, other, third] = shuffle(random, BOTS) as [string, string, string]
    // Rules with disjoint prefixes: at most one rule matches any query, so only the choice of groups decides.
    const [mine, star] = shuffle(random, [
      ['Disallow: /tmp', 'Disallow: /shop', 'Allow: /page'],
      ['Disallow: /private', 'Disallow: /docs', 'Allow: /b'],
    ]) as [string[], string[]]
    const ua = (name: string) => `User-agent: ${mixedCase(random, name)}`
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
      case 'emptyGroup':
        lines = [ua(me), pick(random, ['Disallow:', 'Allow:']), '', ua('*'), 'Disallow: /']
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
    for (let i = 0; i < 5; i++) queries.push({robots, agent: mixedCase(random, pick(random, agents)), path: paths[i]!, label: GROUP_RULES[kind]})
  }
  return robotsScript(queries)
}

// ------------------------------------------------------------------ reading the file

/** How the file is read, line by line. */
const FORMAT_RULES = {
  comments: 'a comment runs from `#` to the end of the line and is ignored',
  blank: 'blank lines and lines without a colon are ignored; they do not end a group',
  keys: 'keys are case-insensitive and trimmed, and values are trimmed',
  colon: 'the key is the text before the first colon; the value is all the rest, colons included',
  unknown: 'lines with other keys (Sitemap, Crawl-delay, Host, or a key that only starts like Allow) are ignored entirely',
  endings: 'lines end at \\r\\n, \\n or \\r',
  bom: 'a leading byte-order mark is ignored',
  robotsTxt: '`/robots.txt` itself is always allowed',
} as const

/** Files with one group of their own and rules that never compete: only reading them right decides. */
const FORMAT_EPISODES: Episode[] = [
  {lines: ['# rules for everyone', 'User-agent: CourseBot # our crawler', 'Disallow: /private # keep out', '#Disallow: /docs', 'Disallow: /tmp#x', 'Disallow: #/shop'], queries: [['CourseBot', '/private/a'], ['CourseBot', '/docs/x'], ['CourseBot', '/tmp'], ['CourseBot', '/tmpx'], ['CourseBot', '/shop']], label: FORMAT_RULES.comments},
  {lines: ['User-agent: CourseBot', '', 'Disallow: /private', '   ', 'this line has no colon', '\t', 'Disallow: /docs'], queries: [['CourseBot', '/private'], ['CourseBot', '/docs/x'], ['CourseBot', '/this']], label: FORMAT_RULES.blank},
  // Keys whose colon was forgotten (a common typo): ignored, so they neither add a rule nor end or start a group.
  {lines: ['User-agent: OtherBot', 'Disallow /', 'User-agent: CourseBot', '', 'Disallow: /private', 'Allow /', 'User-agent *', 'Disallow: /tmp'], queries: [['OtherBot', '/private'], ['CourseBot', '/tmp/1'], ['CourseBot', '/'], ['OtherBot', '/x'], ['NewsCrawler', '/tmp']], label: FORMAT_RULES.blank},
  {lines: ['  uSeR-AgEnT  :   CourseBot  ', 'DISALLOW:/private', '  disallow :   /shop   ', 'disallow\t:\t/tmp\t', 'aLLoW: /shop/help'], queries: [['CourseBot', '/private'], ['CourseBot', '/shop'], ['CourseBot', '/tmp/x'], ['CourseBot', '/x']], label: FORMAT_RULES.keys},
  {lines: ['User-agent: CourseBot', 'Disallow: /a:b', 'Disallow: /page:2/x', 'Disallow: /q?next=http://x'], queries: [['CourseBot', '/a:b'], ['CourseBot', '/a'], ['CourseBot', '/page:2/x'], ['CourseBot', '/page'], ['CourseBot', '/q?next=http://x/y'], ['CourseBot', '/q?next=http']], label: FORMAT_RULES.colon},
  {lines: ['User-agent: Bot:1', 'Disallow: /x'], queries: [['Bot:1', '/x'], ['Bot', '/x']], label: FORMAT_RULES.colon},
  {lines: ['User-agent: CourseBot', 'Sitemap: https://example.org/sitemap.xml', 'Crawl-delay: 10', 'Disallow: /private', 'Host: example.org', 'Noindex: /docs', 'Disallowed: /shop', 'Allow-all: /', 'Disallow: /tmp'], queries: [['CourseBot', '/private'], ['CourseBot', '/docs'], ['CourseBot', '/shop'], ['CourseBot', '/tmp'], ['CourseBot', '/page']], label: FORMAT_RULES.unknown},
  {lines: ['User-agent: *', 'Disallow: /private', 'Disallow: /docs'], join: '\r', queries: [['CourseBot', '/private'], ['CourseBot', '/docs']], label: FORMAT_RULES.endings},
  {lines: ['User-agent: CourseBot', 'Disallow: /tmp', 'Disallow: /shop'], join: '\r\n', queries: [['CourseBot', '/tmp'], ['CourseBot', '/shop'], ['CourseBot', '/x']], label: FORMAT_RULES.endings},
  {lines: ['User-agent: CourseBot\r\nDisallow: /a\rDisallow: /b\nDisallow: /c'], queries: [['CourseBot', '/a'], ['CourseBot', '/b'], ['CourseBot', '/c']], label: FORMAT_RULES.endings},
  {lines: ['User-agent: CourseBot', 'Disallow: /private', '', 'User-agent: *', 'Disallow: /'], prefix: '\uFEFF', queries: [['CourseBot', '/private'], ['CourseBot', '/x']], label: FORMAT_RULES.bom},
  // Only a leading mark is removed from the text; one at the end of a line goes with the trimming.
  {lines: ['User-agent: CourseBot', 'Disallow: /x\uFEFF'], queries: [['CourseBot', '/x'], ['CourseBot', '/y']], label: FORMAT_RULES.bom},
  {lines: ['User-agent: *', 'Disallow: /', '', 'User-agent: CourseBot', 'Disallow: /robots.txt', 'Disallow: /r'], queries: [['CourseBot', '/robots.txt'], ['OtherBot', '/robots.txt'], ['CourseBot', '/robots.txt?x=1'], ['OtherBot', '/robots.txtx']], label: FORMAT_RULES.robotsTxt},
]

const robotsFileFormat: Generator = (random) => {
  const queries: RobotsQuery[] = episodes(FORMAT_EPISODES)
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
    for (const path of shuffle(random, paths).slice(0, 4)) {
      const agent = variant.lines[0]!.includes('*') && random() < 0.3 ? pick(random, BOTS) : mixedCase(random, me)
      queries.push({robots, agent, path, label: path === '/robots.txt' ? FORMAT_RULES.robotsTxt : variant.label})
    }
  }
  return robotsScript(queries)
}

// ------------------------------------------------------------------ wildcards

/** What `*` and `$` mean in a pattern. */
const WILD = {
  star: '`*` matches any sequence of characters, including none',
  anchor: 'a final `$` means the match must reach the end of the path',
  ordinary: 'a `$` that is not the last character, and every character but `*`, matches only itself',
} as const

/**
 * Files whose answers turn on one wildcard rule each, with the paths that tell. No two rules of a
 * file match one path with different verdicts, so the longest-match rule never has a say here.
 */
const WILDCARD_EPISODES: Episode[] = [
  {lines: ['User-agent: *', 'Disallow: /*.pdf$'], queries: [['CourseBot', '/a.pdf'], ['CourseBot', '/docs/b.pdf'], ['CourseBot', '/a.pdf?x=1'], ['CourseBot', '/a.pdfx'], ['CourseBot', '/pdf'], ['CourseBot', '/.pdf']], label: WILD.anchor},
  {lines: ['User-agent: *', 'Disallow: /p$', 'Disallow: /$'], queries: [['CourseBot', '/p'], ['CourseBot', '/p/'], ['CourseBot', '/'], ['CourseBot', '/q'], ['CourseBot', '/pp']], label: WILD.anchor},
  {lines: ['User-agent: *', 'Disallow: /a*b'], queries: [['CourseBot', '/ab'], ['CourseBot', '/aXYZb'], ['CourseBot', '/a/b/c'], ['CourseBot', '/a'], ['CourseBot', '/ba']], label: WILD.star},
  {lines: ['User-agent: *', 'Disallow: /*/private'], queries: [['CourseBot', '/x/private'], ['CourseBot', '/private'], ['CourseBot', '/a/b/private/c'], ['CourseBot', '/x/privat']], label: WILD.star},
  {lines: ['User-agent: *', 'Disallow: *.gif$', 'Disallow: /**/tmp', 'Disallow: /c*'], queries: [['CourseBot', '/a.gif'], ['CourseBot', '/a.gif?s=1'], ['CourseBot', '/tmp'], ['CourseBot', '/x/tmp/y'], ['CourseBot', '/c'], ['CourseBot', '/d']], label: WILD.star},
  {lines: ['User-agent: *', 'Disallow: /*?lang=*&', 'Disallow: /s*q*$'], queries: [['CourseBot', '/a?lang=en&x=1'], ['CourseBot', '/a?lang=en'], ['CourseBot', '/sq'], ['CourseBot', '/s/x?q'], ['CourseBot', '/s/q/x'], ['CourseBot', '/sx']], label: WILD.star},
  {lines: ['User-agent: *', 'Disallow: /a$b', 'Disallow: /m$$'], queries: [['CourseBot', '/a$b'], ['CourseBot', '/a$bc'], ['CourseBot', '/ab'], ['CourseBot', '/a'], ['CourseBot', '/m$'], ['CourseBot', '/m']], label: WILD.ordinary},
  {lines: ['User-agent: *', 'Disallow: /a.b', 'Disallow: /c+d', 'Disallow: /q?x', 'Disallow: /(e)', 'Disallow: /[f]', 'Disallow: /g|h', 'Disallow: /\\d', 'Disallow: /x{2}', 'Disallow: /^y', 'Disallow: /k)', 'Disallow: /l]', 'Disallow: /n}', 'Disallow: /o{'],
    queries: [['CourseBot', '/a.b'], ['CourseBot', '/aXb'], ['CourseBot', '/c+d'], ['CourseBot', '/ccd'], ['CourseBot', '/q?x=1'], ['CourseBot', '/qx'], ['CourseBot', '/(e)'], ['CourseBot', '/e'], ['CourseBot', '/[f]'], ['CourseBot', '/f'], ['CourseBot', '/g|h'], ['CourseBot', '/h'], ['CourseBot', '/\\d'], ['CourseBot', '/1'], ['CourseBot', '/x{2}'], ['CourseBot', '/xx'], ['CourseBot', '/^y'], ['CourseBot', '/y'], ['CourseBot', '/k)'], ['CourseBot', '/l]'], ['CourseBot', '/n}'], ['CourseBot', '/o{']],
    label: WILD.ordinary},
]

/** Disallow-only random files: whatever the lengths, any matching rule gives the same verdict. */
const robotsWildcards: Generator = (random) => {
  const queries: RobotsQuery[] = episodes(WILDCARD_EPISODES)
  for (let f = 0; f < 5; f++) {
    const robots = ['User-agent: *', ...Array.from({length: integer(random, 2, 4)}, () => `Disallow: ${rulePattern(random, 0.8)}`)].join('\n')
    for (let i = 0; i < 5; i++) {
      const path = robotsPath(random)
      queries.push({robots, agent: 'CourseBot', path, label: /[*$]/.test(robots) ? WILD.star : GROUP_RULES.prefix})
    }
  }
  return robotsScript(queries)
}

// ------------------------------------------------------------------ the longest match

/** Which of the matching rules decides. */
const LONGEST = {
  longest: 'the longest matching pattern decides, whatever the order of the lines and whichever group it came from',
  written: 'a pattern’s length is counted as written, `*` and `$` included',
  tie: 'on a tie between Allow and Disallow of equal length, Allow wins',
  noMatch: 'a path that no rule matches is allowed',
} as const

const LONGEST_EPISODES: Episode[] = [
  {lines: ['User-agent: *', 'Disallow: /shop', 'Allow: /shop/help', 'Disallow: /shop/help/admin'], queries: [['CourseBot', '/shop/cart'], ['CourseBot', '/shop/help/x'], ['CourseBot', '/shop/help/admin/1']], label: LONGEST.longest},
  {lines: ['User-agent: *', 'Disallow: /shop/help/admin', 'Allow: /shop/help', 'Disallow: /shop'], queries: [['CourseBot', '/shop/cart'], ['CourseBot', '/shop/help/x'], ['CourseBot', '/shop/help/admin/1']], label: LONGEST.longest},
  {lines: ['User-agent: *', 'Allow: /a', 'Disallow: /a/b'], queries: [['CourseBot', '/a/b/c'], ['CourseBot', '/a/c']], label: LONGEST.longest},
  {lines: ['User-agent: CourseBot', 'Disallow: /x', '', 'User-agent: *', 'Allow: /', '', 'User-agent: CourseBot', 'Allow: /x/y'], queries: [['CourseBot', '/x/y'], ['CourseBot', '/x/z']], label: LONGEST.longest},
  {lines: ['User-agent: *', 'Allow: /page', 'Disallow: /page'], queries: [['CourseBot', '/page'], ['CourseBot', '/page/x']], label: LONGEST.tie},
  {lines: ['User-agent: *', 'Disallow: /page', 'Allow: /page'], queries: [['CourseBot', '/page'], ['CourseBot', '/pages']], label: LONGEST.tie},
  {lines: ['User-agent: *', 'Allow: /ab*', 'Disallow: /abc'], queries: [['CourseBot', '/abcd']], label: LONGEST.tie},
  {lines: ['User-agent: *', 'Disallow: /ab*', 'Allow: /abc'], queries: [['CourseBot', '/abcd']], label: LONGEST.tie},
  {lines: ['User-agent: *', 'Disallow: /abc', 'Allow: /a*c'], queries: [['CourseBot', '/abc'], ['CourseBot', '/abcd']], label: LONGEST.tie},
  {lines: ['User-agent: *', 'Disallow: /*.pdf$', 'Allow: /docs/'], queries: [['CourseBot', '/docs/a.pdf'], ['CourseBot', '/docs/a.html']], label: LONGEST.written},
  {lines: ['User-agent: *', 'Disallow: /ab', 'Allow: /a*'], queries: [['CourseBot', '/abc']], label: LONGEST.written},
  {lines: ['User-agent: *', 'Allow: /x', 'Disallow: /x$'], queries: [['CourseBot', '/x'], ['CourseBot', '/xy']], label: LONGEST.written},
]

const robotsLongestMatch: Generator = (random) => {
  const queries: RobotsQuery[] = episodes(LONGEST_EPISODES)
  for (let f = 0; f < 8; f++) {
    const root = pick(random, ['/a', '/shop', '/docs', '/page'])
    const deeper = `${root}/${pick(random, SEGMENTS)}`
    const deepest = `${deeper}/${pick(random, SEGMENTS)}`
    const lines = [`Disallow: ${root}`, `Allow: ${deeper}`, `Disallow: ${deepest}`, ...Array.from({length: integer(random, 1, 3)}, () => `${random() < 0.6 ? 'Disallow' : 'Allow'}: ${rulePattern(random)}`)]
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

// ------------------------------------------------------------------ random files

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
      for (let r = integer(random, 0, 4); r > 0; r--) {
        const pattern = rulePattern(random, 0.3)
        const rule = `${random() < 0.6 ? 'Disallow' : 'Allow'}: ${pattern}`
        patterns.push(pattern)
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
  if (from === 'none') return GROUP_RULES.none
  const decided = robotsLabel(robots, agent, path, WILD.star)
  return `${decided} (after ${from === 'own' ? 'taking the groups that name the crawler' : 'falling back to the `*` groups'})`
}

// ------------------------------------------------------------------ the check

/** A rule as its line reads in the file, for visible feedback. */
function ruleLine(rule: {allow: boolean; pattern: string}): string {
  return `\`${rule.allow ? 'Allow' : 'Disallow'}: ${rule.pattern}\``
}

/**
 * What decided a visible call, in the words of the file: the groups that apply and the line that
 * wins. It comes first in the feedback, before the call is quoted (a long file is cut when quoted),
 * so the line that decided is never lost to the cut.
 */
function decidingLine(robots: string, agent: string, path: string): string {
  if (path === '/robots.txt') return '`/robots.txt` itself is always allowed'
  const {from, rules} = applicableGroups(robots, agent)
  const groups = from === 'own' ? `the groups naming ${agent} apply` : from === 'star' ? 'no group names this crawler, so the `*` groups apply' : 'no group applies (none names this crawler, and there is no `*` group)'
  if (from === 'none') return `${groups}, so everything is allowed`
  const matching = rules.filter((rule) => patternMatchesModel(rule.pattern, path))
  if (matching.length === 0) return `${groups}, and none of their rules matches the path, so it is allowed`
  const longest = Math.max(...matching.map((rule) => rule.pattern.length))
  const top = matching.filter((rule) => rule.pattern.length === longest)
  const allow = top.find((rule) => rule.allow)
  const disallow = top.find((rule) => !rule.allow)
  if (allow && disallow) return `${groups}; the longest matching lines, ${ruleLine(allow)} and ${ruleLine(disallow)}, tie at ${longest} characters, and Allow wins a tie`
  const others = matching.length - top.length
  return `${groups}; the longest matching line is ${ruleLine(top[0]!)} (${longest} characters${others > 0 ? `, longer than the ${others} other matching line${others > 1 ? 's' : ''}` : ''}), and it decides`
}

/** A wrong isAllowed answer: the rule that decides it, and which way it went wrong. */
function explainRobots(want: unknown, got: unknown, label: string | undefined, args?: readonly unknown[], visible?: boolean): string {
  if (typeof got !== 'boolean') return 'isAllowed returns true or false'
  const what = want ? 'an allowed path was refused' : 'a disallowed path was allowed'
  if (visible && args && typeof args[0] === 'string' && typeof args[1] === 'string' && typeof args[2] === 'string') return decidingLine(args[0], args[1], args[2])
  return label === undefined ? what : `${label} (${what})`
}

/** The isAllowed generators, by the names grader.json gives them. */
export const robotsGenerators: Record<string, Generator> = {
  'robots-group-selection': robotsGroupSelection,
  'robots-file-format': robotsFileFormat,
  'robots-wildcards': robotsWildcards,
  'robots-longest-match': robotsLongestMatch,
  'robots-combined': robotsCombined,
}

/** Judges isAllowed call by call. */
export const robotsCheck = callByCall(explainRobots)
