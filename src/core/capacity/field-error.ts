import {UsageError} from '../errors.js'

/**
 * Errors about what someone typed into a field of a calculator or a plan. The computation names
 * the field by its label ("arrival rate: `x` is not a rate"), which is what the interactive screen
 * shows; the command line has flags instead of labels, so a command words the same error again
 * with its own namer (`--arrival "x": …`). Only commands know flags.
 */

/** A field as messages name it. */
export interface NamedField {
  readonly name: string
  readonly label: string
}

/**
 * How a message names a field. `given` is the text typed into it, passed when the message is
 * about that text: a label leaves it out (the message quotes it anyway), a flag echoes it.
 */
export type FieldNamer = (field: NamedField, given?: string) => string

export const byLabel: FieldNamer = (field) => field.label

/** A bad value, or a missing or surplus one, named by field. */
export class FieldError extends UsageError {
  /**
   * @param fields the fields the message is about
   * @param wording the message, given how to name a field
   * @param next what to do; worded without naming fields, so every medium can show it as it is
   */
  constructor(
    readonly fields: readonly NamedField[],
    private readonly wording: (name: FieldNamer) => string,
    next: readonly string[] = [],
  ) {
    super(wording(byLabel), {code: 'bad-input', next})
    this.name = 'FieldError'
  }

  /** The message with every field named by `name`. */
  worded(name: FieldNamer): string {
    return this.wording(name)
  }
}

export function isFieldError(error: unknown): error is FieldError {
  return error instanceof FieldError
}

/** "a", "a and b", "a, b and c". */
export function listOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}
