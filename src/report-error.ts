import {colorEnabled, paint} from './core/markdown/ansi.js'
import {ExitCode, isUserError} from './core/errors.js'

/**
 * How a failure reaches the person at the terminal: a UserError as its message and next steps
 * (exit 1, or 2 for usage), anything else as an internal error without a stack trace unless DEBUG
 * is set. Shared by the commands and by the bare `course`, which starts without the CLI framework.
 */
export function reportError(error: unknown, json = false): void {
  const color = colorEnabled(process.stderr)
  if (isUserError(error)) {
    process.exitCode = error.exitCode
    if (json) {
      process.stdout.write(`${JSON.stringify({error: {code: error.code, message: error.message, next: error.next}}, null, 2)}\n`)
      return
    }
    process.stderr.write(`${paint('✖', ['bad'], color)} ${error.message}\n`)
    for (const step of error.next) process.stderr.write(`  ${paint('→', ['dim'], color)} ${step}\n`)
    return
  }
  process.exitCode = ExitCode.user
  const place = fileSystemProblem(error)
  if (place) {
    // The machine's files, not course, are in the way (a full disk, a read-only folder, a file where a folder should be).
    process.stderr.write(`${paint('✖', ['bad'], color)} ${place}\n  ${paint('→', ['dim'], color)} Check the path and its permissions, then run the command again.\n`)
    return
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`${paint('✖', ['bad'], color)} course hit an internal error: ${message}\n`)
  if (process.env.DEBUG) process.stderr.write(`${error instanceof Error ? (error.stack ?? '') : ''}\n`)
  else process.stderr.write('  → This is a bug in course. Run again with DEBUG=1 for details and please report it.\n')
}

const FILE_SYSTEM_WORDS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
}

/** A file system refusal with the path it concerns, in words; undefined for anything else. */
function fileSystemProblem(error: unknown): string | undefined {
  const {code, path} = (error ?? {}) as NodeJS.ErrnoException
  const words = code ? FILE_SYSTEM_WORDS[code] : undefined
  return words && path ? `cannot use ${path}: ${words}` : undefined
}
