import {naiveInstances} from '../queueing.js'
import {formatNumber, type Worked} from '../worked.js'
import type {FieldValues} from './model.js'
import type {INSTANCES} from './specs.js'

/** The utilisation formula: instances = ⌈λ·S / ρ⌉, the offered load spread at a target utilisation. */
export function instances(input: FieldValues<typeof INSTANCES>): Worked {
  const {arrival, service} = input
  const rho = input.utilization.value
  const load = arrival.value * service.value
  const count = naiveInstances(arrival.value, service.value, rho)
  return {
    title: 'Instances by the utilisation formula',
    answer: `${count} instances, each ${formatNumber((100 * load) / count, 3)} % busy on average`,
    inputs: [
      {name: 'arrival', label: 'arrival rate λ', shown: `${formatNumber(arrival.value)} /s`},
      {name: 'service', label: 'service time S', shown: `${formatNumber(service.value)} s`},
      {name: 'utilization', label: 'target utilisation ρ', shown: `${formatNumber(rho * 100)} %`},
    ],
    steps: [
      {label: 'offered load', formula: 'a = λ · S', working: `${formatNumber(arrival.value)} /s × ${formatNumber(service.value)} s`, value: load, unit: 'Erlangs'},
      {label: 'instances', formula: 'n = ⌈a / ρ⌉', working: `⌈${formatNumber(load)} / ${formatNumber(rho)}⌉ = ⌈${formatNumber(load / rho, 6)}⌉`, value: count, unit: 'instances'},
    ],
    results: {offered_load: load, instances: count, utilisation_at_answer: load / count},
    notes: [
      `At ${count} instances each is ${formatNumber((100 * load) / count, 3)} % busy on average.`,
      'This formula ignores queueing: how long requests wait depends on the number of servers too. `course calc erlang --target "p99 < 10 ms"` sizes for a wait.',
    ],
  }
}
