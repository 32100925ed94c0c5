/**
 * Two kinds of failure, kept apart so the CLI can treat them differently:
 * a UserError is something the person at the keyboard can fix (it carries the next steps and
 * is printed without a stack trace); anything else is a bug in course itself.
 */

/** Exit codes shared by every command. Documented in the README. */
export const ExitCode = {
  ok: 0,
  /** The user must act: bad input, missing workspace, a check that found problems. */
  user: 1,
  /** The command line itself was wrong: unknown flag, missing argument. */
  usage: 2,
} as const

export interface UserErrorOptions {
  /** What to do next, one short imperative sentence each. */
  readonly next?: readonly string[]
  /** Process exit code; defaults to 1. */
  readonly exitCode?: number
  /** A stable machine-readable code for --json output, such as `unit-not-found`. */
  readonly code?: string
}

export class UserError extends Error {
  readonly next: readonly string[]
  readonly exitCode: number
  readonly code: string

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message)
    this.name = 'UserError'
    this.next = options.next ?? []
    this.exitCode = options.exitCode ?? ExitCode.user
    this.code = options.code ?? 'user-error'
  }
}

/** A usage error: the command line was wrong (exit code 2). */
export class UsageError extends UserError {
  constructor(message: string, options: Omit<UserErrorOptions, 'exitCode'> = {}) {
    super(message, {...options, exitCode: ExitCode.usage, code: options.code ?? 'usage'})
    this.name = 'UsageError'
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/** Where in a file something went wrong; lines and columns count from 1. */
export interface SourceLocation {
  readonly file: string
  readonly line: number
  readonly column: number
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`
}
