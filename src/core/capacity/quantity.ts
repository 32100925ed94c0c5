import type {Unit} from 'mathjs'
import {QUANTITY_KINDS, type QuantityKindName} from './kinds.js'
import {evaluateExpression} from './evaluate.js'
import {math} from './math.js'

/** A parsed quantity: its value in the kind's canonical unit, and the text it came from. */
export interface Quantity {
  readonly value: number
  readonly text: string
  /** The mathjs unit, for arithmetic that keeps units. */
  readonly unit: Unit | number
}

export type QuantityResult = {readonly ok: true; readonly quantity: Quantity} | {readonly ok: false; readonly message: string; readonly suggestion?: string}

const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?/

/** Text a learner may write that mathjs spells differently. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/^\$\s*([\d.,]+)/, '$1 USD')
    .replace(NUMBER, (n) => n.replaceAll(',', ''))
    .replace(/\b([a-z]+)-([a-z]+)\b/gi, '$1$2')
    .replace(/·|×/g, '*')
    .replace(/\bmins?\b/g, 'minute')
    .replace(/\bhrs?\b/g, 'hour')
    .replace(/\bsecs?\b/g, 's')
    // mathjs spells the decimal kilobyte kB; people write KB.
    .replace(/\bK(B|b)\b/g, 'k$1')
}

const cache = new Map<string, QuantityResult>()

/**
 * Reads "10000 videos/day" as a quantity of the given kind. Plain numbers are accepted for counts
 * and ratios ("70 %", "0.7" and 0.7 are the same ratio). Results are cached by text: a class of
 * learners writes the same few hundred strings.
 */
export function parseQuantity(input: unknown, kind: QuantityKindName): QuantityResult {
  const key = `${kind}\u0000${typeof input}\u0000${String(input)}`
  const cached = cache.get(key)
  if (cached) return cached
  const result = parseUncached(input, kind)
  if (cache.size > 20_000) cache.clear()
  cache.set(key, result)
  return result
}

function parseUncached(input: unknown, kindName: QuantityKindName): QuantityResult {
  const kind = QUANTITY_KINDS[kindName]
  const dimensionless = kindName === 'count' || kindName === 'ratio'
  const bare = dimensionless || kindName === 'hours-per-month'
  const expected = `expected ${kind.noun} such as \`${kind.example}\``
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return {ok: false, message: 'not a finite number'}
    if (bare) return {ok: true, quantity: {value: input, text: String(input), unit: input}}
    return {ok: false, message: `${input} has no unit`, suggestion: `${expected}`}
  }
  if (typeof input !== 'string') return {ok: false, message: `${expected}`}
  const text = input.trim()
  if (text === '') return {ok: false, message: 'empty', suggestion: expected}
  if (!NUMBER.test(text) && !text.startsWith('$')) return {ok: false, message: `\`${text}\` does not start with a number`, suggestion: expected}
  const percent = /^(.*?)\s*%$/.exec(text)
  if (percent) {
    const number = Number(percent[1]!.replaceAll(',', ''))
    if (!Number.isFinite(number)) return {ok: false, message: `\`${text}\` is not a percentage`, suggestion: expected}
    if (!dimensionless) return {ok: false, message: `\`${text}\` is a percentage`, suggestion: expected}
    return {ok: true, quantity: {value: number / 100, text, unit: number / 100}}
  }
  const normalised = normalise(text)
  if (/^[-+\d.eE]+$/.test(normalised)) {
    const value = Number(normalised)
    if (bare && Number.isFinite(value)) return {ok: true, quantity: {value, text, unit: value}}
    return {ok: false, message: `\`${text}\` has no unit`, suggestion: expected}
  }
  let unit: Unit | number
  try {
    unit = math().unit(normalised)
  } catch (error) {
    // Not a plain "number unit": perhaps the learner's working, such as "416.7 videos/hour * 20 min".
    const evaluated = evaluateExpression(text)
    if (!evaluated.ok) {
      const unknown = /Unit "([^"]+)" not found/.exec((error as Error).message)
      return {ok: false, message: unknown ? `\`${unknown[1]}\` is not a unit course knows` : evaluated.message, suggestion: expected}
    }
    unit = evaluated.value
  }
  if (typeof unit === 'number') {
    if (bare) return {ok: true, quantity: {value: unit, text, unit}}
    return {ok: false, message: `\`${text}\` has no unit`, suggestion: expected}
  }
  const reference = math().unit(kind.reference)
  if (!unit.equalBase(reference)) return {ok: false, message: `\`${text}\` is not ${kind.noun}`, suggestion: expected}
  const value = kind.canonical ? unit.toNumber(kind.canonical) : unit.toNumber('')
  if (!Number.isFinite(value)) return {ok: false, message: `\`${text}\` is not a finite quantity`}
  return {ok: true, quantity: {value, text, unit}}
}

/** Converts a parsed quantity to another unit of its dimension ("videos/hour", "min"). */
export function inUnit(quantity: Quantity, unit: string): number {
  return typeof quantity.unit === 'number' ? quantity.unit : quantity.unit.toNumber(unit)
}
