import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {CalcCommand} from './shared.js'

export default class CalcHll extends CalcCommand {
  static override summary = 'HyperLogLog: the error of a register count, or the registers for an error.'
  static override examples = ['<%= config.bin %> calc hll --registers 16384', '<%= config.bin %> calc hll --error 2%']
  static override flags = {
    registers: Flags.string({char: 'm', description: 'Registers (a power of two).', exclusive: ['error'], helpValue: 'M'}),
    error: Flags.string({char: 'e', description: 'Target standard error, 0..1 or a percentage.', exclusive: ['registers'], helpValue: 'E'}),
  }

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcHll)
    return this.calculate('hll', flags)
  }
}
