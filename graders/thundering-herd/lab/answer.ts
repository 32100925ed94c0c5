/**
 * The design an answer file chooses, turned into something the fleet model can run: how idle
 * workers wait (`mitigation`) and how dropped connections come back (`reconnect_backoff`). What
 * the answer leaves out or states oddly is replaced by the scenario's figure for the matching
 * design, and the reader records each replacement.
 */
import {AnswerReader, type LabContext} from 'course/kit/lab'
import type {Jitter, Reconnect, Waiting} from './fleet.js'
import type {HerdScenario} from './scenario.js'
import {seconds} from './units.js'

export interface AnswerDesign {
  readonly waiting: Waiting
  /** How the design's held connections come back after a restart; undefined when it holds none. */
  readonly reconnect: Reconnect | undefined
  /** The design in a few words, with its parameters: "long polling, 20 s wait". */
  readonly label: string
  /** The design in a word or two, for a table row: "long poll". */
  readonly short: string
  readonly reconnectLabel: string | undefined
}

export interface ReadAnswer {
  readonly design: AnswerDesign | undefined
  /** The idle request rate the answer states for its design, req/s. */
  readonly statedIdle: number | undefined
  readonly notes: string[]
}

const JITTERS: readonly Jitter[] = ['full', 'equal', 'none']
const CHOICES = ['fixed_interval_polling', 'notify_all', 'jittered_exponential_backoff', 'long_polling', 'wake_one_handoff', 'push_with_credits'] as const

/** A wait or interval shorter than this would only show the model spinning; the queue's CPU is the limit long before. */
const SHORTEST_WAIT = 0.001
/**
 * Heartbeats are sent whatever the queue's state, so a fleet heartbeating every millisecond would
 * be ten million events a second; the grader asks for at least a second anyway.
 */
const SHORTEST_HEARTBEAT = 1
/** The template's example heartbeat, for an answer that pushes without stating one. */
const DEFAULT_HEARTBEAT = 30

const P = 'mitigation.parameters'

export function readAnswer(document: unknown, quantity: LabContext['quantity'], scenario: HerdScenario): ReadAnswer {
  const reader = new AnswerReader(document, quantity)
  const statedIdle = reader.stated('mitigation.idle_requests', 'rate')
  const choice = reader.value('mitigation.choice')
  if (typeof choice !== 'string' || !(CHOICES as readonly string[]).includes(choice)) {
    reader.note(`mitigation.choice ${choice === undefined || choice === null ? 'is missing' : 'is not one of the listed designs'}: no row for the answer`)
    return {design: undefined, statedIdle, notes: reader.notes}
  }
  const waiting = waitingOf(choice as (typeof CHOICES)[number], reader, scenario)
  const holds = waiting.waiting.kind === 'long-poll' || waiting.waiting.kind === 'push'
  const reconnect = holds ? reconnectOf(reader) : undefined
  return {
    design: {...waiting, reconnect: reconnect?.policy, reconnectLabel: reconnect?.label},
    statedIdle,
    notes: reader.notes,
  }
}

/** A duration of at least `least`, with a note when the answer's was shorter. */
function atLeast(reader: AnswerReader, path: string, value: number, least: number): number {
  if (value >= least) return value
  reader.note(`${path} of ${seconds(value)} is below what the lab runs: used ${seconds(least)}`)
  return least
}

function waitingOf(choice: (typeof CHOICES)[number], reader: AnswerReader, scenario: HerdScenario): {waiting: Waiting; label: string; short: string} {
  switch (choice) {
    case 'fixed_interval_polling':
      return {waiting: {kind: 'polling', interval: scenario.pollInterval}, label: `fixed polling every ${seconds(scenario.pollInterval)} (the scenario's)`, short: 'polling'}
    case 'notify_all':
      return {waiting: {kind: 'notify-all'}, label: 'notify-all', short: 'notify-all'}
    case 'jittered_exponential_backoff': {
      const base = atLeast(reader, `${P}.base`, reader.number(`${P}.base`, 'duration', scenario.backoffBase, `${seconds(scenario.backoffBase)}, design C's`), SHORTEST_WAIT)
      let factor = reader.number(`${P}.factor`, 'count', 2, '2')
      if (factor < 1) {
        reader.note(`${P}.factor of ${factor} would shrink the window: used 1`)
        factor = 1
      }
      const cap = atLeast(reader, `${P}.max`, reader.number(`${P}.max`, 'duration', scenario.backoffCap, `${seconds(scenario.backoffCap)}, design C's`), SHORTEST_WAIT)
      const jitter = reader.choice(`${P}.jitter`, JITTERS, 'full')
      return {waiting: {kind: 'backoff', base, factor, cap, jitter}, label: `backoff ${seconds(base)} ×${factor} up to ${seconds(cap)}, ${jitter} jitter`, short: 'backoff'}
    }
    case 'long_polling': {
      const wait = atLeast(reader, `${P}.wait_timeout`, reader.number(`${P}.wait_timeout`, 'duration', scenario.longPollWait, `${seconds(scenario.longPollWait)}, design D's`), SHORTEST_WAIT)
      const wakeups = wakeupsOf(reader)
      return {waiting: {kind: 'long-poll', wait, wakeups}, label: `long polling, ${seconds(wait)} wait${wakeups === 1 ? '' : `, ${wakeups} woken per job`}`, short: 'long poll'}
    }
    case 'wake_one_handoff': {
      const stated = reader.number(`${P}.dispatchers`, 'count', scenario.hosts, `${scenario.hosts}, one per host`)
      const dispatchers = Math.min(scenario.workers, Math.max(1, Math.round(stated)))
      if (dispatchers !== stated) reader.note(`${P}.dispatchers of ${stated}: used ${dispatchers}`)
      const wait = atLeast(reader, `${P}.wait_timeout`, reader.number(`${P}.wait_timeout`, 'duration', scenario.longPollWait, `${seconds(scenario.longPollWait)}, design D's`), SHORTEST_WAIT)
      return {waiting: {kind: 'long-poll', wait, wakeups: 1, dispatchers}, label: `hand-off by ${dispatchers} dispatchers, ${seconds(wait)} wait`, short: 'hand-off'}
    }
    case 'push_with_credits': {
      const heartbeat = atLeast(reader, `${P}.heartbeat`, reader.number(`${P}.heartbeat`, 'duration', DEFAULT_HEARTBEAT, `${DEFAULT_HEARTBEAT} s`), SHORTEST_HEARTBEAT)
      return {waiting: {kind: 'push', heartbeat}, label: `push with credits, ${seconds(heartbeat)} heartbeat`, short: 'push'}
    }
  }
}

/** Workers a long poll answers per job: one is the point; more are answered empty and poll again. */
function wakeupsOf(reader: AnswerReader): number {
  const stated = reader.number(`${P}.wakeups_per_task`, 'count', 1, '1')
  const wakeups = Math.max(1, Math.round(stated))
  if (wakeups !== stated) reader.note(`${P}.wakeups_per_task of ${stated}: used ${wakeups}`)
  return wakeups
}

/** The first reconnect window and its jitter; later windows never matter here, since the queue is back at once. */
function reconnectOf(reader: AnswerReader): {policy: Reconnect; label: string} {
  if (reader.value('reconnect_backoff') === undefined) {
    reader.note('reconnect_backoff is missing: connections come back at once')
    return {policy: {window: 0, jitter: 'none'}, label: 'reconnects at once'}
  }
  const window = Math.max(0, reader.number('reconnect_backoff.base', 'duration', 0, '0 s, at once'))
  const jitter = reader.choice('reconnect_backoff.jitter', JITTERS, 'none')
  const label = window === 0 ? 'reconnects at once' : jitter === 'none' ? `all reconnect after ${seconds(window)}` : `${jitter}-jitter reconnects within ${seconds(window)}`
  return {policy: {window, jitter}, label}
}
