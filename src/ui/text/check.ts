import {paint, type StyleName} from '../../core/markdown/ansi.js'
import type {CaseResult, CaseStatus, SubmissionResult} from '../../core/grading/result.js'
import {fitToWidth, truncateToWidth} from '../../core/text/display-width.js'
import type {TypeWarning} from '../../core/typecheck/type-warnings.js'
import type {SourceLine} from '../../services/check.js'
import type {HintCount} from '../../services/hint.js'
import {buildErrorLines, printedLines, waitingOnBuild} from './case-output.js'
import {hintOffer} from './hint-offer.js'

export const STATUS_MARK: Record<CaseStatus, string> = {passed: '✓', failed: '✗', skipped: '-', error: '!'}
export const STATUS_STYLE: Record<CaseStatus, StyleName[]> = {passed: ['good'], failed: ['bad'], skipped: ['dim'], error: ['bad']}

/**
 * One finished case: mark, title, points; then, when it did not pass, what went wrong and what the
 * learner's code printed meanwhile. No hint: hints come one at a time from `course hint`, and the
 * summary says how many are left.
 */
export function formatCase(c: CaseResult, options: {color: boolean; width: number}): string[] {
  const points = `${c.score}/${c.max_score}`
  const title = `${STATUS_MARK[c.status]} ${c.title}`
  const room = Math.max(10, Math.min(options.width, 100) - points.length - 3)
  const lines = [`  ${paint(fitToWidth(title, room), STATUS_STYLE[c.status], options.color)} ${paint(points, ['dim'], options.color)}`]
  if (c.status !== 'passed') {
    lines.push(`      ${c.feedback}`, ...printedLines(c.printed, options))
  }
  return lines
}

export interface CheckSummaryOptions {
  readonly color: boolean
  readonly newlyPassed: boolean
  /** The unit's hints, shown and total: a check that did not pass says how to see the next. */
  readonly hints?: HintCount
}

/** The closing lines of a check: the score, or why nothing could be graded, and what to do next. */
export function formatCheckSummary(result: SubmissionResult, options: CheckSummaryOptions): string[] {
  const lines: string[] = []
  if (result.error?.kind === 'build') {
    // The error itself was said first (formatCheck): here only what it costs.
    lines.push(`Score ${result.score}/${result.max_score} · ${paint('fix the build error above, then check again', ['bad', 'bold'], options.color)}`)
    return withHintOffer(lines, result, options)
  }
  if (result.error) {
    lines.push(paint(`Could not run your code: ${result.error.kind}`, ['bad', 'bold'], options.color))
    for (const line of result.error.message.split('\n')) lines.push(`  ${line}`)
    return withHintOffer(lines, result, options)
  }
  const passed = result.cases.filter((c) => c.status === 'passed').length
  const verdict = result.status === 'pass' ? paint('all visible cases pass', ['good', 'bold'], options.color) : paint(`${passed} of ${result.cases.length} cases pass`, ['bold'], options.color)
  lines.push(`Score ${result.score}/${result.max_score} · ${verdict}`)
  for (const line of result.review ?? []) lines.push(paint(`A person will read this: ${line}`, ['warn'], options.color))
  if (options.newlyPassed) lines.push(paint(`The reference write-up is open: \`course show ${result.unit} --solution\`.`, ['good'], options.color))
  lines.push(paint('Hidden cases run when your instructor grades: the same properties on other inputs.', ['dim'], options.color))
  return withHintOffer(lines, result, options)
}

/** A check that did not pass ends with how many hints are left, when the caller knows. */
function withHintOffer(lines: string[], result: SubmissionResult, options: CheckSummaryOptions): string[] {
  const offer = result.status === 'pass' || !options.hints ? undefined : hintOffer(options.hints)
  return offer ? [...lines, paint(offer, ['dim'], options.color)] : lines
}

export interface CheckReportOptions extends CheckSummaryOptions {
  readonly width: number
  readonly folder: string
  /** The line a build error points at, shown with a caret. */
  readonly buildSource?: SourceLine
  readonly typeWarnings?: readonly TypeWarning[]
  /** Tooling files the workspace lacks: the report ends by saying how to add them. */
  readonly missingTooling?: readonly string[]
}

/** The whole report of `course check` for a terminal or a pipe. */
export function formatCheck(result: SubmissionResult, options: CheckReportOptions): string {
  return [
    `Checking ${result.unit} (visible cases) in ${options.folder}`,
    ...checkBody(result, options),
    '',
    ...formatCheckSummary(result, options),
    ...checkNotes(options),
  ].join('\n')
}

/**
 * The cases, or, when the code does not build, the build error once with its source line: the
 * cases that wait on it are counted, not listed each with the same line.
 */
function checkBody(result: SubmissionResult, options: CheckReportOptions): string[] {
  if (result.error?.kind !== 'build') return result.cases.flatMap((c) => formatCase(c, options))
  const waiting = waitingOnBuild(result)
  const others = result.cases.filter((c) => !waiting.includes(c))
  return [...buildErrorLines(result.error.message, options.buildSource, waiting.length, options), ...others.flatMap((c) => formatCase(c, options))]
}

/** Type warnings in the learner's files shown at most; the rest are counted. */
const MAX_TYPE_WARNINGS = 10

/** What follows the score: type errors (never graded) and tooling the workspace could have. */
export function checkNotes(options: Pick<CheckReportOptions, 'color' | 'width' | 'typeWarnings' | 'missingTooling'>): string[] {
  const lines: string[] = []
  const warnings = options.typeWarnings ?? []
  if (warnings.length > 0) {
    lines.push('', paint(`Type errors in your files (a warning: the score does not count them):`, ['warn'], options.color))
    const room = Math.max(30, Math.min(options.width, 100) - 4)
    for (const w of warnings.slice(0, MAX_TYPE_WARNINGS)) {
      lines.push(`  ${w.file}:${w.line}:${w.column} ${paint(`TS${w.code}`, ['dim'], options.color)}`, `    ${truncateToWidth(w.message.split('\n')[0]!, room - 2)}`)
    }
    if (warnings.length > MAX_TYPE_WARNINGS) lines.push(paint(`  … ${warnings.length - MAX_TYPE_WARNINGS} more (\`course check --json\` lists them all)`, ['dim'], options.color))
  }
  const missing = options.missingTooling ?? []
  if (missing.length > 0) {
    lines.push('', paint(`This workspace has no ${missing.join(', ')}: \`course start --tooling\` adds them, so your editor type-checks the unit and \`npm test\` runs this check.`, ['dim'], options.color))
  }
  return lines
}
