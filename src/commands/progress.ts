import {paint} from '../core/markdown/ansi.js'
import type {ProgressResult} from '../services/progress.js'
import {formatProgress} from '../ui/text/progress.js'
import {BaseCommand, dirFlag} from './base-command.js'

export default class Progress extends BaseCommand {
  static override summary = 'Show your progress in a workspace.'
  static override description = 'For every unit: its status, hints seen, whether the write-up was opened, and the last check.'
  static override examples = ['<%= config.bin %> progress', '<%= config.bin %> progress --dir ~/course-work --json']
  static override enableJsonFlag = true
  static override flags = {dir: dirFlag}

  async run(): Promise<ProgressResult> {
    const {flags} = await this.parse(Progress)
    const {workspaceProgress} = await import('../services/progress.js')
    const result = workspaceProgress({cwd: process.cwd(), dir: flags.dir})
    this.log(formatProgress(result, {width: this.width, color: this.color}))
    this.log(paint(`\n${result.summary.done} of ${result.summary.required} units done (${result.summary.percent}%) · workspace ${result.workspace}`, ['bold'], this.color))
    return result
  }
}
