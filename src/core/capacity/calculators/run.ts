/**
 * A calculator: its specification and its computation, joined once. Running one reads every field
 * the same way whoever asks (a command with flags, the screen with inputs): empty means not given,
 * defaults fill in, "exactly one of" rules hold, then each value is read by its kind and checked
 * against its bound before the computation sees it.
 */
import {FieldError, listOf} from '../field-error.js'
import {checkBound, readQuantity} from '../inputs.js'
import type {Worked} from '../worked.js'
import {mayBeEmpty, type CalculatorField, type CalculatorSpec, type FieldValues} from './model.js'

export interface Calculator<S extends CalculatorSpec = CalculatorSpec> {
  readonly spec: S
  compute(values: FieldValues<S>): Worked
}

export function defineCalculator<S extends CalculatorSpec>(spec: S, compute: (values: FieldValues<S>) => Worked): Calculator<S> {
  return {spec, compute}
}

/** The text of each field as typed, by name; missing or blank means not given. */
export type FieldTexts = Readonly<Record<string, string | undefined>>

/** How a rule's count reads in a message: "exactly two of …". */
const COUNT_WORDS: Readonly<Record<number, string>> = {1: 'one', 2: 'two', 3: 'three'}

const present = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text)

function read(field: CalculatorField, text: string): unknown {
  if (field.kind === 'text') return text
  const quantity = readQuantity(field, text, field.kind)
  return field.check ? checkBound(field, quantity, field.check, field.minimum) : quantity
}

/** Reads the texts as the calculator's values, then computes; a FieldError names the field by its label. */
export function runCalculator(calculator: Calculator, given: FieldTexts): Worked {
  const {spec} = calculator
  const texts = new Map(spec.fields.map((field) => [field, present(given[field.name]) ?? field.default]))
  const rule = spec.exactly
  if (rule) {
    const fields = rule.of.map((name) => spec.fields.find((field) => field.name === name)!)
    if (fields.filter((field) => texts.get(field) !== undefined).length !== rule.count) {
      throw new FieldError(fields, (name) => `give exactly ${COUNT_WORDS[rule.count] ?? rule.count} of ${listOf(fields.map((field) => name(field)))}`)
    }
  }
  const values: Record<string, unknown> = {}
  for (const [field, text] of texts) {
    if (text === undefined) {
      if (!mayBeEmpty(field)) throw new FieldError([field], (name) => `${name(field)} needs a value`, [field.help])
      continue
    }
    values[field.name] = read(field, text)
  }
  return calculator.compute(values as FieldValues<CalculatorSpec>)
}
