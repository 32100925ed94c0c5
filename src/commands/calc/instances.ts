import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {arrivalFlag, CalcCommand, serviceFlag} from './shared.js'

export default class CalcInstances extends CalcCommand {
  static override summary = 'Instances by the utilisation formula: ⌈arrival × service time ÷ utilisation⌉.'
  static override examples = ['<%= config.bin %> calc instances --arrival 1000/s --service "100 ms" --utilization 0.7']
  static override flags = {
    arrival: {...arrivalFlag, required: true},
    service: {...serviceFlag, required: true},
    utilization: Flags.string({char: 'u', description: 'Target utilisation, 0..1 or a percentage.', default: '0.7', helpValue: 'RATIO'}),
  }

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcInstances)
    return this.calculate('instances', flags)
  }
}
