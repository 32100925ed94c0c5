import {Command, Flags} from '@oclif/core'
import {colorEnabled, paint} from '../core/markdown/ansi.js'
import {ExitCode, isUserError} from '../core/errors.js'

/**
 * Every command's parent: it turns failures into messages. A UserError prints its message and next
 * steps (or a JSON error object with --json) and sets its exit code; a usage error from the flag
 * parser exits 2 with a pointer to --help; anything else is a bug, reported without a stack trace
 * unless DEBUG is set.
 */
export abstract class BaseCommand extends Command {
  /** Whether this invocation may colour its output. */
  protected get color(): boolean {
    return colorEnabled(process.stdout)
  }

  /** The width to lay text out in: the terminal's, or unlimited when writing to a pipe or file. */
  protected get width(): number {
    return process.stdout.isTTY ? process.stdout.columns || 80 : Number.POSITIVE_INFINITY
  }

  /** A readable width for prose: the terminal's, at most 100, and 80 when not a terminal. */
  protected get proseWidth(): number {
    return process.stdout.isTTY ? Math.min(process.stdout.columns || 80, 100) : 80
  }

  protected override async catch(error: Error & {oclif?: {exit?: number}; code?: string}): Promise<void> {
    if (error.code === 'EEXIT') throw error
    const color = colorEnabled(process.stderr)
    if (isUserError(error)) {
      process.exitCode = error.exitCode
      if (this.jsonEnabled()) {
        this.logJson({error: {code: error.code, message: error.message, next: error.next}})
        return
      }
      process.stderr.write(`${paint('✖', ['bad'], color)} ${error.message}\n`)
      for (const step of error.next) process.stderr.write(`  ${paint('→', ['dim'], color)} ${step}\n`)
      return
    }
    if (error.oclif?.exit !== undefined) {
      // The flag parser's errors (unknown flag, missing argument): a usage error.
      process.exitCode = ExitCode.usage
      const message = error.message.replace(/\n\s*See more help with --help$/, '')
      if (this.jsonEnabled()) {
        this.logJson({error: {code: 'usage', message, next: [`Run \`course ${this.id?.replaceAll(':', ' ')} --help\`.`]}})
        return
      }
      process.stderr.write(`${paint('✖', ['bad'], color)} ${message}\n  ${paint('→', ['dim'], color)} Run \`course ${this.id?.replaceAll(':', ' ') ?? ''} --help\` for usage.\n`)
      return
    }
    process.exitCode = ExitCode.user
    process.stderr.write(`${paint('✖', ['bad'], color)} course hit an internal error: ${error.message}\n`)
    if (process.env.DEBUG) process.stderr.write(`${error.stack ?? ''}\n`)
    else process.stderr.write('  → This is a bug in course. Run again with DEBUG=1 for details and please report it.\n')
  }
}

/** --dir, shared by every command that works on a learner workspace. */
export const dirFlag = Flags.string({
  char: 'd',
  description: 'Workspace folder. Default: the nearest workspace at or above the current folder.',
  helpValue: 'DIR',
})
