/**
 * The levels experiment on the lab's side: one input per strategy for the sandbox, and the outputs
 * set beside the lesson's rule-of-thumb ranges. The verdicts and the summary come from what the
 * simulation measured, whatever it measured.
 */
import type {LabContext, LabValues} from 'course/kit/lab'
import type {LabInput} from './driver.js'
import type {LevelsResult as LevelOutput, TargetOutcome} from './levels.js'
import {isNumber, readOutcome, runInputs, significant} from './outcomes.js'
import {LEVEL_STRATEGIES, LEVELS_FLEET, type LevelStrategy} from './scenario.js'

/** The pillar lesson's table: rule-of-thumb efficiency of each level, in %. */
export const LESSON_RANGES: Record<1 | 2 | 3 | 4, readonly [number, number]> = {1: [60, 70], 2: [70, 85], 3: [80, 90], 4: [90, 95]}

const STRATEGY_LEVELS: Record<LevelStrategy, {readonly level: 1 | 2 | 3 | 4; readonly label: string}> = {
  random: {level: 1, label: 'random choice *'},
  'round-robin': {level: 1, label: 'round robin'},
  'least-connections': {level: 2, label: 'least connections'},
  'hash-ring': {level: 3, label: 'hash ring'},
  'slo-affinity': {level: 4, label: 'SLO-aware affinity *'},
}

export type Verdict = 'within' | 'below' | 'above'

interface RowBase {
  readonly level: 1 | 2 | 3 | 4
  readonly strategy: LevelStrategy
  readonly label: string
  /** False for the course's own random choice and level-4 router, which run no code of the module. */
  readonly runs_module_code: boolean
  readonly lesson_range_percent: readonly [number, number]
}

export type LevelRow =
  | (RowBase & {
      readonly ok: true
      /** Per target, in the order of `targets_ms`: the highest efficiency that met it. */
      readonly efficiency_percent: number[]
      readonly p99_wait_ms: Array<number | null>
      /** At the main target: share of requests whose user was cached, and busy time over capacity. */
      readonly hit_rate_percent: number | null
      readonly busy_percent: number | null
      /** The main target's efficiency against the lesson's range. */
      readonly verdict: Verdict
    })
  | (RowBase & {readonly ok: false; readonly error: string; readonly error_from_code: boolean})

export interface LevelsResult {
  readonly experiment: 'levels'
  readonly code: LabContext['source']
  readonly seed: number
  readonly servers: number
  readonly requests_per_run: number
  readonly mean_cost_ms: number
  readonly miss_cost_ms: number
  readonly users: number
  readonly cached_users_per_server: number
  /** The main target first, then the tight one. */
  readonly targets_ms: number[]
  readonly measure: string
  readonly bisection_steps: number
  readonly resolution_percent: number
  readonly rows: LevelRow[]
  readonly summary: {
    readonly within: string[]
    readonly below: string[]
    readonly above: string[]
    /** Pairs of levels where the higher one measured lower (by each level's best strategy). */
    readonly out_of_order: Array<{readonly higher: number; readonly higher_percent: number; readonly lower: number; readonly lower_percent: number}>
  }
}

const percent = (fraction: number): number => Math.round(fraction * 1000) / 10

export function verdictOf(efficiencyPercent: number, [low, high]: readonly [number, number]): Verdict {
  if (efficiencyPercent < low) return 'below'
  return efficiencyPercent > high ? 'above' : 'within'
}

const looksLikeLevel = (targets: number) => (o: Record<string, unknown>) =>
  Array.isArray(o.targets) && o.targets.length === targets && o.targets.every((t) => typeof t === 'object' && t !== null && isNumber((t as TargetOutcome).efficiency))

export async function runLevels(values: LabValues, context: LabContext): Promise<LevelsResult> {
  const seed = Number(values.seed)
  const servers = Number(values.servers)
  const requests = Number(values.requests)
  const missCostMs = significant(Number(values['miss-cost']) * 1000)
  const targetsMs = [significant(Number(values['p99-target']) * 1000), significant(Number(values['tight-target']) * 1000)]
  const inputs: LabInput[] = LEVEL_STRATEGIES.map((strategy) => ({experiment: 'levels', strategy, servers, requests, seed, missCostMs, targetsMs}))
  context.progress?.(`bisecting the arrival rate for ${LEVEL_STRATEGIES.length} strategies`)
  // Least connections scans every server on every request: it alone is about half the work.
  const outcomes = await runInputs(context, inputs, (input) => input.strategy === 'least-connections')
  const rows = LEVEL_STRATEGIES.map((strategy, i): LevelRow => {
    const {level, label} = STRATEGY_LEVELS[strategy]
    const base = {level, strategy, label, runs_module_code: strategy !== 'random' && strategy !== 'slo-affinity', lesson_range_percent: LESSON_RANGES[level]}
    const read = readOutcome<Extract<LevelOutput, {targets: unknown}>>(outcomes[i], looksLikeLevel(targetsMs.length))
    if (!read.ok) return {...base, ok: false, error: read.error, error_from_code: read.byCode}
    const [main] = read.value.targets
    const efficiency = read.value.targets.map((t) => percent(t.efficiency))
    return {
      ...base,
      ok: true,
      efficiency_percent: efficiency,
      p99_wait_ms: read.value.targets.map((t) => (isNumber(t.p99WaitMs) ? significant(t.p99WaitMs) : null)),
      hit_rate_percent: isNumber(main?.hitRate) ? percent(main.hitRate) : null,
      busy_percent: isNumber(main?.busy) ? percent(main.busy) : null,
      verdict: verdictOf(efficiency[0]!, LESSON_RANGES[level]),
    }
  })
  return {
    experiment: 'levels',
    code: context.source,
    seed,
    servers,
    requests_per_run: requests,
    mean_cost_ms: LEVELS_FLEET.meanCostMs,
    miss_cost_ms: missCostMs,
    users: servers * LEVELS_FLEET.usersPerServer,
    cached_users_per_server: LEVELS_FLEET.cachedUsersPerServer,
    targets_ms: targetsMs,
    measure: `99th percentile of the wait before service starts, leaving out the first ${LEVELS_FLEET.warmUp * 100} % of requests`,
    bisection_steps: LEVELS_FLEET.bisectionSteps,
    resolution_percent: significant(100 / 2 ** LEVELS_FLEET.bisectionSteps, 2),
    rows,
    summary: summarise(rows),
  }
}

function summarise(rows: readonly LevelRow[]): LevelsResult['summary'] {
  const measured = rows.filter((r): r is Extract<LevelRow, {ok: true}> => r.ok)
  const named = (verdict: Verdict) => measured.filter((r) => r.verdict === verdict).map((r) => `${r.label.replace(/ \*$/, '')} (${r.level})`)
  const best = new Map<number, number>()
  for (const r of measured) best.set(r.level, Math.max(best.get(r.level) ?? 0, r.efficiency_percent[0]!))
  const out_of_order: LevelsResult['summary']['out_of_order'] = []
  for (const [higher, higherPercent] of best) {
    for (const [lower, lowerPercent] of best) if (higher > lower && higherPercent < lowerPercent) out_of_order.push({higher, higher_percent: higherPercent, lower, lower_percent: lowerPercent})
  }
  return {within: named('within'), below: named('below'), above: named('above'), out_of_order}
}
