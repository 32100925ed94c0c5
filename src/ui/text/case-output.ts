import {paint} from '../../core/markdown/ansi.js'
import {truncateToWidth} from '../../core/text/display-width.js'
import {printable} from '../../core/text/learner-text.js'
import type {CaseResult, SubmissionResult} from '../../core/grading/result.js'
import type {SourceLine} from '../../services/check.js'

/** Lines of a case's own output shown under it; the rest is counted (all of it is in `--json`). */
const MAX_PRINTED_LINES = 8

/**
 * What the learner's code printed during a failing visible case, labelled so it cannot be taken
 * for the grader's words: each line made printable (no escape sequence reaches the terminal),
 * indented, and cut to the width.
 */
export function printedLines(printed: string | undefined, options: {readonly color: boolean; readonly width: number}): string[] {
  if (!printed) return []
  const lines = printed.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  const room = Math.max(20, Math.min(options.width, 100) - 10)
  const shown = lines.slice(0, MAX_PRINTED_LINES).map((line) => `      ${paint('│', ['dim'], options.color)} ${truncateToWidth(printable(line), room)}`)
  const more = lines.length - MAX_PRINTED_LINES
  return [
    paint('      Your code printed:', ['dim'], options.color),
    ...shown,
    ...(more > 0 ? [paint(`      │ … ${more} more line${more === 1 ? '' : 's'} (\`course check --json\` has them all)`, ['dim'], options.color)] : []),
  ]
}

/**
 * The cases a build error kept from running: the code part marks each `not run: …` (grade.ts),
 * while a design part's cases were judged and stand as they are.
 */
export function waitingOnBuild(result: SubmissionResult): CaseResult[] {
  return result.error?.kind === 'build' ? result.cases.filter((c) => c.status !== 'passed' && c.feedback.startsWith('not run: ')) : []
}

/**
 * A submission that does not build, said once and first: the bundler's messages, the source line
 * of the first one with a caret, and how many cases wait on it (instead of the same line under
 * every case).
 */
export function buildErrorLines(message: string, source: SourceLine | undefined, cases: number, options: {readonly color: boolean; readonly width: number}): string[] {
  const lines = [paint('Your code does not build:', ['bad', 'bold'], options.color), ...message.split('\n').map((line) => `  ${printable(line)}`)]
  if (source) {
    const number = String(source.line)
    const room = Math.max(20, Math.min(options.width, 100) - number.length - 8)
    const text = printable(source.text.replace(/\t/g, '  '))
    lines.push(`    ${paint(number, ['dim'], options.color)} │ ${truncateToWidth(text, room)}`)
    // Measured on the line as shown (tabs widened, control characters replaced), so the caret sits under the column.
    const caretAt = Math.min(printable(source.text.slice(0, Math.max(0, source.column - 1)).replace(/\t/g, '  ')).length, room)
    lines.push(`    ${' '.repeat(number.length)} │ ${' '.repeat(caretAt)}${paint('^', ['bad'], options.color)}`)
  }
  if (cases > 0) lines.push(paint(`${cases} case${cases === 1 ? '' : 's'} will run once it builds.`, ['dim'], options.color))
  return lines
}
