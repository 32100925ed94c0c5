import {Flags, type Command, type Interfaces} from '@oclif/core'
import {mayBeEmpty, type CalculatorSpec} from '../../core/capacity/calculators/model.js'
import {isFieldError, type FieldNamer} from '../../core/capacity/field-error.js'
import {UsageError} from '../../core/errors.js'
import type {Worked} from '../../core/capacity/worked.js'
import {BaseCommand} from '../base-command.js'

/** One-letter aliases of some of a calculator's flags, by field name. */
type ShortNames<S extends CalculatorSpec> = Partial<Record<S['fields'][number]['name'], Interfaces.AlphabetLowercase | Interfaces.AlphabetUppercase>>

/**
 * A calculator's flags: one per field of its specification, with the field's help, placeholder
 * and default. Fields of which exactly one may be given exclude each other.
 */
export function calculatorFlags<S extends CalculatorSpec>(spec: S, short: ShortNames<S> = {}) {
  const exclusive = spec.exactly?.count === 1 ? spec.exactly.of : []
  const flag = (field: CalculatorSpec['fields'][number]) =>
    Flags.string({
      char: short[field.name as keyof ShortNames<S>],
      description: field.help,
      helpValue: field.placeholder,
      required: !mayBeEmpty(field),
      default: field.default,
      exclusive: exclusive.includes(field.name) ? exclusive.filter((name) => name !== field.name) : undefined,
    })
  return Object.fromEntries(spec.fields.map((field) => [field.name, flag(field)]))
}

/** A field as a command line names it: its flag, with the value as typed. */
export const byFlag: FieldNamer = (field, given) => (given === undefined ? `--${field.name}` : `--${field.name} ${JSON.stringify(given)}`)

/**
 * Runs `compute`, rewording an error about fields with `name` (flags, where the computation used
 * labels). An error about several fields at once (give exactly two of …) gets `example` as its
 * next step, since no single flag's help answers it.
 */
export function withFlags<T>(compute: () => T, name: FieldNamer = byFlag, example?: string): T {
  try {
    return compute()
  } catch (error) {
    if (!isFieldError(error)) throw error
    const next = error.fields.length > 1 && example ? [...error.next, `For example \`${example}\`.`] : error.next
    throw new UsageError(error.worded(name), {code: error.code, next})
  }
}

/** A calculator command: parse flags, run the calculator (mathjs loads here, not at startup), show the working. */
export abstract class CalcCommand extends BaseCommand {
  static override enableJsonFlag = true

  protected async calculate(spec: CalculatorSpec, flags: Readonly<Record<string, unknown>>): Promise<Worked> {
    const texts = Object.fromEntries(spec.fields.map((field) => [field.name, flags[field.name] as string | undefined]))
    const [{calculate}, {formatWorked}] = await Promise.all([import('../../services/calc.js'), import('../../ui/text/worked.js')])
    const worked = withFlags(() => calculate(spec.name, texts), byFlag, this.firstExample())
    this.log(formatWorked(worked, {color: this.color, width: this.width}))
    return worked
  }

  /** The command's first help example, as a person would type it. */
  private firstExample(): string | undefined {
    const example = (this.constructor as typeof Command).examples?.[0]
    const command = typeof example === 'string' ? example : example?.command
    return command?.replaceAll('<%= config.bin %>', this.config.bin)
  }
}
