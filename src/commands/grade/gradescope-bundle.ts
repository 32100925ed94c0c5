import {Flags} from '@oclif/core'
import type {GradescopeBundleSummary} from '../../services/gradescope-bundle.js'
import {colorEnabled, paint} from '../../core/markdown/ansi.js'
import {BaseCommand} from '../base-command.js'

export default class GradeGradescopeBundle extends BaseCommand {
  static override summary = "Write a Gradescope autograder zip for one unit: the course packed whole, and the scripts Gradescope runs."
  static override description = [
    'The zip holds setup.sh (installs Node 20 and unpacks the course), run_autograder (grades /autograder/submission into /autograder/results/results.json), the grading secret when --secret-file is given, and course.tgz: the built course with its exercises, graders and esbuild, so nothing is fetched from the course repository at grading time.',
    'Without --secret-file the autograder grades unseeded: hidden inputs are predictable from the learner id.',
  ].join('\n')
  static override examples = [
    '<%= config.bin %> grade gradescope-bundle --unit load-balancer --secret-file grader-secret --out autograder.zip',
  ]
  static override enableJsonFlag = true
  static override flags = {
    unit: Flags.string({char: 'u', description: 'The unit the Gradescope assignment grades.', required: true}),
    out: Flags.string({char: 'o', description: 'The zip to write.', default: 'autograder.zip', helpValue: 'FILE'}),
    'secret-file': Flags.string({description: 'The grading secret to ship in the zip (without it, grading is unseeded).', helpValue: 'FILE'}),
    force: Flags.boolean({description: 'Replace --out when it exists.'}),
  }

  async run(): Promise<GradescopeBundleSummary> {
    const {flags} = await this.parse(GradeGradescopeBundle)
    const {buildGradescopeBundle} = await import('../../services/gradescope-bundle.js')
    const summary = buildGradescopeBundle({cwd: process.cwd(), unit: flags.unit, out: flags.out, secretFile: flags['secret-file'], force: flags.force})
    const megabytes = (summary.bytes / 1024 / 1024).toFixed(1)
    const esbuild = summary.esbuild.binary_included ? `esbuild ${summary.esbuild.version} for Linux x64 inside` : `esbuild ${summary.esbuild.version} installed by setup.sh from npm (its Linux x64 binary is not installed here)`
    this.log(`Wrote ${summary.out} (${megabytes} MB) for ${summary.unit}: ${summary.files.join(', ')}`)
    this.log(`  course.tgz: course ${summary.course_version}, ${summary.course_files} files, ${esbuild}`)
    this.log('Upload it as the assignment\'s autograder on Gradescope (Configure Autograder, then Zip file upload).')
    for (const warning of summary.warnings) this.logToStderr(paint(`warning: ${warning}`, ['warn'], colorEnabled(process.stderr)))
    return summary
  }
}
