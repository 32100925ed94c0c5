import type {Unit} from 'mathjs'
import {UsageError} from '../../errors.js'
import {closest} from '../../text/suggest.js'
import {evaluateExpression} from '../evaluate.js'
import {parseQuantity} from '../quantity.js'
import type {Plan} from './model.js'
import {videoPipelinePlan} from './video-pipeline.js'
import {webCrawlerPlan} from './web-crawler.js'

export const PLANS: Readonly<Record<string, Plan>> = {[videoPipelinePlan.id]: videoPipelinePlan, [webCrawlerPlan.id]: webCrawlerPlan}

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

export function findPlan(id: string): Plan {
  const plan = PLANS[id]
  if (plan) return plan
  const near = closest(id, Object.keys(PLANS))
  throw new UsageError(`there is no plan \`${id}\`${near ? `; did you mean \`${near}\`?` : ''}`, {code: 'bad-input', next: [`Plans: ${Object.keys(PLANS).join(', ')}.`]})
}

function numberIn(value: Unit | number, unit: string): number {
  return typeof value === 'number' ? value : unit ? value.toNumber(unit) : value.toNumber('')
}

/**
 * Computes both variants of a plan with the given overrides (`name=value`, applied to both), step
 * by step, and marks where they part.
 */
export function runPlan(plan: Plan, overrides: Readonly<Record<string, string>> = {}): PlanResult {
  for (const name of Object.keys(overrides)) {
    if (!plan.inputs.some((i) => i.name === name)) {
      const near = closest(name, plan.inputs.map((i) => i.name))
      throw new UsageError(`--set ${name}: the plan has no input \`${name}\`${near ? `; did you mean \`${near}\`?` : ''}`, {code: 'bad-input', next: [`Inputs: ${plan.inputs.map((i) => i.name).join(', ')}.`]})
    }
  }
  const computed = plan.variants.map((variant) => {
    const scope: Record<string, Unit | number> = {}
    const shown: string[] = []
    for (const input of plan.inputs) {
      const text = overrides[input.name] ?? variant.inputs?.[input.name] ?? input.default
      const parsed = parseQuantity(text, input.kind)
      if (!parsed.ok) throw new UsageError(`--set ${input.name}=${text}: ${parsed.message}`, {code: 'bad-input', next: parsed.suggestion ? [`${parsed.suggestion}.`] : []})
      scope[input.name] = parsed.quantity.unit
      shown.push(text)
    }
    const values = plan.steps.map((step) => {
      const override = variant.steps?.[step.name]
      const evaluated = evaluateExpression(override?.expression ?? step.expression, scope)
      if (!evaluated.ok) throw new UsageError(`step ${step.name} of the ${variant.label}: ${evaluated.message}`, {code: 'bad-input'})
      scope[step.name] = evaluated.value
      let value: number
      try {
        value = numberIn(evaluated.value, step.unit)
      } catch {
        throw new UsageError(`step ${step.name} of the ${variant.label} is not in ${step.unit || 'plain numbers'} (check the units of the inputs)`, {code: 'bad-input'})
      }
      return {variant: variant.name, formula: override?.formula ?? step.formula, value}
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
