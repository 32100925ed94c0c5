import type {Worked} from '../../core/capacity/worked.js'
import {ERLANG} from '../../core/capacity/calculators/specs.js'
import {calculatorFlags, CalcCommand} from './shared.js'

export default class CalcErlang extends CalcCommand {
  static override summary = 'Waiting in an M/M/c queue (Erlang C): for a number of servers, or the fewest servers for a target.'
  static override description = 'With --servers: the probability of waiting, the mean wait and wait percentiles. With --target: the fewest servers that meet it, beside the utilisation formula.'
  static override examples = [
    '<%= config.bin %> calc erlang --arrival 1000/s --service "100 ms" --servers 118',
    '<%= config.bin %> calc erlang --arrival 1000/s --service "100 ms" --target "p99 < 10 ms"',
  ]
  static override flags = calculatorFlags(ERLANG, {arrival: 'a', service: 's', servers: 'c', target: 't', utilization: 'u'})

  async run(): Promise<Worked> {
    const {flags} = await this.parse(CalcErlang)
    return this.calculate(ERLANG, flags)
  }
}
