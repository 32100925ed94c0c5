import {UsageError} from '../../errors.js'
import {positive, quantityInput} from '../inputs.js'
import {formatNumber, type Worked} from '../worked.js'

export interface LittleInput {
  /** L: the average number in the system. */
  readonly number?: string
  /** λ: the arrival rate. */
  readonly arrival?: string
  /** W: the average time in the system. */
  readonly time?: string
}

/** Little's law, L = λ·W: any two give the third. */
export function little(input: LittleInput): Worked {
  const given = [input.number, input.arrival, input.time].filter((v) => v !== undefined).length
  if (given !== 2) throw new UsageError('give exactly two of --L, --arrival and --W', {code: 'bad-input', next: ['For example `course calc little --arrival 416.7/hour --W "20 min"`.']})
  const title = "Little's law: L = λ · W"
  if (input.number === undefined) {
    const arrival = positive('arrival', quantityInput('arrival', input.arrival!, 'rate')).value
    const time = positive('W', quantityInput('W', input.time!, 'duration')).value
    const l = arrival * time
    return {
      title,
      inputs: [{name: 'arrival', label: 'arrival rate λ', shown: `${formatNumber(arrival)} /s`}, {name: 'W', label: 'time in system W', shown: `${formatNumber(time)} s`}],
      steps: [{label: 'number in system', formula: 'L = λ · W', working: `${formatNumber(arrival)} /s × ${formatNumber(time)} s`, value: l, unit: ''}],
      results: {L: l, arrival_per_s: arrival, W_s: time},
      notes: ['A long-run average for a stable system: it holds whatever the arrival and service distributions.'],
    }
  }
  const l = positive('L', quantityInput('L', input.number, 'count')).value
  if (input.arrival === undefined) {
    const time = positive('W', quantityInput('W', input.time!, 'duration')).value
    return {
      title,
      inputs: [{name: 'L', label: 'number in system L', shown: formatNumber(l)}, {name: 'W', label: 'time in system W', shown: `${formatNumber(time)} s`}],
      steps: [{label: 'arrival rate', formula: 'λ = L / W', working: `${formatNumber(l)} / ${formatNumber(time)} s`, value: l / time, unit: '/s'}],
      results: {L: l, arrival_per_s: l / time, W_s: time},
      notes: [],
    }
  }
  const arrival = positive('arrival', quantityInput('arrival', input.arrival, 'rate')).value
  return {
    title,
    inputs: [{name: 'L', label: 'number in system L', shown: formatNumber(l)}, {name: 'arrival', label: 'arrival rate λ', shown: `${formatNumber(arrival)} /s`}],
    steps: [{label: 'time in system', formula: 'W = L / λ', working: `${formatNumber(l)} / ${formatNumber(arrival)} /s`, value: l / arrival, unit: 's'}],
    results: {L: l, arrival_per_s: arrival, W_s: l / arrival},
    notes: [],
  }
}
