/**
 * The reference design solved for a learner's variant of the scenario: every estimate recomputed
 * from the variant's figures, the same long-polling design with its idle cost for the variant's
 * fleet, and a reconnect backoff whose first window is wide enough for the variant's fleet within
 * the receive budget. The design choices stay the reference's; only the numbers that depend on the
 * scenario move. Used by the unit's variant test, never by the grader itself.
 */

/** Anything that gives a scenario figure in its kind's canonical unit (s, 1/s, cores, a plain count). */
export interface ScenarioLike {
  figure(id: string): number
}

/** The reference's long-poll wait (s) and reconnect cap (s): design choices, not scenario figures. */
const WAIT_S = 20
const RECONNECT_MAX_S = 60
/** The reference's first reconnect window: 2 s, or 1.5 times what the fleet needs, in half seconds. */
const RECONNECT_BASE_S = 2
const RECONNECT_MARGIN = 1.5

/** A number written to six significant figures, without trailing zeros. */
const n = (value: number): string => String(Number(value.toPrecision(6)))

export function referenceFor(scenario: ScenarioLike, reference: unknown): unknown {
  const workers = scenario.figure('workers')
  const receiveCpu = scenario.figure('receive_cpu')
  const queueCores = scenario.figure('queue_cores')
  const budgetCores = scenario.figure('budget_cores')
  const pollInterval = scenario.figure('poll_interval')
  const backoffCap = scenario.figure('backoff_cap')
  const longPollWait = scenario.figure('long_poll_wait')
  const reconnectSpread = scenario.figure('reconnect_spread')

  const design = structuredClone(reference) as Record<string, Record<string, unknown>>
  const pollingRate = workers / pollInterval
  const herdCpu = workers * receiveCpu
  const backoffRate = workers / (backoffCap / 2)
  design.estimates = {
    ...design.estimates,
    polling_requests_idle: `${n(pollingRate)} req/s`,
    polling_cpu_idle: `${n(pollingRate * receiveCpu)} cores`,
    notify_all_wakeups_per_task: `${n(workers)} wakeups/task`,
    notify_all_empty_receives_per_task: `${n(workers - 1)} requests/task`,
    notify_all_cpu_per_task: `${n(herdCpu)} s`,
    notify_all_saturation_time: `${n(herdCpu / queueCores)} s`,
    notify_all_max_task_rate: `${n(budgetCores / herdCpu)} tasks/s`,
    backoff_requests_idle: `${n(backoffRate)} req/s`,
    backoff_pickup_delay: `${n(1000 / backoffRate)} ms`,
    long_poll_requests_idle: `${n(workers / longPollWait)} req/s`,
    long_poll_wakeups_per_task: '1 wakeups/task',
    reconnect_rate_after_restart: `${n(workers / reconnectSpread)} connections/s`,
  }
  design.mitigation = {
    ...design.mitigation,
    choice: 'long_polling',
    parameters: {wait_timeout: `${WAIT_S} s`, wakeups_per_task: 1},
    idle_requests: `${n(workers / WAIT_S)} req/s`,
    wakeups_per_task: '1 wakeups/task',
  }
  // Full jitter spreads the first reconnects over the whole base: it must cover the fleet's CPU
  // within the budget, with a margin, and stays within the spread of question 5.
  const needed = (workers * receiveCpu) / budgetCores
  const base = Math.min(reconnectSpread, Math.max(RECONNECT_BASE_S, Math.ceil(needed * RECONNECT_MARGIN * 2) / 2))
  design.reconnect_backoff = {...design.reconnect_backoff, base: `${n(base)} s`, factor: 2, max: `${n(Math.max(RECONNECT_MAX_S, base))} s`, jitter: 'full'}
  return design
}
