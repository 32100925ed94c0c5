import {BaseCommand, dirFlag} from './base-command.js'
import type {ListResult} from '../services/list.js'
import {formatList} from '../ui/text/list.js'

export default class List extends BaseCommand {
  static override summary = 'List the units in course order with your progress.'
  static override description = 'Shows every unit with its kind, difficulty, estimated time and your progress, read from the nearest workspace.'
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json', '<%= config.bin %> list --dir ~/course-work']
  static override enableJsonFlag = true
  static override flags = {dir: dirFlag}

  async run(): Promise<ListResult> {
    const {flags} = await this.parse(List)
    const {listUnits} = await import('../services/list.js')
    const result = listUnits({cwd: process.cwd(), dir: flags.dir})
    this.log(formatList(result, {width: this.width, color: this.color}))
    return result
  }
}
