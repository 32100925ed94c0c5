import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {parseJson} from '../schema/json-file.js'

/**
 * The learner's progress lives in their workspace (`<workspace>/.course/state.json`), never in the
 * installed package: a reinstall loses nothing and a workspace can move between machines.
 */
export const STATE_DIR = '.course'
export const STATE_FILE = 'state.json'
export const STATE_FORMAT_VERSION = 1

export interface CheckSummary {
  readonly at: string
  readonly status: 'pass' | 'fail' | 'error'
  readonly score: number
  readonly max_score: number
}

export interface UnitProgress {
  readonly started_at?: string
  /** How many hints have been revealed; the next `course hint` shows hint number hints_shown + 1. */
  readonly hints_shown: number
  /** Set when the reference write-up was opened, with `forced` when it was opened before passing. */
  readonly solution_opened?: {readonly at: string; readonly forced: boolean}
  /** Lessons and other ungraded units count as done once read in this workspace. */
  readonly read_at?: string
  readonly passed_at?: string
  readonly last_check?: CheckSummary
}

export interface WorkspaceState {
  readonly format_version: number
  readonly created_at: string
  readonly units: Readonly<Record<string, UnitProgress>>
}

export type ProgressStatus = 'not-started' | 'started' | 'read' | 'passed'

export function statusOf(progress: UnitProgress | undefined): ProgressStatus {
  if (!progress) return 'not-started'
  if (progress.passed_at) return 'passed'
  if (progress.read_at) return 'read'
  return progress.started_at || progress.hints_shown > 0 ? 'started' : 'not-started'
}

export function stateFile(workspace: string): string {
  return path.join(workspace, STATE_DIR, STATE_FILE)
}

export function emptyState(now = new Date()): WorkspaceState {
  return {format_version: STATE_FORMAT_VERSION, created_at: now.toISOString(), units: {}}
}

export function readState(workspace: string): WorkspaceState {
  const file = stateFile(workspace)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`${workspace} is not a course workspace (no ${path.join(STATE_DIR, STATE_FILE)})`, {
      code: 'no-workspace',
      next: ['Run `course start <unit>` to create one.'],
    })
  }
  const state = parseJson(file, text) as Partial<WorkspaceState>
  if (state.format_version !== STATE_FORMAT_VERSION || typeof state.units !== 'object' || state.units === null) {
    throw new UserError(`${file} is not a state file this version of course understands`, {
      code: 'bad-state',
      next: ['Restore it from a backup, or move it aside and run `course start <unit>` again (your files are kept).'],
    })
  }
  return state as WorkspaceState
}

/** Writes the state atomically: a crash mid-write leaves the previous file intact. */
export function writeState(workspace: string, state: WorkspaceState): void {
  const file = stateFile(workspace)
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(temporary, file)
}

/** Reads, changes one unit's progress, writes back; returns the unit's new progress. */
export function updateUnit(workspace: string, unit: string, change: (previous: UnitProgress) => UnitProgress): UnitProgress {
  const state = readState(workspace)
  const next = change(state.units[unit] ?? {hints_shown: 0})
  writeState(workspace, {...state, units: {...state.units, [unit]: next}})
  return next
}

/** Removes a unit's progress entirely (used by reset). */
export function forgetUnit(workspace: string, unit: string): void {
  const state = readState(workspace)
  const units = {...state.units}
  delete units[unit]
  writeState(workspace, {...state, units})
}
