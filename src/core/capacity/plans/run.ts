import type {Unit} from 'mathjs'
import {UserError} from '../../errors.js'
import {escapePointerSegment} from '../../schema/json-pointer.js'
import {closest} from '../../text/suggest.js'
import {evaluateExpression} from '../evaluate.js'
import {FieldError} from '../field-error.js'
import {readQuantity} from '../inputs.js'
import {parseQuantity} from '../quantity.js'
import type {Plan, PlanDocument, PlanInput} from './model.js'

/**
 * Computing a plan: both variants from the same inputs, step by step, with the step where they
 * part marked. A value someone sets is a FieldError naming the input; a fault of the plan itself
 * (a default of the wrong kind, an expression that does not evaluate) is a PlanFault carrying the
 * JSON pointer of the value at fault, so whoever read the file can say where it is.
 */

export interface PlanRow {
  readonly name: string
  readonly label: string
  readonly unit: string
  /** Per variant: the formula used and the value in `unit`. */
  readonly values: ReadonlyArray<{readonly variant: string; readonly formula: string; readonly value: number}>
  /** The variants' values differ here. */
  readonly differs: boolean
}

export interface PlanResult {
  readonly plan: string
  readonly title: string
  readonly variants: ReadonlyArray<{readonly name: string; readonly label: string}>
  readonly inputs: ReadonlyArray<{readonly name: string; readonly label: string; readonly values: readonly string[]}>
  readonly rows: PlanRow[]
  /** The first step where the variants part, if they do. */
  readonly parts_at: string | null
  readonly notes: readonly string[]
}

/** A fault in a plan's own content, at a JSON pointer into its document. */
export class PlanFault extends UserError {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message, {code: 'plan-format', next: ['Run `course dev check` for a full report.']})
    this.name = 'PlanFault'
  }
}

const at = (...segments: Array<string | number>) => segments.map((s) => `/${escapePointerSegment(String(s))}`).join('')

function numberIn(value: Unit | number, unit: string): number {
  return typeof value === 'number' ? value : unit ? value.toNumber(unit) : value.toNumber('')
}

/** Faults in what the plan's names refer to: a name given twice, a variant changing what is not there. */
export function referenceFaults(plan: PlanDocument): PlanFault[] {
  const faults: PlanFault[] = []
  const seen = new Set<string>()
  const named = [...plan.inputs.map((input, i) => ({name: input.name, pointer: at('inputs', i, 'name')})), ...plan.steps.map((step, i) => ({name: step.name, pointer: at('steps', i, 'name')}))]
  for (const {name, pointer} of named) {
    if (seen.has(name)) faults.push(new PlanFault(pointer, `the name \`${name}\` is used twice`))
    seen.add(name)
  }
  plan.variants.forEach((variant, v) => {
    for (const name of Object.keys(variant.inputs ?? {})) {
      if (!plan.inputs.some((input) => input.name === name)) faults.push(new PlanFault(at('variants', v, 'inputs', name), `the ${variant.label} sets \`${name}\`, which is not an input`))
    }
    for (const name of Object.keys(variant.steps ?? {})) {
      if (!plan.steps.some((step) => step.name === name)) faults.push(new PlanFault(at('variants', v, 'steps', name), `the ${variant.label} changes \`${name}\`, which is not a step`))
    }
  })
  return faults
}

/** Every override names an input and reads as its kind; the quantities by name. */
function readOverrides(plan: Plan, overrides: Readonly<Record<string, string>>): Map<string, Unit | number> {
  const read = new Map<string, Unit | number>()
  for (const [name, text] of Object.entries(overrides)) {
    const input = plan.inputs.find((i) => i.name === name)
    if (!input) {
      const near = closest(name, plan.inputs.map((i) => i.name))
      const unknown = {name, label: name}
      throw new FieldError([unknown], (field) => `${field(unknown)}: the plan has no input \`${name}\`${near ? `; did you mean \`${near}\`?` : ''}`, [`Inputs: ${plan.inputs.map((i) => i.name).join(', ')}.`])
    }
    read.set(name, readQuantity(input, text, input.kind).unit)
  }
  return read
}

/** An input's value from the plan itself: the variant's, else the default. */
function planValue(input: PlanInput, index: number, text: string | undefined, variant: number): {text: string; value: Unit | number} {
  const pointer = text === undefined ? at('inputs', index, 'default') : at('variants', variant, 'inputs', input.name)
  const given = text ?? input.default
  const parsed = parseQuantity(given, input.kind)
  if (!parsed.ok) throw new PlanFault(pointer, `input \`${input.name}\`: ${parsed.message}${parsed.suggestion ? ` (${parsed.suggestion})` : ''}`)
  return {text: given, value: parsed.quantity.unit}
}

/**
 * Computes both variants of a plan with the given overrides (`name=value`, applied to both), step
 * by step, and marks where they part.
 */
export function runPlan(plan: Plan, overrides: Readonly<Record<string, string>> = {}): PlanResult {
  const [fault] = referenceFaults(plan)
  if (fault) throw fault
  const overridden = readOverrides(plan, overrides)
  const computed = plan.variants.map((variant, v) => {
    const scope: Record<string, Unit | number> = {}
    const shown: string[] = []
    plan.inputs.forEach((input, i) => {
      const override = overridden.get(input.name)
      const {text, value} = override === undefined ? planValue(input, i, variant.inputs?.[input.name], v) : {text: overrides[input.name]!, value: override}
      scope[input.name] = value
      shown.push(text)
    })
    const values = plan.steps.map((step, i) => {
      const changed = variant.steps?.[step.name]
      const pointer = changed ? at('variants', v, 'steps', step.name, 'expression') : at('steps', i, 'expression')
      const evaluated = evaluateExpression(changed?.expression ?? step.expression, scope)
      if (!evaluated.ok) throw new PlanFault(pointer, `step \`${step.name}\` of the ${variant.label}: ${evaluated.message}`)
      scope[step.name] = evaluated.value
      let value: number
      try {
        value = numberIn(evaluated.value, step.unit)
      } catch {
        throw new PlanFault(pointer, `step \`${step.name}\` of the ${variant.label} is not in ${step.unit || 'plain numbers'} (check the units of the inputs)`)
      }
      return {variant: variant.name, formula: changed?.formula ?? step.formula, value}
    })
    return {shown, values}
  })
  const rows: PlanRow[] = plan.steps.map((step, i) => {
    const values = computed.map((c) => c.values[i]!)
    const [a, b] = values.map((v) => v.value)
    return {name: step.name, label: step.label, unit: step.unit, values, differs: Math.abs(a! - b!) > 1e-9 * Math.max(1, Math.abs(b!))}
  })
  return {
    plan: plan.id,
    title: plan.title,
    variants: plan.variants.map((v) => ({name: v.name, label: v.label})),
    inputs: plan.inputs.map((input, i) => ({name: input.name, label: input.label, values: computed.map((c) => c.shown[i]!)})),
    rows,
    parts_at: rows.find((r) => r.differs)?.name ?? null,
    notes: plan.notes,
  }
}

/** The faults of a plan: its references, then the first fault met computing it from its defaults. */
export function planFaults(plan: Plan): PlanFault[] {
  const faults = referenceFaults(plan)
  if (faults.length > 0) return faults
  try {
    runPlan(plan)
    return []
  } catch (error) {
    if (error instanceof PlanFault) return [error]
    throw error
  }
}
