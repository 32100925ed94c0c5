import type {CalculatorField, CalculatorSpec} from '../../core/capacity/calculators/model.js'

/**
 * How a calculator's fields appear as the interactive screen's inputs. The fields are the same
 * the commands make their flags from; only how they are shown is decided here.
 */

/** The label beside an input; a field that may stay empty says so. */
export function inputLabel(field: CalculatorField): string {
  return field.optional ? `${field.label} (or empty)` : field.label
}

/** What each input starts with: the default, else an example to edit, else nothing. */
export function initialValues(spec: CalculatorSpec): Record<string, string> {
  return Object.fromEntries(spec.fields.map((field) => [field.name, field.default ?? field.example ?? '']))
}
