/**
 * A resource plan as data: inputs with defaults, then steps, each an expression over the names
 * before it (evaluated with units by the restricted evaluator). Two variants are shown side by side:
 * the figures as a common back-of-envelope table computes them, and the corrected plan; a variant
 * may replace inputs or the expressions of some steps. Plans are course content: a unit's plan is
 * its `plan.json` (exercises/schemas/plan.schema.json), read by the catalog.
 */
import type {QuantityKindName} from '../kinds.js'

export interface PlanInput {
  readonly name: string
  readonly label: string
  readonly default: string
  readonly kind: QuantityKindName
}

export interface PlanStep {
  readonly name: string
  readonly label: string
  /** The formula in words and symbols, for people. */
  readonly formula: string
  /** The expression over earlier names, for the evaluator. */
  readonly expression: string
  /** The unit the value is shown in ('' for a plain number). */
  readonly unit: string
}

export interface PlanVariant {
  readonly name: string
  readonly label: string
  /** Inputs this variant sets differently. */
  readonly inputs?: Readonly<Record<string, string>>
  /** Steps this variant computes differently: name -> expression and formula. */
  readonly steps?: Readonly<Record<string, {readonly expression: string; readonly formula: string}>>
}

/** A plan as its file holds it. */
export interface PlanDocument {
  readonly title: string
  readonly inputs: readonly PlanInput[]
  readonly steps: readonly PlanStep[]
  /** First the common table's variant, then the corrected one. */
  readonly variants: readonly [PlanVariant, PlanVariant]
  readonly notes: readonly string[]
}

/** A loaded plan: its file's content, named by its unit. */
export interface Plan extends PlanDocument {
  readonly id: string
}
