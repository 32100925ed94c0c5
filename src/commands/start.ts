import {Args} from '@oclif/core'
import type {StartResult, ToolingResult} from '../services/start.js'
import {UserError} from '../core/errors.js'
import {BaseCommand} from './base-command.js'
import {Flags} from '@oclif/core'

export default class Start extends BaseCommand {
  static override summary = "Create a workspace with a unit's starter files."
  static override description =
    'Copies the starter files of a unit into <workspace>/<unit>/ and records the start in <workspace>/.course/state.json. ' +
    'The workspace is created when missing (default ./course-work), with a package.json (`npm test` runs `course check`) and a tsconfig.json for your editor. ' +
    'Existing work is never overwritten. `--tooling` adds those two files to a workspace made without them.'
  static override examples = [
    '<%= config.bin %> start load-balancer',
    '<%= config.bin %> start video-pipeline --dir ~/course-work',
    '<%= config.bin %> start thundering-herd --learner jo-smith',
    '<%= config.bin %> start --tooling',
  ]
  static override enableJsonFlag = true
  static override args = {unit: Args.string({description: 'Unit id (see `course list`). May be left out with --tooling.'})}
  static override flags = {
    dir: Flags.string({char: 'd', description: 'Workspace folder. Default: the nearest workspace, else ./course-work.', helpValue: 'DIR'}),
    learner: Flags.string({description: "Your learner id, when your course grades designs against each learner's own figures: writes them to <unit>/scenario.json, and `course show` uses them.", helpValue: 'ID'}),
    tooling: Flags.boolean({description: 'Add the package.json, tsconfig.json and Node.js declarations the workspace lacks; never replaces a file.'}),
  }

  async run(): Promise<StartResult | ToolingResult> {
    const {args, flags} = await this.parse(Start)
    const {startUnit, addWorkspaceTooling} = await import('../services/start.js')
    if (args.unit === undefined) {
      if (!flags.tooling) throw new UserError('say which unit to start', {code: 'which-unit', exitCode: 2, next: ['Run `course list` to see the units, then `course start <unit>`.']})
      const added = addWorkspaceTooling({cwd: process.cwd(), dir: flags.dir})
      if (added.files.length > 0) this.logTooling(added.files, `to ${added.workspace}`)
      else this.log(`${added.workspace} has its package.json, tsconfig.json and declarations already; nothing was changed.`)
      return added
    }
    const started = startUnit({cwd: process.cwd(), dir: flags.dir, unit: args.unit, ...(flags.learner === undefined ? {} : {learner: flags.learner})})
    const result = flags.tooling ? {...started, tooling: [...started.tooling, ...addWorkspaceTooling({cwd: process.cwd(), dir: started.workspace}).files]} : started
    this.log(`${result.createdWorkspace ? 'Created workspace' : 'Workspace'} ${result.workspace}`)
    if (result.files.length > 0) {
      this.log(`Started ${result.unit}:`)
      for (const file of result.files) this.log(`  ${file}`)
    } else {
      this.log(`Started ${result.unit}. There are no files for it; read it with \`course show ${result.unit}\`.`)
    }
    if (result.tooling.length > 0) this.logTooling(result.tooling, 'to the workspace')
    this.log(`\nNext: \`course show ${result.unit}\` to read the task, \`course hint ${result.unit}\` when stuck.`)
    return result
  }

  private logTooling(files: readonly string[], where: string): void {
    this.log(`Added ${files.join(', ')} ${where}: \`npm test\` there runs \`course check\`, and your editor type-checks your code.`)
  }
}
