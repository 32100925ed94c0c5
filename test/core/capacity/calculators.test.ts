import {describe, expect, it} from 'vitest'
import {calculatorNamed} from '../../../src/core/capacity/calculators/registry.js'
import {runCalculator} from '../../../src/core/capacity/calculators/run.js'
import {FieldError} from '../../../src/core/capacity/field-error.js'
import {byFlag} from '../../../src/commands/calc/shared.js'

const run = (name: string, texts: Record<string, string | undefined>) => runCalculator(calculatorNamed(name), texts)

/** The FieldError `compute` throws. */
function fieldError(compute: () => unknown): FieldError {
  try {
    compute()
  } catch (error) {
    if (error instanceof FieldError) return error
    throw error
  }
  throw new Error('expected a FieldError')
}

describe('calculators from one specification', () => {
  it('fills in defaults and reads empty inputs as not given', () => {
    expect(run('instances', {arrival: '1000/s', service: '100 ms'}).results.instances).toBe(143)
    expect(run('instances', {arrival: '1000/s', service: '100 ms', utilization: '  '}).results.instances).toBe(143)
    expect(run('little', {L: '', arrival: '416.7/hour', W: '20 min'}).results.L).toBeCloseTo(138.9, 1)
  })

  it('names fields by label, and a command words the same error with its flags', () => {
    const bad = fieldError(() => run('instances', {arrival: '1000/s', service: '100 ms', utilization: '1.5'}))
    expect(bad.message).toBe('utilisation: a utilisation lies between 0 and 1 (or 0 % and 100 %)')
    expect(bad.worded(byFlag)).toBe('--utilization "1.5": a utilisation lies between 0 and 1 (or 0 % and 100 %)')
    const neither = fieldError(() => run('erlang', {arrival: '1000/s', service: '100 ms'}))
    expect(neither.message).toBe('give exactly one of servers and target')
    expect(neither.worded(byFlag)).toBe('give exactly one of --servers and --target')
    expect(fieldError(() => run('instances', {service: '100 ms'})).message).toBe('arrival rate needs a value')
    expect(fieldError(() => run('hll', {registers: '100'})).worded(byFlag)).toBe('--registers "100": HyperLogLog uses a power of two registers (16, 32, …, 65536)')
  })
})
