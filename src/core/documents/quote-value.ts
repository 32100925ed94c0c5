import {quote} from '../text/learner-text.js'

/** Characters kept of a JSON pointer shown in a message: pointers hold the learner's keys. */
export const MAX_POINTER_CHARS = 120

/**
 * A learner's value as a message names it: a scalar in backticks (quoted, capped), a list or a
 * mapping by what it is (its text could be megabytes).
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `\`${quote(String(value))}\``
}

/** A JSON pointer as a message shows it: it holds the learner's keys, so it is capped and printable. */
export function showPointer(pointer: string): string {
  return quote(pointer, MAX_POINTER_CHARS)
}
