/**
 * createFrontier: generators of per-learner workloads (adds, nexts and sizes over hosts and a
 * delay), and the check that replays each script on the independent model (models.ts) and, at
 * the first wrong answer, names the rule it broke.
 *
 * A hidden case's input is `{scripts: [probe, frontier, frontier…]}`. The probe asks the learner's
 * own normalizeUrl for every URL the frontiers are given; the model then normalises with those
 * answers. The contract says `add` normalises with normalizeUrl, so this checks exactly that, and
 * a mistake in normalizeUrl is charged once, by the cases of normalizeUrl, not again here.
 *
 * The hidden cases form a chain (grader.json `requires`): one host's queue, then duplicates and
 * one host's delay, then the order among ready hosts, then the order when no host is ready, then
 * random workloads. Each case's scripts use only what the cases before it own (the cases of one
 * host never have two hosts; in the case of ready hosts some host is ready at every `next`), so a
 * bug fails the one case that owns its rule, for every learner, and the cases after it are skipped.
 */
import {calls, fail, integer, pass, pick, show, type Check, type Generated, type Generator, type Random, type Step} from 'course/kit'
import {argsText} from './call-by-call.js'
import {FrontierModel, hostOfNormalised, normalizeModel, type Normaliser} from './models.js'
import {safeUrl} from './normalise.js'
import {hostName, word} from './random-text.js'

// ------------------------------------------------------------------ scripts

/** The calls a frontier script makes, typed so that the replay can read their arguments. */
type FrontierStep = {call: 'add'; args: [string, number]} | {call: 'next'; args: [number]} | {call: 'size'}
const add = (url: string, priority: number): FrontierStep => ({call: 'add', args: [url, priority]})
const next = (now: number): FrontierStep => ({call: 'next', args: [now]})
const size = (): FrontierStep => ({call: 'size'})

/** A script of the `script` driver that creates one frontier and drives it. */
interface FrontierScript {
  create: {export: 'createFrontier'; args: [{delayMs: number}]}
  steps: FrontierStep[]
}

/** The script that asks the learner's normalizeUrl about each URL, in order. */
interface ProbeScript {
  steps: [Step]
}

/** What a hidden case expects: its frontiers replayed on the model with the learner's normalisation. */
interface LearnerNormalised {
  readonly normalisedBy: 'learner'
}

/**
 * What the model knew just before a `next`: each host's last fetch start and the URL it handed
 * out, each waiting host's ready time, which hosts were ready, and the URLs a rejected duplicate
 * offered with a more urgent priority (the mistake of moving them up is then named).
 */
interface NextNote {
  readonly lastStart: Record<string, number>
  readonly lastUrl: Record<string, string>
  readonly readyAt: Record<string, number>
  readonly ready: string[]
  readonly urgedByDuplicate: string[]
}

/** Replays a script on the model: the answer to every step and, for each `next`, the note above. */
function replay(script: FrontierScript, normalise: Normaliser = normalizeModel): {answers: unknown[]; notes: Array<NextNote | undefined>} {
  const delayMs = script.create.args[0].delayMs
  const model = new FrontierModel(delayMs, normalise)
  const answers: unknown[] = []
  const notes: Array<NextNote | undefined> = []
  const lastStart: Record<string, number> = {}
  const lastUrl: Record<string, string> = {}
  const priorityOf = new Map<string, number>()
  const urged = new Set<string>()
  for (const step of script.steps) {
    if (step.call === 'add') {
      const accepted = model.add(step.args[0], step.args[1])
      answers.push(accepted)
      notes.push(undefined)
      const normal = normalise(step.args[0])
      if (typeof normal !== 'string') continue
      if (accepted) priorityOf.set(normal, step.args[1])
      else if (step.args[1] < (priorityOf.get(normal) ?? -Infinity)) urged.add(normal)
    } else if (step.call === 'size') {
      answers.push(model.size())
      notes.push(undefined)
    } else {
      const now = step.args[0]
      const readyAt = Object.fromEntries(model.readyTimes())
      const ready = Object.keys(readyAt).filter((host) => readyAt[host]! <= now)
      notes.push({lastStart: {...lastStart}, lastUrl: {...lastUrl}, readyAt, ready, urgedByDuplicate: [...urged]})
      const dispatch = model.next(now)
      answers.push(dispatch)
      if (dispatch) {
        const host = hostOfNormalised(dispatch.url)
        lastStart[host] = now + dispatch.waitMs
        lastUrl[host] = dispatch.url
        urged.delete(dispatch.url)
      }
    }
  }
  return {answers, notes}
}

// ------------------------------------------------------------------ explaining a wrong answer

/** The rules of the frontier, as the learner reads them when one is broken. */
const FRONTIER_RULES = {
  addNew: '`add` accepts a URL whose normalised form was never accepted before',
  addDuplicate: '`add` rejects a URL whose normalised form was accepted before (waiting or handed out), and one that normalizeUrl rejects',
  size: '`size` counts the URLs accepted and not yet handed out',
  empty: '`next` returns null when no URL is waiting',
  missing: '`next` returns a URL while any URL is waiting',
  shape: '`next` returns {url, waitMs} with the normalised URL and a wait of at least zero',
  delay: 'no host is handed out again until its delay has passed since its last fetch started',
  wait: '`waitMs` is the host’s ready time minus now, or zero when the host is ready; a fetch that had to wait starts at the host’s ready time',
  head: 'a host’s head is its waiting URL with the smallest priority, then the one accepted first',
  readyFirst: 'a ready host (ready time at most now, or never served) is served before any host that must still wait',
  readyOrder: 'among ready hosts, the head with the smallest priority goes first; ties go to the smaller ready time (a host never served first), then to the head accepted first',
  waitOrder: 'when no host is ready, the host that becomes ready first goes; ties go to the head with the smallest priority, then to the head accepted first',
  normalised: '`add` normalises with normalizeUrl, and `next` hands out that normalised form',
  duplicatePriority: 'a rejected duplicate does not change the original’s priority, even when it comes with a more urgent one',
  host: 'a URL’s host is its normalised host with the port: http and https of one host name on their default ports are one host, and another port is another host',
  boundary: 'a host is ready when its ready time is at most now: at exactly its ready time it is ready',
} as const

/** The host (port included) of a URL, or undefined when it is not one. */
function hostOf(url: unknown): string | undefined {
  return typeof url === 'string' ? safeUrl(url)?.host : undefined
}

/**
 * The rule behind a wrong answer: what kind of call it was, whether the dispatch broke the host's
 * delay, and else how the URL handed out differs from the one the model chose.
 */
function explainFrontier(step: FrontierStep, want: unknown, got: unknown, note: NextNote | undefined, delayMs: number, normalised: ReadonlySet<string>): string {
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
  if (last !== undefined && now + dispatch.waitMs < last + delayMs) {
    // Served too early because it was taken for another host (another scheme, or a port written out)?
    const lastOrigin = safeUrl(note!.lastUrl[host!] ?? '')?.origin
    return lastOrigin !== undefined && lastOrigin !== safeUrl(dispatch.url)?.origin ? FRONTIER_RULES.host : FRONTIER_RULES.delay
  }
  if (dispatch.url === expected.url) return FRONTIER_RULES.wait
  const wantHost = hostOf(expected.url)
  if (host === undefined || !normalised.has(dispatch.url)) return FRONTIER_RULES.normalised
  if (host === wantHost) return note?.urgedByDuplicate.includes(dispatch.url) ? FRONTIER_RULES.duplicatePriority : FRONTIER_RULES.head
  if (wantHost !== undefined && note?.readyAt[wantHost] === now) return FRONTIER_RULES.boundary
  if (note && note.ready.length > 0) return note.ready.includes(host) ? FRONTIER_RULES.readyOrder : FRONTIER_RULES.readyFirst
  return FRONTIER_RULES.waitOrder
}

/** A call as a visible case shows it: `next(2500)`. */
function describeStep(step: FrontierStep): string {
  return `${step.call}(${'args' in step ? argsText(step.args) : ''})`
}

/** One call's result as the driver reports it; loosely typed, as the learner's code shares its process. */
interface CallEntry {
  readonly value?: unknown
  readonly error?: string
}

/** How the learner's normalizeUrl answered each probed URL: string, null, or undefined when it threw or gave something else. */
function learnerNormaliser(probe: ProbeScript, output: unknown): {normalise: Normaliser; unknown: Set<string>} {
  const urls = (probe.steps[0] as unknown as {over: unknown[][]}).over.map((args) => args[0] as string)
  const results = (output as {results?: unknown[]} | undefined)?.results
  const step = Array.isArray(results) ? results[0] : undefined
  const entries: CallEntry[] = step && typeof step === 'object' && Array.isArray((step as {values?: unknown}).values) ? (step as {values: unknown[]}).values.map((value) => ({value})) : Array.isArray(step) ? (step as CallEntry[]) : []
  const answers = new Map<string, string | null | undefined>()
  const unknown = new Set<string>()
  urls.forEach((url, i) => {
    const entry = entries[i]
    const value = entry && entry.error === undefined ? entry.value : undefined
    if (typeof value === 'string' || value === null) answers.set(url, value)
    else unknown.add(url)
  })
  // A URL the probe did not ask about (never the case for generated scripts) falls back to the model.
  return {normalise: (url) => (answers.has(url) ? answers.get(url) : unknown.has(url) ? undefined : normalizeModel(url)), unknown}
}

/**
 * One script's output against the model's replay (or `wanted`, in the script convention of
 * `{value}` per step, when grader.json states it): the problem at the first wrong answer, if any.
 */
function checkFrontierScript(script: FrontierScript, output: unknown, wanted: Array<{value: unknown}> | undefined, visible: boolean, label: string, normalise: Normaliser = normalizeModel, unknown: ReadonlySet<string> = new Set()): string | undefined {
  const out = output as {createError?: string; results?: unknown[]}
  if (!out || !Array.isArray(out.results)) return `${label}no result came back`
  if (out.createError !== undefined) return `${label}createFrontier failed${visible ? `: ${out.createError}` : ''}`
  const {answers, notes} = replay(script, normalise)
  const want = wanted?.map((w) => w.value) ?? answers
  const normalised = new Set<string>()
  for (const step of script.steps) {
    if (step.call !== 'add') continue
    const normal = normalise(step.args[0])
    if (typeof normal === 'string') normalised.add(normal)
  }
  for (let s = 0; s < script.steps.length; s++) {
    const step = script.steps[s]!
    const entry = out.results[s] as CallEntry | undefined
    if (entry === undefined) return `${label}no result for \`${step.call}\``
    // An add of a URL the learner's normalizeUrl threw on may throw too (the cases of normalizeUrl charge that).
    if (step.call === 'add' && unknown.has(step.args[0]) && (entry.error !== undefined || entry.value === false)) continue
    if (entry.error !== undefined) return visible ? `${label}step ${s + 1}, ${describeStep(step)}, threw: ${entry.error}` : `${label}\`${step.call}\` threw an error`
    const expected = want[s]
    const same = expected === null ? entry.value === null || entry.value === undefined : JSON.stringify(entry.value) === JSON.stringify(expected) || sameDispatch(entry.value, expected)
    if (same) continue
    const rule = explainFrontier(step, expected, entry.value, notes[s], script.create.args[0].delayMs, normalised)
    return visible ? `${label}step ${s + 1}, ${describeStep(step)}, must give ${show(expected)}, got ${show(entry.value)}: ${rule}` : `${label}the first wrong answer came from \`${step.call}\` and broke this rule: ${rule}`
  }
  return undefined
}

/** The same dispatch, allowing extra keys that are undefined (they vanish in JSON). */
function sameDispatch(got: unknown, want: unknown): boolean {
  if (typeof want !== 'object' || want === null || typeof got !== 'object' || got === null) return false
  const g = got as Record<string, unknown>
  const w = want as Record<string, unknown>
  return g.url === w.url && g.waitMs === w.waitMs && Object.keys(g).every((k) => k === 'url' || k === 'waitMs' || g[k] === undefined)
}

/**
 * Frontier scripts: a hidden case's probe and frontiers (expected `{normalisedBy: 'learner'}`), or
 * a visible case's frontiers with the results grader.json states.
 */
export const frontierCheck: Check = ({input, output, expected, visible}) => {
  const many = input as {scripts?: Array<FrontierScript | ProbeScript>}
  const outputs = (output as {scripts?: unknown[]} | undefined)?.scripts
  if (!Array.isArray(many.scripts)) {
    const wanted = expected as {results?: Array<{value: unknown}>} | undefined
    const problem = checkFrontierScript(input as FrontierScript, output, wanted?.results, visible, '')
    return problem ? fail(problem) : pass
  }
  if (!Array.isArray(outputs)) return fail('no result came back')
  if ((expected as LearnerNormalised | undefined)?.normalisedBy === 'learner') {
    const {normalise, unknown} = learnerNormaliser(many.scripts[0] as ProbeScript, outputs[0])
    const frontiers = many.scripts.slice(1) as FrontierScript[]
    for (let i = 0; i < frontiers.length; i++) {
      const problem = checkFrontierScript(frontiers[i]!, outputs[i + 1], undefined, visible, frontiers.length > 1 ? `frontier ${i + 1}: ` : '', normalise, unknown)
      if (problem) return fail(problem)
    }
    return pass
  }
  const wanted = expected as {scripts?: Array<{results: Array<{value: unknown}>}>} | undefined
  const scripts = many.scripts as FrontierScript[]
  for (let i = 0; i < scripts.length; i++) {
    const problem = checkFrontierScript(scripts[i]!, outputs[i], wanted?.scripts?.[i]?.results, visible, scripts.length > 1 ? `frontier ${i + 1}: ` : '')
    if (problem) return fail(problem)
  }
  return pass
}

// ------------------------------------------------------------------ building cases

/** A frontier with this delay driven by these steps. */
function frontier(delayMs: number, steps: FrontierStep[]): FrontierScript {
  return {create: {export: 'createFrontier', args: [{delayMs}]}, steps}
}

/** A hidden case: the probe of every URL the frontiers add, then the frontiers. */
function frontierCase(...frontiers: FrontierScript[]): Generated {
  const urls = [...new Set(frontiers.flatMap((f) => f.steps.flatMap((step) => (step.call === 'add' ? [step.args[0]] : []))))]
  const probe: ProbeScript = {steps: [calls('normalizeUrl', urls.map((url) => [url]))]}
  const expected: LearnerNormalised = {normalisedBy: 'learner'}
  return {input: {scripts: [probe, ...frontiers]}, expected}
}

/** A host to crawl: scheme, name and (when not the default) port. */
interface Site {
  readonly scheme: string
  readonly host: string
  readonly port: string
}

/** `count` distinct hosts; now and then the same host name on another port, a different host. */
function sites(random: Random, count: number): Site[] {
  const out: Site[] = []
  const seen = new Set<string>()
  while (out.length < count) {
    const scheme = pick(random, ['http', 'https'])
    const host = random() < 0.3 && out.length > 0 ? pick(random, out).host : hostName(random)
    const port = random() < 0.3 ? pick(random, ['8080', '8443', '81']) : ''
    const key = `${host}:${port}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({scheme, host, port})
  }
  return out
}

/** A page of a site, spelt canonically (lower case, no default port, nothing to normalise). */
function pageUrl(random: Random, site: Site): string {
  return `${site.scheme}://${site.host}${site.port ? `:${site.port}` : ''}/${word(random, 1, 4)}${random() < 0.5 ? `/${word(random, 1, 5)}` : ''}${random() < 0.2 ? `?id=${integer(random, 1, 99)}` : ''}`
}

/** A page never offered before in this script, so that only the case of duplicates meets duplicates. */
function freshPage(random: Random, site: Site, used: Set<string>): string {
  for (;;) {
    const url = pageUrl(random, site)
    if (!used.has(url)) {
      used.add(url)
      return url
    }
  }
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

/** Mostly whole priorities 0–3; now and then a negative or fractional one. */
const priorityOf = (random: Random): number => (random() < 0.1 ? pick(random, [-1, 0.5, 1.5, 2.25]) : integer(random, 0, 3))

// ------------------------------------------------------------------ one host's queue

/**
 * One host, no delay: the head of the queue (priority, then first come, with negative, fractional
 * and tied priorities), `size`, and `null` when nothing waits.
 */
const ONE_HOST = frontier(0, [
  next(0), size(),
  add('http://one.example/a', 2), add('http://one.example/b', 1), add('http://one.example/c', 1), add('http://one.example/d', -1),
  add('http://one.example/e', 0.5), add('http://one.example/f', 1), add('http://one.example/g', 1e9), size(),
  next(0), next(0), size(),
  add('http://one.example/h', 1), add('http://one.example/i', 0),
  next(1), next(1), next(1), next(2), next(2), next(2), next(3), size(), next(3), next(3), size(),
  add('http://one.example/j', 5), size(), next(3), next(4), size(),
])

const frontierOneHost: Generator = (random) => {
  const site: Site = {scheme: pick(random, ['http', 'https']), host: hostName(random), port: random() < 0.3 ? '8080' : ''}
  const used = new Set<string>()
  const steps: FrontierStep[] = []
  let now = integer(random, 0, 1000)
  for (let i = 0; i < 60; i++) {
    const roll = random()
    if (roll < 0.45) steps.push(add(freshPage(random, site, used), priorityOf(random)))
    else if (roll < 0.9) {
      now += integer(random, 0, 50)
      steps.push(next(now))
    } else steps.push(size())
  }
  return frontierCase(ONE_HOST, frontier(0, steps))
}

// ------------------------------------------------------------------ duplicates

/** Every spelling of one page is one URL; a handed-out URL stays seen; a duplicate changes nothing. */
const DUPLICATES = frontier(0, [
  add('https://dup.example/a', 1),
  add('HTTPS://DUP.EXAMPLE/a', 1), add('https://dup.example:443/a', 1), add('https://dup.example/a#x', 1), add('https://dup.example/a?utm_source=z', 1),
  add('https://dup.example/b/../a', 1), add('https://dup.example./a', 1), add('https://dup.example/%61', 1), add('https://dup.example/a?', 1), add('https://jo:pw@dup.example/a', 1),
  add('https://dup.example/c', 3), add('https://dup.example/b', 2), add('https://dup.example/c#again', 0), size(),
  next(0), next(0),
  add('https://dup.example/a', 0), add('HTTPS://dup.example/a#y', 0), size(),
  next(0),
  add('mailto:jo@dup.example', 0), add('not a url', 0), add('', 0), add('ftp://dup.example/a', 0), add('/relative', 0), add('//dup.example/d', 0), size(), next(0),
  add('HTTPS://Dup.Example/%7Ejo?utm_medium=x&k=1#top', 0), add('https://dup.example/~jo?k=1', 0), size(), next(0), next(0),
])

const frontierDeduplication: Generator = (random) => {
  // One host and no delay: only what was accepted, and in what order of urgency, decides the answers.
  const site = sites(random, 1)[0]!
  const used = new Set<string>()
  const accepted: string[] = []
  const steps: FrontierStep[] = []
  let now = 0
  for (let i = 0; i < 70; i++) {
    const roll = random()
    if (roll < 0.35 || accepted.length === 0) {
      const url = freshPage(random, site, used)
      steps.push(add(random() < 0.25 ? respell(random, url) : url, priorityOf(random)))
      accepted.push(url)
    } else if (roll < 0.7) {
      steps.push(add(respell(random, pick(random, accepted)), priorityOf(random)))
    } else if (roll < 0.78) {
      steps.push(add(pick(random, ['mailto:jo@example.org', 'ftp://example.org/x', 'not a url', '', 'javascript:void(0)']), 0))
    } else if (roll < 0.88) {
      steps.push(size())
    } else {
      now += integer(random, 0, 1000)
      steps.push(next(now))
    }
  }
  for (let i = 0; i < 30; i++) {
    now += integer(random, 0, 1000)
    steps.push(next(now))
    if (random() < 0.2) steps.push(add(respell(random, pick(random, accepted)), -5))
  }
  steps.push(size())
  return frontierCase(DUPLICATES, frontier(0, steps))
}

// ------------------------------------------------------------------ one host's delay

/**
 * One host with a delay: a fetch that must wait starts at the host's ready time (so the next one
 * waits from there), one that need not starts now, and the clock outlives an empty queue.
 */
const POLITENESS = [
  frontier(1000, [
    add('http://polite.example/a', 0), add('http://polite.example/b', 0), add('http://polite.example/c', 0),
    next(0), next(0), next(500), next(600), size(),
    add('http://polite.example/d', 0), next(2100),
    add('http://polite.example/e', 0), add('http://polite.example/f', 0),
    next(9000), next(9500), add('http://polite.example/g', 0), next(11000), next(11000),
  ]),
  frontier(250, [
    add('https://slow.example:8443/x', 1), next(0),
    add('https://slow.example:8443/y', 0), add('https://slow.example:8443/z', -1),
    next(10), next(10), next(10), size(),
  ]),
]

const frontierPoliteness: Generator = (random) => {
  const delayMs = integer(random, 5, 50) * 100
  const site = sites(random, 1)[0]!
  const used = new Set<string>()
  const steps: FrontierStep[] = []
  for (let i = 0; i < 20; i++) steps.push(add(freshPage(random, site, used), priorityOf(random)))
  let now = integer(random, 0, 10_000)
  for (let i = 0; i < 40; i++) {
    now += random() < 0.2 ? integer(random, delayMs, 3 * delayMs) : integer(random, 0, Math.round(delayMs * 0.8))
    steps.push(next(now))
    if (random() < 0.3) steps.push(add(freshPage(random, site, used), priorityOf(random)))
  }
  return frontierCase(...POLITENESS, frontier(delayMs, steps))
}

// ------------------------------------------------------------------ ready hosts

/**
 * Several hosts, and at every `next` at least one of them ready: a ready host beats a waiting
 * one; among ready ones priority, then ready time (never served first), then first come; a host
 * is ready at exactly its ready time; a host is the URL's host with its port, whatever the scheme.
 */
const READY_HOSTS = [
  frontier(1000, [add('http://a.example/1', 0), add('http://a.example/2', 0), add('http://b.example/1', 5), next(0), next(500), next(1000)]),
  frontier(1000, [add('http://a.example/1', 0), add('http://a.example/2', 0), add('http://b.example/1', 1), next(0), next(1000), next(1000)]),
  frontier(1000, [add('http://c.example/1', 2), add('http://a.example/1', 1), add('http://b.example/1', 1), add('http://a.example/2', 1), add('http://b.example/2', 0), next(0), next(0), next(5000), next(5000), next(5000), next(5000)]),
  frontier(100, [add('http://x.example/1', 1), add('http://y.example/1', 1), add('http://y.example/2', 3), add('http://x.example/2', 3), add('http://z.example/1', 3), next(0), next(50), next(1000), next(1000), next(1000)]),
  frontier(1000, [
    add('http://h.example/1', 0), add('https://h.example/2', 0), add('http://k.example/1', 1), add('http://h.example:8080/1', 2),
    add('http://h.example:80/3', 0), add('https://h.example:443/4', 0), add('http://h.example:443/5', 3),
    next(0), next(0), next(0), next(0), next(1000), next(2000), next(3000), size(),
  ]),
]

const frontierPriorityOrder: Generator = (random) => {
  const delayMs = integer(random, 1, 10) * 100
  const all = sites(random, integer(random, 4, 7))
  const used = new Set<string>()
  const steps: FrontierStep[] = []
  // The model runs alongside, to move the clock so that some host is ready at every `next`.
  const model = new FrontierModel(delayMs)
  const offer = (url: string, priority: number) => {
    steps.push(add(url, priority))
    model.add(url, priority)
  }
  for (let i = 0; i < 30; i++) offer(freshPage(random, pick(random, all), used), priorityOf(random))
  let now = 0
  for (let i = 0; i < 60; i++) {
    now += random() < 0.6 ? integer(random, delayMs, 3 * delayMs) : integer(random, 0, delayMs)
    const readyAt = [...model.readyTimes().values()]
    if (readyAt.length > 0 && !readyAt.some((at) => at <= now)) now = Math.min(...readyAt) // often exactly at a ready time
    steps.push(next(now))
    model.next(now)
    if (random() < 0.3) offer(freshPage(random, pick(random, all), used), priorityOf(random))
  }
  return frontierCase(...READY_HOSTS, frontier(delayMs, steps))
}

// ------------------------------------------------------------------ waiting hosts

/**
 * No host ready: the earliest ready time goes, even against a more urgent head; ties go to the
 * smaller priority, then the head accepted first; dispatches asked for at one instant queue up.
 */
const WAITING_HOSTS = [
  frontier(1000, [add('http://a.example/1', 0), add('http://b.example/1', 0), add('http://a.example/2', 0), add('http://b.example/2', 0), next(0), next(100), next(200), next(200), next(200)]),
  frontier(500, [add('http://a.example/1', 0), add('http://b.example/1', 0), add('http://a.example/2', 2), add('http://b.example/2', 1), next(0), next(0), next(100), next(100)]),
  frontier(500, [add('http://a.example/1', 0), add('http://b.example/1', 0), add('http://b.example/2', 1), add('http://a.example/2', 1), next(0), next(0), next(0), next(0)]),
  frontier(1000, [add('http://a.example/1', 0), add('http://b.example/1', 0), add('http://a.example/2', 9), add('http://b.example/2', 0), next(0), next(300), next(400), next(400)]),
  frontier(1000, [
    add('http://a.example/1', 0), add('http://a.example/2', 0), add('http://a.example/3', 0), add('http://b.example/1', 0), add('http://b.example/2', 0),
    next(0), next(0), next(0), next(0), next(0), next(0), size(),
  ]),
]

const frontierWaiting: Generator = (random) => {
  const delayMs = integer(random, 2, 30) * 100
  const all = sites(random, integer(random, 3, 5))
  const used = new Set<string>()
  const steps: FrontierStep[] = [next(0), size()]
  for (let i = 0; i < 30; i++) steps.push(add(freshPage(random, pick(random, all), used), priorityOf(random)))
  // Every host served at the same instant, so their ready times tie; then nothing is ready.
  let now = integer(random, 0, 1000)
  for (let i = 0; i < 40; i++) {
    steps.push(next(now))
    if (random() < 0.25) now += integer(random, 0, Math.round(delayMs / 3))
    if (random() < 0.1) steps.push(size())
  }
  steps.push(next(now), size())
  return frontierCase(...WAITING_HOSTS, frontier(delayMs, steps))
}

// ------------------------------------------------------------------ random workloads

const frontierWorkloads: Generator = (random) => {
  const delayMs = random() < 0.15 ? 0 : integer(random, 1, 30) * 100
  const all = sites(random, integer(random, 3, 6))
  const used = new Set<string>()
  const urls: string[] = []
  const steps: FrontierStep[] = []
  let now = integer(random, 0, 100_000)
  for (let i = 0; i < 220; i++) {
    const roll = random()
    if (roll < 0.45) {
      const url = urls.length > 0 && random() < 0.15 ? respell(random, pick(random, urls)) : freshPage(random, pick(random, all), used)
      urls.push(url)
      steps.push(add(url, priorityOf(random)))
    } else if (roll < 0.92) {
      now += random() < 0.3 ? 0 : integer(random, 0, Math.max(1, Math.round(delayMs * 1.5)))
      steps.push(next(now))
    } else {
      steps.push(size())
    }
  }
  return frontierCase(frontier(delayMs, steps))
}

// =================================================================== the module

/** The createFrontier generators, by the names grader.json gives them. */
export const frontierGenerators: Record<string, Generator> = {
  'frontier-one-host': frontierOneHost,
  'frontier-deduplication': frontierDeduplication,
  'frontier-politeness': frontierPoliteness,
  'frontier-priority-order': frontierPriorityOrder,
  'frontier-waiting': frontierWaiting,
  'frontier-workloads': frontierWorkloads,
}

/** For tests: the scripted frontiers of each case, replayed on the model. */
export const scriptedFrontiers = {ONE_HOST, DUPLICATES, POLITENESS, READY_HOSTS, WAITING_HOSTS}
export {replay as replayFrontier}
