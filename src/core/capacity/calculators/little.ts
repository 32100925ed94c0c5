import {formatNumber, type Worked} from '../worked.js'
import type {FieldValues} from './model.js'
import type {LITTLE} from './specs.js'

/** Little's law, L = λ·W: any two give the third (the specification makes sure two are given). */
export function little(input: FieldValues<typeof LITTLE>): Worked {
  const title = "Little's law: L = λ · W"
  if (input.L === undefined) {
    const arrival = input.arrival!.value
    const time = input.W!.value
    const l = arrival * time
    return {
      title,
      answer: `L = ${formatNumber(l)} in the system on average`,
      inputs: [{name: 'arrival', label: 'arrival rate λ', shown: `${formatNumber(arrival)} /s`}, {name: 'W', label: 'time in system W', shown: `${formatNumber(time)} s`}],
      steps: [{label: 'number in system', formula: 'L = λ · W', working: `${formatNumber(arrival)} /s × ${formatNumber(time)} s`, value: l, unit: ''}],
      results: {L: l, arrival_per_s: arrival, W_s: time},
      notes: ['A long-run average for a stable system: it holds whatever the arrival and service distributions.'],
    }
  }
  const l = input.L.value
  if (input.arrival === undefined) {
    const time = input.W!.value
    return {
      title,
      answer: `λ = ${formatNumber(l / time)} /s (${formatNumber((3600 * l) / time)} /hour)`,
      inputs: [{name: 'L', label: 'number in system L', shown: formatNumber(l)}, {name: 'W', label: 'time in system W', shown: `${formatNumber(time)} s`}],
      steps: [{label: 'arrival rate', formula: 'λ = L / W', working: `${formatNumber(l)} / ${formatNumber(time)} s`, value: l / time, unit: '/s'}],
      results: {L: l, arrival_per_s: l / time, W_s: time},
      notes: [],
    }
  }
  const arrival = input.arrival.value
  return {
    title,
    answer: `W = ${formatNumber(l / arrival)} s in the system on average`,
    inputs: [{name: 'L', label: 'number in system L', shown: formatNumber(l)}, {name: 'arrival', label: 'arrival rate λ', shown: `${formatNumber(arrival)} /s`}],
    steps: [{label: 'time in system', formula: 'W = L / λ', working: `${formatNumber(l)} / ${formatNumber(arrival)} /s`, value: l / arrival, unit: 's'}],
    results: {L: l, arrival_per_s: arrival, W_s: l / arrival},
    notes: [],
  }
}
