import type {Worked} from '../../core/capacity/worked.js'
import {BLOOM} from '../../core/capacity/calculators/specs.js'
import {calculatorFlags, CalcCommand} from './shared.js'

export default class CalcBloom extends CalcCommand {
  static override summary = 'Size a Bloom filter: bits, hash functions and memory for a number of items and a false-positive rate.'
  static override examples = ['<%= config.bin %> calc bloom --items 1e8 --fpr 0.1%']
  static override flags = calculatorFlags(BLOOM, {items: 'n', fpr: 'p'})

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcBloom)
    return this.calculate(BLOOM, flags)
  }
}
