import {BaseCommand} from '../base-command.js'

const CALCULATORS = [
  ['instances', 'instances by the utilisation formula'],
  ['erlang', 'waiting in an M/M/c queue; the fewest servers for a wait target'],
  ['little', "Little's law: any two of L, λ, W"],
  ['plan', "a unit's resource plan, common table beside corrected"],
  ['bloom', 'Bloom filter size'],
  ['hll', 'HyperLogLog registers and error'],
  ['cms', 'count-min sketch size'],
  ['eval', 'an expression with units'],
] as const

export default class Calc extends BaseCommand {
  static override summary = 'Capacity calculators with their working shown (interactive on a terminal).'
  static override description = `On a terminal, opens a screen to pick a calculator (or a unit's plan) and edit its inputs, with the result as you type and the working below it (PgUp/PgDn scroll it). Elsewhere, lists the calculators:\n${CALCULATORS.map(([n, d]) => `  course calc ${n}: ${d}`).join('\n')}`
  static override examples = ['<%= config.bin %> calc', '<%= config.bin %> calc erlang --arrival 1000/s --service "100 ms" --target "p99 < 10 ms"']

  async run(): Promise<void> {
    await this.parse(Calc)
    if (process.stdin.isTTY && process.stdout.isTTY) {
      const {loadInteractive} = await import('../../ui/load-interactive.js')
      const {runCalculatorScreen} = await loadInteractive(() => import('../../ui/render-calc.js'))
      const {planShelf} = await import('../../services/calc.js')
      await runCalculatorScreen({color: this.color, plans: planShelf({cwd: process.cwd()})})
      return
    }
    this.log('Calculators (each has --help with examples, and --json):')
    for (const [name, description] of CALCULATORS) this.log(`  course calc ${name.padEnd(10)} ${description}`)
  }
}
