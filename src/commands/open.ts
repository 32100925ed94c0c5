import path from 'node:path'
import {DEFAULT_WORKSPACE, isWorkspace, locateWorkspace} from '../core/progress/workspace.js'
import type {CourseActions} from '../ui/actions.js'
import {formatList} from '../ui/text/list.js'
import {BaseCommand} from './base-command.js'

/** `course` with no arguments: the TUI on a terminal, otherwise exactly what `course list` prints. */
export default class Open extends BaseCommand {
  static override hidden = true
  static override summary = 'Open the course: the interactive reader on a terminal, the unit list elsewhere.'
  static override examples = ['<%= config.bin %>']

  async run(): Promise<void> {
    await this.parse(Open)
    const cwd = process.cwd()
    const {listUnits} = await import('../services/list.js')
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      this.log(formatList(listUnits({cwd}), {width: this.width, color: this.color}))
      return
    }
    const [{nextHint, shownHints}, {showUnit}, {startUnit}] = await Promise.all([
      import('../services/hint.js'),
      import('../services/show.js'),
      import('../services/start.js'),
    ])
    const found = locateWorkspace({cwd})
    const dir = found && isWorkspace(found) ? found : path.join(cwd, DEFAULT_WORKSPACE)
    const actions: CourseActions = {
      workspace: dir,
      list: () => listUnits({cwd, dir: isWorkspace(dir) ? dir : undefined}),
      text: (unit) => showUnit({cwd, dir, unit}).markdown,
      solution: (unit) => showUnit({cwd, dir, unit, solution: true}).markdown,
      start: (unit) => startUnit({cwd, dir, unit}),
      hint: (unit) => nextHint({cwd, dir, unit}),
      shownHints: (unit) => (isWorkspace(dir) ? shownHints({cwd, dir, unit}) : []),
    }
    const {runCourseTui} = await import('../ui/render.js')
    await runCourseTui(actions, {color: this.color})
  }
}
