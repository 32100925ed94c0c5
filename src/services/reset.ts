import {lstatSync, renameSync} from 'node:fs'
import path from 'node:path'
import {findUnit} from '../core/catalog/load.js'
import {UserError} from '../core/errors.js'
import {STATE_DIR, forgetUnit, readState} from '../core/progress/state.js'
import {requireWorkspace} from '../core/progress/workspace.js'
import {checkOwnPath, describeKind, makeFolders} from '../core/progress/workspace-paths.js'
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

/** Where reset keeps the folders it moves aside, relative to the workspace. */
const BACKUPS = `${STATE_DIR}/backups`

/**
 * Checks the paths a reset moves from and into: the unit's folder must be a real folder inside the
 * workspace (moving a link would only move the link, and a learner reading "backed up" would think
 * their work safe), and `.course/backups` must not be a link, or the move would land outside.
 * Returns whether the unit's folder exists.
 */
function checkResetPaths(workspace: string, unit: string): boolean {
  const present = checkOwnPath(workspace, unit, 'folder', [
    `Move \`${unit}\` out of the workspace (${workspace}) yourself; \`course reset ${unit}\` then only forgets the unit's progress.`,
  ])
  checkOwnPath(workspace, BACKUPS, 'folder')
  return present
}

/** What a reset would touch; the command shows it before asking for confirmation. */
export function planReset(options: WorkspaceOptions & {readonly unit: string}): ResetPlan {
  const unit = findUnit(course(options), options.unit)
  const workspace = requireWorkspace(options)
  const started = readState(workspace).units[unit.id] !== undefined
  const present = checkResetPaths(workspace, unit.id)
  if (!started && !present) {
    throw new UserError(`\`${unit.id}\` has not been started in ${workspace}; there is nothing to reset`, {code: 'not-started'})
  }
  return {unit: unit.id, workspace, folder: present ? path.join(workspace, unit.id) : null}
}

/**
 * Forgets a unit's progress and moves its files to `.course/backups/` (a reset never deletes
 * work), so `course start` can begin afresh. The plan was shown before a confirmation, so every
 * path is checked again, and the state read, before anything moves.
 */
export function resetUnit(plan: ResetPlan, now = new Date()): ResetResult {
  readState(plan.workspace)
  const present = checkResetPaths(plan.workspace, plan.unit)
  let backup: string | null = null
  if (plan.folder && present) {
    const stamp = now.toISOString().replace(/[:.]/g, '-')
    const name = `${plan.unit}-${stamp}`
    makeFolders(plan.workspace, BACKUPS)
    const target = path.join(plan.workspace, STATE_DIR, 'backups', name)
    // rename would replace an empty folder at the name: never move onto anything already there.
    let taken: string | undefined
    try {
      taken = describeKind(lstatSync(target))
    } catch {
      taken = undefined
    }
    if (taken) {
      throw new UserError(`\`${BACKUPS}/${name}\` already exists in the workspace (${taken}); nothing was moved`, {
        code: 'backup-exists',
        next: [`Run \`course reset ${plan.unit}\` again in a moment, or move \`${BACKUPS}/${name}\` aside.`],
      })
    }
    renameSync(path.join(plan.workspace, plan.unit), target)
    backup = path.join(STATE_DIR, 'backups', name)
  }
  forgetUnit(plan.workspace, plan.unit)
  return {...plan, backup}
}
