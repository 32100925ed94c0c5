/**
 * The unit's scenario as the lab uses it, in seconds, cores and plain counts: the figures the
 * course hands the lab (the learner's own variant when their workspace has one), or the base
 * scenario's when none are given.
 */
export interface HerdScenario {
  readonly workers: number
  readonly hosts: number
  /** Queue CPU seconds per receive request. */
  readonly receiveCpu: number
  readonly queueCores: number
  readonly budgetCores: number
  readonly pollInterval: number
  readonly backoffBase: number
  readonly backoffCap: number
  readonly longPollWait: number
  readonly reconnectSpread: number
}

/** The base scenario of the unit's scenario.json, for a run given no figures. */
export const BASE_SCENARIO: HerdScenario = {
  workers: 10_000,
  hosts: 100,
  receiveCpu: 0.0005,
  queueCores: 16,
  budgetCores: 4,
  pollInterval: 0.1,
  backoffBase: 0.1,
  backoffCap: 30,
  longPollWait: 20,
  reconnectSpread: 10,
}

const IDS: Record<keyof HerdScenario, string> = {
  workers: 'workers',
  hosts: 'hosts',
  receiveCpu: 'receive_cpu',
  queueCores: 'queue_cores',
  budgetCores: 'budget_cores',
  pollInterval: 'poll_interval',
  backoffBase: 'backoff_base',
  backoffCap: 'backoff_cap',
  longPollWait: 'long_poll_wait',
  reconnectSpread: 'reconnect_spread',
}

export function scenarioFrom(figures: Readonly<Record<string, number>> | undefined): HerdScenario {
  const entries = Object.entries(IDS).map(([key, id]) => {
    const given = figures?.[id]
    return [key, given !== undefined && Number.isFinite(given) && given > 0 ? given : BASE_SCENARIO[key as keyof HerdScenario]]
  })
  return Object.fromEntries(entries) as unknown as HerdScenario
}
