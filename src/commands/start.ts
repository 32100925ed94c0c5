import {Args} from '@oclif/core'
import type {StartResult} from '../services/start.js'
import {BaseCommand} from './base-command.js'
import {Flags} from '@oclif/core'

export default class Start extends BaseCommand {
  static override summary = "Create a workspace with a unit's starter files."
  static override description =
    'Copies the starter files of a unit into <workspace>/<unit>/ and records the start in <workspace>/.course/state.json. ' +
    'The workspace is created when missing (default ./course-work). Existing work is never overwritten.'
  static override examples = ['<%= config.bin %> start load-balancer', '<%= config.bin %> start video-pipeline --dir ~/course-work', '<%= config.bin %> start thundering-herd --learner jo-smith']
  static override enableJsonFlag = true
  static override args = {unit: Args.string({description: 'Unit id (see `course list`).', required: true})}
  static override flags = {
    dir: Flags.string({char: 'd', description: 'Workspace folder. Default: the nearest workspace, else ./course-work.', helpValue: 'DIR'}),
    learner: Flags.string({description: "Your learner id, when your course grades designs against each learner's own figures: writes them to <unit>/scenario.json, and `course show` uses them.", helpValue: 'ID'}),
  }

  async run(): Promise<StartResult> {
    const {args, flags} = await this.parse(Start)
    const {startUnit} = await import('../services/start.js')
    const result = startUnit({cwd: process.cwd(), dir: flags.dir, unit: args.unit, ...(flags.learner === undefined ? {} : {learner: flags.learner})})
    this.log(`${result.createdWorkspace ? 'Created workspace' : 'Workspace'} ${result.workspace}`)
    if (result.files.length > 0) {
      this.log(`Started ${result.unit}:`)
      for (const file of result.files) this.log(`  ${file}`)
    } else {
      this.log(`Started ${result.unit}. There are no files for it; read it with \`course show ${result.unit}\`.`)
    }
    this.log(`\nNext: \`course show ${result.unit}\` to read the task, \`course hint ${result.unit}\` when stuck.`)
    return result
  }
}
