/**
 * Reading a lab's parameters from the command line (kept apart from lab-spec.ts, which every
 * start of the CLI reads: this one loads the quantity reader).
 */
import {UsageError} from '../errors.js'
import {parseQuantity} from '../capacity/quantity.js'
import type {LabSpec} from './lab-spec.js'

/**
 * A lab's parameter values from what the command line gave (flags by name): integers and
 * choices checked, durations read with units into seconds. A bad value is a usage error naming
 * its flag, as every command's are.
 */
export function labValues(spec: LabSpec, given: Readonly<Record<string, unknown>>, cpus: number): Record<string, number | string> {
  const values: Record<string, number | string> = {}
  for (const p of spec.parameters) {
    const raw = given[p.name]
    switch (p.kind) {
      case 'integer': {
        const value = raw === undefined ? (p.default === 'cpus' ? cpus : p.default) : Number(raw)
        if (value === undefined || !Number.isInteger(value)) throw new UsageError(`--${p.name} must be a whole number`, {code: 'bad-input'})
        if ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max)) throw new UsageError(`--${p.name} must be a whole number from ${p.min ?? '−∞'} to ${p.max ?? '∞'}`, {code: 'bad-input'})
        values[p.name] = value
        break
      }
      case 'choice': {
        const value = raw === undefined ? p.default : String(raw)
        if (!p.options.includes(value)) throw new UsageError(`--${p.name} must be one of ${p.options.join(', ')}`, {code: 'bad-input'})
        values[p.name] = value
        break
      }
      case 'duration': {
        const text = raw === undefined ? p.default : String(raw)
        const parsed = parseQuantity(text, 'duration')
        if (!parsed.ok) throw new UsageError(`--${p.name} ${JSON.stringify(text)}: ${parsed.message}`, {code: 'bad-input'})
        const seconds = parsed.quantity.value
        const low = p.min !== undefined && (p.exclusiveMin ? seconds <= p.min : seconds < p.min)
        if (low || (p.max !== undefined && seconds > p.max)) {
          const range = [p.min !== undefined ? `${p.exclusiveMin ? 'more than' : 'at least'} ${p.min} s` : '', p.max !== undefined ? `at most ${p.max} s` : ''].filter(Boolean).join(' and ')
          throw new UsageError(`--${p.name} ${text}: must be ${range}`, {code: 'bad-input'})
        }
        values[p.name] = seconds
        break
      }
    }
  }
  return values
}
