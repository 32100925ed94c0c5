import type {Worked} from '../../core/capacity/worked.js'
import {INSTANCES} from '../../core/capacity/calculators/specs.js'
import {calculatorFlags, CalcCommand} from './shared.js'

export default class CalcInstances extends CalcCommand {
  static override summary = 'Instances by the utilisation formula: ⌈arrival × service time ÷ utilisation⌉.'
  static override examples = ['<%= config.bin %> calc instances --arrival 1000/s --service "100 ms" --utilization 0.7']
  static override flags = calculatorFlags(INSTANCES, {arrival: 'a', service: 's', utilization: 'u'})

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcInstances)
    return this.calculate(INSTANCES, flags)
  }
}
