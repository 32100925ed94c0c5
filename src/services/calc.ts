import {erlang, type ErlangInput} from '../core/capacity/calculators/erlang.js'
import {expression} from '../core/capacity/calculators/expression.js'
import {instances, type InstancesInput} from '../core/capacity/calculators/instances.js'
import {little, type LittleInput} from '../core/capacity/calculators/little.js'
import {bloom, cms, hll} from '../core/capacity/calculators/sketches.js'
import {findPlan, runPlan, type PlanResult} from '../core/capacity/plans/run.js'
import type {Worked} from '../core/capacity/worked.js'

/**
 * The calculators behind `course calc`, by name. Inputs are the strings a learner typed; every
 * calculator returns its working, and bad input is a UsageError naming the flag.
 */
export const CALCULATORS = {
  instances: (input: InstancesInput): Worked => instances(input),
  erlang: (input: ErlangInput): Worked => erlang(input),
  little: (input: LittleInput): Worked => little(input),
  bloom: (input: {items: string; fpr: string}): Worked => bloom(input),
  hll: (input: {registers?: string; error?: string}): Worked => hll(input),
  cms: (input: {epsilon: string; delta: string}): Worked => cms(input),
  eval: (input: {expression: string}): Worked => expression(input),
}

export type CalculatorName = keyof typeof CALCULATORS

export function plan(id: string, overrides: Readonly<Record<string, string>>): PlanResult {
  return runPlan(findPlan(id), overrides)
}
