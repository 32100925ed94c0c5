import {UsageError} from '../../errors.js'
import {evaluateExpression} from '../evaluate.js'
import type {Worked} from '../worked.js'
import type {FieldValues} from './model.js'
import type {EXPRESSION} from './specs.js'

/** One expression with units through the restricted evaluator. */
export function expression(input: FieldValues<typeof EXPRESSION>): Worked {
  const result = evaluateExpression(input.expression)
  if (!result.ok) throw new UsageError(`cannot evaluate ${JSON.stringify(input.expression)}: ${result.message}`, {code: 'bad-input', next: ['Numbers with units, + − × ÷ ^, ceil, floor, round, sqrt, log, exp, min, max and `to` (as in `5 min to s`).']})
  const value = result.value
  const shown = typeof value === 'number' ? String(Number(value.toPrecision(12))) : value.format({precision: 12})
  const numeric = typeof value === 'number' ? value : Number(value.toNumeric().toString())
  return {
    title: 'Expression',
    answer: `= ${shown}`,
    inputs: [{name: 'expression', label: 'expression', shown: input.expression}],
    steps: [{label: 'value', formula: input.expression, working: 'evaluated with units', value: numeric, unit: typeof value === 'number' ? '' : value.formatUnits()}],
    results: {value: shown, number: numeric, unit: typeof value === 'number' ? '' : value.formatUnits()},
    notes: [],
  }
}
