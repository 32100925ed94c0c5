import type {FieldCheck} from './calculators/model.js'
import {FieldError, type NamedField} from './field-error.js'
import type {QuantityKindName} from './kinds.js'
import {parseQuantity, type Quantity} from './quantity.js'
import type {WaitTarget} from './queueing.js'

/**
 * Reading what someone typed into a field: a bad value is an error naming the field, what was
 * wrong and an example ("arrival rate: `banana` does not start with a number").
 */
export function readQuantity(field: NamedField, text: string, kind: QuantityKindName): Quantity {
  const result = parseQuantity(text, kind)
  if (result.ok) return result.quantity
  const next = result.suggestion ? [`${result.suggestion[0]!.toUpperCase()}${result.suggestion.slice(1)}.`] : []
  throw new FieldError([field], (name) => `${name(field, text)}: ${result.message}`, next)
}

/** The quantity, if it keeps the bound; otherwise an error saying which bound. */
export function checkBound(field: NamedField, quantity: Quantity, check: FieldCheck, minimum = 1): Quantity {
  const {value, text} = quantity
  switch (check) {
    case 'positive':
      if (value > 0) return quantity
      throw new FieldError([field], (name) => `${name(field)} must be greater than zero (got ${text})`)
    case 'utilisation':
      if (value > 0 && value <= 1) return quantity
      throw new FieldError([field], (name) => `${name(field, text)}: a utilisation lies between 0 and 1 (or 0 % and 100 %)`, ['For example `0.7` or `70%`.'])
    case 'probability':
      if (value > 0 && value < 1) return quantity
      throw new FieldError([field], (name) => `${name(field, text)}: a probability lies strictly between 0 and 1`, ['For example `0.001` or `0.1%`.'])
    case 'whole':
      if (Number.isInteger(value) && value >= minimum) return quantity
      throw new FieldError([field], (name) => `${name(field, text)}: expected a whole number of at least ${minimum}`)
  }
}

const TARGET = /^\s*(p(\d+(?:\.\d+)?)|mean|avg|average|p\s*\(\s*wait\s*\)|pwait)\s*<\s*(.+?)\s*$/i

const TARGET_FORMS = 'Write it as `p99 < 10 ms`, `mean < 2 ms` or `pwait < 5%`.'

/** A plain number, which a wait bound must not be: the unit says whether 0.2 is seconds or milliseconds. */
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** The bound of a wait target as a duration; a plain number is asked for its unit. */
function waitBound(field: NamedField, text: string, what: string, bound: string): number {
  if (PLAIN_NUMBER.test(bound.trim())) {
    const n = bound.trim()
    throw new FieldError([field], (name) => `${name(field, text)}: \`${n}\` has no unit; a wait is a duration, such as \`${what} < ${n} s\` or \`${what} < ${n} ms\``, ['Give the wait with its unit: ms, s or min.'])
  }
  const parsed = parseQuantity(bound, 'duration')
  if (!parsed.ok) throw new FieldError([field], (name) => `${name(field, text)}: ${parsed.message}`, [TARGET_FORMS])
  return checkBound(field, parsed.quantity, 'positive').value
}

/** Why a text is not a target, and how to write it: a bare number or duration misses what it bounds. */
function unreadableTarget(field: NamedField, text: string): FieldError {
  const bare = text.trim()
  if (PLAIN_NUMBER.test(bare)) {
    const share = Number(bare) > 0 && Number(bare) < 1 ? bare : '5%'
    return new FieldError([field], (name) => `${name(field, text)}: \`${bare}\` has no unit; a wait target keeps a wait under a duration, such as \`p99 < ${bare} s\` or \`p99 < ${bare} ms\``, [
      `For the share of requests that wait at all, write \`pwait < ${share}\`.`,
    ])
  }
  if (parseQuantity(bare, 'duration').ok) {
    return new FieldError([field], (name) => `${name(field, text)}: say which wait must stay under ${bare}, such as \`p99 < ${bare}\` (99 % of requests wait less) or \`mean < ${bare}\``)
  }
  return new FieldError([field], (name) => `${name(field, text)}: cannot read the target`, [TARGET_FORMS])
}

/** A wait target: `p99 < 10 ms`, `mean < 2 ms`, `pwait < 5%`. */
export function waitTarget(field: NamedField, text: string): WaitTarget {
  const match = TARGET.exec(text)
  if (!match) throw unreadableTarget(field, text)
  const [, what, percentile, bound] = match
  if (/wait/i.test(what!)) return {kind: 'probability', below: checkBound(field, readQuantity(field, bound!, 'ratio'), 'probability').value}
  const below = waitBound(field, text, what!.toLowerCase(), bound!)
  if (!percentile) return {kind: 'mean', below}
  const p = Number(percentile) / 100
  if (!(p > 0 && p < 1)) throw new FieldError([field], (name) => `${name(field)}: p${percentile} is not a percentile between p0 and p100`)
  return {kind: 'percentile', p, below}
}

export function describeTarget(target: WaitTarget): string {
  if (target.kind === 'probability') return `P(wait) < ${target.below}`
  const ms = `${Number((target.below * 1000).toPrecision(6))} ms`
  return target.kind === 'mean' ? `mean wait < ${ms}` : `p${Number((target.p * 100).toPrecision(6))} wait < ${ms}`
}
