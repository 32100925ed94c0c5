/**
 * The strategies experiment on the lab's side: one input per strategy for the sandbox, and the
 * outputs turned into the result `--json` prints. Every figure the view shows is in the result.
 */
import type {LabContext, LabValues} from 'course/kit/lab'
import type {ClusterOutcome} from './cluster.js'
import type {LabInput} from './driver.js'
import {isNumber, isNumberList, readOutcome, runInputs, significant} from './outcomes.js'
import {CLUSTER, FLEET, STRATEGIES, type StrategyName} from './scenario.js'

/** Each strategy's name in the table, and a short one (16 characters at most) for the chart. */
export const STRATEGY_LABELS: Record<StrategyName, {readonly label: string; readonly short: string}> = {
  'round-robin': {label: 'round robin', short: 'round robin'},
  'least-connections': {label: 'least connections', short: 'least conn.'},
  'smooth-weighted': {label: 'smooth weighted', short: 'smooth weighted'},
  'hash-ring': {label: 'hash ring', short: 'hash ring'},
  'least-response-time': {label: 'least resp. time', short: 'least resp. time'},
  'two-choices': {label: 'two choices *', short: 'two choices *'},
}

interface StrategyBase {
  readonly strategy: StrategyName
  readonly label: string
  readonly short_label: string
  /** False for the course's own power of two choices, which runs no code of the module. */
  readonly runs_module_code: boolean
}

export type StrategyRow =
  | (StrategyBase & {
      readonly ok: true
      readonly p50_ms: number
      readonly p99_ms: number
      /** Requests that got no answer: sent to (or held by) the server while it was not answering. */
      readonly lost: number
      readonly served: number[]
      readonly share_percent: number[]
      readonly p99_by_window_ms: number[]
      /** How long after it stopped answering the health tracker took it out of rotation. */
      readonly out_of_rotation_after_ms: number | null
    })
  | (StrategyBase & {readonly ok: false; readonly error: string; readonly error_from_code: boolean})

export interface StrategiesResult {
  readonly experiment: 'strategies'
  readonly code: LabContext['source']
  readonly seed: number
  readonly requests: number
  readonly load_percent: number
  readonly p99_target_ms: number
  readonly mean_cost_ms: number
  readonly duration_s: number | null
  readonly servers: Array<{readonly name: string; readonly vcpus: number; readonly weight: number; readonly capacity_share_percent: number}>
  readonly events: {
    readonly slow_server: string
    readonly slowdown: number
    readonly slow_from_s: number | null
    readonly hung_server: string
    readonly hung_from_s: number | null
    readonly hung_until_s: number | null
    readonly timeout_ms: number
  }
  readonly window_s: number | null
  readonly strategies: StrategyRow[]
  /** Why the health tracker was set aside, when it was: every strategy then ran without failover. */
  readonly health_problem: string | null
}

const looksLikeCluster = (o: Record<string, unknown>): boolean =>
  isNumber(o.p50Ms) && isNumber(o.p99Ms) && isNumber(o.lost) && isNumber(o.durationMs) && isNumberList(o.served, FLEET.length) && isNumberList(o.p99ByWindowMs, CLUSTER.windows)

export async function runStrategies(values: LabValues, context: LabContext): Promise<StrategiesResult> {
  const seed = Number(values.seed)
  const requests = Number(values.requests)
  const load = Number(values.load)
  const inputs: LabInput[] = STRATEGIES.map((strategy) => ({experiment: 'strategies', strategy, requests, load: load / 100, seed}))
  context.progress?.(`routing ${requests} requests with ${STRATEGIES.length} strategies`)
  // Two halves of about equal work: the first three strategies build the longest queues.
  const outcomes = await runInputs(context, inputs, (_, i) => i < 3)
  let durationMs: number | undefined
  let healthProblem: string | null = null
  const strategies = STRATEGIES.map((strategy, i): StrategyRow => {
    const base = {strategy, label: STRATEGY_LABELS[strategy].label, short_label: STRATEGY_LABELS[strategy].short, runs_module_code: strategy !== 'two-choices'}
    const read = readOutcome<ClusterOutcome>(outcomes[i], looksLikeCluster)
    if (!read.ok) return {...base, ok: false, error: read.error, error_from_code: read.byCode}
    const run = read.value
    durationMs ??= run.durationMs
    if (typeof run.healthProblem === 'string') healthProblem ??= run.healthProblem
    const answered = run.served.reduce((a, b) => a + b, 0)
    return {
      ...base,
      ok: true,
      p50_ms: significant(run.p50Ms),
      p99_ms: significant(run.p99Ms),
      lost: run.lost,
      served: run.served,
      share_percent: run.served.map((n) => (answered > 0 ? Math.round((1000 * n) / answered) / 10 : 0)),
      p99_by_window_ms: run.p99ByWindowMs.map((ms) => significant(ms)),
      out_of_rotation_after_ms: isNumber(run.detectedAfterMs) ? Math.round(run.detectedAfterMs) : null,
    }
  })
  const totalCores = FLEET.reduce((sum, s) => sum + s.cores, 0)
  const at = (fraction: number) => (durationMs === undefined ? null : significant((fraction * durationMs) / 1000))
  return {
    experiment: 'strategies',
    code: context.source,
    seed,
    requests,
    load_percent: load,
    p99_target_ms: significant(Number(values['p99-target']) * 1000),
    mean_cost_ms: CLUSTER.meanCostMs,
    duration_s: at(1),
    servers: FLEET.map((s) => ({name: s.name, vcpus: s.cores, weight: s.weight, capacity_share_percent: Math.round((1000 * s.cores) / totalCores) / 10})),
    events: {
      slow_server: CLUSTER.slowServer,
      slowdown: CLUSTER.slowdown,
      slow_from_s: at(CLUSTER.slowFrom),
      hung_server: CLUSTER.hungServer,
      hung_from_s: at(CLUSTER.hungFrom),
      hung_until_s: at(CLUSTER.hungUntil),
      timeout_ms: CLUSTER.timeoutMs,
    },
    window_s: at(1 / CLUSTER.windows),
    strategies,
    health_problem: healthProblem,
  }
}
