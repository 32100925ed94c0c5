import type {Unit} from 'mathjs'
import {evaluateExpression} from '../capacity/evaluate.js'
import {QUANTITY_KINDS, type QuantityKindName} from '../capacity/kinds.js'
import {math} from '../capacity/math.js'
import type {Scenario} from './scenario.js'

/**
 * An expectation written over the scenario's figures (`workers / poll_interval`), evaluated with
 * units by the calculators' own guarded evaluator. A grader that writes its expected answers this
 * way grades every learner's variant, and the base scenario, from one line: no figure is copied
 * into grader.json.
 */
export type FormulaResult = {readonly ok: true; readonly value: number} | {readonly ok: false; readonly message: string}

export function evaluateFormula(formula: string, scenario: Scenario, kind: QuantityKindName): FormulaResult {
  const scope: Record<string, Unit | number> = {}
  // Counts and ratios are plain numbers ("10000 workers" is 10000), so `workers - 1` reads as written.
  for (const [id, figure] of scenario.figures) scope[id] = figure.kind === 'count' || figure.kind === 'ratio' || typeof figure.quantity.unit === 'number' ? figure.quantity.value : figure.quantity.unit.clone()
  const evaluated = evaluateExpression(formula, scope)
  if (!evaluated.ok) return {ok: false, message: `\`${formula}\`: ${evaluated.message}`}
  const target = QUANTITY_KINDS[kind]
  const result = evaluated.value
  if (typeof result === 'number') {
    if (target.canonical === '' && Number.isFinite(result)) return {ok: true, value: result}
    return {ok: false, message: `\`${formula}\` gives the plain number ${result}, not ${target.noun}`}
  }
  if (!result.equalBase(math().unit(target.reference))) return {ok: false, message: `\`${formula}\` gives ${result.toString()}, not ${target.noun}`}
  const value = target.canonical ? result.toNumber(target.canonical) : result.toNumber('')
  return Number.isFinite(value) ? {ok: true, value} : {ok: false, message: `\`${formula}\` is not finite`}
}
