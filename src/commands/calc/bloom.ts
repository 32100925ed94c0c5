import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {CalcCommand} from './shared.js'

export default class CalcBloom extends CalcCommand {
  static override summary = 'Size a Bloom filter: bits, hash functions and memory for a number of items and a false-positive rate.'
  static override examples = ['<%= config.bin %> calc bloom --items 1e8 --fpr 0.1%']
  static override flags = {
    items: Flags.string({char: 'n', description: 'Items to hold.', required: true, helpValue: 'N'}),
    fpr: Flags.string({char: 'p', description: 'False-positive rate, 0..1 or a percentage.', required: true, helpValue: 'P'}),
  }

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcBloom)
    return this.calculate('bloom', flags)
  }
}
