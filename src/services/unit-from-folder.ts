import {readdirSync} from 'node:fs'
import {UserError} from '../core/errors.js'
import {readState} from '../core/progress/state.js'
import {unitFromPath} from '../core/progress/workspace.js'

export interface UnitFromFolderOptions {
  /** The unit named on the command line, which always wins. */
  readonly unit?: string
  readonly cwd: string
  /** The command, as the learner types it after `course`: `check`, `hint`. */
  readonly command: string
  /** Ids of the units the course has: a folder of another name is not a unit's folder. */
  readonly units: readonly string[]
  /** Whether a started unit is one the command can act on (graded for check, with hints for hint). */
  readonly eligible: (unit: string) => boolean
}

/**
 * Which unit a command without a unit argument means: the argument, else the unit folder the
 * learner is in (`<workspace>/<unit>/…`), else the only eligible unit started in the workspace.
 * Anything else is a UserError that says how to name the unit.
 */
export function unitFromFolder(options: UnitFromFolderOptions, workspace: string): string {
  if (options.unit) return options.unit
  const here = unitFromPath(workspace, options.cwd)
  if (here && options.units.includes(here)) return here
  const started = Object.keys(readState(workspace).units).filter(options.eligible)
  // Entry types come from the directory itself (no stat): a link, dangling or not, is not a unit folder.
  const present = readdirSync(workspace, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && started.includes(entry.name))
    .map((entry) => entry.name)
  if (present.length === 1) return present[0]!
  const command = `course ${options.command}`
  if (present.length === 0) {
    throw new UserError(`\`${command}\` needs a unit: no unit it applies to is started in this workspace`, {
      code: 'which-unit',
      exitCode: 2,
      next: [`Run \`${command} <unit>\`, or run \`course start <unit>\` and then \`${command}\` inside the unit's folder.`],
    })
  }
  throw new UserError(`say which unit: ${present.map((p) => `\`${p}\``).join(', ')}`, {
    code: 'which-unit',
    exitCode: 2,
    next: [`Run \`${command} ${present[0]}\`, or run \`${command}\` from inside the unit's folder.`],
  })
}
