import {calculatorNamed} from '../core/capacity/calculators/registry.js'
import {runCalculator, type FieldTexts} from '../core/capacity/calculators/run.js'
import {runPlan, type PlanResult} from '../core/capacity/plans/run.js'
import type {Plan} from '../core/capacity/plans/model.js'
import type {Worked} from '../core/capacity/worked.js'
import {loadPlan, unitsWithPlans} from '../core/catalog/plan.js'
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

/** The course's plans as the interactive screen browses them: which units have one, and each plan. */
export interface PlanShelf {
  /** The units with a plan, in the course's order. */
  units(): readonly string[]
  /** A unit's plan, checked; a usage error for a unit without one, as `course calc plan` says it. */
  load(unit: string): Plan
}

/**
 * The plans of the course, each read and checked the first time it is asked for: checking a plan
 * computes it once, which takes a moment the screen should not spend before anyone opens the tab.
 */
export function planShelf(context: ServiceContext): PlanShelf {
  let loaded: ReturnType<typeof course> | undefined
  const content = () => (loaded ??= course(context))
  const plans = new Map<string, Plan>()
  return {
    units: () => unitsWithPlans(content()).map((unit) => unit.id),
    load(unit) {
      const known = plans.get(unit) ?? loadPlan(content(), unit)
      plans.set(unit, known)
      return known
    },
  }
}
