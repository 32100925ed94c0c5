import {describe, expect, it} from 'vitest'
import {calculatorNamed, CALCULATORS} from '../../src/core/capacity/calculators/registry.js'
import {runCalculator} from '../../src/core/capacity/calculators/run.js'
import {ERLANG, INSTANCES} from '../../src/core/capacity/calculators/specs.js'
import {planShelf} from '../../src/services/calc.js'
import {initialValues, inputLabel, planInputKey, planInputs, planOverrides} from '../../src/ui/screens/calculator-fields.js'

describe("the calculator screen's inputs", () => {
  it('makes the inputs of the screen from the same fields', () => {
    expect(initialValues(INSTANCES)).toEqual({arrival: '1000/s', service: '100 ms', utilization: '0.7'})
    expect(ERLANG.fields.map(inputLabel)).toEqual(['arrival rate', 'service time', 'target (or empty)', 'servers (or empty)', 'formula utilisation'])
    for (const {spec} of CALCULATORS) expect(() => runCalculator(calculatorNamed(spec.name), initialValues(spec)), spec.name).not.toThrow()
  })

  it("makes a plan's inputs from the plan, empty standing for each variant's own value", () => {
    const shelf = planShelf({cwd: process.cwd()})
    expect(shelf.units()).toEqual(expect.arrayContaining(['video-pipeline', 'web-crawler']))
    const plan = shelf.load('web-crawler')
    const inputs = planInputs(shelf.units(), plan)
    expect(inputs[0]).toMatchObject({name: 'plan', label: 'plan'})
    expect(inputs[0]!.help).toContain('web-crawler')
    expect(inputs.find((input) => input.label === 'HTML per page')?.empty).toBe('1 MB (common table), 100 KB (corrected)')
    expect(inputs.find((input) => input.label === 'fetch latency')?.empty).toBe('1 s')
    // Only what was typed is set, for both variants; blanks keep the plan's values.
    const values = {[planInputKey('web-crawler', 'latency')]: ' 2 s ', [planInputKey('web-crawler', 'html')]: '', [planInputKey('video-pipeline', 'peak_factor')]: '2'}
    expect(planOverrides(plan, values)).toEqual({latency: '2 s'})
    expect(planInputs([])[0]!.help).toContain('none in this course')
  })
})
