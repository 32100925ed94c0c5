import {calculatorNamed} from '../core/capacity/calculators/registry.js'
import {runCalculator, type FieldTexts} from '../core/capacity/calculators/run.js'
import {runPlan, type PlanResult} from '../core/capacity/plans/run.js'
import type {Worked} from '../core/capacity/worked.js'
import {loadPlan} from '../core/catalog/plan.js'
import {course, type ServiceContext} from './context.js'

/**
 * The calculators and resource plans behind `course calc`. Inputs are the texts someone typed, by
 * field name; bad input is a FieldError naming the field, which the command words as its flag.
 */
export function calculate(name: string, texts: FieldTexts): Worked {
  return runCalculator(calculatorNamed(name), texts)
}

export interface PlanOptions extends ServiceContext {
  /** The unit whose plan to compute. */
  readonly unit: string
  /** Inputs set differently, by name (applied to both variants). */
  readonly overrides: Readonly<Record<string, string>>
}

/** A unit's plan, read from the course's content and computed. */
export function plan(options: PlanOptions): PlanResult {
  return runPlan(loadPlan(course(options), options.unit), options.overrides)
}
