import {paint, type StyleName} from '../../core/markdown/ansi.js'
import type {CaseResult, CaseStatus, SubmissionResult} from '../../core/grading/result.js'
import {fitToWidth} from '../../core/text/display-width.js'

export const STATUS_MARK: Record<CaseStatus, string> = {passed: '✓', failed: '✗', skipped: '-', error: '!'}
export const STATUS_STYLE: Record<CaseStatus, StyleName[]> = {passed: ['good'], failed: ['bad'], skipped: ['dim'], error: ['bad']}

/** One finished case: mark, title, points; then, when it did not pass, what went wrong and a hint. */
export function formatCase(c: CaseResult, options: {color: boolean; width: number}): string[] {
  const points = `${c.score}/${c.max_score}`
  const title = `${STATUS_MARK[c.status]} ${c.title}`
  const room = Math.max(10, Math.min(options.width, 100) - points.length - 3)
  const lines = [`  ${paint(fitToWidth(title, room), STATUS_STYLE[c.status], options.color)} ${paint(points, ['dim'], options.color)}`]
  if (c.status !== 'passed') {
    lines.push(`      ${c.feedback}`)
    if (c.hint && c.status !== 'skipped') lines.push(paint(`      Hint: ${c.hint}`, ['dim'], options.color))
  }
  return lines
}

/** The closing lines of a check: the score, or why nothing could be graded, and what to do next. */
export function formatCheckSummary(result: SubmissionResult, options: {color: boolean; newlyPassed: boolean}): string[] {
  const lines: string[] = []
  if (result.error) {
    lines.push(paint(`Could not run your code: ${result.error.kind}`, ['bad', 'bold'], options.color))
    for (const line of result.error.message.split('\n')) lines.push(`  ${line}`)
    return lines
  }
  const passed = result.cases.filter((c) => c.status === 'passed').length
  const verdict = result.status === 'pass' ? paint('all visible cases pass', ['good', 'bold'], options.color) : paint(`${passed} of ${result.cases.length} cases pass`, ['bold'], options.color)
  lines.push(`Score ${result.score}/${result.max_score} · ${verdict}`)
  for (const line of result.review ?? []) lines.push(paint(`A person will read this: ${line}`, ['warn'], options.color))
  if (options.newlyPassed) lines.push(paint(`The reference write-up is open: \`course show ${result.unit} --solution\`.`, ['good'], options.color))
  lines.push(paint('Hidden cases run when your instructor grades: the same properties on other inputs.', ['dim'], options.color))
  return lines
}

export function formatCheck(result: SubmissionResult, options: {color: boolean; width: number; newlyPassed: boolean; folder: string}): string {
  return [
    `Checking ${result.unit} (visible cases) in ${options.folder}`,
    ...result.cases.flatMap((c) => formatCase(c, options)),
    '',
    ...formatCheckSummary(result, options),
  ].join('\n')
}
