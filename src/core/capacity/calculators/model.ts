import type {QuantityKindName} from '../kinds.js'
import type {Quantity} from '../quantity.js'

/**
 * A calculator's specification: the fields it reads, each defined once. `course calc <name>`
 * turns every field into a flag and the interactive screen into an input, so a field's label,
 * default and help read the same in both. Plain data with no imports at run time: every command
 * module reads these at startup, while the computations (and mathjs) load only when one runs.
 */

/**
 * What a field holds: a quantity of a kind ("1000/s" is a rate, "0.7" or "70 %" a ratio, "1e8" a
 * count: every plain number is a count or a ratio), or text the calculator reads itself (a wait
 * target such as "p99 < 10 ms", an expression).
 */
export type FieldKind = QuantityKindName | 'text'

/** A bound a quantity must keep, checked before the calculator runs. */
export type FieldCheck = 'positive' | 'utilisation' | 'probability' | 'whole'

export interface CalculatorField {
  /** The field's name; a command's flag has the same name. */
  readonly name: string
  /** What the screen shows beside the input and what messages call the field. */
  readonly label: string
  readonly kind: FieldKind
  /** One sentence with examples of the form: the flag's description, the screen's help line. */
  readonly help: string
  /** The form of a value in a usage line: RATE, TIME. */
  readonly placeholder: string
  /** The value when none is given. */
  readonly default?: string
  /** A value the screen starts from when the field has no default (left empty when absent). */
  readonly example?: string
  /** May be left empty. */
  readonly optional?: boolean
  readonly check?: FieldCheck
  /** With `check: 'whole'`: the least value allowed (1 when absent). */
  readonly minimum?: number
}

export interface CalculatorSpec {
  readonly name: string
  readonly fields: readonly CalculatorField[]
  /** Optional fields of which exactly `count` must be given: "one of servers and target". */
  readonly exactly?: {readonly count: number; readonly of: readonly string[]}
}

/** What a field's value is once read: text as typed, or the quantity. */
type ReadValue<F extends CalculatorField> = F['kind'] extends 'text' ? string : Quantity
type FieldValue<F extends CalculatorField> = F extends {readonly optional: true} ? ReadValue<F> | undefined : ReadValue<F>

/** The values a calculator computes from, by field name: read, checked, defaults applied. */
export type FieldValues<S extends CalculatorSpec> = {readonly [F in S['fields'][number] as F['name']]: FieldValue<F>}

/** Declares a specification, keeping its field names and kinds as types for FieldValues. */
export function defineSpec<const S extends CalculatorSpec>(spec: S): S {
  return spec
}

/** A field of a specification by name: computations name fields in their own messages. */
export function fieldOf<S extends CalculatorSpec>(spec: S, name: S['fields'][number]['name']): CalculatorField {
  const field = spec.fields.find((f) => f.name === name)
  if (!field) throw new Error(`calculator ${spec.name} has no field ${name}`)
  return field
}

/** Whether the field may be left empty: optional, or filled in by its default. */
export function mayBeEmpty(field: CalculatorField): boolean {
  return field.optional === true || field.default !== undefined
}
