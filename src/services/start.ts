import {mkdirSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {checkOutputFolder} from '../core/files/output-folder.js'
import path from 'node:path'
import {findUnit, starterDir} from '../core/catalog/load.js'
import {readScenarioDocument, SCENARIO_FILE, scenarioFile} from '../core/catalog/scenario-file.js'
import {UserError} from '../core/errors.js'
import {drawDocument} from '../core/scenario/draw.js'
import {emptyState, readState, updateUnit, writeState} from '../core/progress/state.js'
import {DEFAULT_WORKSPACE, findWorkspace, isWorkspace, requireWorkspace} from '../core/progress/workspace.js'
import {checkOwnPath, makeFolders, segmentsOf, writeNewFile} from '../core/progress/workspace-paths.js'
import {addTooling} from '../core/workspace-tooling/tooling.js'
import {course, type WorkspaceOptions} from './context.js'

export interface StartResult {
  readonly unit: string
  readonly workspace: string
  /** The unit's folder inside the workspace. */
  readonly folder: string
  /** Files created, relative to the workspace. */
  readonly files: string[]
  readonly createdWorkspace: boolean
  /** The workspace's package.json, tsconfig.json and declarations, when this start wrote them. */
  readonly tooling: string[]
}

export interface ToolingResult {
  readonly workspace: string
  /** Files added, relative to the workspace (with `/`); empty when it had them all. */
  readonly files: string[]
}

/**
 * Copies a unit's starter into a workspace (created when needed). Never overwrites: when the unit's
 * folder already holds work, it explains what is there and how to reset it. Everything is checked
 * before anything is written, and nothing is written through a link: the unit's folder, each
 * sub-folder and each file are created inside the workspace without following one.
 */
export function startUnit(options: WorkspaceOptions & {readonly unit: string; readonly learner?: string}): StartResult {
  const unit = findUnit(course(options), options.unit)
  // The learner's own figures, drawn before anything is written: a faulty scenario file stops here.
  const base = options.learner === undefined ? undefined : readScenarioDocument(scenarioFile(unit))
  if (options.learner !== undefined && !base) throw new UserError(`\`${unit.id}\` has no scenario to draw figures from; start it without --learner`, {code: 'no-scenario'})
  const variant = base && options.learner !== undefined ? drawDocument(base, options.learner, unit.id) : undefined
  const workspace = options.dir ? path.resolve(options.cwd, options.dir) : findWorkspace(options.cwd) ?? path.join(options.cwd, DEFAULT_WORKSPACE)
  checkOutputFolder(workspace, options.dir ? '--dir' : 'the workspace')
  const folder = path.join(workspace, unit.id)
  // Starter paths come from the course, but a path that left the unit's folder would write outside it.
  const targets = unit.files.starter.map((file) => {
    const target = segmentsOf(`${unit.id}/${file}`).join('/')
    return {source: path.join(starterDir(unit), file), target}
  })

  const createdWorkspace = !isWorkspace(workspace)
  const state = createdWorkspace ? undefined : readState(workspace)
  const present = checkOwnPath(workspace, unit.id, 'folder', [
    `Move \`${unit.id}\` out of the workspace (${workspace}) or rename it, then run \`course start ${unit.id}\` again.`,
  ])
  const existing = present ? readdirSync(folder) : []
  if (existing.length > 0 || state?.units[unit.id]?.started_at) {
    const shown = existing.slice(0, 5).map((f) => path.join(unit.id, f))
    throw new UserError(
      `\`${unit.id}\` is already started in ${workspace}${shown.length > 0 ? ` (${shown.join(', ')}${existing.length > 5 ? ', …' : ''})` : ''}; nothing was changed`,
      {
        code: 'already-started',
        next: [`Keep working in ${folder}, or run \`course reset ${unit.id} --dir ${workspace}\` to start over (your files are backed up).`],
      },
    )
  }

  if (createdWorkspace) {
    // The workspace folder is the learner's choice (it may be reached through a link); what goes inside is checked.
    mkdirSync(workspace, {recursive: true})
    writeState(workspace, emptyState())
  }
  const files: string[] = []
  for (const {source, target} of targets) {
    writeNewFile(workspace, target, readFileSync(source), {mode: statSync(source).mode & 0o777})
    files.push(path.join(...target.split('/')))
  }
  if (variant) {
    writeNewFile(workspace, `${unit.id}/${SCENARIO_FILE}`, Buffer.from(`${JSON.stringify({$schema: 'https://course.invalid/schemas/scenario.schema.json', ...variant}, null, 2)}\n`), {mode: 0o644})
    files.push(path.join(unit.id, SCENARIO_FILE))
  }
  if (files.length === 0) makeFolders(workspace, unit.id)
  updateUnit(workspace, unit.id, (p) => ({...p, started_at: new Date().toISOString()}))
  // A new workspace gets its tooling once; one made before it existed gets it from `start --tooling`,
  // so a file the learner deleted on purpose does not come back with the next unit.
  const tooling = createdWorkspace ? addTooling(workspace) : []
  return {unit: unit.id, workspace, folder, files, createdWorkspace, tooling}
}

/**
 * `course start --tooling`: adds to an existing workspace the package.json, tsconfig.json and
 * declarations it lacks (one made before course wrote them), never replacing a file that exists.
 */
export function addWorkspaceTooling(options: WorkspaceOptions): ToolingResult {
  const workspace = requireWorkspace(options)
  return {workspace, files: addTooling(workspace)}
}
