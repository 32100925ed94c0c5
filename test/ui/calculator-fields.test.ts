import {describe, expect, it} from 'vitest'
import {calculatorNamed, CALCULATORS} from '../../src/core/capacity/calculators/registry.js'
import {runCalculator} from '../../src/core/capacity/calculators/run.js'
import {ERLANG, INSTANCES} from '../../src/core/capacity/calculators/specs.js'
import {initialValues, inputLabel} from '../../src/ui/screens/calculator-fields.js'

describe("the calculator screen's inputs", () => {
  it('makes the inputs of the screen from the same fields', () => {
    expect(initialValues(INSTANCES)).toEqual({arrival: '1000/s', service: '100 ms', utilization: '0.7'})
    expect(ERLANG.fields.map(inputLabel)).toEqual(['arrival rate', 'service time', 'target (or empty)', 'servers (or empty)', 'formula utilisation'])
    for (const {spec} of CALCULATORS) expect(() => runCalculator(calculatorNamed(spec.name), initialValues(spec)), spec.name).not.toThrow()
  })
})
