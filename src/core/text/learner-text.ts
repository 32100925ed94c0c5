/**
 * Text that came from a submission (a thrown message, a value a check quotes, a file name, what the
 * code printed) is kept only through these helpers: capped wherever it is stored, and made
 * printable before it reaches a terminal or a report. A submission can otherwise fill every report
 * with megabytes, or print escape sequences that redraw the instructor's screen.
 */

/** Characters kept of one case's feedback. */
export const MAX_FEEDBACK_CHARS = 2_000
/** Characters kept of a submission's error message (a build's located problems fit in this). */
export const MAX_ERROR_CHARS = 4_000
/** Characters kept of a value quoted inside a message. */
export const MAX_QUOTE_CHARS = 80
/**
 * Characters kept of a learner id, a unit or a case name where it is shown: a file name's limit on
 * common file systems, so an id that came from a folder name is never cut.
 */
export const MAX_NAME_CHARS = 255
/** Characters kept of learner text shown on one line: a console line's reason, a table cell. */
export const MAX_LINE_CHARS = 200
/** Characters kept of each of stdout and stderr in a report; the sandbox keeps far less by default. */
export const MAX_OUTPUT_CHARS = 64 * 1024

/**
 * Cuts text to at most `max` characters (UTF-16 units), saying how much was cut. A cut never
 * splits a grapheme (an accented letter, an emoji with its skin tone), let alone a surrogate pair,
 * so the result is still well-formed for JSON and XML and shows no stray half of a character.
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : cut(text, max, text.length)
}

/** The first characters of `text`, and a note of how many of `total` were left out; at most `max` long. */
function cut(text: string, max: number, total: number): string {
  const end = graphemeBoundaryAtOrBefore(text, Math.max(0, max - ` … (${total} more characters)`.length))
  return `${text.slice(0, end)} … (${total - end} more characters)`
}

const GRAPHEMES = new Intl.Segmenter(undefined, {granularity: 'grapheme'})
/**
 * How far around a cut the grapheme rules are applied. Only this window is segmented, so a cut
 * costs the same in a megabyte as in a line; a grapheme longer than it (a letter under dozens of
 * combining marks) may be cut between code points, never inside one.
 */
const GRAPHEME_WINDOW = 64

/**
 * The largest index at or before `index` where `text` may be cut: between two graphemes, so
 * neither a surrogate pair nor a letter and its accent nor an emoji sequence is split.
 */
export function graphemeBoundaryAtOrBefore(text: string, index: number): number {
  if (index <= 0) return 0
  if (index >= text.length) return text.length
  const from = Math.max(0, index - GRAPHEME_WINDOW)
  const around = GRAPHEMES.segment(text.slice(from, index + GRAPHEME_WINDOW)).containing(index - from)
  const boundary = from + (around?.index ?? index - from)
  const code = text.charCodeAt(boundary - 1)
  // At a window's edge the segmenter may have started mid-pair: step back over the high half.
  return code >= 0xd800 && code <= 0xdbff ? boundary - 1 : boundary
}

/**
 * C0 and C1 control characters except tab and newline, DEL, and the Unicode bidirectional
 * overrides (which can make a line read differently from its bytes).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
/** Terminal escape sequences: CSI (colours, cursor moves), OSC (titles, links) and two-byte escapes. */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]/g

/**
 * Learner text made safe to print: escape sequences removed, every other control character
 * (carriage return and backspace included, which can overwrite a line already printed) shown as
 * `\xNN`. Tabs and newlines stay.
 */
export function printable(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/**
 * A value quoted in a message: printable, on one line, and short. Only the head of a long text is
 * cleaned (a few times `max`, since escapes can lengthen it), so the cost never grows with the
 * text; the note counts what was left out of the whole.
 */
export function quote(value: unknown, max: number = MAX_QUOTE_CHARS): string {
  const text = typeof value === 'string' ? value : safeJson(value)
  const head = text.length > 4 * max ? text.slice(0, graphemeBoundaryAtOrBefore(text, 4 * max)) : text
  const line = oneLine(printable(head))
  if (line.length <= max && head.length === text.length) return line
  return cut(line, max, line.length + (text.length - head.length))
}

/**
 * Text on one line: each line break, with the spaces around it, becomes one space. Split rather
 * than a pattern around the break: `\s*\n\s*` backtracks on a long run of spaces.
 */
export function oneLine(text: string): string {
  const parts = text.split('\n')
  return parts.length === 1 ? text : parts.map((part) => part.trim()).filter((part) => part !== '').join(' ')
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
