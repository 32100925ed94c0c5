import type {Worked} from '../../core/capacity/worked.js'
import {LITTLE} from '../../core/capacity/calculators/specs.js'
import {calculatorFlags, CalcCommand} from './shared.js'

export default class CalcLittle extends CalcCommand {
  static override summary = "Little's law, L = λ · W: give any two, get the third."
  static override examples = ['<%= config.bin %> calc little --arrival 416.7/hour --W "20 min"', '<%= config.bin %> calc little --L 138.9 --W "20 min"']
  static override flags = calculatorFlags(LITTLE, {arrival: 'a'})

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcLittle)
    return this.calculate(LITTLE, flags)
  }
}
