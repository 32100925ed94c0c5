import {paint} from '../../core/markdown/ansi.js'
import type {SubmissionResult} from '../../core/grading/result.js'

/** One graded submission as a plain progress line (CI logs, pipes). */
export function formatGradeLine(result: SubmissionResult, index: number, total: number, color: boolean): string {
  const counter = `[${String(index).padStart(String(total).length)}/${total}]`
  const status = paint(result.status.padEnd(5), result.status === 'pass' ? ['good'] : result.status === 'fail' ? ['warn'] : ['bad'], color)
  const reason = result.error ? `  ${result.error.message.split('\n')[0]}` : ''
  return `${counter} ${result.learner}  ${result.unit}  ${result.score}/${result.max_score}  ${status}  ${(result.timings.total_ms / 1000).toFixed(1)} s${reason}`
}

export interface GradeTotals {
  readonly graded: number
  readonly resumed: number
  readonly results: readonly SubmissionResult[]
  readonly reports: readonly string[]
  readonly out: string
  readonly seconds: number
}

/** The closing lines of a grading run: counts, rate, reports written, and any warning. */
export function formatGradeSummary(totals: GradeTotals, color: boolean): string[] {
  const count = {pass: 0, fail: 0, error: 0}
  for (const r of totals.results) count[r.status]++
  const rate = totals.seconds > 0 ? `, ${(totals.graded / totals.seconds).toFixed(1)}/s` : ''
  const lines = [
    paint(`Graded ${totals.graded} submission${totals.graded === 1 ? '' : 's'} in ${totals.seconds.toFixed(1)} s${rate}${totals.resumed ? `; ${totals.resumed} already graded (resumed)` : ''}`, ['bold'], color),
    `${count.pass} passed · ${count.fail} failed · ${count.error} could not be graded`,
    `Reports in ${totals.out}: ${totals.reports.join(', ') || 'none'}`,
  ]
  const warnings = [...new Set(totals.results.flatMap((r) => r.sandbox.warnings))]
  for (const warning of warnings) lines.push(paint(`warning: ${warning}`, ['warn'], color))
  if (totals.results.some((r) => r.seed.mode === 'unseeded')) lines.push(paint('note: COURSE_GRADER_SECRET is not set, so hidden inputs were predictable (the reports say so).', ['warn'], color))
  return lines
}
