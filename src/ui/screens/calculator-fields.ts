import type {Worked} from '../../core/capacity/worked.js'
import {erlang} from '../../core/capacity/calculators/erlang.js'
import {expression} from '../../core/capacity/calculators/expression.js'
import {instances} from '../../core/capacity/calculators/instances.js'
import {little} from '../../core/capacity/calculators/little.js'
import {bloom, cms, hll} from '../../core/capacity/calculators/sketches.js'

/** One calculator on the interactive screen: its editable fields and how to compute from them. */
export interface ScreenCalculator {
  readonly name: string
  readonly fields: ReadonlyArray<{readonly name: string; readonly label: string; readonly initial: string}>
  /** Empty fields count as not given. */
  compute(values: Readonly<Record<string, string>>): Worked
}

const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value)

export const SCREEN_CALCULATORS: readonly ScreenCalculator[] = [
  {
    name: 'instances',
    fields: [
      {name: 'arrival', label: 'arrival rate', initial: '1000/s'},
      {name: 'service', label: 'service time', initial: '100 ms'},
      {name: 'utilization', label: 'utilisation', initial: '0.7'},
    ],
    compute: (v) => instances({arrival: v.arrival!, service: v.service!, utilization: v.utilization!}),
  },
  {
    name: 'erlang',
    fields: [
      {name: 'arrival', label: 'arrival rate', initial: '1000/s'},
      {name: 'service', label: 'service time', initial: '100 ms'},
      {name: 'target', label: 'target (or empty)', initial: 'p99 < 10 ms'},
      {name: 'servers', label: 'servers (or empty)', initial: ''},
    ],
    compute: (v) => erlang({arrival: v.arrival!, service: v.service!, target: given(v.target), servers: given(v.servers)}),
  },
  {
    name: 'little',
    fields: [
      {name: 'number', label: 'L (or empty)', initial: ''},
      {name: 'arrival', label: 'λ (or empty)', initial: '416.7/hour'},
      {name: 'time', label: 'W (or empty)', initial: '20 min'},
    ],
    compute: (v) => little({number: given(v.number), arrival: given(v.arrival), time: given(v.time)}),
  },
  {
    name: 'bloom',
    fields: [
      {name: 'items', label: 'items', initial: '1e8'},
      {name: 'fpr', label: 'false-positive rate', initial: '0.1%'},
    ],
    compute: (v) => bloom({items: v.items!, fpr: v.fpr!}),
  },
  {
    name: 'hll',
    fields: [
      {name: 'registers', label: 'registers (or empty)', initial: '16384'},
      {name: 'error', label: 'error (or empty)', initial: ''},
    ],
    compute: (v) => hll({registers: given(v.registers), error: given(v.error)}),
  },
  {
    name: 'cms',
    fields: [
      {name: 'epsilon', label: 'epsilon', initial: '0.001'},
      {name: 'delta', label: 'delta', initial: '0.01'},
    ],
    compute: (v) => cms({epsilon: v.epsilon!, delta: v.delta!}),
  },
  {
    name: 'eval',
    fields: [{name: 'expression', label: 'expression', initial: '10000 videos/day * 20 min'}],
    compute: (v) => expression({expression: v.expression!}),
  },
]
