import {describe, expect, it} from 'vitest'
import {ERLANG} from '../../src/core/capacity/calculators/specs.js'
import {calculatorFlags} from '../../src/commands/calc/shared.js'

describe("a calculator command's flags", () => {
  it('makes the flags of a command from the fields', () => {
    const flags = calculatorFlags(ERLANG, {arrival: 'a'})
    expect(Object.keys(flags)).toEqual(ERLANG.fields.map((f) => f.name))
    expect(flags.arrival).toMatchObject({char: 'a', required: true, helpValue: 'RATE', description: ERLANG.fields[0].help})
    expect(flags.utilization).toMatchObject({required: false, default: '0.7'})
    expect(flags.servers).toMatchObject({required: false, exclusive: ['target']})
    expect(flags.target).toMatchObject({required: false, exclusive: ['servers']})
  })
})
