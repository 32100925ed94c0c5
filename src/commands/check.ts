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
    const {learnerCwd} = await import('../core/progress/workspace.js')
    const options: CheckOptions = {cwd: learnerCwd(), dir: flags.dir, unit: args.unit}
    // Watch mode at a terminal is one screen redrawn in place, whatever CI says (as the reader is);
    // in a pipe each run is appended.
    if (flags.watch && !this.jsonEnabled() && process.stdout.isTTY && process.stdin.isTTY) return this.watchOnScreen(options)
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

  /** `--watch` on a terminal: the watch screen, checked again at every saved change, until ctrl-c. */
  private async watchOnScreen(options: CheckOptions): Promise<never> {
    const {loadInteractive} = await import('../ui/load-interactive.js')
    const [{checkUnit, nextUnitAfter}, {hintOffer}, {renderLive}, {WatchView}] = await loadInteractive(() =>
      Promise.all([import('../services/check.js'), import('../ui/text/hint-offer.js'), import('../ui/live.js'), import('../ui/screens/watch-view.js')]),
    )
    type Props = import('../ui/screens/watch-view.js').WatchViewProps
    let view: ReturnType<typeof renderLive<Props>> | undefined
    let unit = options.unit
    for (let runs = 1; ; runs++) {
      view?.update({checking: true, finished: [], runs, result: undefined, buildSource: undefined})
      let checked: CheckResult
      try {
        checked = await checkUnit({
          ...options,
          unit,
          onBegin: ({unit: id, folder}) => {
            view ??= renderLive<Props>({unit: id, folder, finished: [], checking: true, runs, color: this.color, width: this.proseWidth}, WatchView)
          },
          onCase: (c) => view?.update({finished: [...(view?.state.finished ?? []), c]}),
        })
      } catch (error) {
        await view?.close()
        throw error
      }
      unit = checked.result.unit
      const passed = checked.result.status === 'pass'
      const next = passed ? nextUnitAfter(options, unit) : undefined
      const hintLine = passed ? undefined : hintOffer(checked.hints)
      view?.update({
        checking: false,
        result: checked.result,
        total: checked.result.cases.length,
        buildSource: checked.buildSource,
        next,
        hintLine,
        typeWarnings: checked.typeWarnings,
      })
      await changeIn(checked.folder)
    }
  }

  private async checkOnce(options: CheckOptions): Promise<CheckResult> {
    const {checkUnit} = await import('../services/check.js')
    if (!process.stdout.isTTY || this.jsonEnabled() || process.env.CI) {
      const {formatCheck} = await import('../ui/text/check.js')
      const result = await checkUnit(options)
      this.log(
        formatCheck(result.result, {
          color: this.color,
          width: this.proseWidth,
          newlyPassed: result.newlyPassed,
          folder: result.folder,
          ...(result.buildSource ? {buildSource: result.buildSource} : {}),
          typeWarnings: result.typeWarnings,
          missingTooling: result.missingTooling,
          hints: result.hints,
        }),
      )
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
      await live?.finish(result)
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
