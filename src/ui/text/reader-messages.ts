/**
 * The reader's status line: one line, at most 80 columns for usual unit ids, that says what
 * happened and what to do next with the keys the reader has. The CLI's own messages name flags
 * (`--force`, `--dir`) that mean nothing on this screen, so the reader words its own.
 */
import {isGraded} from '../../core/catalog/model.js'
import {isUserError} from '../../core/errors.js'
import type {UnitListing} from '../../services/list.js'
import type {ResumePoint} from '../../services/progress.js'

type UnitShown = Pick<UnitListing, 'id' | 'kind' | 'progress'>

/** Why the write-up of `unit` is still locked, and how to open it. */
export function lockedWriteUp(unit: UnitShown): string {
  if (!isGraded(unit.kind)) return 'Write-up locked until you start the unit: press s, then o.'
  if (unit.progress === 'not-started') return `Write-up locked until you pass: press s, then run \`course check ${unit.id}\`.`
  return `Write-up locked until \`course check ${unit.id}\` passes; then press o.`
}

/** Hints are counted in a workspace, and there is none yet. */
export const HINTS_NEED_WORKSPACE = 'Hints are counted in your workspace, and there is none yet: press s first.'

/** A lesson read where no workspace keeps progress. */
export const READ_NOT_RECORDED = 'Not recorded as read: no workspace yet. Press s to make one and record it.'

/** What the reader says when an action fails: its own words for the usual cases, else the error's. */
export function readerMessage(error: unknown, unit?: UnitShown): string {
  if (!isUserError(error)) return error instanceof Error ? error.message : String(error)
  if (unit && error.code === 'solution-locked') return lockedWriteUp(unit)
  // Of the reader's actions only a hint needs a workspace that is already there.
  if (error.code === 'no-workspace') return HINTS_NEED_WORKSPACE
  return error.message
}

/** The line the reader opens with inside a workspace: the unit is selected, enter opens it. */
export function continueMessage(resume: ResumePoint): string {
  return resume.here ? `You are in ${resume.unit}/: press enter to continue there.` : `Continue ${resume.unit}? Press enter, or pick another unit.`
}
