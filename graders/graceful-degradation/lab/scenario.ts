/**
 * The unit's scenario as the lab uses it, in seconds, requests per second and plain counts: the
 * figures the course hands the lab (the learner's own variant when their workspace has one), or
 * the base scenario's when none are given.
 */
export interface ChainScenario {
  readonly arrivals: number
  readonly aPool: number
  readonly bPool: number
  readonly cPool: number
  readonly aOwnP50: number
  readonly aOwnP99: number
  readonly bOwnP50: number
  readonly bOwnP99: number
  readonly cOwnP50: number
  readonly cOwnP99: number
  readonly dSeenP50: number
  readonly dSeenP99: number
  readonly defaultTimeout: number
  readonly attemptsToday: number
  readonly objectiveLatency: number
  readonly fallbackTime: number
  readonly dIncidentP50: number
  readonly dIncidentP99: number
  /** Question 6's breaker: the C → D timeout, the window of calls and the failure-rate threshold. */
  readonly questionTimeout: number
  readonly questionWindow: number
  readonly questionThreshold: number
}

/** The base scenario of the unit's scenario.json, for a run given no figures. */
export const BASE_SCENARIO: ChainScenario = {
  arrivals: 1000,
  aPool: 400,
  bPool: 300,
  cPool: 200,
  aOwnP50: 0.005,
  aOwnP99: 0.01,
  bOwnP50: 0.01,
  bOwnP99: 0.02,
  cOwnP50: 0.01,
  cOwnP99: 0.02,
  dSeenP50: 0.05,
  dSeenP99: 0.12,
  defaultTimeout: 30,
  attemptsToday: 3,
  objectiveLatency: 1,
  fallbackTime: 0.001,
  dIncidentP50: 2,
  dIncidentP99: 5,
  questionTimeout: 0.15,
  questionWindow: 100,
  questionThreshold: 0.5,
}

const IDS: Record<keyof ChainScenario, string> = {
  arrivals: 'arrivals',
  aPool: 'a_pool',
  bPool: 'b_pool',
  cPool: 'c_pool',
  aOwnP50: 'a_own_p50',
  aOwnP99: 'a_own_p99',
  bOwnP50: 'b_own_p50',
  bOwnP99: 'b_own_p99',
  cOwnP50: 'c_own_p50',
  cOwnP99: 'c_own_p99',
  dSeenP50: 'd_seen_p50',
  dSeenP99: 'd_seen_p99',
  defaultTimeout: 'default_timeout',
  attemptsToday: 'attempts_today',
  objectiveLatency: 'objective_latency',
  fallbackTime: 'fallback_time',
  dIncidentP50: 'd_incident_p50',
  dIncidentP99: 'd_incident_p99',
  questionTimeout: 'question_timeout',
  questionWindow: 'question_window',
  questionThreshold: 'question_threshold',
}

export function scenarioFrom(figures: Readonly<Record<string, number>> | undefined): ChainScenario {
  const entries = Object.entries(IDS).map(([key, id]) => {
    const given = figures?.[id]
    return [key, given !== undefined && Number.isFinite(given) && given > 0 ? given : BASE_SCENARIO[key as keyof ChainScenario]]
  })
  return Object.fromEntries(entries) as unknown as ChainScenario
}
