import {Command, Flags} from '@oclif/core'
import {colorEnabled} from '../core/markdown/ansi.js'
import {isUserError, UsageError} from '../core/errors.js'
import {reportError} from '../report-error.js'

/**
 * Every command's parent: failures become messages (report-error.ts). A usage error from the flag
 * parser exits 2 with a pointer to --help.
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
    if (!isUserError(error) && error.oclif?.exit !== undefined) {
      // The flag parser's errors (unknown flag, missing argument): a usage error.
      const command = `course ${this.id?.replaceAll(':', ' ') ?? ''}`.trim()
      const message = error.message.replace(/\n\s*See more help with --help$/, '')
      reportError(new UsageError(message, {next: [`Run \`${command} --help\` for usage.`]}), this.jsonEnabled())
      return
    }
    reportError(error, this.jsonEnabled())
  }
}

/** --dir, shared by every command that works on a learner workspace. */
export const dirFlag = Flags.string({
  char: 'd',
  description: 'Workspace folder. Default: the nearest workspace at or above the current folder.',
  helpValue: 'DIR',
})
