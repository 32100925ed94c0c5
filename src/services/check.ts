import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {findUnit} from '../core/catalog/load.js'
import {SCENARIO_FILE} from '../core/catalog/scenario-file.js'
import {isGraded} from '../core/catalog/model.js'
import {UserError} from '../core/errors.js'
import type {CaseDefinition} from '../core/grading/definition.js'
import {hasGrader} from '../core/grading/load.js'
import type {CaseResult, SubmissionResult} from '../core/grading/result.js'
import {readState, updateUnit} from '../core/progress/state.js'
import {requireWorkspace, unitFromPath} from '../core/progress/workspace.js'
import {course, type WorkspaceOptions} from './context.js'
import {gradeOne, loadUnitGrader} from './grading-context.js'

export interface CheckOptions extends WorkspaceOptions {
  /** The unit; inferred from the current folder, or the only started graded unit, when absent. */
  readonly unit?: string
  readonly gradersDir?: string
  /** Called once the unit and folder are known, before any case runs. */
  readonly onBegin?: (info: {readonly unit: string; readonly folder: string}) => void
  readonly onCaseStart?: (definition: CaseDefinition) => void
  readonly onCase?: (result: CaseResult) => void
}

export interface CheckResult {
  readonly workspace: string
  readonly folder: string
  readonly result: SubmissionResult
  /** True when this check passed the unit for the first time (its write-up is now open). */
  readonly newlyPassed: boolean
}

/** Which unit `course check` means: the argument, the folder the learner is in, or the only candidate. */
export function resolveCheckUnit(options: CheckOptions, workspace: string): string {
  if (options.unit) return options.unit
  const here = unitFromPath(workspace, options.cwd)
  if (here) return here
  const started = Object.keys(readState(workspace).units).filter((id) => hasGrader(id, options.gradersDir))
  // Entry types come from the directory itself (no stat): a link, dangling or not, is not a unit folder.
  const present = readdirSync(workspace, {withFileTypes: true}).filter((entry) => entry.isDirectory() && started.includes(entry.name)).map((entry) => entry.name)
  if (present.length === 1) return present[0]!
  throw new UserError(present.length === 0 ? 'no graded unit is started in this workspace' : `say which unit to check: ${present.map((p) => `\`${p}\``).join(', ')}`, {
    code: 'which-unit',
    exitCode: 2,
    next: present.length === 0 ? ['Run `course start <unit>` first.'] : [`Run \`course check ${present[0]}\`, or run it from inside the unit's folder.`],
  })
}

/**
 * The learner's own run: the visible cases of one unit against their workspace, in the sandbox.
 * Records the outcome in the workspace; a pass unlocks the unit's write-up.
 */
export async function checkUnit(options: CheckOptions): Promise<CheckResult> {
  const workspace = requireWorkspace(options)
  const unit = findUnit(course(options), resolveCheckUnit(options, workspace))
  if (!isGraded(unit.kind)) throw new UserError(`\`${unit.id}\` is a ${unit.kind}: there is nothing to check`, {code: 'not-graded', next: [`Read it with \`course show ${unit.id}\`.`]})
  // Read (and so validate) the state before grading: a state file course refuses is reported at once, not after every case ran.
  const before = readState(workspace).units[unit.id]
  const grader = await loadUnitGrader(unit, options.gradersDir)
  const folder = path.join(workspace, unit.id)
  options.onBegin?.({unit: unit.id, folder})
  // A workspace started with --learner holds the learner's own figures: check against those.
  const variantOf = variantLearner(folder)
  const result = await gradeOne(grader, {dir: folder, learner: variantOf ?? path.basename(workspace), mode: 'check', label: folder, variants: variantOf !== undefined, onCaseStart: options.onCaseStart, onCase: options.onCase})
  const now = new Date().toISOString()
  updateUnit(workspace, unit.id, (p) => ({
    ...p,
    // A check always grades a folder, so it is never `missing` (a status of rosters).
    last_check: {at: now, status: result.status === 'missing' ? 'error' : result.status, score: result.score, max_score: result.max_score},
    ...(result.status === 'pass' && !p.passed_at ? {passed_at: now} : {}),
  }))
  return {workspace, folder, result, newlyPassed: result.status === 'pass' && !before?.passed_at}
}

/** The learner id a workspace's scenario was drawn for (`course start --learner`), if any. */
function variantLearner(folder: string): string | undefined {
  const file = path.join(folder, SCENARIO_FILE)
  if (!existsSync(file)) return undefined
  try {
    const learner = (JSON.parse(readFileSync(file, 'utf8')) as {learner?: unknown}).learner
    return typeof learner === 'string' && learner !== '' ? learner : undefined
  } catch {
    return undefined
  }
}

