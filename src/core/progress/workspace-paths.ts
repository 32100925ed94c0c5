import {lstatSync, mkdirSync, writeFileSync, type Stats} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'

/**
 * The paths course itself reads and writes inside a workspace: `.course/`, its state file and
 * backups, and a unit's folder while `start` fills it or `reset` moves it. A workspace can come from
 * anyone (a repository a learner clones), so none of these may be a symbolic link or anything but
 * the plain file or folder expected: a link would carry a write outside the workspace, a named pipe
 * would block a read forever. Every check uses lstat, which never follows a link, and new files are
 * created exclusively (`wx`), which never writes through one. The workspace folder itself may be
 * reached through a link the learner chose (`--dir`); only what lies inside it is checked.
 *
 * Paths here are relative to the workspace and written with `/`, as messages show them.
 */

/** What course expects to find at one of its own paths. */
export type ExpectedKind = 'file' | 'folder'

/** How describeKind names a link; refusals of links get their own code and reason. */
export const LINK = 'a symbolic link'

/** What lstat (or fstat) found, in words for a message. */
export function describeKind(stats: Stats): string {
  if (stats.isSymbolicLink()) return LINK
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFile()) return 'a file'
  if (stats.isFIFO()) return 'a named pipe'
  if (stats.isSocket()) return 'a socket'
  return 'a device'
}

/**
 * The segments of a workspace-relative path. A path that is empty, absolute or climbs with `..`
 * could name something outside the workspace, so it is refused before anything is touched.
 */
export function segmentsOf(relative: string): string[] {
  const parts = relative.split(path.sep).join('/').split('/')
  if (path.isAbsolute(relative) || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new UserError(`\`${relative}\` is not a path inside the workspace; nothing was written`, {
      code: 'outside-workspace',
      next: ['Run `course dev check`: the course content names a file outside its unit folder.'],
    })
  }
  return parts
}

/**
 * The refusal for a link, or for something other than the expected kind, at one of course's paths;
 * `found` is what is there, as describeKind words it.
 */
export function refusal(workspace: string, relative: string, expected: ExpectedKind, found: string, next?: readonly string[]): UserError {
  const link = found === LINK
  const why = link ? 'course follows no links inside a workspace' : `course expects a plain ${expected} there`
  return new UserError(`\`${relative}\` in the workspace is ${found}, not a ${expected}; ${why}, so nothing was read or written through it`, {
    code: link ? 'workspace-link' : `workspace-not-${expected}`,
    next: next ?? [`Move \`${relative}\` out of the workspace (${workspace}) or rename it, then run the command again.`],
  })
}

function lstatOrUndefined(workspace: string, relative: string, full: string): Stats | undefined {
  try {
    return lstatSync(full)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // ENOTDIR: the workspace itself is not a folder (the levels inside it are checked in order).
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw new UserError(`cannot inspect \`${relative}\` in the workspace (${code ?? (error as Error).message})`, {
      code: 'workspace-unreadable',
      next: [`Check the permissions of ${workspace}, then run the command again.`],
    })
  }
}

/**
 * Checks one of course's own paths and every folder on the way to it, without following links.
 * Returns false when something on the way is missing; throws a UserError (with `next`, when given,
 * as the steps to fix it) when any part is a link or not the kind expected.
 */
export function checkOwnPath(workspace: string, relative: string, expected: ExpectedKind, next?: readonly string[]): boolean {
  const parts = segmentsOf(relative)
  for (let i = 1; i <= parts.length; i++) {
    const shown = parts.slice(0, i).join('/')
    const kind = i === parts.length ? expected : 'folder'
    const stats = lstatOrUndefined(workspace, shown, path.join(workspace, ...parts.slice(0, i)))
    if (!stats) return false
    if (stats.isSymbolicLink() || (kind === 'folder' ? !stats.isDirectory() : !stats.isFile())) throw refusal(workspace, shown, kind, describeKind(stats), next)
  }
  return true
}

/**
 * Makes the folders of `relative` inside the workspace one level at a time (never `recursive`,
 * which would follow a link on the way), refusing any level that is a link or not a folder.
 */
export function makeFolders(workspace: string, relative: string, next?: readonly string[]): void {
  const parts = segmentsOf(relative)
  for (let i = 1; i <= parts.length; i++) {
    const shown = parts.slice(0, i).join('/')
    const full = path.join(workspace, ...parts.slice(0, i))
    let stats = lstatOrUndefined(workspace, shown, full)
    if (!stats) {
      try {
        mkdirSync(full)
        continue
      } catch (error) {
        // Something appeared in between: look at what it is rather than trusting it.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        stats = lstatOrUndefined(workspace, shown, full)
        if (!stats) throw error
      }
    }
    if (stats.isSymbolicLink() || !stats.isDirectory()) throw refusal(workspace, shown, 'folder', describeKind(stats), next)
  }
}

/**
 * Creates a new file inside the workspace, with its folders. Exclusive creation (`wx`) fails on
 * anything already at the name, a dangling link included, so nothing is written through a link
 * and no file is overwritten.
 */
export function writeNewFile(workspace: string, relative: string, data: string | Uint8Array, options: {mode?: number; next?: readonly string[]} = {}): void {
  const parts = segmentsOf(relative)
  if (parts.length > 1) makeFolders(workspace, parts.slice(0, -1).join('/'), options.next)
  const full = path.join(workspace, ...parts)
  try {
    writeFileSync(full, data, {flag: 'wx', ...(options.mode === undefined ? {} : {mode: options.mode})})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const stats = lstatOrUndefined(workspace, relative, full)
    if (stats && (stats.isSymbolicLink() || !stats.isFile())) throw refusal(workspace, relative, 'file', describeKind(stats), options.next)
    throw new UserError(`\`${relative}\` already exists in the workspace; course never overwrites a file`, {
      code: 'file-exists',
      next: options.next ?? [`Move \`${relative}\` aside in ${workspace}, then run the command again.`],
    })
  }
}
