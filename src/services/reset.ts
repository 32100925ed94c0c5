import {existsSync, mkdirSync, renameSync} from 'node:fs'
import path from 'node:path'
import {findUnit} from '../core/catalog/load.js'
import {UserError} from '../core/errors.js'
import {STATE_DIR, forgetUnit, readState} from '../core/progress/state.js'
import {requireWorkspace} from '../core/progress/workspace.js'
import {course, type WorkspaceOptions} from './context.js'

export interface ResetPlan {
  readonly unit: string
  readonly workspace: string
  /** The unit folder that will be moved aside, when it exists. */
  readonly folder: string | null
}

export interface ResetResult extends ResetPlan {
  /** Where the learner's files were moved, relative to the workspace; null when there were none. */
  readonly backup: string | null
}

/** What a reset would touch; the command shows it before asking for confirmation. */
export function planReset(options: WorkspaceOptions & {readonly unit: string}): ResetPlan {
  const unit = findUnit(course(options), options.unit)
  const workspace = requireWorkspace(options)
  const folder = path.join(workspace, unit.id)
  const started = readState(workspace).units[unit.id] !== undefined
  if (!started && !existsSync(folder)) {
    throw new UserError(`\`${unit.id}\` has not been started in ${workspace}; there is nothing to reset`, {code: 'not-started'})
  }
  return {unit: unit.id, workspace, folder: existsSync(folder) ? folder : null}
}

/**
 * Forgets a unit's progress and moves its files to `.course/backups/` (a reset never deletes
 * work), so `course start` can begin afresh.
 */
export function resetUnit(plan: ResetPlan, now = new Date()): ResetResult {
  let backup: string | null = null
  if (plan.folder) {
    const stamp = now.toISOString().replace(/[:.]/g, '-')
    backup = path.join(STATE_DIR, 'backups', `${plan.unit}-${stamp}`)
    mkdirSync(path.dirname(path.join(plan.workspace, backup)), {recursive: true})
    renameSync(plan.folder, path.join(plan.workspace, backup))
  }
  forgetUnit(plan.workspace, plan.unit)
  return {...plan, backup}
}
