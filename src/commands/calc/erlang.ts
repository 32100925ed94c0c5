import {Flags} from '@oclif/core'
import type {Worked} from '../../core/capacity/worked.js'
import {arrivalFlag, CalcCommand, serviceFlag} from './shared.js'

export default class CalcErlang extends CalcCommand {
  static override summary = 'Waiting in an M/M/c queue (Erlang C): for a number of servers, or the fewest servers for a target.'
  static override description = 'With --servers: the probability of waiting, the mean wait and wait percentiles. With --target: the fewest servers that meet it, beside the utilisation formula.'
  static override examples = [
    '<%= config.bin %> calc erlang --arrival 1000/s --service "100 ms" --servers 118',
    '<%= config.bin %> calc erlang --arrival 1000/s --service "100 ms" --target "p99 < 10 ms"',
  ]
  static override flags = {
    arrival: {...arrivalFlag, required: true},
    service: {...serviceFlag, required: true},
    servers: Flags.string({char: 'c', description: 'Number of servers.', exclusive: ['target'], helpValue: 'N'}),
    target: Flags.string({char: 't', description: 'A wait target: "p99 < 10 ms", "mean < 2 ms", "pwait < 5%".', exclusive: ['servers'], helpValue: 'TARGET'}),
    utilization: Flags.string({char: 'u', description: 'With --target: the utilisation of the formula shown beside it.', default: '0.7', helpValue: 'RATIO'}),
  }

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcErlang)
    return this.calculate('erlang', flags)
  }
}
