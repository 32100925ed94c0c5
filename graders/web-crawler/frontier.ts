/**
 * createFrontier: generators of per-learner workloads (adds, nexts and sizes over a few hosts and
 * a delay), and the check that replays each script on the independent model (models.ts) and, at
 * the first wrong answer, names the rule it broke: deduplication, the per-host delay, the head of
 * a host's queue, or the order between hosts.
 */
import {fail, integer, pass, pick, show, values, type Check, type Generated, type Generator, type Random} from 'course/kit'
import {argsText} from './call-by-call.js'
import {FrontierModel, normalizeModel} from './models.js'
import {safeUrl} from './normalise.js'
import {hostName, word} from './random-text.js'

// ------------------------------------------------------------------ replaying a script

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

/** What the model knew just before a `next`: each host's last fetch start and which hosts were ready. */
interface NextNote {
  readonly lastStart: Record<string, number>
  readonly ready: string[]
}

/** Replays a script on the model: the answer to every step and, for each `next`, the note above. */
function replay(script: FrontierScript): {answers: unknown[]; notes: Array<NextNote | undefined>} {
  const delayMs = script.create.args[0].delayMs
  const model = new FrontierModel(delayMs)
  const answers: unknown[] = []
  const notes: Array<NextNote | undefined> = []
  const lastStart: Record<string, number> = {}
  const waitingHosts = new Map<string, number>()
  for (const step of script.steps) {
    if (step.call === 'add') {
      const accepted = model.add(step.args[0], step.args[1])
      answers.push(accepted)
      notes.push(undefined)
      if (accepted) {
        const host = new URL(normalizeModel(step.args[0])!).host
        waitingHosts.set(host, (waitingHosts.get(host) ?? 0) + 1)
      }
    } else if (step.call === 'size') {
      answers.push(model.size())
      notes.push(undefined)
    } else {
      const now = step.args[0]
      const ready = [...waitingHosts.keys()].filter((host) => lastStart[host] === undefined || lastStart[host]! + delayMs <= now)
      notes.push({lastStart: {...lastStart}, ready})
      const dispatch = model.next(now)
      answers.push(dispatch)
      if (dispatch) {
        const host = new URL(dispatch.url).host
        lastStart[host] = now + dispatch.waitMs
        const left = waitingHosts.get(host)! - 1
        if (left === 0) waitingHosts.delete(host)
        else waitingHosts.set(host, left)
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
  shape: '`next` returns {url, waitMs} with the normalised URL and a wait of at least 0',
  delay: 'no host is handed out again until its delay has passed since its last fetch started',
  wait: '`waitMs` is the host’s ready time minus now, or 0 when the host is ready',
  head: 'a host’s head is its waiting URL with the smallest priority, then the one accepted first',
  readyFirst: 'a ready host is served before any host that must still wait',
  readyOrder: 'among ready hosts, the head with the smallest priority goes first; ties go to the smaller ready time, then to the head accepted first',
  waitOrder: 'when no host is ready, the host that becomes ready first goes; ties go to the head with the smallest priority, then to the head accepted first',
  normalised: '`next` hands out the URL in its normalised form',
} as const

/** The host (port included) of a URL, or undefined when it is not one. */
function hostOf(url: unknown): string | undefined {
  return typeof url === 'string' ? safeUrl(url)?.host : undefined
}

/**
 * The rule behind a wrong answer: what kind of call it was, whether the dispatch broke the host's
 * delay, and else how the URL handed out differs from the one the model chose.
 */
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

/** A call as a visible case shows it: `next(2500)`. */
function describeStep(step: FrontierStep): string {
  return `${step.call}(${'args' in step ? argsText(step.args) : ''})`
}

/** One call's result as the driver reports it; loosely typed, as the learner's code shares its process. */
interface CallEntry {
  readonly value?: unknown
  readonly error?: string
}

/**
 * One script's output against the model's replay (or `wanted`, in the script convention of
 * `{value}` per step, when grader.json states it): the problem at the first wrong answer, if any.
 */
function checkFrontierScript(script: FrontierScript, output: unknown, wanted: Array<{value: unknown}> | undefined, visible: boolean, label: string): string | undefined {
  const out = output as {createError?: string; results?: unknown[]}
  if (!out || !Array.isArray(out.results)) return `${label}no result came back`
  if (out.createError !== undefined) return `${label}createFrontier failed${visible ? `: ${out.createError}` : ''}`
  const {answers, notes} = replay(script)
  const want = wanted?.map((w) => w.value) ?? answers
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

/** The same dispatch, allowing extra keys that are undefined (they vanish in JSON). */
function sameDispatch(got: unknown, want: unknown): boolean {
  if (typeof want !== 'object' || want === null || typeof got !== 'object' || got === null) return false
  const g = got as Record<string, unknown>
  const w = want as Record<string, unknown>
  return g.url === w.url && g.waitMs === w.waitMs && Object.keys(g).every((k) => k === 'url' || k === 'waitMs' || g[k] === undefined)
}

/** Frontier scripts (one, or `{scripts}`), replayed on the model; expectations from `expect` when given. */
export const frontierCheck: Check = ({input, output, expected, visible}) => {
  const many = input as {scripts?: FrontierScript[]}
  const wanted = expected as {scripts?: Array<{results: Array<{value: unknown}>}>; results?: Array<{value: unknown}>} | undefined
  if (Array.isArray(many.scripts)) {
    const outputs = (output as {scripts?: unknown[]}).scripts
    if (!Array.isArray(outputs)) return fail('no result came back')
    for (let i = 0; i < many.scripts.length; i++) {
      const problem = checkFrontierScript(many.scripts[i]!, outputs[i], wanted?.scripts?.[i]?.results, visible, many.scripts.length > 1 ? `frontier ${i + 1}: ` : '')
      if (problem) return fail(problem)
    }
    return pass
  }
  const problem = checkFrontierScript(input as FrontierScript, output, wanted?.results, visible, '')
  return problem ? fail(problem) : pass
}

// ------------------------------------------------------------------ generators

/** A host to crawl: scheme, name and (when not the default) port. */
interface Site {
  readonly scheme: string
  readonly host: string
  readonly port: string
}

/** `count` distinct hosts. */
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

/** A frontier with this delay driven by `steps`, with what each step must give from the model. */
function frontierScript(delayMs: number, steps: FrontierStep[]): Generated {
  const script: FrontierScript = {create: {export: 'createFrontier', args: [{delayMs}]}, steps}
  return {input: script, expected: {results: values(replay(script).answers)}}
}

/** Mostly whole priorities 0–3; now and then a negative or fractional one. */
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
      steps.push(add(url, priorityOf(random)))
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
  return frontierScript(delayMs, steps)
}

const frontierPoliteness: Generator = (random) => {
  const delayMs = integer(random, 5, 50) * 100
  const all = sites(random, integer(random, 1, 3))
  const steps: FrontierStep[] = []
  for (let i = 0; i < 30; i++) steps.push(add(pageUrl(random, pick(random, all)), priorityOf(random)))
  let now = integer(random, 0, 10_000)
  for (let i = 0; i < 45; i++) {
    now += integer(random, 0, Math.round(delayMs * 0.8))
    steps.push(next(now))
    if (random() < 0.2) steps.push(add(pageUrl(random, pick(random, all)), priorityOf(random)))
  }
  return frontierScript(delayMs, steps)
}

const frontierPriorityOrder: Generator = (random) => {
  const delayMs = integer(random, 1, 10) * 100
  const all = sites(random, integer(random, 4, 7))
  const steps: FrontierStep[] = []
  for (let i = 0; i < 40; i++) steps.push(add(pageUrl(random, pick(random, all)), priorityOf(random)))
  let now = 0
  for (let i = 0; i < 60; i++) {
    // Mostly far enough apart that several hosts are ready at once.
    now += random() < 0.7 ? integer(random, delayMs, 3 * delayMs) : integer(random, 0, delayMs)
    steps.push(next(now))
    if (random() < 0.3) steps.push(add(pageUrl(random, pick(random, all)), priorityOf(random)))
  }
  return frontierScript(delayMs, steps)
}

const frontierWaiting: Generator = (random) => {
  const delayMs = integer(random, 2, 30) * 100
  const all = sites(random, integer(random, 3, 5))
  const steps: FrontierStep[] = [next(0), size()]
  for (let i = 0; i < 30; i++) steps.push(add(pageUrl(random, pick(random, all)), priorityOf(random)))
  // Every host served at the same instant, so their ready times tie; then nothing is ready.
  let now = integer(random, 0, 1000)
  for (let i = 0; i < 40; i++) {
    steps.push(next(now))
    if (random() < 0.25) now += integer(random, 0, Math.round(delayMs / 3))
    if (random() < 0.1) steps.push(size())
  }
  steps.push(next(now), size())
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
      steps.push(add(url, priorityOf(random)))
    } else if (roll < 0.92) {
      now += random() < 0.3 ? 0 : integer(random, 0, Math.max(1, Math.round(delayMs * 1.5)))
      steps.push(next(now))
    } else {
      steps.push(size())
    }
  }
  return frontierScript(delayMs, steps)
}

// =================================================================== the module

/** The createFrontier generators, by the names grader.json gives them. */
export const frontierGenerators: Record<string, Generator> = {
  'frontier-deduplication': frontierDeduplication,
  'frontier-politeness': frontierPoliteness,
  'frontier-priority-order': frontierPriorityOrder,
  'frontier-waiting': frontierWaiting,
  'frontier-workloads': frontierWorkloads,
}
