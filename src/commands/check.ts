import {Args, Flags} from '@oclif/core'
import {watch} from 'node:fs'
import type {CheckOptions, CheckResult} from '../services/check.js'
import {BaseCommand, dirFlag} from './base-command.js'

export default class Check extends BaseCommand {
  static override summary = "Run a unit's visible cases against your work."
  static override description =
    'Exit code 0 when every visible case passes, 1 otherwise. ' +
    'Runs the visible cases of a unit against the files in your workspace, in a sandbox, and shows what passed, what failed and why, with a hint. ' +
    'A pass unlocks the reference write-up. Without a unit, the unit is the folder you are in, or the only graded unit you have started.'
  static override examples = ['<%= config.bin %> check load-balancer', '<%= config.bin %> check --watch', '<%= config.bin %> check load-balancer --dir ~/course-work --json']
  static override enableJsonFlag = true
  static override args = {unit: Args.string({description: 'Unit id (default: the unit of the current folder).'})}
  static override flags = {
    dir: dirFlag,
    watch: Flags.boolean({char: 'w', description: 'Check again whenever a file of the unit changes (ctrl-c to stop).'}),
  }

  async run(): Promise<CheckResult> {
    const {args, flags} = await this.parse(Check)
    const options: CheckOptions = {cwd: process.cwd(), dir: flags.dir, unit: args.unit}
    let result = await this.checkOnce(options)
    if (!flags.watch || this.jsonEnabled()) {
      // Like a test runner: scripts and CI can tell a failing check from a passing one.
      if (result.result.status !== 'pass') process.exitCode = 1
      return result
    }
    for (;;) {
      this.log(`\nWatching ${result.folder} for changes (ctrl-c to stop)…`)
      await changeIn(result.folder)
      if (process.stdout.isTTY) process.stdout.write('\u001B[2J\u001B[H')
      result = await this.checkOnce({...options, unit: result.result.unit})
    }
  }

  private async checkOnce(options: CheckOptions): Promise<CheckResult> {
    const {checkUnit} = await import('../services/check.js')
    if (!process.stdout.isTTY || this.jsonEnabled() || process.env.CI) {
      const {formatCheck} = await import('../ui/text/check.js')
      const result = await checkUnit(options)
      this.log(formatCheck(result.result, {color: this.color, width: this.proseWidth, newlyPassed: result.newlyPassed, folder: result.folder}))
      return result
    }
    const {renderLiveCheck} = await import('../ui/render-check.js')
    let live: ReturnType<typeof renderLiveCheck> | undefined
    try {
      const result = await checkUnit({
        ...options,
        onBegin: ({unit, folder}) => {
          live = renderLiveCheck({unit, folder, color: this.color, width: this.proseWidth})
        },
        onCaseStart: (definition) => live?.onCaseStart(definition),
        onCase: (c) => live?.onCase(c),
      })
      await live?.finish(result.result, result.newlyPassed)
      return result
    } catch (error) {
      await live?.abort()
      throw error
    }
  }
}

/** Resolves at the first change under `folder`, once edits have settled for a moment. */
function changeIn(folder: string): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined
    const watcher = watch(folder, {recursive: true}, () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        watcher.close()
        resolve()
      }, 250)
    })
  })
}
