/**
 * The master's decisions: which stragglers get a backup copy (`speculate`) and which tasks run
 * again after a worker fails (`rerunAfterFailure`), on generated task tables compared with the
 * models' answers.
 */
import {integer, pick, shuffle, type Generator, type Random} from 'course/kit'
import {episode, episodeCase} from './episodes.js'
import {backups, estimateOf, lowerMedian, rerun, type Placement, type Policy, type Progress} from './models.js'

/** The scripted part of speculate-random, by rule. */
type Table = [Progress[], Policy]

/** Finished tasks that set the median: estimates equal to their elapsed time. */
const done = (...elapsed: number[]): Progress[] => elapsed.map((e, i) => ({id: `f${i + 1}`, progress: 1, elapsedMs: e}))
const policy = (slowFactor: number, minElapsedMs: number, maxSpeculative: number): Policy => ({slowFactor, minElapsedMs, maxSpeculative})

// Every figure below is exact in binary (progress a power of two, times whole or in binary
// fractions), so any sound way of writing the formulas gives the same comparisons at the boundary.
export const SPECULATION_EPISODES: ReadonlyArray<{rule: string; tables: Table[]}> = [
  {
    rule: 'a task whose elapsedMs equals minElapsedMs is old enough to be judged (elapsedMs >= minElapsedMs)',
    tables: [[[...done(40000, 44000, 36000), {id: 's', progress: 0.25, elapsedMs: 40000}, {id: 'y', progress: 0.5, elapsedMs: 20000}], policy(1.5, 40000, 2)]],
  },
  {
    rule: 'a task whose estimate is exactly slowFactor × median is not slow: the estimate must exceed it',
    tables: [[[...done(36000, 38000, 40000, 44000), {id: 't', progress: 0.25, elapsedMs: 20000}, {id: 'u', progress: 0.125, elapsedMs: 20000}], policy(2, 0, 3)]],
  },
  {
    rule: 'estimates and thresholds are exact, never rounded: a task a fraction of a millisecond over slowFactor × median is slow, one a fraction under is not',
    tables: [[[...done(40001, 40001, 40001, 44000), {id: 't1', progress: 0.25, elapsedMs: 15000.4375}, {id: 't2', progress: 0.25, elapsedMs: 15000.3125}], policy(1.5, 0, 3)]],
  },
  {
    rule: 'a slow task gets a copy only if its time left, estimatedMs − elapsedMs, exceeds the median: not when it equals it, nor when the task is nearly done',
    tables: [
      [[...done(36000, 38000, 40000, 44000), {id: 't', progress: 0.5, elapsedMs: 40000}, {id: 'u', progress: 0.125, elapsedMs: 20000}], policy(1.5, 0, 3)],
      [[...done(36000, 38000, 40000, 44000), {id: 'n', progress: 0.75, elapsedMs: 60000}, {id: 'u', progress: 0.125, elapsedMs: 20000}], policy(1.5, 0, 3)],
    ],
  },
  {
    rule: 'the median is the lower median: with an even number of tasks, the estimate at index floor((n − 1) / 2) once sorted, not the upper one nor an average',
    tables: [[[...done(40000), {id: 'a', progress: 0.5, elapsedMs: 30000}, {id: 'b', progress: 0.25, elapsedMs: 30000}, {id: 'c', progress: 0.125, elapsedMs: 25000}], policy(1.5, 0, 2)]],
  },
  {
    rule: 'a task with no progress has an infinite estimate and infinite time left, even when no time has passed (0 / 0 is not the estimate); equal infinite times left go by id; when more than half the tasks have no progress the median is infinite and nobody is slow',
    tables: [
      [[...done(40000, 40000, 44000), {id: 'z', progress: 0, elapsedMs: 0}], policy(1.5, 0, 2)],
      [[...done(40000, 40000, 36000), {id: 'm9', progress: 0, elapsedMs: 50000}, {id: 'm10', progress: 0, elapsedMs: 35000}], policy(1.5, 30000, 2)],
      [[...done(40000), {id: 'z1', progress: 0, elapsedMs: 50000}, {id: 'z2', progress: 0, elapsedMs: 60000}], policy(1.5, 0, 2)],
    ],
  },
  {
    rule: 'candidates with equal time left are ranked by id in UTF-16 code unit order (capitals first), whatever their order in the table, and the budget takes the first of them',
    tables: [
      [[...done(40000, 40000, 40000), {id: 'task-b', progress: 0.25, elapsedMs: 30000}, {id: 'Task-c', progress: 0.25, elapsedMs: 30000}], policy(1.5, 0, 2)],
      [[...done(40000, 40000, 40000), {id: 'task-b', progress: 0.25, elapsedMs: 30000}, {id: 'Task-c', progress: 0.25, elapsedMs: 30000}], policy(1.5, 0, 1)],
    ],
  },
  {
    rule: 'a running task that already has a copy (speculated: true) never gets another, however slow; speculated: false is no copy',
    tables: [
      [[...done(36000, 40000, 44000), {id: 'r', progress: 0.125, elapsedMs: 25000, speculated: true}, {id: 's', progress: 0.25, elapsedMs: 30000}, {id: 's2', progress: 0.25, elapsedMs: 28000}], policy(1.5, 0, 3)],
      [[...done(40000, 40000, 40000), {id: 's', progress: 0.25, elapsedMs: 30000, speculated: false}], policy(1.5, 0, 1)],
    ],
  },
  {
    rule: 'the budget is maxSpeculative minus the copies still running (progress < 1 and speculated: true); a finished task flagged speculated uses none of it',
    tables: [
      [[...done(36000, 40000, 44000), {id: 'r', progress: 0.125, elapsedMs: 25000, speculated: true}, {id: 's', progress: 0.25, elapsedMs: 30000}, {id: 's2', progress: 0.25, elapsedMs: 28000}], policy(1.5, 0, 2)],
      [[{id: 'f1', progress: 1, elapsedMs: 40000, speculated: true}, ...done(40000, 44000).map((t, i) => ({...t, id: `g${i}`, speculated: i === 1})), {id: 's', progress: 0.25, elapsedMs: 30000}], policy(1.5, 0, 1)],
    ],
  },
  {
    rule: 'when the copies already running reach maxSpeculative or more, no task gets a copy',
    tables: [
      [[...done(40000, 40000, 44000), {id: 'r1', progress: 0.5, elapsedMs: 30000, speculated: true}, {id: 'r2', progress: 0.5, elapsedMs: 31000, speculated: true}, {id: 's', progress: 0.25, elapsedMs: 30000}, {id: 's2', progress: 0.25, elapsedMs: 28000}], policy(1.5, 0, 1)],
      [[...done(40000, 40000, 44000), {id: 'r1', progress: 0.5, elapsedMs: 30000, speculated: true}, {id: 's', progress: 0.25, elapsedMs: 30000}, {id: 's2', progress: 0.25, elapsedMs: 28000}], policy(1.5, 0, 1)],
    ],
  },
]

/** A master's task table: finished tasks, normal ones, stragglers, tasks with no progress, copies. */
export function taskTable(random: Random): {tasks: Progress[]; policy: Policy} {
  const typical = integer(random, 30, 90) * 1000
  const n = integer(random, 1, 12)
  const ids = shuffle(random, Array.from({length: n}, (_, i) => (random() < 0.7 ? `m${i + 1}` : `map-${String(i).padStart(2, '0')}`)))
  const tasks: Progress[] = ids.map((id) => {
    const kind = random()
    let t: Progress
    if (kind < 0.25) t = {id, progress: 1, elapsedMs: Math.round(typical * (0.8 + 0.4 * random()))}
    else if (kind < 0.6) {
      const elapsedMs = Math.round(typical * (0.2 + 0.8 * random()))
      t = {id, progress: Math.min(0.95, Math.max(0.05, Math.round((20 * elapsedMs) / typical) / 20)), elapsedMs}
    } else if (kind < 0.85) t = {id, progress: integer(random, 1, 6) / 20, elapsedMs: Math.round(typical * (0.3 + 1.2 * random()))}
    else t = {id, progress: 0, elapsedMs: pick(random, [integer(random, 0, 5000), integer(random, 20_000, 90_000)])}
    if (t.progress < 1 && random() < 0.15) t = {...t, speculated: true}
    else if (random() < 0.05) t = {...t, speculated: false}
    return t
  })
  // A tie: another task exactly as far behind, ranked by id.
  const straggler = tasks.find((t) => t.progress > 0 && t.progress < 0.35)
  if (straggler && random() < 0.5) tasks.push({id: `${straggler.id}b`, progress: straggler.progress, elapsedMs: straggler.elapsedMs})
  const policy = {slowFactor: pick(random, [1.2, 1.5, 1.5, 2, 3]), minElapsedMs: pick(random, [0, 10_000, 30_000, 60_000]), maxSpeculative: pick(random, [0, 1, 2, 2, 3, 5])}
  return {tasks: shuffle(random, tasks), policy}
}

/** No comparison the rule makes sits within rounding of its threshold (mathematically equal formulas must agree). */
function clearOfThresholds(tasks: readonly Progress[], policy: Policy): boolean {
  if (tasks.length === 0) return true
  const median = lowerMedian(tasks)
  const near = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b) && a !== b && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b))
  const same = (a: number, b: number) => Number.isFinite(a) && a === b
  for (const t of tasks) {
    const estimate = estimateOf(t)
    const left = estimate - t.elapsedMs
    if (near(estimate, policy.slowFactor * median) || same(estimate, policy.slowFactor * median)) return false
    if (near(left, median) || same(left, median)) return false
  }
  // A tie in time left is meant only between twins (same progress, same age), which tie however
  // the time left is computed; two different tasks whose times left meet, or nearly, could be
  // ordered either way by a formula rearranged (elapsed × (1 − p) / p), rounding in its last bit.
  const twins = (a: Progress, b: Progress) => a.progress === b.progress && a.elapsedMs === b.elapsedMs
  const left = (t: Progress) => estimateOf(t) - t.elapsedMs
  const judged = tasks.filter((t) => t.progress < 1 && t.speculated !== true && t.elapsedMs >= policy.minElapsedMs)
  return !judged.some((a, i) => judged.some((b, j) => j > i && !twins(a, b) && (near(left(a), left(b)) || same(left(a), left(b)))))
}

export const speculateRandom: Generator = (random) => {
  const tables: Table[] = [[[], policy(1.5, 0, 2)]]
  while (tables.length < 60) {
    const table = taskTable(random)
    if (clearOfThresholds(table.tasks, table.policy)) tables.push([table.tasks, table.policy])
  }
  return episodeCase([
    ...SPECULATION_EPISODES.map(({rule, tables: scripted}) => episode('speculate', rule, scripted, backups)),
    episode('speculate', "speculate must return exactly the contract's ids, in order, on generated task tables", tables, backups),
  ])
}

/** A job's task table at some stage: early, during the maps, during the reduces, or finished. */
export function jobTable(random: Random): {tasks: Placement[]; failed: string} {
  const nodes = ['w1', 'w2', 'w3', 'w4'].slice(0, integer(random, 1, 4))
  const stage = pick(random, ['early', 'maps', 'reduces', 'finished'])
  const mapStatus = (): Placement['status'] =>
    stage === 'early' ? pick(random, ['pending', 'pending', 'running', 'completed']) : stage === 'maps' ? pick(random, ['running', 'completed', 'completed']) : 'completed'
  const reduceStatus = (): Placement['status'] =>
    stage === 'early' || stage === 'maps' ? pick(random, ['pending', 'pending', 'running']) : stage === 'reduces' ? pick(random, ['pending', 'running', 'completed', 'completed']) : 'completed'
  const place = (id: string, kind: Placement['kind'], status: Placement['status']): Placement => ({id, kind, status, node: status === 'pending' ? null : pick(random, nodes)})
  const maps = Array.from({length: integer(random, 1, 8)}, (_, i) => place(`map-${i}`, 'map', mapStatus()))
  const reduces = Array.from({length: integer(random, 1, 5)}, (_, i) => place(`reduce-${i}`, 'reduce', reduceStatus()))
  const tasks = random() < 0.6 ? [...maps, ...reduces] : shuffle(random, [...maps, ...reduces])
  // Now and then a node that runs nothing fails.
  return {tasks, failed: random() < 0.9 ? pick(random, nodes) : 'w9'}
}

const at = (id: string, kind: Placement['kind'], status: Placement['status'], node: string | null): Placement => ({id, kind, status, node})

/** The scripted part of rerun-random, by rule. */
export const RERUN_EPISODES: ReadonlyArray<{rule: string; tables: Array<[Placement[], string]>}> = [
  {
    rule: 'a completed map task runs again only while a reduce task is unfinished: a map task still running elsewhere does not count, nor does anything in a job without reduce tasks',
    tables: [
      [[at('map-0', 'map', 'completed', 'w1'), at('map-1', 'map', 'running', 'w2'), at('map-2', 'map', 'completed', 'w1'), at('map-3', 'map', 'running', 'w1')], 'w1'],
      [[at('map-0', 'map', 'completed', 'w1'), at('map-1', 'map', 'running', 'w2'), at('reduce-0', 'reduce', 'completed', 'w2'), at('reduce-1', 'reduce', 'completed', 'w1')], 'w1'],
      [[at('map-0', 'map', 'completed', 'w1'), at('map-1', 'map', 'pending', null), at('reduce-0', 'reduce', 'completed', 'w1')], 'w1'],
    ],
  },
  {
    rule: 'the ids come in the order of the table, whatever the kind or status of the tasks',
    tables: [
      [[at('reduce-1', 'reduce', 'running', 'w1'), at('map-0', 'map', 'completed', 'w1'), at('reduce-0', 'reduce', 'pending', null), at('map-1', 'map', 'running', 'w1'), at('map-2', 'map', 'completed', 'w2')], 'w1'],
      [[at('z', 'map', 'completed', 'n'), at('b', 'reduce', 'running', 'n'), at('a', 'map', 'running', 'n'), at('c', 'reduce', 'pending', null)], 'n'],
    ],
  },
  {
    rule: 'only tasks on exactly the failed node are returned, and none when it ran nothing or the table is empty',
    tables: [
      [[at('map-0', 'map', 'running', 'w10'), at('map-1', 'map', 'running', 'W1'), at('map-2', 'map', 'completed', 'w1'), at('reduce-0', 'reduce', 'running', 'w1')], 'w1'],
      [[at('map-0', 'map', 'running', 'w1'), at('reduce-0', 'reduce', 'pending', null)], 'w9'],
      [[], 'w1'],
    ],
  },
]

export const rerunRandom: Generator = (random) => {
  const tables = Array.from({length: 50}, () => jobTable(random))
  return episodeCase([
    ...RERUN_EPISODES.map(({rule, tables: scripted}) => episode('rerunAfterFailure', rule, scripted, rerun)),
    episode('rerunAfterFailure', "rerunAfterFailure must return exactly the contract's ids, in table order, on generated job tables at every stage", tables.map((t): [Placement[], string] => [t.tasks, t.failed]), rerun),
  ])
}
