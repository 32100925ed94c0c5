/**
 * The learner's progress lives in their workspace (`<workspace>/.course/state.json`), never in the
 * installed package: a reinstall loses nothing and a workspace can move between machines.
 */
import {closeSync, constants, fstatSync, mkdirSync, openSync, readSync} from 'node:fs'
import path from 'node:path'
import {UserError, formatLocation} from '../errors.js'
import {writeFileAtomic} from '../files/atomic-write.js'
import {parseJson, withoutByteOrderMark} from '../schema/json-file.js'
import {locatePointer} from '../schema/json-locate.js'
import {offsetToPosition} from '../schema/text-position.js'
import {checkState, describeStateProblem, type StateProblem} from './state-check.js'
import {LINK, checkOwnPath, describeKind, makeFolders, refusal} from './workspace-paths.js'

export const STATE_DIR = '.course'
export const STATE_FILE = 'state.json'
export const STATE_FORMAT_VERSION = 1
/** The state file as messages name it: relative to the workspace, with `/` on every system. */
export const STATE_PATH = `${STATE_DIR}/${STATE_FILE}`
/**
 * The largest state file course reads. A unit's entry is a few lines, so a real file is a few
 * KiB; the cap keeps a prepared file from costing memory or time.
 */
export const MAX_STATE_BYTES = 64 * 1024

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

/** How to get past a state file course cannot use: start afresh, keeping the learner's files. */
function moveStateAside(workspace: string): string[] {
  return [`Move \`${STATE_PATH}\` aside (in ${workspace}) and run \`course start <unit>\` again to begin a fresh one; your files are kept.`]
}

function fixOrMoveState(workspace: string): string[] {
  return [`Fix it, or move \`${STATE_PATH}\` aside (in ${workspace}) and run \`course start <unit>\` again to begin a fresh one; your files are kept.`]
}

function moveStateDirAside(workspace: string): string[] {
  return [`Move \`${STATE_DIR}\` aside (in ${workspace}) and run \`course start <unit>\` again to make a real one; your unit folders are kept.`]
}

function noWorkspace(workspace: string): UserError {
  return new UserError(`${workspace} is not a course workspace (no ${STATE_PATH})`, {
    code: 'no-workspace',
    next: ['Run `course start <unit>` to create one.'],
  })
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function tooLarge(workspace: string, size: string): UserError {
  return new UserError(`\`${STATE_PATH}\` is ${size}; a state file is at most ${MAX_STATE_BYTES / 1024} KiB (a few lines per unit), so course did not read it`, {
    code: 'state-too-large',
    next: moveStateAside(workspace),
  })
}

/**
 * The state file's text, read from an open descriptor: opened without following a link and without
 * blocking (a named pipe would otherwise wait forever for a writer), then checked on the
 * descriptor itself (a regular file, at most MAX_STATE_BYTES), so whatever was swapped in after an
 * earlier check is still refused. readState checks `.course` and the file with lstat first, which
 * gives the same refusals on systems without O_NOFOLLOW; tests call this directly to prove the
 * descriptor checks hold on their own.
 */
export function readStateFileText(workspace: string): string {
  let fd: number
  try {
    // O_NOFOLLOW and O_NONBLOCK are not defined on Windows; the lstat checks before this still apply.
    fd = openSync(stateFile(workspace), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw noWorkspace(workspace)
    // ELOOP (EMLINK on some BSDs) is O_NOFOLLOW meeting a link; ENXIO is a socket.
    if (code === 'ELOOP' || code === 'EMLINK') throw refusal(workspace, STATE_PATH, 'file', LINK, moveStateAside(workspace))
    if (code === 'ENXIO') throw refusal(workspace, STATE_PATH, 'file', 'a socket', moveStateAside(workspace))
    throw new UserError(`cannot read \`${STATE_PATH}\` (${code ?? (error as Error).message})`, {
      code: 'unreadable-file',
      next: [`Check the permissions of \`${STATE_PATH}\` in ${workspace}, then run the command again.`],
    })
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw refusal(workspace, STATE_PATH, 'file', describeKind(stats), moveStateAside(workspace))
    if (stats.size > MAX_STATE_BYTES) throw tooLarge(workspace, kib(stats.size))
    // One byte more than the cap tells a file that grew since fstat from one that fits.
    const buffer = Buffer.alloc(MAX_STATE_BYTES + 1)
    let length = 0
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    if (length > MAX_STATE_BYTES) throw tooLarge(workspace, `over ${MAX_STATE_BYTES / 1024} KiB`)
    return buffer.toString('utf8', 0, length)
  } finally {
    closeSync(fd)
  }
}

/** The state file's text, once `.course` and the file itself have passed the lstat checks. */
function readStateText(workspace: string): string {
  if (!checkOwnPath(workspace, STATE_DIR, 'folder', moveStateDirAside(workspace))) throw noWorkspace(workspace)
  if (!checkOwnPath(workspace, STATE_PATH, 'file', moveStateAside(workspace))) throw noWorkspace(workspace)
  return readStateFileText(workspace)
}

/** Where a problem sits in the text: at the unknown key, or at the value that is wrong. */
function locate(text: string, problem: StateProblem): {line: number; column: number} {
  // parseJson skips a byte-order mark; so must the positions.
  const body = withoutByteOrderMark(text)
  return offsetToPosition(body, locatePointer(body, problem.target, {key: problem.key}))
}

/**
 * Parses and checks the text of a state file: JSON syntax errors and departures from STATE_SCHEMA
 * (found by the hand-written checkState, so no validator loads at startup) both become a UserError
 * located at `.course/state.json:line:column`, with a way forward.
 */
export function parseState(text: string, workspace: string): WorkspaceState {
  let value: unknown
  try {
    value = parseJson(STATE_PATH, text)
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.message, {code: error.code, next: fixOrMoveState(workspace)})
    throw error
  }
  const problems = checkState(value)
  if (problems.length === 0) return value as WorkspaceState
  const first = problems[0]!
  const more = problems.length - 1
  const where = formatLocation({file: STATE_PATH, ...locate(text, first)})
  // The only problem `/format_version` can have is another version; a number there is likely newer.
  const newer = first.pointer === '/format_version' && typeof (value as {format_version?: unknown}).format_version === 'number'
  throw new UserError(`${where}: ${describeStateProblem(first)}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`, {
    code: 'bad-state',
    next: [...(newer ? ['If a newer version of course wrote it, update course.'] : []), ...fixOrMoveState(workspace)],
  })
}

/**
 * Reads the workspace's state: refused (a UserError saying how to fix it) when `.course` or the
 * state file is a link or not the expected kind, when the file is over MAX_STATE_BYTES, not JSON,
 * or not valid against STATE_SCHEMA. Every state it returns is one the commands can use.
 */
export function readState(workspace: string): WorkspaceState {
  return parseState(readStateText(workspace), workspace)
}

/**
 * Writes the state atomically (a temporary file, then rename): a crash mid-write leaves the
 * previous file intact. `.course` is made or checked without following links; a link or anything
 * else planted at the state file's name is refused as a read would refuse it.
 */
export function writeState(workspace: string, state: WorkspaceState): void {
  const text = `${JSON.stringify(state, null, 2)}\n`
  // Never write a file the next command would refuse: that would be a bug here, not the learner's.
  const problems = checkState(JSON.parse(text))
  if (problems.length > 0) throw new Error(`course was about to write an invalid ${STATE_PATH}: ${describeStateProblem(problems[0]!)}`)
  if (Buffer.byteLength(text) > MAX_STATE_BYTES) throw new Error(`course was about to write a ${STATE_PATH} over ${MAX_STATE_BYTES / 1024} KiB`)
  // The workspace folder is the learner's choice and may be reached through a link; inside it, nothing is followed.
  mkdirSync(workspace, {recursive: true})
  makeFolders(workspace, STATE_DIR, moveStateDirAside(workspace))
  checkOwnPath(workspace, STATE_PATH, 'file', moveStateAside(workspace))
  writeFileAtomic(stateFile(workspace), text)
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
