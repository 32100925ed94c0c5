import {Args} from '@oclif/core'
import {paint} from '../core/markdown/ansi.js'
import type {HintResult} from '../services/hint.js'
import {BaseCommand, dirFlag} from './base-command.js'

export default class Hint extends BaseCommand {
  static override summary = 'Show the next hint for a unit.'
  static override description =
    'Hints come one at a time, gentlest first; your workspace remembers how many you have seen. ' +
    'Without a unit, the unit is the folder you are in, or the only started unit with hints.'
  static override examples = ['<%= config.bin %> hint load-balancer', '<%= config.bin %> hint', '<%= config.bin %> hint video-pipeline --dir ~/course-work']
  static override enableJsonFlag = true
  static override args = {unit: Args.string({description: 'Unit id (default: the unit of the current folder).'})}
  static override flags = {dir: dirFlag}

  async run(): Promise<HintResult> {
    const {args, flags} = await this.parse(Hint)
    const {nextHint} = await import('../services/hint.js')
    const {renderTerminal} = await import('../core/markdown/terminal.js')
    const result = nextHint({cwd: process.cwd(), dir: flags.dir, unit: args.unit})
    const heading = `Hint ${result.number} of ${result.total}${result.exhausted ? ' (that was the last one)' : ''}`
    this.log(paint(heading, ['bold'], this.color))
    this.log(renderTerminal(result.hint, {width: this.proseWidth, color: this.color}).join('\n'))
    const left = result.total - result.number
    if (left > 0) this.log(paint(`\n${left} more hint${left === 1 ? '' : 's'}: run \`course hint ${result.unit}\` again for the next one.`, ['dim'], this.color))
    return result
  }
}
