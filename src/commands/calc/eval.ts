import {Args} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {fieldOf} from '../../core/capacity/calculators/model.js'
import {EXPRESSION} from '../../core/capacity/calculators/specs.js'
import {CalcCommand} from './shared.js'

/** Its one field is an argument rather than a flag: the expression is the whole command. */
const expression = fieldOf(EXPRESSION, 'expression')

export default class CalcEval extends CalcCommand {
  static override summary = 'Evaluate an expression with units (restricted: arithmetic, a few functions, conversions).'
  static override examples = ['<%= config.bin %> calc eval "10000 videos/day * 20 min"', '<%= config.bin %> calc eval "63 * 0.68 USD/hour * 730 hour/month to USD/month"']
  static override args = {[expression.name]: Args.string({description: expression.help, required: true})}

  async run(): Promise<Worked> {
    const {args} = await this.parse(CalcEval)
    return this.calculate(EXPRESSION, args)
  }
}
