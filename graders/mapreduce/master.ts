/**
 * The master's decisions: which stragglers get a backup copy (`speculate`) and which tasks run
 * again after a worker fails (`rerunAfterFailure`), on generated task tables compared with the
 * models' answers.
 */
import {calls, integer, pick, shuffle, values, type Generator, type Random} from 'course/kit'
import {backups, estimateOf, lowerMedian, rerun, type Placement, type Policy, type Progress} from './models.js'

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
  const lefts: number[] = []
  for (const t of tasks) {
    const estimate = estimateOf(t)
    const left = estimate - t.elapsedMs
    if (near(estimate, policy.slowFactor * median) || same(estimate, policy.slowFactor * median)) return false
    if (near(left, median) || same(left, median)) return false
    lefts.push(left)
  }
  return !lefts.some((a, i) => lefts.some((b, j) => j > i && near(a, b)))
}

export const speculateRandom: Generator = (random) => {
  const tables: Array<{tasks: Progress[]; policy: Policy}> = [{tasks: [], policy: {slowFactor: 1.5, minElapsedMs: 0, maxSpeculative: 2}}]
  while (tables.length < 60) {
    const table = taskTable(random)
    if (clearOfThresholds(table.tasks, table.policy)) tables.push(table)
  }
  return {
    input: {steps: [calls('speculate', tables.map((t) => [t.tasks, t.policy]))]},
    expected: {results: [values(tables.map((t) => backups(t.tasks, t.policy)))]},
  }
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

export const rerunRandom: Generator = (random) => {
  const tables = Array.from({length: 50}, () => jobTable(random))
  return {
    input: {steps: [calls('rerunAfterFailure', tables.map((t) => [t.tasks, t.failed]))]},
    expected: {results: [values(tables.map((t) => rerun(t.tasks, t.failed)))]},
  }
}
