/**
 * The kinds of quantity a design document holds. A JSON Schema field says its kind with the
 * keyword `x-unit`; the kind's reference unit decides which units are accepted (any unit of the
 * same dimension: "20 min" and "1200 s" are both durations), and its example goes into messages.
 */
export interface QuantityKind {
  /** A unit of the kind, compared by dimension. */
  readonly reference: string
  /** The unit values are reported in. */
  readonly canonical: string
  /** An example for messages and docs: "expected a duration such as `20 min`". */
  readonly example: string
  /** Words for messages: "a duration". */
  readonly noun: string
}

export const QUANTITY_KINDS = {
  duration: {reference: '1 s', canonical: 's', example: '20 min', noun: 'a duration'},
  rate: {reference: '1 s^-1', canonical: 's^-1', example: '10000 videos/day', noun: 'a rate'},
  count: {reference: '1', canonical: '', example: '42 instances', noun: 'a count'},
  ratio: {reference: '1', canonical: '', example: '70 %', noun: 'a ratio or percentage'},
  'hours-per-month': {reference: '1', canonical: 'hour/month', example: '730 hour/month', noun: 'hours per month'},
  cores: {reference: '1 core', canonical: 'core', example: '16 vCPU', noun: 'a number of cores'},
  'core-time': {reference: '1 core*s', canonical: 'core*min', example: '80 vCPU*min', noun: 'core-time'},
  money: {reference: '1 USD', canonical: 'USD', example: '50000 USD', noun: 'an amount of money'},
  'money-rate': {reference: '1 USD/s', canonical: 'USD/month', example: '0.68 USD/hour', noun: 'a price per time'},
  data: {reference: '1 B', canonical: 'B', example: '1 GB', noun: 'an amount of data'},
  'data-rate': {reference: '1 B/s', canonical: 'B/s', example: '1 GB/day', noun: 'a data rate'},
} as const satisfies Record<string, QuantityKind>

export type QuantityKindName = keyof typeof QUANTITY_KINDS

export function isQuantityKind(name: unknown): name is QuantityKindName {
  return typeof name === 'string' && name in QUANTITY_KINDS
}
