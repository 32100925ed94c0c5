import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {arrivalFlag, CalcCommand} from './shared.js'

export default class CalcLittle extends CalcCommand {
  static override summary = "Little's law, L = λ · W: give any two, get the third."
  static override examples = ['<%= config.bin %> calc little --arrival 416.7/hour --W "20 min"', '<%= config.bin %> calc little --L 138.9 --W "20 min"']
  static override flags = {
    L: Flags.string({description: 'Average number in the system.', helpValue: 'COUNT'}),
    arrival: arrivalFlag,
    W: Flags.string({description: 'Average time in the system, with its unit.', helpValue: 'TIME'}),
  }

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcLittle)
    return this.calculate('little', {number: flags.L, arrival: flags.arrival, time: flags.W})
  }
}
