import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {CalcCommand} from './shared.js'

export default class CalcCms extends CalcCommand {
  static override summary = 'Size a count-min sketch for an error ε (share of all counts) and a failure probability δ.'
  static override examples = ['<%= config.bin %> calc cms --epsilon 0.001 --delta 0.01']
  static override flags = {
    epsilon: Flags.string({description: 'Error as a share of the total count.', required: true, helpValue: 'E'}),
    delta: Flags.string({description: 'Probability the error bound fails.', required: true, helpValue: 'D'}),
  }

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcCms)
    return this.calculate('cms', flags)
  }
}
