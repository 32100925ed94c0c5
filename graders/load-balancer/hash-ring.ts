/**
 * The consistent-hashing cases. The starter lets a learner place points with any well-mixed hash,
 * so most cases judge properties that hold whatever the hash: how many keys move when a server
 * comes or goes, and where they go; how evenly virtual nodes spread the keys; that the ring depends
 * only on the set of servers. `hash-ring-owners` adds the exact answer, key by key, for a ring laid
 * out as the starter suggests (ringPosition of `server#i`), which is where the owner rule itself
 * (at or after, wrapping round) can be seen: keys above the highest point and keys exactly on a
 * point are built on purpose, since random keys almost never land there.
 */
import {asScript, call, calls, create, fail, figure, integer, pass, percent, repeat, shuffle, stepEntries, stepValues, verdict, type Check, type Generator, type ScriptInput, type ScriptOutput, type Step} from 'course/kit'
import {COLLIDING_SERVERS, md5Position, RingModel} from './models.js'
import {lookupKeys, serverNames} from './names.js'

/** A ring of these servers that looks up every key, and does nothing else. */
function lookupsOn(servers: readonly string[], virtualNodes: number, keys: string[][]): ScriptInput {
  return {create: create('createHashRing', {servers, virtualNodes}), steps: [calls('lookup', keys)]}
}

/** A server name not in `servers`, drawn from the stream. */
function newName(random: () => number, servers: readonly string[]): string {
  let name = serverNames(random, 1)[0]!
  while (servers.includes(name)) name = `${name}x`
  return name
}

export const ringAddGenerator: Generator = (random) => {
  const servers = serverNames(random, integer(random, 5, 12))
  const added = newName(random, servers)
  // 600 keys: the new server's share (1/13 to 1/6) is 46 to 100 keys, far from what modulo hashing moves.
  const keys = lookupKeys(random, 600)
  const steps = [calls('lookup', keys), call('add', added), calls('lookup', keys), call('remove', added), calls('lookup', keys)]
  return {input: {create: create('createHashRing', {servers, virtualNodes: integer(random, 50, 100)}), steps}, expected: {servers: servers.length, added}}
}

/** Adding one server to N moves about 1/(N+1) of the keys, all to the new server; removing it undoes that. */
export const ringAdd: Check = ({output, expected}) => {
  const script = asScript(output)
  const [before, after, restored] = [stepValues(script, 0), stepValues(script, 2), stepValues(script, 4)]
  const {added, servers} = expected as {added: string; servers: number}
  // Where each key that moved went.
  const moved = before.flatMap((owner, i) => (after[i] === owner ? [] : [after[i]]))
  const problems: string[] = []
  if (moved.some((owner) => owner !== added)) {
    problems.push('a key moved between two old servers when a new one was added; only keys taken by the new server should move')
  } else {
    const share = moved.length / before.length
    const ideal = 1 / (servers + 1)
    if (share < 0.4 * ideal || share > 1.8 * ideal) problems.push(`adding one server moved ${percent(share)} of the keys, not about 1/(N+1) of them`)
  }
  if (restored.some((owner, i) => owner !== before[i])) problems.push('after removing the added server, keys did not return to their earlier servers')
  return verdict(problems)
}

export const ringRemoveGenerator: Generator = (random) => {
  const servers = serverNames(random, integer(random, 5, 12))
  const removed = servers[integer(random, 0, servers.length - 1)]!
  const keys = lookupKeys(random, 600)
  return {
    input: {create: create('createHashRing', {servers, virtualNodes: 64}), steps: [calls('lookup', keys), call('remove', removed), calls('lookup', keys)]},
    expected: {removed},
  }
}

/** Removing a server moves exactly the keys it owned, each to a remaining server. */
export const ringRemove: Check = ({output, expected}) => {
  const script = asScript(output)
  const [before, after] = [stepValues(script, 0), stepValues(script, 2)]
  const {removed} = expected as {removed: string}
  const problems: string[] = []
  if (before.some((_, i) => after[i] === removed)) problems.push('a key still maps to the removed server')
  if (before.some((owner, i) => owner !== removed && after[i] !== owner)) problems.push('removing a server moved keys it did not own')
  return verdict(problems)
}

export const ringBalanceGenerator: Generator = (random) => {
  const servers = serverNames(random, 10)
  const keys = lookupKeys(random, 1500)
  return {input: {scripts: [lookupsOn(servers, 1, keys), lookupsOn(servers, 100, keys)]}, expected: {serverList: servers}}
}

/** The standard deviation of the keys per server, relative to the mean. */
function relativeSpread(owners: readonly unknown[], servers: readonly string[]): number {
  const load = new Map(servers.map((s) => [s, 0]))
  for (const owner of owners) load.set(owner as string, (load.get(owner as string) ?? 0) + 1)
  const counts = [...load.values()]
  const mean = owners.length / servers.length
  const variance = counts.reduce((sum, c) => sum + (c - mean) ** 2, 0) / counts.length
  return Math.sqrt(variance) / mean
}

/** More virtual nodes spread the keys more evenly. */
export const ringBalance: Check = ({output, expected}) => {
  const [few, many] = (output as {scripts: ScriptOutput[]}).scripts
  const {serverList} = expected as {serverList: string[]}
  const low = relativeSpread(stepValues(few!, 0), serverList)
  const high = relativeSpread(stepValues(many!, 0), serverList)
  // With 100 points per server the share's relative spread is about 0.1, plus sampling noise of
  // 1500 keys over 10 servers (about 0.08); with one point it is about 1. 0.3 leaves room for an
  // unlucky draw and still separates the two by far.
  if (high > 0.3 || high >= low) {
    return fail(`more virtual nodes did not even out the load (relative spread ${figure(high)} with many against ${figure(low)} with one per server); it should fall like 1/√V`)
  }
  return pass
}

export const ringOrderGenerator: Generator = (random) => {
  const drawn = serverNames(random, integer(random, 4, 10))
  const [first, second] = COLLIDING_SERVERS
  const servers = [first, second, ...drawn]
  // The two colliding ids share a position: a key at exactly that position (the string that was
  // hashed) goes to whichever comes first at that position, and that must not depend on which of
  // the two the ring heard of first. So the first ring lists `first` before `second` and the
  // other two learn of them the other way round.
  const keys = [...lookupKeys(random, 300), [`${first}#0`], [`${second}#0`]]
  const reordered = [second, ...shuffle(random, drawn), first]
  const addedOneByOne: ScriptInput = {
    create: create('createHashRing', {servers: [], virtualNodes: 50}),
    steps: [...[second, ...shuffle(random, drawn), first].map((s) => call('add', s)), calls('lookup', keys)],
  }
  return {input: {scripts: [lookupsOn(servers, 50, keys), lookupsOn(reordered, 50, keys), addedOneByOne]}}
}

/** The ring gives the same answers whatever order the servers were listed or added in. */
export const ringOrder: Check = ({output}) => {
  const rings = (output as {scripts: ScriptOutput[]}).scripts
  if (rings.some((ring) => ring.createError !== undefined)) return fail('creating a ring failed (an empty list of servers is allowed: servers can be added later)')
  const answers = rings.map((ring) => JSON.stringify(stepValues(ring, ring.results.length - 1)))
  return answers.every((a) => a === answers[0])
    ? pass
    : fail('two rings with the same servers, listed or added in a different order, map keys differently (points must come from the ids alone, and two points at the same position are ordered by server id)')
}

// ------------------------------------------------------------------ exact owners

/** Where a key lies on a ring, which decides which part of the owner rule it tests. */
type KeyKind = 'ordinary' | 'past-top' | 'below-lowest' | 'on-point'

function kindOf(ring: RingModel, key: string): KeyKind {
  const at = md5Position(key)
  const points = ring.sorted
  if (at > points[points.length - 1]!.at) return 'past-top'
  if (at < points[0]!.at) return 'below-lowest'
  return points.some((p) => p.at === at) ? 'on-point' : 'ordinary'
}

/** `count` keys (`prefix-n`) that satisfy `wanted`, searched in order: found whatever the draw. */
function keysWhere(prefix: string, count: number, wanted: (key: string) => boolean): string[] {
  const found: string[] = []
  for (let n = 0; found.length < count; n++) {
    const key = `${prefix}-${n}`
    if (wanted(key)) found.push(key)
  }
  return found
}

interface OwnersExpected {
  /** Per lookup phase (before, after adding, after removing): each key's owner on the model ring. */
  readonly owners: string[][]
  readonly kinds: KeyKind[][]
  /** What `servers()` lists after the add and after the remove. */
  readonly servers: string[][]
}

export const ringOwnersGenerator: Generator = (random) => {
  // No two servers may share a position here: the tie rule is the order case's, judged there.
  let servers: string[]
  let virtualNodes: number
  let ring: RingModel
  let added: string
  do {
    servers = serverNames(random, integer(random, 5, 12))
    virtualNodes = integer(random, 50, 100)
    added = newName(random, servers)
    ring = new RingModel([...servers, added], virtualNodes)
  } while (ring.hasCollision())
  ring = new RingModel(servers, virtualNodes)

  const prefix = `k${Math.floor(random() * 2 ** 32).toString(36)}`
  const points = ring.sorted
  const top = points[points.length - 1]!.at
  const lowest = points[0]!.at
  // The scripted part, for every learner: keys above the highest point (they wrap to the lowest),
  // keys below the lowest point, and keys that are exactly the text of a point (`server#i`), so
  // they land on it; among them the highest and the lowest points.
  const pointKeys = new Set<string>()
  pointKeys.add(points[points.length - 1]!.label)
  pointKeys.add(points[0]!.label)
  while (pointKeys.size < 12) pointKeys.add(points[integer(random, 0, points.length - 1)]!.label)
  const episode = [...keysWhere(`${prefix}-top`, 5, (k) => md5Position(k) > top), ...keysWhere(`${prefix}-low`, 3, (k) => md5Position(k) < lowest), ...pointKeys]
  const keys = [...lookupKeys(random, 400).map(([k]) => k!), ...episode]

  const owners: string[][] = []
  const kinds: KeyKind[][] = []
  const phase = () => {
    owners.push(keys.map((k) => ring.lookup(k)))
    kinds.push(keys.map((k) => kindOf(ring, k)))
  }
  const listed: string[][] = []
  phase()
  ring.add(added)
  listed.push(ring.servers())
  phase()
  // Taking away the server that owns the lowest point moves where the keys above the top wrap to.
  const lowOwner = ring.sorted[0]!.server
  ring.remove(lowOwner)
  listed.push(ring.servers())
  phase()

  const args = keys.map((k) => [k])
  const steps: Step[] = [calls('lookup', args), call('add', added), call('servers'), calls('lookup', args), call('remove', lowOwner), call('servers'), calls('lookup', args)]
  const expected: OwnersExpected = {owners, kinds, servers: listed}
  return {input: {create: create('createHashRing', {servers, virtualNodes}), steps}, expected}
}

const OWNER_RULE: Record<Exclude<KeyKind, 'ordinary'>, string> = {
  'past-top': 'a key above the highest point must wrap round to the lowest point, and it went elsewhere',
  'below-lowest': 'a key below the lowest point belongs to the lowest point, and it went elsewhere',
  'on-point': 'a key exactly at the position of a point belongs to that point (the first point at or after the key, not strictly after it)',
}
const PHASES = ['', ' after a server was added', ' after a server was removed']

/**
 * Every lookup against the model ring, for a ring laid out as the starter suggests. Whether it is
 * laid out that way is read from the ordinary keys before any change (random keys away from the
 * top, the bottom and the points): a ring with another hash, which the contract allows, agrees on
 * about 1/N of them and is left to the property cases; the suggested layout agrees on every one.
 */
export const ringOwners: Check = ({input, output, expected}) => {
  const script = asScript(output)
  const {owners, kinds, servers} = expected as OwnersExpected
  const steps = (input as ScriptInput).steps
  const lookupSteps = [0, 3, 6]
  const got: unknown[][] = []
  for (const s of lookupSteps) {
    const entries = stepEntries(script.results[s])
    if (!entries || entries.some((e) => 'error' in e)) return fail('`lookup` threw on a ring that has servers')
    got.push(entries.map((e) => (e as {value: unknown}).value))
  }
  for (const [i, s] of [2, 5].entries()) {
    const entry = script.results[s] as {value?: unknown} | undefined
    if (JSON.stringify(entry?.value) !== JSON.stringify(servers[i])) {
      return fail(`\`servers()\`${PHASES[i + 1]} must list exactly the servers on the ring, sorted ascending`)
    }
  }
  const suggested = kinds[0]!.every((kind, k) => kind !== 'ordinary' || got[0]![k] === owners[0]![k])
  if (!suggested) return pass
  for (let p = 0; p < lookupSteps.length; p++) {
    const k = owners[p]!.findIndex((owner, k) => got[p]![k] !== owner)
    if (k === -1) continue
    const kind = kinds[p]![k]!
    const why = kind === 'ordinary' ? 'a key went to a server other than the owner of the first point at or after its position' : OWNER_RULE[kind]
    return fail(`${why}${PHASES[p]} (${stepsName(steps[lookupSteps[p]!])})`)
  }
  return pass
}

function stepsName(step: Step | undefined): string {
  return step && 'map' in step ? `\`${step.map}\`` : 'a lookup'
}

// ------------------------------------------------------------------ lookup speed

/** Ring size and lookups of the speed case: big enough that a linear scan is many times slower. */
const SPEED = {servers: 6, virtualNodes: 4000, keys: 120, repeats: 100}

export const ringSpeedGenerator: Generator = (random) => {
  const servers = serverNames(random, SPEED.servers)
  const prefix = `q${Math.floor(random() * 2 ** 32).toString(36)}`
  // Keys in the top tenth of the positions: a scan from the lowest point walks past about 90 % of
  // the 24,000 points for each of them, while a binary search takes 15 steps wherever the key is.
  // Hashing dominates the reference's time (24,000 points, 12,000 lookups), so these sizes are
  // where a scan is many times slower and still ends within the case's time limit. Measured in
  // the sandbox on a busy 2-core machine, on the clock: the reference 110–260 ms, a linear scan
  // 2.7–5.5 s, a correct ring hashing with a SHA-1 Hash object (slower than the reference)
  // 0.2–0.4 s. In processor time, as cases are timed, with three busy loops beside two grading
  // jobs: the reference 117–169 ms, a linear scan 1.93–2.68 s (ten learners, all failed).
  const keys = keysWhere(prefix, SPEED.keys, (k) => md5Position(k) >= 0.9 * 2 ** 32)
  const steps = keys.map((k) => repeat(SPEED.repeats, 'lookup', k))
  return {
    input: {create: create('createHashRing', {servers, virtualNodes: SPEED.virtualNodes}), steps},
    expected: {results: steps.map(() => ({ok: true}))},
  }
}
