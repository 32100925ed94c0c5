import {existsSync, lstatSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {findUnit} from '../core/catalog/load.js'
import {SCENARIO_FILE} from '../core/catalog/scenario-file.js'
import {isGraded} from '../core/catalog/model.js'
import {UserError} from '../core/errors.js'
import type {CaseDefinition} from '../core/grading/definition.js'
import {hasGrader} from '../core/grading/load.js'
import type {CaseResult, SubmissionResult} from '../core/grading/result.js'
import {readState, updateUnit} from '../core/progress/state.js'
import {requireWorkspace} from '../core/progress/workspace.js'
import {type TypeWarning, typeWarnings} from '../core/typecheck/type-warnings.js'
import {missingTooling} from '../core/workspace-tooling/tooling.js'
import {course, type WorkspaceOptions} from './context.js'
import {gradeOne, loadUnitGrader} from './grading-context.js'
import {type HintCount, hintCount} from './hint.js'
import {unitFromFolder} from './unit-from-folder.js'

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
  /** When the code does not build: the line of the learner's file the first error points at. */
  readonly buildSource?: SourceLine
  /** Type errors in the learner's TypeScript files: reported, never graded. */
  readonly typeWarnings: readonly TypeWarning[]
  /** The unit's hints, shown and total: a check that did not pass says how to see the next. */
  readonly hints: HintCount
  /** Tooling files a workspace made before `course start` wrote them lacks (`course start --tooling` adds them). */
  readonly missingTooling: readonly string[]
}

/** Which unit `course check` means: the argument, the folder the learner is in, or the only candidate. */
export function resolveCheckUnit(options: CheckOptions, workspace: string): string {
  const ids = course(options).units.map((u) => u.id)
  return unitFromFolder({unit: options.unit, cwd: options.cwd, command: 'check', units: ids, eligible: (id) => hasGrader(id, options.gradersDir)}, workspace)
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
  const folder = path.join(workspace, unit.id)
  // Checking a unit with no folder would grade nothing and record an error: say how to begin instead.
  if (!lstatSync(folder, {throwIfNoEntry: false})?.isDirectory()) {
    throw new UserError(`\`${unit.id}\` is not started in this workspace`, {code: 'not-started', exitCode: 2, next: [`Run \`course start ${unit.id}\` first, then \`course check ${unit.id}\`.`]})
  }
  const grader = await loadUnitGrader(unit, options.gradersDir)
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
  const buildSource = result.error?.kind === 'build' ? sourceLineOf(folder, result.error.message) : undefined
  // After the cases, never beside them: the type check runs on this thread (decision 0017).
  const warnings = result.error?.kind === 'build' ? [] : await typeWarnings(folder, typeScriptFiles(folder))
  return {
    workspace,
    folder,
    result,
    newlyPassed: result.status === 'pass' && !before?.passed_at,
    ...(buildSource ? {buildSource} : {}),
    typeWarnings: warnings,
    hints: hintCount({...options, unit: unit.id}),
    missingTooling: missingTooling(workspace),
  }
}

/** TypeScript files checked for type warnings at most: a unit folder holds a handful. */
const MAX_TYPED_FILES = 200

/** The learner's TypeScript files in a unit folder, relative to it (no dot-folders, no node_modules, no links). */
export function typeScriptFiles(folder: string): string[] {
  const found: string[] = []
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(folder, relative), {withFileTypes: true})) {
      if (found.length >= MAX_TYPED_FILES) return
      const name = path.join(relative, entry.name)
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(name)
      else if (entry.isFile() && /\.(?:ts|mts|cts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(name)
    }
  }
  walk('')
  return found.sort()
}

/** The line of the learner's file a build error points at. */
export interface SourceLine {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly text: string
}

/** Characters of a source line kept for the build error's excerpt. */
const MAX_SOURCE_LINE_CHARS = 400

/**
 * The line a build error's first `file:line:column` points at, read from the learner's own folder
 * (this is their machine, and the file is theirs): only a plain file inside the unit's folder.
 */
function sourceLineOf(folder: string, message: string): SourceLine | undefined {
  const match = /^([^\n:]+):(\d+):(\d+): /.exec(message)
  if (!match) return undefined
  const [, file, line, column] = match as unknown as [string, string, string, string]
  const full = path.resolve(folder, file)
  if (!full.startsWith(`${path.resolve(folder)}${path.sep}`)) return undefined
  const stat = lstatSync(full, {throwIfNoEntry: false})
  if (!stat?.isFile() || stat.size > 4 * 1024 * 1024) return undefined
  const text = readFileSync(full, 'utf8').split(/\r?\n/)[Number(line) - 1]
  return text === undefined ? undefined : {file, line: Number(line), column: Number(column), text: text.slice(0, MAX_SOURCE_LINE_CHARS)}
}

/** The unit after `unit` in course order that the learner has not passed yet: what a pass offers next. */
export function nextUnitAfter(options: WorkspaceOptions, unit: string): {readonly id: string; readonly title: string} | undefined {
  const units = course(options).units
  const workspace = requireWorkspace(options)
  const state = readState(workspace).units
  const after = units.slice(units.findIndex((u) => u.id === unit) + 1)
  const next = after.find((u) => !state[u.id]?.passed_at)
  return next ? {id: next.id, title: next.title} : undefined
}

/** The learner id a workspace's scenario was drawn for (`course start --learner`), if any. */
export function variantLearner(folder: string): string | undefined {
  const file = path.join(folder, SCENARIO_FILE)
  if (!existsSync(file)) return undefined
  try {
    const learner = (JSON.parse(readFileSync(file, 'utf8')) as {learner?: unknown}).learner
    return typeof learner === 'string' && learner !== '' ? learner : undefined
  } catch {
    return undefined
  }
}

