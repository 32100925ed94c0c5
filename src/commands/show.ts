import {Args, Flags} from '@oclif/core'
import type {ShowResult} from '../services/show.js'
import {BaseCommand, dirFlag} from './base-command.js'

export default class Show extends BaseCommand {
  static override summary = "Read a unit's text, or its reference write-up once unlocked."
  static override description =
    'Renders the unit for the terminal: headings, lists, tables, code, and diagrams as outlines of their nodes and edges. ' +
    'The reference write-up (--solution) opens once you have passed the unit; --force opens it earlier and the workspace records that.'
  static override examples = [
    '<%= config.bin %> show pillar',
    '<%= config.bin %> show load-balancer --solution',
    '<%= config.bin %> show video-pipeline --raw > video-pipeline.md',
  ]
  static override enableJsonFlag = true
  static override args = {unit: Args.string({description: 'Unit id (see `course list`).', required: true})}
  static override flags = {
    solution: Flags.boolean({description: 'Show the reference write-up instead of the exercise.'}),
    force: Flags.boolean({description: 'With --solution: open the write-up even though it is still locked.', dependsOn: ['solution']}),
    raw: Flags.boolean({description: 'Print the markdown source instead of rendering it.'}),
    learner: Flags.string({description: "Show the scenario drawn for this learner id (when designs are graded against each learner's own figures).", helpValue: 'ID'}),
    dir: dirFlag,
  }

  async run(): Promise<ShowResult> {
    const {args, flags} = await this.parse(Show)
    const {showUnit} = await import('../services/show.js')
    const {renderTerminal} = await import('../core/markdown/terminal.js')
    const result = showUnit({cwd: process.cwd(), dir: flags.dir, unit: args.unit, solution: flags.solution, force: flags.force, ...(flags.learner === undefined ? {} : {learner: flags.learner})})
    if (flags.raw) this.log(result.markdown.trimEnd())
    else this.log(renderTerminal(result.markdown, {width: this.proseWidth, color: this.color}).join('\n'))
    return result
  }
}
