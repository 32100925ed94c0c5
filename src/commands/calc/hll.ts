import type {Worked} from '../../core/capacity/worked.js'
import {HLL} from '../../core/capacity/calculators/specs.js'
import {calculatorFlags, CalcCommand} from './shared.js'

export default class CalcHll extends CalcCommand {
  static override summary = 'HyperLogLog: the error of a register count, or the registers for an error.'
  static override examples = ['<%= config.bin %> calc hll --registers 16384', '<%= config.bin %> calc hll --error 2%']
  static override flags = calculatorFlags(HLL, {registers: 'm', error: 'e'})

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcHll)
    return this.calculate(HLL, flags)
  }
}
