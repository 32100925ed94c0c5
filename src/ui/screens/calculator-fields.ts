import type {CalculatorField, CalculatorSpec} from '../../core/capacity/calculators/model.js'
import type {Plan} from '../../core/capacity/plans/model.js'

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

/** An input of the screen: a calculator's field, or the choice of plan and a plan's inputs. */
export interface ScreenField {
  /** The key its value is kept under. */
  readonly name: string
  readonly label: string
  /** The help line shown while the input is selected. */
  readonly help: string
  /** Shown dimmed while the input is empty: what empty stands for. */
  readonly empty?: string
}

/** A calculator's fields as the screen's inputs. */
export function calculatorInputs(spec: CalculatorSpec): ScreenField[] {
  return spec.fields.map((field) => ({name: field.name, label: inputLabel(field), help: field.help}))
}

/** The input that picks the plan; its value is a unit's id. */
export const PLAN_CHOICE = 'plan'

/**
 * The plan tab's inputs: which unit's plan, then the plan's inputs. An input left empty keeps what
 * the plan gives it, which may differ between the two variants, so empty shows those values; a
 * value typed in is set for both, as `--set` does. A plan's values are kept apart by unit, so
 * moving to another plan and back finds them as they were.
 */
export function planInputs(units: readonly string[], plan?: Plan): ScreenField[] {
  const choice = {name: PLAN_CHOICE, label: 'plan', help: `The unit whose plan to show: ${units.join(', ') || 'none in this course'}.`}
  if (!plan) return [choice]
  const inputs = plan.inputs.map((input) => {
    const given = plan.variants.map((variant) => variant.inputs?.[input.name] ?? input.default)
    const empty = given[0] === given[1] ? given[0]! : plan.variants.map((variant, i) => `${given[i]} (${variant.label})`).join(', ')
    return {name: planInputKey(plan.id, input.name), label: input.label, help: `A value with its unit, used by both variants; left empty: ${empty}.`, empty}
  })
  return [choice, ...inputs]
}

/** Where a plan input's value is kept: by unit, then by input. */
export function planInputKey(unit: string, input: string): string {
  return `${unit}/${input}`
}

/** The values typed into a plan's inputs, by input name: what the plan is run with. */
export function planOverrides(plan: Plan, values: Readonly<Record<string, string>>): Record<string, string> {
  const overrides: Record<string, string> = {}
  for (const input of plan.inputs) {
    const value = values[planInputKey(plan.id, input.name)]?.trim()
    if (value) overrides[input.name] = value
  }
  return overrides
}
