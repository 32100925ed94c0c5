/**
 * Every calculator, each specification joined to its computation, in the order the interactive
 * screen shows them. Loads mathjs: import it only where a calculator runs.
 */
import {erlang} from './erlang.js'
import {expression} from './expression.js'
import {instances} from './instances.js'
import {little} from './little.js'
import {defineCalculator, type Calculator} from './run.js'
import {bloom, cms, hll} from './sketches.js'
import {BLOOM, CMS, ERLANG, EXPRESSION, HLL, INSTANCES, LITTLE} from './specs.js'

export const CALCULATORS: readonly Calculator[] = [
  defineCalculator(INSTANCES, instances),
  defineCalculator(ERLANG, erlang),
  defineCalculator(LITTLE, little),
  defineCalculator(BLOOM, bloom),
  defineCalculator(HLL, hll),
  defineCalculator(CMS, cms),
  defineCalculator(EXPRESSION, expression),
]

/** The calculator of a specification's name; every specification has one. */
export function calculatorNamed(name: string): Calculator {
  const calculator = CALCULATORS.find((c) => c.spec.name === name)
  if (!calculator) throw new Error(`no calculator is named ${name}`)
  return calculator
}
