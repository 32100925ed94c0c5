import type {Unit} from 'mathjs'
import {quote} from '../text/learner-text.js'
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

/**
 * Characters a quantity may have. "416.7 videos/hour * 20 min" is 26; the cap is checked before
 * any pattern or mathjs sees the text, so every step after it costs at most a fixed amount.
 */
export const MAX_QUANTITY_CHARS = 200

/*
 * Every pattern below runs in time linear in its input, even past the cap (the cap is the first
 * defence, this the second). Anchored patterns are tried at one position only; the unanchored ones
 * scan each run of characters a bounded number of times: `\b([a-z]+)-([a-z]+)\b` can start only
 * at the start of a word and reads at most that word and the next, and the unit words are fixed
 * strings between word boundaries. The trailing-percent pattern `^(.*?)\s*%$`, which rescanned a
 * run of spaces once per character before it, is replaced by `numberBeforePercent`.
 */
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?/

/**
 * Text a learner may write that mathjs spells differently ("$50,000", "vCPU-min", "20 mins").
 * Exported so tests can run it on text longer than the cap.
 */
export function normaliseQuantityText(text: string): string {
  return text
    .trim()
    // One space for any run of them first: the word patterns below then never rescan a run.
    .replace(/\s+/g, ' ')
    .replace(/^\$ ?([\d.,]+)/, '$1 USD')
    .replace(NUMBER, (n) => n.replaceAll(',', ''))
    // "1.5k req/s", "2M pages/day": a thousand or a million, written after the number.
    .replace(/^([-+]?\d+(?:\.\d+)?) ?(k|K|M)(?= |\/|$)/, (_, n: string, suffix: string) => String(Number(n) * (suffix === 'M' ? 1e6 : 1e3)))
    // "1 in 100" is the ratio 1/100.
    .replace(/^([-+]?\d+(?:\.\d+)?) in (\d+(?:\.\d+)?)$/, '$1/$2')
    // "requests per second" is "requests/second"; rps and qps are requests and queries per second.
    .replace(/ per /gi, '/')
    .replace(/\brps\b/gi, 'req/s')
    .replace(/\bqps\b/gi, 'query/s')
    .replace(/\b([a-z]+)-([a-z]+)\b/gi, '$1$2')
    .replace(/·|×/g, '*')
    .replace(/\bmins?\b/g, 'minute')
    .replace(/\bhrs?\b/g, 'hour')
    .replace(/\bsecs?\b/g, 's')
    // mathjs spells the decimal kilobyte kB; people write KB.
    .replace(/\bK(B|b)\b/g, 'k$1')
}

/** Line terminators, which `.` does not match: the old percent pattern never read across one. */
const LINE_BREAK = /[\n\r\u2028\u2029]/

/**
 * The text before a trailing `%` ("70 %" gives "70"), or undefined when the (trimmed) text does
 * not end in one. Exactly what `/^(.*?)\s*%$/` captured, without its quadratic backtracking.
 */
export function numberBeforePercent(text: string): string | undefined {
  if (!text.endsWith('%')) return undefined
  const before = text.slice(0, -1).trimEnd()
  return LINE_BREAK.test(before) ? undefined : before
}

const cache = new Map<string, QuantityResult>()

/**
 * Reads "10000 videos/day" as a quantity of the given kind. Plain numbers are accepted for counts
 * and ratios ("70 %", "0.7" and 0.7 are the same ratio). Results are cached by text: a class of
 * learners writes the same few hundred strings. Only numbers and texts within the cap are cached,
 * so the cache holds at most its entry count times the cap, whatever the documents hold.
 */
export function parseQuantity(input: unknown, kind: QuantityKindName): QuantityResult {
  const cacheable = typeof input === 'number' || (typeof input === 'string' && input.length <= MAX_QUANTITY_CHARS)
  if (!cacheable) return parseUncached(input, kind)
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
    if (!Number.isFinite(input)) return {ok: false, message: `${input} is not a finite number`}
    if (bare) return {ok: true, quantity: {value: input, text: String(input), unit: input}}
    return {ok: false, message: `${input} has no unit`, suggestion: `${expected}`}
  }
  if (typeof input !== 'string') return {ok: false, message: `${expected}`}
  // Before anything else reads it: the patterns and mathjs then see at most this many characters.
  if (input.length > MAX_QUANTITY_CHARS) {
    return {ok: false, message: `\`${quote(input, 40)}\` is ${input.length} characters long; a quantity is at most ${MAX_QUANTITY_CHARS}`, suggestion: expected}
  }
  const text = input.trim()
  const quoted = `\`${quote(text)}\``
  if (text === '') return {ok: false, message: 'empty', suggestion: expected}
  if (!NUMBER.test(text) && !text.startsWith('$')) return {ok: false, message: `${quoted} does not start with a number`, suggestion: expected}
  const percent = numberBeforePercent(text)
  if (percent !== undefined) {
    const number = Number(percent.replaceAll(',', ''))
    if (!Number.isFinite(number)) return {ok: false, message: `${quoted} is not a percentage`, suggestion: expected}
    if (!dimensionless) return {ok: false, message: `${quoted} is a percentage`, suggestion: expected}
    return {ok: true, quantity: {value: number / 100, text, unit: number / 100}}
  }
  const normalised = normaliseQuantityText(text)
  if (/^[-+\d.eE]+$/.test(normalised)) {
    const value = Number(normalised)
    // "1e999" reads as Infinity: say so rather than that it lacks a unit.
    if (!Number.isNaN(value) && !Number.isFinite(value)) return {ok: false, message: `${quoted} is not a finite number`, suggestion: expected}
    if (bare && Number.isFinite(value)) return {ok: true, quantity: {value, text, unit: value}}
    return {ok: false, message: `${quoted} has no unit`, suggestion: expected}
  }
  let unit: Unit | number
  try {
    unit = math().unit(normalised)
  } catch (error) {
    // Not a plain "number unit": perhaps the learner's working, such as "416.7 videos/hour * 20 min".
    const evaluated = evaluateExpression(normalised)
    if (!evaluated.ok) {
      const unknown = /Unit "([^"]+)" not found/.exec((error as Error).message)
      return {ok: false, message: unknown ? `\`${quote(unknown[1]!)}\` is not a unit course knows` : evaluated.message, suggestion: expected}
    }
    unit = evaluated.value
  }
  if (typeof unit === 'number') {
    if (bare) return {ok: true, quantity: {value: unit, text, unit}}
    return {ok: false, message: `${quoted} has no unit`, suggestion: expected}
  }
  const reference = math().unit(kind.reference)
  if (!unit.equalBase(reference)) return {ok: false, message: `${quoted} is not ${kind.noun}`, suggestion: expected}
  const value = kind.canonical ? unit.toNumber(kind.canonical) : unit.toNumber('')
  if (!Number.isFinite(value)) return {ok: false, message: `${quoted} is not a finite quantity`}
  return {ok: true, quantity: {value, text, unit}}
}

/** Converts a parsed quantity to another unit of its dimension ("videos/hour", "min"). */
export function inUnit(quantity: Quantity, unit: string): number {
  return typeof quantity.unit === 'number' ? quantity.unit : quantity.unit.toNumber(unit)
}
