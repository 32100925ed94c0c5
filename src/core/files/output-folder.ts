/**
 * A folder a command is about to write into, checked before any work starts: a mistake in a path
 * (a file where a folder should be, a folder that cannot be written) is the user's to fix, and is
 * better said at once than after a class has been graded or a site built.
 */
import {accessSync, constants, statSync, type Stats} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../errors.js'

/** A path's status; undefined when nothing is there, including when a folder on the way is a file (ENOTDIR). */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, {throwIfNoEntry: false})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
    throw error
  }
}

/**
 * Refuses `dir` as an output folder when it is a file, when a folder on its way is a file, or when
 * the nearest folder that exists cannot be written. `what` names it in the message (`--out`).
 */
export function checkOutputFolder(dir: string, what: string): void {
  const target = path.resolve(dir)
  const own = statOf(target)
  if (own && !own.isDirectory()) throw new UsageError(`${what} ${dir} is a file, not a folder`, {code: 'bad-path', next: [`Give ${what} a folder (it is made if it does not exist).`]})
  let existing = target
  for (;;) {
    const stat = statOf(existing)
    if (stat) {
      if (!stat.isDirectory()) throw new UsageError(`${what} ${dir} lies under ${existing}, which is a file`, {code: 'bad-path', next: [`Give ${what} a folder whose parents are folders.`]})
      break
    }
    const parent = path.dirname(existing)
    if (parent === existing) break
    existing = parent
  }
  try {
    accessSync(existing, constants.W_OK | constants.X_OK)
  } catch {
    throw new UsageError(`${what} ${dir} cannot be written: ${existing} is not writable`, {code: 'bad-path', next: [`Give ${what} a folder you may write to.`]})
  }
}

/** Refuses a file a command must read (`--roster`, `--secret-file`) that is missing or not a file. */
export function checkInputFile(file: string, what: string): void {
  const stat = statOf(file)
  if (!stat) throw new UsageError(`${what} ${file} does not exist`, {code: 'bad-path'})
  if (!stat.isFile()) throw new UsageError(`${what} ${file} is not a file`, {code: 'bad-path'})
}

/** Refuses a folder a command must read (`--tests`, PATH) that is missing or not a folder. */
export function checkInputFolder(dir: string, what: string, next: readonly string[] = []): void {
  const stat = statOf(dir)
  if (!stat) throw new UsageError(`${what} ${dir} does not exist`, {code: 'bad-path', next})
  if (!stat.isDirectory()) throw new UsageError(`${what} ${dir} is not a folder`, {code: 'bad-path', next})
}

/** True when `inner` is `outer` or lies inside it. */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
