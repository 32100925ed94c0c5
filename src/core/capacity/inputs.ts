import {UsageError} from '../errors.js'
import type {QuantityKindName} from './kinds.js'
import {parseQuantity, type Quantity} from './quantity.js'
import type {WaitTarget} from './queueing.js'

/**
 * Reading calculator inputs from the command line: a bad value is a usage error naming the flag,
 * what was wrong and an example (`--arrival banana`: "expected a rate such as `1000/s`").
 */
export function quantityInput(flag: string, text: string, kind: QuantityKindName): Quantity {
  const result = parseQuantity(text, kind)
  if (result.ok) return result.quantity
  throw new UsageError(`--${flag} ${JSON.stringify(text)}: ${result.message}`, {code: 'bad-input', next: result.suggestion ? [`${result.suggestion[0]!.toUpperCase()}${result.suggestion.slice(1)}.`] : []})
}

export function positive(flag: string, quantity: Quantity): Quantity {
  if (quantity.value > 0) return quantity
  throw new UsageError(`--${flag} must be greater than zero (got ${quantity.text})`, {code: 'bad-input'})
}

/** A utilisation in (0, 1], written as 0.7 or 70 %. */
export function utilisationInput(flag: string, text: string): number {
  const {value} = quantityInput(flag, text, 'ratio')
  if (value > 0 && value <= 1) return value
  throw new UsageError(`--${flag} ${text}: a utilisation lies between 0 and 1 (or 0 % and 100 %)`, {code: 'bad-input', next: ['For example `--utilization 0.7` or `--utilization 70%`.']})
}

/** A probability in (0, 1). */
export function probabilityInput(flag: string, text: string): number {
  const {value} = quantityInput(flag, text, 'ratio')
  if (value > 0 && value < 1) return value
  throw new UsageError(`--${flag} ${text}: a probability lies strictly between 0 and 1`, {code: 'bad-input', next: ['For example `0.001` or `0.1%`.']})
}

export function countInput(flag: string, text: string, minimum = 1): number {
  const {value} = quantityInput(flag, text, 'count')
  if (Number.isInteger(value) && value >= minimum) return value
  throw new UsageError(`--${flag} ${text}: expected a whole number of at least ${minimum}`, {code: 'bad-input'})
}

const TARGET = /^\s*(p(\d+(?:\.\d+)?)|mean|avg|average|p\s*\(\s*wait\s*\)|pwait)\s*<\s*(.+?)\s*$/i

/** A wait target: `p99 < 10 ms`, `mean < 2 ms`, `pwait < 5%`. */
export function targetInput(flag: string, text: string): WaitTarget {
  const match = TARGET.exec(text)
  if (!match) throw new UsageError(`--${flag} ${JSON.stringify(text)}: cannot read the target`, {code: 'bad-input', next: ['Write it as `p99 < 10 ms`, `mean < 2 ms` or `pwait < 5%`.']})
  const [, what, percentile, bound] = match
  if (/wait/i.test(what!)) return {kind: 'probability', below: probabilityInput(flag, bound!)}
  const below = positive(flag, quantityInput(flag, bound!, 'duration')).value
  if (!percentile) return {kind: 'mean', below}
  const p = Number(percentile) / 100
  if (!(p > 0 && p < 1)) throw new UsageError(`--${flag}: p${percentile} is not a percentile between p0 and p100`, {code: 'bad-input'})
  return {kind: 'percentile', p, below}
}

export function describeTarget(target: WaitTarget): string {
  if (target.kind === 'probability') return `P(wait) < ${target.below}`
  const ms = `${Number((target.below * 1000).toPrecision(6))} ms`
  return target.kind === 'mean' ? `mean wait < ${ms}` : `p${Number((target.p * 100).toPrecision(6))} wait < ${ms}`
}
