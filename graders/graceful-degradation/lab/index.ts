/**
 * The graceful-degradation lab (`course run graceful-degradation`): the five-service chain of the
 * unit, with D turning slow partway through the run, once as it is configured today and once with
 * the answer's timeouts, breaker, bulkhead, fallback, retries, shedding and deadlines. It shows
 * goodput and latency over time and how soon the thread pools run out, so an answer can be tried
 * before it is graded.
 */
import {defineLab, type LabBlock} from 'course/kit/lab'
import {readAnswer} from './answer.js'
import {simulateChain} from './chain.js'
import {baseline} from './defences.js'
import {type DesignOutcome, outcomeOf} from './outcome.js'
import {scenarioFrom} from './scenario.js'
import {rounded} from './units.js'
import {chainView} from './view.js'

/** How long the run goes on after D has recovered, s. */
const AFTER = 20

export interface ChainLabRun {
  readonly seed: number
  readonly horizon_s: number
  readonly slow_from_s: number
  readonly slow_until_s: number
  readonly scenario: {
    readonly arrivals_per_s: number
    readonly pools: number[]
    readonly d_normal_ms: {readonly p50: number; readonly p99: number}
    readonly d_slow_ms: {readonly p50: number; readonly p99: number}
    readonly objective_ms: number
    readonly default_timeout_s: number
    readonly attempts_today: number
    /** The text's cascade: C's throughput by Little's law with the p50s as means, and each pool's time to fill. */
    readonly text_c_throughput_per_s: number
    readonly text_pools_full_after_s: number[]
    /** Question 6: when the breaker opens (the first timeouts, then enough of them to tip the window), and a degraded request's p50. */
    readonly text_breaker_opens_s: number
    readonly text_degraded_p50_ms: number
  }
  readonly answer: {
    readonly source: 'reference' | 'mine'
    readonly defences: string[]
    /** What the lab had to assume because the answer did not say it, or said it oddly. */
    readonly notes: string[]
  }
  readonly designs: DesignOutcome[]
}

export default defineLab<ChainLabRun>({
  async run(values, context) {
    const seed = Number(values.seed)
    const from = Number(values['slow-at'])
    const until = from + Number(values['slow-for'])
    const horizon = until + AFTER
    const incident = {from, until}
    const scenario = scenarioFrom(context.figures)
    const answer = readAnswer(context.document, context.quantity, scenario)
    const who = context.source === 'mine' ? 'yours' : 'reference'

    context.progress?.('the chain as it is today')
    const today = outcomeOf('today', false, simulateChain(scenario, baseline(scenario), incident, horizon, seed), incident, horizon, scenario.objectiveLatency)
    context.progress?.(`the chain with the ${who} defences`)
    const defended = outcomeOf(who, true, simulateChain(scenario, answer.defences, incident, horizon, seed), incident, horizon, scenario.objectiveLatency)

    const heldAtC = scenario.cOwnP50 + scenario.dIncidentP50
    return {
      seed,
      horizon_s: horizon,
      slow_from_s: from,
      slow_until_s: until,
      scenario: {
        arrivals_per_s: scenario.arrivals,
        pools: [scenario.aPool, scenario.bPool, scenario.cPool],
        d_normal_ms: {p50: rounded(scenario.dSeenP50 * 1000), p99: rounded(scenario.dSeenP99 * 1000)},
        d_slow_ms: {p50: rounded(scenario.dIncidentP50 * 1000), p99: rounded(scenario.dIncidentP99 * 1000)},
        objective_ms: rounded(scenario.objectiveLatency * 1000),
        default_timeout_s: scenario.defaultTimeout,
        attempts_today: scenario.attemptsToday,
        text_c_throughput_per_s: rounded(scenario.cPool / heldAtC),
        text_pools_full_after_s: [scenario.aPool, scenario.bPool, scenario.cPool].map((pool) => rounded(pool / scenario.arrivals, 3)),
        text_breaker_opens_s: rounded(scenario.questionTimeout + (scenario.questionWindow * scenario.questionThreshold) / scenario.arrivals, 3),
        text_degraded_p50_ms: rounded((scenario.aOwnP50 + scenario.bOwnP50 + scenario.cOwnP50 + scenario.fallbackTime) * 1000, 3),
      },
      answer: {source: context.source, defences: answer.parts, notes: answer.notes},
      designs: [today, defended],
    }
  },

  view(run): LabBlock[] {
    return chainView(run)
  },
})
