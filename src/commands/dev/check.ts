import {Flags} from '@oclif/core'
import {paint} from '../../core/markdown/ansi.js'
import {UserError} from '../../core/errors.js'
import type {DevCheckResult} from '../../services/dev-check.js'
import {BaseCommand} from '../base-command.js'

export default class DevCheck extends BaseCommand {
  static override summary = 'Lint the course content and prove the graders (for course authors).'
  static override description =
    'Validates the manifest, every unit and every grader against their JSON Schemas; checks that every referenced file exists and no file is orphaned, ' +
    'that ids are unique and prerequisites come earlier, and that every text renders and every diagram parses. ' +
    "Then grades each graded unit's reference solution (it must earn full marks) and its untouched starter (it must earn less)."
  static override examples = ['<%= config.bin %> dev check', '<%= config.bin %> dev check --content-only', '<%= config.bin %> dev check --json']
  static override enableJsonFlag = true
  static override flags = {
    'content-only': Flags.boolean({description: 'Lint the content only; do not run the graders.'}),
  }

  async run(): Promise<DevCheckResult> {
    const {flags} = await this.parse(DevCheck)
    const {checkContent} = await import('../../services/dev-check.js')
    const result = await checkContent({contentOnly: flags['content-only']})
    for (const g of result.graders) this.log(`grader ${g.unit}: reference ${g.reference.score}/${g.reference.max_score}, starter ${g.starter.score}/${g.starter.max_score}`)
    for (const problem of result.problems) {
      const where = [problem.file, problem.line, problem.column].filter((p) => p !== undefined).join(':')
      this.log(`${paint(where, ['bold'], this.color)}: ${problem.message}`)
      if (problem.suggestion) this.log(`  ${paint('→', ['dim'], this.color)} ${problem.suggestion}`)
    }
    if (!result.ok) {
      if (this.jsonEnabled()) {
        process.exitCode = 1
        return result
      }
      throw new UserError(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in the course content`, {code: 'content-problems'})
    }
    this.log(paint(`✓ ${result.units} units and ${result.graders.length} grader${result.graders.length === 1 ? '' : 's'} checked, no problems`, ['good'], this.color))
    return result
  }
}
