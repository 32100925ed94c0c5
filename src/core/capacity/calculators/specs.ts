import {defineSpec, type CalculatorField} from './model.js'

/**
 * The calculators' fields, each defined once: the commands make their flags from these and the
 * interactive screen its inputs. Labels are what the screen shows and what messages call a field.
 */

const ARRIVAL = {
  name: 'arrival',
  label: 'arrival rate',
  kind: 'rate',
  help: 'Arrival rate, with its unit: 1000/s, 1000 req/s, 60000/min.',
  placeholder: 'RATE',
  example: '1000/s',
  check: 'positive',
} as const satisfies CalculatorField

const SERVICE = {
  name: 'service',
  label: 'service time',
  kind: 'duration',
  help: 'Mean service time, with its unit: 100 ms, 0.1 s.',
  placeholder: 'TIME',
  example: '100 ms',
  check: 'positive',
} as const satisfies CalculatorField

export const INSTANCES = defineSpec({
  name: 'instances',
  fields: [
    ARRIVAL,
    SERVICE,
    {name: 'utilization', label: 'utilisation', kind: 'ratio', help: 'Target utilisation, 0..1 or a percentage.', placeholder: 'RATIO', default: '0.7', check: 'utilisation'},
  ],
})

export const ERLANG = defineSpec({
  name: 'erlang',
  fields: [
    ARRIVAL,
    SERVICE,
    {name: 'target', label: 'target', kind: 'text', help: 'A wait target: "p99 < 10 ms", "mean < 2 ms", "pwait < 5%".', placeholder: 'TARGET', example: 'p99 < 10 ms', optional: true},
    {name: 'servers', label: 'servers', kind: 'count', help: 'Number of servers.', placeholder: 'N', optional: true, check: 'whole'},
    {name: 'utilization', label: 'formula utilisation', kind: 'ratio', help: 'With a target: the utilisation of the formula shown beside it.', placeholder: 'RATIO', default: '0.7', check: 'utilisation'},
  ],
  exactly: {count: 1, of: ['servers', 'target']},
})

export const LITTLE = defineSpec({
  name: 'little',
  fields: [
    {name: 'L', label: 'number in system L', kind: 'count', help: 'Average number in the system.', placeholder: 'COUNT', optional: true, check: 'positive'},
    {...ARRIVAL, label: 'arrival rate λ', example: '416.7/hour', optional: true},
    {name: 'W', label: 'time in system W', kind: 'duration', help: 'Average time in the system, with its unit.', placeholder: 'TIME', example: '20 min', optional: true, check: 'positive'},
  ],
  exactly: {count: 2, of: ['L', 'arrival', 'W']},
})

export const BLOOM = defineSpec({
  name: 'bloom',
  fields: [
    {name: 'items', label: 'items', kind: 'count', help: 'Items to hold.', placeholder: 'N', example: '1e8', check: 'whole'},
    {name: 'fpr', label: 'false-positive rate', kind: 'ratio', help: 'False-positive rate, 0..1 or a percentage.', placeholder: 'P', example: '0.1%', check: 'probability'},
  ],
})

export const HLL = defineSpec({
  name: 'hll',
  fields: [
    {name: 'registers', label: 'registers', kind: 'count', help: 'Registers (a power of two).', placeholder: 'M', example: '16384', optional: true, check: 'whole', minimum: 16},
    {name: 'error', label: 'standard error', kind: 'ratio', help: 'Target standard error, 0..1 or a percentage.', placeholder: 'E', optional: true, check: 'probability'},
  ],
  exactly: {count: 1, of: ['registers', 'error']},
})

export const CMS = defineSpec({
  name: 'cms',
  fields: [
    {name: 'epsilon', label: 'error ε', kind: 'ratio', help: 'Error as a share of the total count.', placeholder: 'E', example: '0.001', check: 'probability'},
    {name: 'delta', label: 'failure probability δ', kind: 'ratio', help: 'Probability the error bound fails.', placeholder: 'D', example: '0.01', check: 'probability'},
  ],
})

export const EXPRESSION = defineSpec({
  name: 'eval',
  fields: [{name: 'expression', label: 'expression', kind: 'text', help: 'The expression.', placeholder: 'EXPRESSION', example: '10000 videos/day * 20 min'}],
})
