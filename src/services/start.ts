import {copyFileSync, existsSync, mkdirSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {findUnit, starterDir} from '../core/catalog/load.js'
import {UserError} from '../core/errors.js'
import {emptyState, readState, updateUnit, writeState} from '../core/progress/state.js'
import {DEFAULT_WORKSPACE, findWorkspace, isWorkspace} from '../core/progress/workspace.js'
import {course, type WorkspaceOptions} from './context.js'

export interface StartResult {
  readonly unit: string
  readonly workspace: string
  /** The unit's folder inside the workspace. */
  readonly folder: string
  /** Files created, relative to the workspace. */
  readonly files: string[]
  readonly createdWorkspace: boolean
}

/**
 * Copies a unit's starter into a workspace (created when needed). Never overwrites: when the unit's
 * folder already holds work, it explains what is there and how to reset it.
 */
export function startUnit(options: WorkspaceOptions & {readonly unit: string}): StartResult {
  const unit = findUnit(course(options), options.unit)
  const workspace = options.dir ? path.resolve(options.cwd, options.dir) : findWorkspace(options.cwd) ?? path.join(options.cwd, DEFAULT_WORKSPACE)
  const createdWorkspace = !isWorkspace(workspace)
  if (createdWorkspace) {
    mkdirSync(workspace, {recursive: true})
    writeState(workspace, emptyState())
  }

  const folder = path.join(workspace, unit.id)
  const existing = existsSync(folder) ? readdirSync(folder) : []
  const progress = readState(workspace).units[unit.id]
  if (existing.length > 0 || progress?.started_at) {
    const shown = existing.slice(0, 5).map((f) => path.join(unit.id, f))
    throw new UserError(
      `\`${unit.id}\` is already started in ${workspace}${shown.length > 0 ? ` (${shown.join(', ')}${existing.length > 5 ? ', …' : ''})` : ''}; nothing was changed`,
      {
        code: 'already-started',
        next: [`Keep working in ${folder}, or run \`course reset ${unit.id} --dir ${workspace}\` to start over (your files are backed up).`],
      },
    )
  }

  const files: string[] = []
  for (const file of unit.files.starter) {
    const target = path.join(folder, file)
    mkdirSync(path.dirname(target), {recursive: true})
    copyFileSync(path.join(starterDir(unit), file), target)
    files.push(path.join(unit.id, file))
  }
  if (files.length === 0) mkdirSync(folder, {recursive: true})
  updateUnit(workspace, unit.id, (p) => ({...p, started_at: new Date().toISOString()}))
  return {unit: unit.id, workspace, folder, files, createdWorkspace}
}
