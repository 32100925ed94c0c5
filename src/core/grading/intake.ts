/**
 * Copy in, then trust only the copy. Before anything of the grader's reads a submission (hashing,
 * the bundler, the document reader), its files are copied into memory: regular files and folders
 * only, each opened without following links and without blocking, sizes and counts capped, and
 * every folder's real path checked to lie inside the submission. A link (to the grading secret,
 * to /proc/self/environ, to the course's own reference), a named pipe or a device is refused with
 * a clear message, never followed, read or waited on.
 *
 * Everything downstream reads the copy: nothing a learner can change after the copy (or arrange to
 * change while it is read) reaches the grader. The copy is held in memory rather than in a
 * private folder on disk: a few megabytes at most, nothing left behind if the grader is killed,
 * and no folder to make and remove for every submission (which cost a class of design documents
 * a third of its rate).
 */
import {createHash} from 'node:crypto'
import {closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, type Dirent} from 'node:fs'
import path from 'node:path'
import {quote} from '../text/learner-text.js'

export interface IntakeLimits {
  readonly maxFiles: number
  readonly maxFileBytes: number
  readonly maxTotalBytes: number
  /** Folders inside folders. */
  readonly maxDepth: number
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  maxFiles: 500,
  maxFileBytes: 4 * 1024 * 1024,
  maxTotalBytes: 20 * 1024 * 1024,
  maxDepth: 16,
}

/** Folders and files of a workspace that are not the learner's work: neither copied nor entered. */
const IGNORED = new Set(['node_modules', '.git', '.course', '.DS_Store'])

export interface Intake {
  /** The copy: each file's path relative to the submission folder (`/`-separated), in sorted order, and its bytes. */
  readonly files: ReadonlyMap<string, Buffer>
  /** sha256 over each file's path and content, in order: identifies exactly what was graded. */
  readonly sha256: string
  /** Why the submission cannot be graded as it is; empty when it can. */
  readonly problems: string[]
}

class Refused extends Error {}

const none = (problems: string[] = []): Intake => ({files: new Map(), sha256: '', problems})

/**
 * Copies the submission folder `source` into memory. `source` itself must be a real folder, not a
 * link to one; a folder that does not exist gives an empty copy. Problems are collected, not
 * thrown: the first few are reported and copying stops at a cap.
 */
export function copySubmission(source: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): Intake {
  const top = lstatSync(source, {throwIfNoEntry: false})
  if (!top) return none()
  if (top.isSymbolicLink()) return none(['the submission folder is a link; a submission must be a real folder'])
  if (!top.isDirectory()) return none(['the submission is not a folder'])

  const root = realpathSync(source)
  const files = new Map<string, Buffer>()
  const problems: string[] = []
  const hash = createHash('sha256')
  let total = 0

  const refuse = (relative: string, why: string) => {
    problems.push(`${quote(relative)} ${why}`)
    if (problems.length >= 5) throw new Refused()
  }

  const copyFile = (relative: string, from: string) => {
    if (files.size >= limits.maxFiles) {
      problems.push(`the submission holds more than ${limits.maxFiles} files`)
      throw new Refused()
    }
    const read = readRegularFile(from, limits.maxFileBytes)
    if ('refused' in read) return refuse(relative, read.refused)
    total += read.bytes.length
    if (total > limits.maxTotalBytes) {
      problems.push(`the submission holds more than ${size(limits.maxTotalBytes)} of files`)
      throw new Refused()
    }
    files.set(relative, read.bytes)
    hash.update(relative).update('\u0000').update(read.bytes).update('\u0000')
  }

  const walk = (relative: string, depth: number) => {
    const from = relative === '' ? root : path.join(root, relative)
    // A folder swapped for a link between listing and entering would point elsewhere.
    if (realpathSync(from) !== from) return refuse(relative, 'is reached through a link')
    if (depth > limits.maxDepth) return refuse(relative, `is nested more than ${limits.maxDepth} folders deep`)
    const entries: Dirent[] = readdirSync(from, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (IGNORED.has(entry.name)) continue
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory()) walk(child, depth + 1)
      else if (entry.isFile()) copyFile(child, path.join(root, child))
      else refuse(child, `is ${kindOf(entry)}; a submission is graded from regular files only (replace it with the file itself)`)
    }
  }

  try {
    walk('', 0)
  } catch (error) {
    if (!(error instanceof Refused)) throw error
  }
  return {files, sha256: files.size > 0 ? hash.digest('hex') : '', problems}
}

function kindOf(entry: Dirent): string {
  if (entry.isSymbolicLink()) return 'a link'
  if (entry.isFIFO()) return 'a named pipe'
  if (entry.isSocket()) return 'a socket'
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/**
 * Reads a file that must be a regular file of this submission: opened without following a link
 * and without blocking (a pipe swapped in after the listing cannot hang the grader), checked on
 * the open descriptor, and read only up to the cap.
 */
function readRegularFile(file: string, maxBytes: number): {bytes: Buffer} | {refused: string} {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {refused: code === 'ELOOP' ? 'is a link' : `cannot be read (${code ?? 'error'})`}
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return {refused: 'is not a regular file'}
    if (stat.nlink > 1) return {refused: `has ${stat.nlink} hard links; a submission's files must be its own (copy the file instead of linking it)`}
    if (stat.size > maxBytes) return {refused: `is ${size(stat.size)}; a file may hold at most ${size(maxBytes)}`}
    // One byte more than the size says: a file that grows while it is read is refused, not followed.
    const bytes = Buffer.alloc(stat.size + 1)
    let filled = 0
    for (;;) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, null)
      if (read === 0) break
      filled += read
      if (filled > stat.size) return {refused: 'changed while it was read'}
    }
    return {bytes: bytes.subarray(0, filled)}
  } finally {
    closeSync(fd)
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
