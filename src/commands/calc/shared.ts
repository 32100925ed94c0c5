import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import type {CalculatorName} from '../../services/calc.js'
import {BaseCommand} from '../base-command.js'

export const arrivalFlag = Flags.string({char: 'a', description: 'Arrival rate, with its unit: 1000/s, 1000 req/s, 60000/min.', helpValue: 'RATE'})
export const serviceFlag = Flags.string({char: 's', description: 'Mean service time, with its unit: 100 ms, 0.1 s.', helpValue: 'TIME'})

/** A calculator command: parse flags, run the calculator (mathjs loads here, not at startup), show the working. */
export abstract class CalcCommand extends BaseCommand {
  static override enableJsonFlag = true

  protected async calculate(name: CalculatorName, input: Record<string, string | undefined>): Promise<Worked> {
    const [{CALCULATORS}, {formatWorked}] = await Promise.all([import('../../services/calc.js'), import('../../ui/text/worked.js')])
    const worked = (CALCULATORS[name] as (i: Record<string, string | undefined>) => Worked)(input)
    this.log(formatWorked(worked, {color: this.color, width: this.width}))
    return worked
  }
}
