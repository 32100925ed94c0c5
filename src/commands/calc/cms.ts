import type {Worked} from '../../core/capacity/worked.js'
import {CMS} from '../../core/capacity/calculators/specs.js'
import {calculatorFlags, CalcCommand} from './shared.js'

export default class CalcCms extends CalcCommand {
  static override summary = 'Size a count-min sketch for an error ε (share of all counts) and a failure probability δ.'
  static override examples = ['<%= config.bin %> calc cms --epsilon 0.001 --delta 0.01']
  static override flags = calculatorFlags(CMS)

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcCms)
    return this.calculate(CMS, flags)
  }
}
