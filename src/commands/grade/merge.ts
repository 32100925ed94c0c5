import {Args, Flags} from '@oclif/core'
import path from 'node:path'
import type {MergeSummary} from '../../services/grade-merge.js'
import {BaseCommand} from '../base-command.js'
import {EXIT_BELOW_THRESHOLD, failUnderFlag, formatsFlag} from './shared.js'

export default class GradeMerge extends BaseCommand {
  static override summary = 'Combine the results of grading shards into one set of reports.'
  static override description = 'Reads OUT/submissions/ of each shard folder (from `course grade --shard I/N --out DIR`) and writes every report from all of them.'
  static override examples = ['<%= config.bin %> grade merge grades-1 grades-2 grades-3 grades-4 --out grades']
  static override strict = false
  static override enableJsonFlag = true
  static override args = {dirs: Args.string({description: 'The --out folders of the shards.', required: true})}
  static override flags = {
    out: Flags.string({char: 'o', description: 'Folder for the merged results and reports.', required: true, helpValue: 'DIR'}),
    format: formatsFlag,
    'fail-under': failUnderFlag,
    roster: Flags.string({description: 'The class roster: listed learners with no result get a `missing` row; learners it does not list are named.', helpValue: 'FILE'}),
    'roster-column': Flags.string({description: "The roster's column holding learner ids.", helpValue: 'NAME', dependsOn: ['roster']}),
  }

  async run(): Promise<Omit<MergeSummary, 'results'> & {submissions: number}> {
    const {argv, flags} = await this.parse(GradeMerge)
    const [{mergeShards}, {parseFormats}, {readRoster}, {formatBelowThreshold, formatDuplicate, formatRosterLines, formatUnidentified}] = await Promise.all([
      import('../../services/grade-merge.js'),
      import('../../core/grading/reporters/index.js'),
      import('../../core/grading/roster.js'),
      import('../../ui/text/grade.js'),
    ])
    const formats = parseFormats(flags.format)
    const roster = flags.roster ? readRoster(flags.roster, flags['roster-column'] ? {column: flags['roster-column']} : {}) : undefined
    if (roster) for (const line of formatUnidentified(flags.roster!, roster)) this.logToStderr(line)
    const summary = mergeShards({dirs: (argv as string[]).map((d) => path.resolve(d)), out: path.resolve(flags.out), formats, failUnder: flags['fail-under'], ...(roster ? {roster} : {})})
    this.log(`Merged ${summary.results.length} submission${summary.results.length === 1 ? '' : 's'} from ${argv.length} folder${argv.length === 1 ? '' : 's'} into ${summary.out}: ${summary.reports.join(', ')}`)
    for (const line of formatRosterLines(summary.roster, this.color)) this.log(line)
    for (const d of summary.duplicates) this.logToStderr(formatDuplicate(d))
    if (summary.below_threshold.length > 0) {
      for (const b of summary.below_threshold) this.logToStderr(formatBelowThreshold(b, flags['fail-under']))
      process.exitCode = EXIT_BELOW_THRESHOLD
    }
    const {results, ...rest} = summary
    return {...rest, submissions: results.length}
  }
}
