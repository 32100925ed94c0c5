/**
 * What a run of the chain comes to, per second of arrival (answers within the objective, and the
 * p99 latency) and over the time D was slow (goodput, throughput, latency, degraded answers, how
 * soon the pools filled).
 */
import {percentile} from 'course/kit/lab'
import {type ChainRun, type Incident, OUTCOMES} from './chain.js'
import {rounded} from './units.js'

export interface DesignOutcome {
  readonly name: string
  readonly from_answer: boolean
  /** Requests answered (in full or degraded) within the objective, per second of arrival. */
  readonly goodput_per_s: number[]
  /** The p99 latency of the requests arriving in each second, s; one unanswered at the end counts as waiting until then. */
  readonly p99_s: number[]
  /** While D was slow: */
  readonly incident: {
    readonly goodput_per_s: number
    /** Answers A gave per second, in full or degraded, however late. */
    readonly answered_per_s: number
    readonly p50_ms: number
    readonly p99_ms: number
    /** Shares of the requests that arrived: degraded answers, and errors or refusals. */
    readonly degraded_share: number
    readonly failed_share: number
  }
  /** Seconds after D slowed down when the pools of A, B and C were first full; null if never. */
  readonly pools_full_after_s: Array<number | null>
  readonly peak_threads: number[]
  /** Calls reaching D per request that arrived while D was slow. */
  readonly d_calls_per_request: number
  /** Requests C finished with per second while D was slow. */
  readonly c_finished_per_s: number
  readonly breaker_opened_after_s: number | null
}

const FULL = OUTCOMES.indexOf('full')
const DEGRADED = OUTCOMES.indexOf('degraded')
const ERROR = OUTCOMES.indexOf('error')
const REFUSED = OUTCOMES.indexOf('refused')

export function outcomeOf(name: string, fromAnswer: boolean, run: ChainRun, incident: Incident, horizon: number, objective: number): DesignOutcome {
  const {count, arrived, answered, outcome} = run.users
  let end = horizon
  for (let u = 0; u < count; u++) if (Number.isFinite(answered[u]!)) end = Math.max(end, answered[u]!)
  const latency = (u: number) => (Number.isFinite(answered[u]!) ? answered[u]! : end) - arrived[u]!
  const good = (u: number) => outcome[u] === FULL || outcome[u] === DEGRADED
  const onTime = (u: number) => good(u) && latency(u) <= objective

  const seconds = Math.ceil(horizon)
  const bySecond: number[][] = Array.from({length: seconds}, () => [])
  const during: number[] = []
  let answeredDuring = 0
  for (let u = 0; u < count; u++) {
    const second = Math.floor(arrived[u]!)
    if (second < seconds) bySecond[second]!.push(u)
    if (arrived[u]! >= incident.from && arrived[u]! < incident.until) during.push(u)
    if (good(u) && answered[u]! >= incident.from && answered[u]! < incident.until) answeredDuring++
  }
  const length = incident.until - incident.from
  const latencies = during.map(latency)
  const share = (test: (u: number) => boolean) => (during.length === 0 ? 0 : rounded(during.filter(test).length / during.length, 3))
  const ms = (p: number) => (latencies.length === 0 ? 0 : rounded(percentile(latencies, p) * 1000, 3))
  return {
    name,
    from_answer: fromAnswer,
    goodput_per_s: bySecond.map((us) => us.filter(onTime).length),
    p99_s: bySecond.map((us) => (us.length === 0 ? 0 : rounded(percentile(us.map(latency), 99), 3))),
    incident: {
      goodput_per_s: rounded(during.filter(onTime).length / length, 4),
      answered_per_s: rounded(answeredDuring / length, 4),
      p50_ms: ms(50),
      p99_ms: ms(99),
      degraded_share: share((u) => outcome[u] === DEGRADED),
      failed_share: share((u) => outcome[u] === ERROR || outcome[u] === REFUSED),
    },
    pools_full_after_s: run.poolsFullAfter.map((t) => (t === undefined ? null : rounded(t, 3))),
    peak_threads: [...run.peakThreads],
    d_calls_per_request: during.length === 0 ? 0 : rounded(run.dCallsInIncident / during.length, 3),
    c_finished_per_s: rounded(run.cFinishedInIncident / length, 4),
    breaker_opened_after_s: run.breakerOpenedAfter === undefined ? null : rounded(run.breakerOpenedAfter, 3),
  }
}
