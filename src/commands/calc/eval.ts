import {Args} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {CalcCommand} from './shared.js'

export default class CalcEval extends CalcCommand {
  static override summary = 'Evaluate an expression with units (restricted: arithmetic, a few functions, conversions).'
  static override examples = ['<%= config.bin %> calc eval "10000 videos/day * 20 min"', '<%= config.bin %> calc eval "63 * 0.68 USD/hour * 730 hour/month to USD/month"']
  static override args = {expression: Args.string({description: 'The expression.', required: true})}

  async run(): Promise<Worked> {
    const {args} = await this.parse(CalcEval)
    return this.calculate('eval', {expression: args.expression})
  }
}
