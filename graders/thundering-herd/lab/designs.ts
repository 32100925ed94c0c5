/**
 * The four designs of the unit's text, A to D, with the scenario's parameters, and the answer's
 * own design beside them when it names one.
 */
import type {AnswerDesign} from './answer.js'
import type {Reconnect, Waiting} from './fleet.js'
import type {HerdScenario} from './scenario.js'
import {seconds} from './units.js'

export interface Design {
  readonly id: 'A' | 'B' | 'C' | 'D' | 'answer'
  /** The row's name in the table. */
  readonly name: string
  /** The line's name in the chart, which keeps 16 characters. */
  readonly label: string
  /** The design's parameters in words. */
  readonly setting: string
  readonly waiting: Waiting
  readonly reconnect: Reconnect | undefined
  readonly fromAnswer: boolean
}

export function readmeDesigns(scenario: HerdScenario): Design[] {
  const common = {reconnect: undefined, fromAnswer: false}
  return [
    {...common, id: 'A', name: 'A polling', label: 'A polling', setting: `every ${seconds(scenario.pollInterval)}`, waiting: {kind: 'polling', interval: scenario.pollInterval}},
    {...common, id: 'B', name: 'B notify-all', label: 'B notify-all', setting: 'every listener woken per job', waiting: {kind: 'notify-all'}},
    {
      ...common,
      id: 'C',
      name: 'C backoff',
      label: 'C backoff',
      setting: `full jitter, ${seconds(scenario.backoffBase)} doubling to ${seconds(scenario.backoffCap)}`,
      waiting: {kind: 'backoff', base: scenario.backoffBase, factor: 2, cap: scenario.backoffCap, jitter: 'full'},
    },
    {
      id: 'D',
      name: 'D long poll',
      label: 'D long poll',
      setting: `${seconds(scenario.longPollWait)} wait; reconnects at once`,
      waiting: {kind: 'long-poll', wait: scenario.longPollWait, wakeups: 1},
      // The unit's text gives design D no reconnect policy: every worker comes straight back.
      reconnect: {window: 0, jitter: 'none'},
      fromAnswer: false,
    },
  ]
}

/** The answer's design as a row: "reference: long poll" or "yours: long poll". */
export function answerDesign(answer: AnswerDesign, source: 'reference' | 'mine'): Design {
  return {
    id: 'answer',
    name: `${source === 'mine' ? 'yours' : 'reference'}: ${answer.short}`,
    label: `${source === 'mine' ? 'yours' : 'ref.'}: ${answer.short}`,
    setting: answer.reconnectLabel ? `${answer.label}; ${answer.reconnectLabel}` : answer.label,
    waiting: answer.waiting,
    reconnect: answer.reconnect,
    fromAnswer: true,
  }
}
