import {paint} from '../../core/markdown/ansi.js'
import {UserError} from '../../core/errors.js'
import type {DevCheckResult} from '../../services/dev-check.js'
import {BaseCommand} from '../base-command.js'

export default class DevCheck extends BaseCommand {
  static override summary = 'Lint the course content (for course authors).'
  static override description =
    'Validates the manifest and every unit against their JSON Schemas, checks that every referenced file exists and no file is orphaned, ' +
    'that ids are unique and prerequisites come earlier, and that every text renders and every diagram parses.'
  static override examples = ['<%= config.bin %> dev check', '<%= config.bin %> dev check --json']
  static override enableJsonFlag = true

  async run(): Promise<DevCheckResult> {
    await this.parse(DevCheck)
    const {checkContent} = await import('../../services/dev-check.js')
    const result = checkContent({})
    for (const problem of result.problems) {
      const where = [problem.file, problem.line, problem.column].filter((p) => p !== undefined).join(':')
      this.log(`${paint(where, ['bold'], this.color)}: ${problem.message}`)
    }
    if (!result.ok) {
      if (this.jsonEnabled()) {
        process.exitCode = 1
        return result
      }
      throw new UserError(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in the course content`, {code: 'content-problems'})
    }
    this.log(paint(`✓ ${result.units} units checked, no problems`, ['good'], this.color))
    return result
  }
}
