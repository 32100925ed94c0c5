/**
 * The consistent-hashing cases. An exact owner per key would test one hash function, so these
 * judge the ring's properties instead: how many keys move when a server comes or goes, and where
 * they go; how evenly virtual nodes spread the keys; and that the ring depends only on the set of
 * servers, never on the order it learnt them in.
 */
import {asScript, call, calls, create, fail, figure, integer, pass, percent, shuffle, stepValues, verdict, type Check, type Generator, type ScriptInput, type ScriptOutput} from 'course/kit'
import {lookupKeys, serverNames} from './names.js'

/** A ring of these servers that looks up every key, and does nothing else. */
function lookupsOn(servers: readonly string[], virtualNodes: number, keys: string[][]): ScriptInput {
  return {create: create('createHashRing', {servers, virtualNodes}), steps: [calls('lookup', keys)]}
}

export const ringAddGenerator: Generator = (random) => {
  const servers = serverNames(random, integer(random, 5, 12))
  let added = serverNames(random, 1)[0]!
  while (servers.includes(added)) added = `${added}x`
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
  const servers = serverNames(random, integer(random, 4, 10))
  const keys = lookupKeys(random, 300)
  const addedOneByOne: ScriptInput = {
    create: create('createHashRing', {servers: [], virtualNodes: 50}),
    steps: [...shuffle(random, servers).map((s) => call('add', s)), calls('lookup', keys)],
  }
  // The order of adding is drawn before the shuffled listing: the same secret must keep giving
  // every learner the same rings.
  return {input: {scripts: [lookupsOn(servers, 50, keys), lookupsOn(shuffle(random, servers), 50, keys), addedOneByOne]}}
}

/** The ring gives the same answers whatever order the servers were listed or added in. */
export const ringOrder: Check = ({output}) => {
  const rings = (output as {scripts: ScriptOutput[]}).scripts
  const answers = rings.map((ring) => JSON.stringify(stepValues(ring, ring.results.length - 1)))
  return answers.every((a) => a === answers[0]) ? pass : fail('two rings with the same servers, listed or added in a different order, map keys differently')
}
