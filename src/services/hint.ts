import {findUnit} from '../core/catalog/load.js'
import {UserError} from '../core/errors.js'
import {readState, updateUnit, type WorkspaceState} from '../core/progress/state.js'
import {isWorkspace, locateWorkspace, requireWorkspace} from '../core/progress/workspace.js'
import {hintsShown} from './scenario.js'
import {course, type WorkspaceOptions} from './context.js'
import {unitFromFolder} from './unit-from-folder.js'

export interface HintResult {
  readonly unit: string
  /** 1-based number of the hint shown. */
  readonly number: number
  readonly total: number
  readonly hint: string
  /** Hints shown before this one, so a reader can see them all together. */
  readonly previous: string[]
  /** True when every hint had already been shown and the last one is repeated. */
  readonly exhausted: boolean
}

/**
 * How many of a unit's hints the state says were shown, at most the number the unit has: a state
 * file may record more (written by hand, or when the unit had more hints), and every count the
 * schema allows must give a real hint, never `undefined`.
 */
function shownCount(state: WorkspaceState, unit: string, total: number): number {
  return Math.min(state.units[unit]?.hints_shown ?? 0, total)
}

export interface HintCount {
  readonly unit: string
  readonly shown: number
  readonly total: number
}

/**
 * Reveals the next hint and remembers how many were shown; repeats the last once all are out.
 * Without a unit, the unit is the folder the learner is in, or the only started unit with hints.
 */
export function nextHint(options: WorkspaceOptions & {readonly unit?: string}): HintResult {
  const loaded = course(options)
  const withHints = loaded.units.filter((u) => u.hints.length > 0).map((u) => u.id)
  const id =
    options.unit ??
    unitFromFolder({cwd: options.cwd, command: 'hint', units: loaded.units.map((u) => u.id), eligible: (u) => withHints.includes(u)}, requireWorkspace(options))
  const unit = findUnit(loaded, id)
  if (unit.hints.length === 0) {
    throw new UserError(`\`${unit.id}\` has no hints: it is a ${unit.kind} to read`, {code: 'no-hints', next: [`Read it with \`course show ${unit.id}\`.`]})
  }
  const workspace = requireWorkspace(options)
  const shown = shownCount(readState(workspace), unit.id, unit.hints.length)
  const exhausted = shown >= unit.hints.length
  const number = Math.min(shown + 1, unit.hints.length)
  if (!exhausted) updateUnit(workspace, unit.id, (p) => ({...p, hints_shown: number}))
  const hints = hintsShown(unit, workspace)
  return {
    unit: unit.id,
    number,
    total: unit.hints.length,
    hint: hints[number - 1]!,
    previous: hints.slice(0, number - 1),
    exhausted,
  }
}

/** The hints already revealed in the workspace, without revealing another. */
export function shownHints(options: WorkspaceOptions & {readonly unit: string}): string[] {
  const unit = findUnit(course(options), options.unit)
  const workspace = requireWorkspace(options)
  return hintsShown(unit, workspace).slice(0, shownCount(readState(workspace), unit.id, unit.hints.length))
}

/**
 * How many of a unit's hints were revealed and how many it has, revealing none: what `check`
 * tells a learner who failed. Without a workspace, none were shown.
 */
export function hintCount(options: WorkspaceOptions & {readonly unit: string}): HintCount {
  const unit = findUnit(course(options), options.unit)
  const found = locateWorkspace(options)
  const shown = found && isWorkspace(found) ? shownCount(readState(found), unit.id, unit.hints.length) : 0
  return {unit: unit.id, shown, total: unit.hints.length}
}
