import {Args, Flags} from '@oclif/core'
import {paint} from '../core/markdown/ansi.js'
import type {ValidateResult} from '../services/validate.js'
import {BaseCommand} from './base-command.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check a design document (YAML or JSON) against its unit’s schema.'
  static override description =
    'Reports every problem at once, each as file:line:column with the JSON pointer, a plain message and a suggestion where there is one ' +
    '(a misspelt field, a number without its unit). Exit 0 when valid, 1 when problems were found, 2 when the file cannot be read or the call is wrong. ' +
    'The unit is inferred from the workspace folder the file is in; the graded checks of the numbers run with `course check`.'
  static override examples = ['<%= config.bin %> validate course-work/video-pipeline/design.yaml', '<%= config.bin %> validate answer.yaml --unit thundering-herd --json']
  static override enableJsonFlag = true
  static override args = {file: Args.string({description: 'The design document.', required: true})}
  static override flags = {unit: Flags.string({char: 'u', description: 'The unit whose schema applies (default: inferred from the workspace).'})}

  async run(): Promise<ValidateResult> {
    const {args, flags} = await this.parse(Validate)
    const {validateFile} = await import('../services/validate.js')
    const result = validateFile({cwd: process.cwd(), file: args.file, unit: flags.unit})
    for (const p of result.problems) {
      const where = paint(`${result.file}:${p.line}:${p.column}`, ['bold'], this.color)
      this.log(`${where}${p.pointer ? ` ${paint(p.pointer, ['dim'], this.color)}` : ''}  ${p.message}`)
      if (p.suggestion) this.log(`  ${paint('→', ['dim'], this.color)} ${p.suggestion}`)
    }
    if (result.valid) {
      this.log(paint(`✓ ${result.file} is a valid ${result.unit} document`, ['good'], this.color) + paint(` · graded checks: \`course check ${result.unit}\``, ['dim'], this.color))
    } else {
      this.log(paint(`✖ ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.file} (${result.unit})`, ['bad'], this.color))
      process.exitCode = 1
    }
    return result
  }
}
