import {Args, Flags} from '@oclif/core'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {ExitCode, UserError} from '../../core/errors.js'
import type {GradeSummary} from '../../services/grade.js'
import {BaseCommand} from '../base-command.js'
import {EXIT_BELOW_THRESHOLD, formatsFlag, failUnderFlag, summaryForJson, type GradeJson} from './shared.js'

export default class Grade extends BaseCommand {
  static override summary = 'Grade one workspace or a whole class, with hidden per-learner cases, into reports.'
  static override description = [
    'PATH is a workspace, or a folder whose sub-folders are workspaces (each sub-folder name is the learner id). It is read as one workspace when it holds course state or a unit\'s file directly, or unit folders and no learner folder; --class says it is a class.',
    'Every case runs, hidden ones included; code runs in a sandbox, one fresh process per submission.',
    'Hidden inputs are derived from the grading secret (COURSE_GRADER_SECRET, or --secret-file), the learner id and the unit: different for every learner, the same on every run with the same secret.',
    'Each result is written to OUT/submissions/<learner>/<unit>.json as soon as it is graded; --resume skips those already there, unless they were graded under another secret or grader version or the files changed since (those are graded again, and the run says so). Ctrl-C stops between submissions and keeps what was graded.',
    'With submission_metadata.json beside PATH (a Gradescope autograder) or --gradescope, PATH is one learner\'s upload: the id comes from the metadata, and the work may sit at the top of the upload, one folder down, or be the unit\'s files alone.',
    'With --roster, every learner it lists gets a gradebook row (`missing` when there is no folder for them), and folders it does not list are named.',
    '',
    'Exit codes: 0 every submission was graded (whatever the scores); 1 the grader itself failed, or nothing was graded; 2 the command line or a path was wrong (checked before anything is graded or written); 3 --fail-under was given and a score is below it; 130 interrupted.',
  ].join('\n')
  static override examples = [
    {description: 'Grade a class of workspaces, two at a time', command: 'COURSE_GRADER_SECRET=… <%= config.bin %> grade submissions/ --unit load-balancer --out grades'},
    {description: 'Inside a Gradescope autograder', command: '<%= config.bin %> grade /autograder/submission --unit load-balancer --format gradescope --out /autograder/results --secret-file /autograder/source/secret'},
    {description: 'Shard 2 of 4 in a CI matrix, then merge', command: '<%= config.bin %> grade class/ --unit load-balancer --shard 2/4 --out grades-2\n<%= config.bin %> grade merge grades-1 grades-2 grades-3 grades-4 --out grades'},
    {description: "A learner's own CI: fail below 80 %", command: '<%= config.bin %> grade . --unit load-balancer --fail-under 80'},
    {description: 'With the class roster (a column named learner, or the id column of a Canvas or GitHub Classroom export)', command: '<%= config.bin %> grade class/ --unit load-balancer --roster roster.csv --out grades'},
    {description: "Grade designs against each learner's own figures", command: '<%= config.bin %> grade class/ --unit video-pipeline --variants --out grades'},
  ]
  static override enableJsonFlag = true
  static override args = {path: Args.string({description: 'A workspace, or a folder of workspaces (one per learner).', required: true})}
  static override flags = {
    unit: Flags.string({char: 'u', description: 'Grade only this unit (default: every graded unit found in each workspace).'}),
    out: Flags.string({char: 'o', description: 'Folder for results and reports.', default: 'course-grades', helpValue: 'DIR'}),
    format: formatsFlag,
    jobs: Flags.integer({char: 'j', description: 'Submissions graded at once (default: the number of CPUs).', min: 1, max: 64}),
    shard: Flags.string({description: 'Grade only shard I of N of the class, split by learner id.', helpValue: 'I/N'}),
    resume: Flags.boolean({description: 'Skip submissions already graded under --out.'}),
    tests: Flags.string({description: "A folder of the instructor's private cases (<unit>.json or <unit>/*.json).", helpValue: 'DIR'}),
    learner: Flags.string({description: "Learner id when PATH is a single workspace (default: the ids in Gradescope's submission_metadata.json beside it, else its folder name)."}),
    class: Flags.boolean({description: 'PATH is a class: every sub-folder is one learner, whatever it holds (default: inferred).', exclusive: ['learner', 'gradescope']}),
    gradescope: Flags.boolean({description: "PATH is one Gradescope upload (default when submission_metadata.json sits beside it): one learner, named by the metadata or --learner, the work found wherever it sits in the upload."}),
    roster: Flags.string({description: 'A CSV roster of the class: listed learners without a folder get a `missing` row; folders it does not list are named.', helpValue: 'FILE'}),
    'roster-column': Flags.string({description: "The roster's column holding learner ids (default: `learner`, else a Canvas or GitHub Classroom id column).", helpValue: 'NAME', dependsOn: ['roster']}),
    'secret-file': Flags.string({description: 'Read the grading secret from this file instead of COURSE_GRADER_SECRET.', helpValue: 'FILE'}),
    'fail-under': failUnderFlag,
    variants: Flags.boolean({description: "Grade each design against the learner's own scenario variant, drawn from the learner id (public: `course start <unit> --learner ID` shows it). Default: the course's `variants` setting, else the base scenario.", allowNo: true}),
  }

  async run(): Promise<GradeJson> {
    const {args, flags} = await this.parse(Grade)
    // First of all: the secret leaves the environment before anything can start a child process.
    const {takeSecret} = await import('../../core/grading/seed.js')
    const secret = takeSecret(flags['secret-file'])
    const [{gradeClass}, {parseShard}, {parseFormats}, {readRoster}, {formatBelowThreshold, formatGradeLine, formatGradeSummary, formatGraderFailure, formatInterrupted, formatRegraded, formatRosterLines, formatUnidentified}] = await Promise.all([
      import('../../services/grade.js'),
      import('../../core/grading/discover.js'),
      import('../../core/grading/reporters/index.js'),
      import('../../core/grading/roster.js'),
      import('../../ui/text/grade.js'),
    ])
    // Everything given on the command line is read and checked before the first submission is graded.
    const formats = parseFormats(flags.format)
    const shard = flags.shard ? parseShard(flags.shard) : undefined
    const roster = flags.roster ? readRoster(flags.roster, flags['roster-column'] ? {column: flags['roster-column']} : {}) : undefined
    if (roster) for (const line of formatUnidentified(flags.roster!, roster)) this.logToStderr(line)
    const live = process.stdout.isTTY && !process.env.CI && !this.jsonEnabled()
    const view = live ? (await import('../../ui/render-grade.js')).renderLiveGrade({width: this.proseWidth, color: this.color}) : undefined
    const started = performance.now()
    let total = 0
    let finished = 0
    let summary: GradeSummary
    // Ctrl-C: no new submission starts, the ones running are stopped, and what was graded stays for --resume.
    const interrupt = new AbortController()
    const onSignal = () => {
      if (interrupt.signal.aborted) return
      interrupt.abort()
      void view?.close()
      this.logToStderr(formatInterrupted(finished, total))
      killSandboxes()
      process.exit(130)
    }
    const {killSandboxes} = await import('../../core/sandbox/child.js')
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    try {
      summary = await gradeClass({
        cwd: process.cwd(),
        path: path.resolve(args.path),
        unit: flags.unit,
        learner: flags.learner,
        ...(flags.class ? {layout: 'class' as const} : {}),
        ...(flags.gradescope ? {gradescope: true} : {}),
        ...(roster ? {roster} : {}),
        signal: interrupt.signal,
        out: path.resolve(flags.out),
        formats,
        jobs: flags.jobs ?? availableParallelism(),
        shard,
        resume: flags.resume,
        testsDir: flags.tests ? path.resolve(flags.tests) : undefined,
        secret,
        failUnder: flags['fail-under'],
        ...(flags.variants === undefined ? {} : {variants: flags.variants}),
        onEvent: (event) => {
          if (event.type === 'plan') {
            total = event.total - event.resumed
            view?.plan(event.total, event.resumed)
            if (!view) this.log(`Grading ${total} submission${total === 1 ? '' : 's'} of ${event.learners} learner${event.learners === 1 ? '' : 's'}${event.resumed ? ` (${event.resumed} already graded)` : ''}; PATH read as ${event.layout}`)
            for (const line of formatRegraded(event.regraded)) this.logToStderr(line)
          } else if (event.type === 'start') view?.start(`${event.learner}/${event.unit}`)
          else {
            finished++
            if (view) view.done(event.result)
            else this.log(formatGradeLine(event.result, finished, total, this.color))
          }
        },
      })
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await view?.close()
    }
    const seconds = (performance.now() - started) / 1000
    this.log(['', ...formatGradeSummary({...summary, seconds}, this.color), ...formatRosterLines(summary.roster, this.color)].join('\n'))
    if (summary.grader_failures.length > 0) {
      for (const f of summary.grader_failures) this.logToStderr(formatGraderFailure(f))
      process.exitCode = ExitCode.user
    } else if (summary.below_threshold.length > 0) {
      for (const b of summary.below_threshold) this.logToStderr(formatBelowThreshold(b, flags['fail-under']))
      process.exitCode = EXIT_BELOW_THRESHOLD
    }
    if (summary.graded + summary.resumed === 0 && flags.shard && summary.learners_in_class > 0) {
      // More shards than learners: an empty shard is normal in a CI matrix, not a failure.
      this.log(`Shard ${flags.shard} holds none of the ${summary.learners_in_class} learners; its folder is ready for \`course grade merge\`.`)
    } else if (summary.graded + summary.resumed === 0) {
      throw new UserError('nothing was graded: no workspace holds a graded unit', {code: 'nothing-to-grade', next: ['Pass --unit, or check that the workspaces hold unit folders.']})
    }
    return summaryForJson(summary, seconds)
  }
}
