import {paint} from '../../core/markdown/ansi.js'
import type {SubmissionResult} from '../../core/grading/result.js'
import {MAX_FEEDBACK_CHARS, MAX_LINE_CHARS, MAX_NAME_CHARS, quote} from '../../core/text/learner-text.js'

/**
 * Learner ids, units and messages come from submissions: each is made printable (no escape
 * sequence, no carriage return that could redraw a line already printed) and kept on one line
 * before it reaches the console.
 */
function shown(text: string, max: number): string {
  return quote(text, max)
}

/** `learner/unit` as a console line shows it. */
export function submissionLabel(learner: string, unit: string): string {
  return `${shown(learner, MAX_NAME_CHARS)}/${shown(unit, MAX_NAME_CHARS)}`
}

/** The first line of an error message, a line ending's carriage return left out. */
function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0] ?? ''
}

/** One graded submission as a plain progress line (CI logs, pipes). */
export function formatGradeLine(result: SubmissionResult, index: number, total: number, color: boolean): string {
  const counter = `[${String(index).padStart(String(total).length)}/${total}]`
  const status = paint(result.status.padEnd(5), result.status === 'pass' ? ['good'] : result.status === 'fail' ? ['warn'] : ['bad'], color)
  const reason = result.error ? `  ${shown(firstLine(result.error.message), MAX_LINE_CHARS)}` : ''
  return `${counter} ${shown(result.learner, MAX_NAME_CHARS)}  ${shown(result.unit, MAX_NAME_CHARS)}  ${result.score}/${result.max_score}  ${status}  ${(result.timings.total_ms / 1000).toFixed(1)} s${reason}`
}

/** The stderr line for a submission the grader itself failed on. */
export function formatGraderFailure(failure: {readonly learner: string; readonly unit: string; readonly message: string}): string {
  return `grader failure on ${submissionLabel(failure.learner, failure.unit)}: ${shown(failure.message, MAX_LINE_CHARS)}`
}

/** The stderr line for a submission that scored below --fail-under. */
export function formatBelowThreshold(below: {readonly learner: string; readonly unit: string; readonly percent: number}, failUnder: number | undefined): string {
  return `${submissionLabel(below.learner, below.unit)} scored ${below.percent.toFixed(1)} %, below ${failUnder} %`
}

/** The warning `course grade merge` prints for a submission found in more than one shard. */
export function formatDuplicate(duplicate: {readonly learner: string; readonly unit: string}): string {
  return `warning: ${submissionLabel(duplicate.learner, duplicate.unit)} was graded in more than one shard; the most recent result was kept`
}

/** What Ctrl-C leaves: how far the run got, and how to go on. */
export function formatInterrupted(finished: number, total: number): string {
  return `\nInterrupted: graded ${finished} of ${total}; run the same command with \`--resume\` to continue (results already written are kept).`
}

/** Why --resume grades some results again: one line per reason, naming a few of the submissions. */
export function formatRegraded(regraded: ReadonlyArray<{readonly learner: string; readonly unit: string; readonly why: string}>): string[] {
  const byReason = new Map<string, string[]>()
  for (const r of regraded) byReason.set(r.why, [...(byReason.get(r.why) ?? []), submissionLabel(r.learner, r.unit)])
  return [...byReason].map(([why, labels]) => {
    const named = labels.slice(0, 5).join(', ') + (labels.length > 5 ? ` and ${labels.length - 5} more` : '')
    return `resume: grading ${labels.length} again, ${REGRADE_WORDS[why] ?? why}: ${named}`
  })
}

const REGRADE_WORDS: Record<string, string> = {
  'another secret': 'graded under another secret',
  'another grader version': 'graded by another version of the grader',
  'changed since': 'their files changed since they were graded',
  'other figures': 'graded against other scenario figures (--variants differs)',
  'grader failed': 'the grader failed on them last time',
}

/** Rows of the roster that name someone but hold no id: never guessed, so said. */
export function formatUnidentified(file: string, roster: {readonly column: string; readonly unidentified: ReadonlyArray<{readonly line: number; readonly name?: string}>}): string[] {
  return roster.unidentified.map((row) => `warning: ${file}:${row.line}: ${row.name ? shown(row.name, MAX_NAME_CHARS) : 'a row'} has no id in ${shown(roster.column, MAX_NAME_CHARS)}; not on the roster`)
}

/** The roster's groups after a run: who submitted nothing, and folders it does not list. */
export function formatRosterLines(roster: {readonly missing: readonly string[]; readonly unlisted: readonly string[]} | undefined, color: boolean): string[] {
  if (!roster) return []
  const list = (ids: readonly string[]) => ids.slice(0, 10).map((id) => shown(id, MAX_NAME_CHARS)).join(', ') + (ids.length > 10 ? ` and ${ids.length - 10} more` : '')
  const lines = [`Roster: ${roster.missing.length} listed learner${roster.missing.length === 1 ? '' : 's'} submitted nothing${roster.missing.length ? ` (${list(roster.missing)})` : ''}`]
  if (roster.unlisted.length > 0) lines.push(paint(`Roster: ${roster.unlisted.length} folder${roster.unlisted.length === 1 ? ' is' : 's are'} not on it: ${list(roster.unlisted)}`, ['warn'], color))
  return lines
}

/** The reports written, a folder of per-learner files (feedback/, gradescope/) named once with its count. */
export function reportList(reports: readonly string[]): string {
  const folders = new Map<string, number>()
  const shown: string[] = []
  for (const report of reports) {
    const folder = /^([^/\\]+)[/\\]/.exec(report)?.[1]
    if (folder === undefined) shown.push(report)
    else {
      if (!folders.has(folder)) shown.push(`${folder}/`)
      folders.set(folder, (folders.get(folder) ?? 0) + 1)
    }
  }
  return shown.map((r) => (r.endsWith('/') ? `${r} (${folders.get(r.slice(0, -1))} files)` : r)).join(', ')
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
  const count = {pass: 0, fail: 0, error: 0, missing: 0}
  for (const r of totals.results) count[r.status]++
  const rate = totals.seconds > 0 ? `, ${(totals.graded / totals.seconds).toFixed(1)}/s` : ''
  const lines = [
    paint(`Graded ${totals.graded} submission${totals.graded === 1 ? '' : 's'} in ${totals.seconds.toFixed(1)} s${rate}${totals.resumed ? `; ${totals.resumed} already graded (resumed)` : ''}`, ['bold'], color),
    `${count.pass} passed · ${count.fail} failed · ${count.error} could not be graded${count.missing ? ` · ${count.missing} missing (on the roster, no folder)` : ''}`,
    `Reports in ${totals.out}: ${reportList(totals.reports) || 'none'}`,
  ]
  // Warnings are the sandbox's own, but they are read back from result files a merge was given.
  const warnings = [...new Set(totals.results.flatMap((r) => r.sandbox.warnings))]
  for (const warning of warnings) lines.push(paint(`warning: ${shown(warning, MAX_FEEDBACK_CHARS)}`, ['warn'], color))
  const flagged = totals.results.filter((r) => (r.review ?? []).length > 0).length
  if (flagged > 0) lines.push(paint(`review: ${flagged} submission${flagged === 1 ? ' has' : 's have'} prose or departures a person should read (listed in the Markdown summary and in each result's \`review\`)`, ['warn'], color))
  if (totals.results.some((r) => r.seed.mode === 'unseeded')) lines.push(paint('note: COURSE_GRADER_SECRET is not set, so hidden inputs were predictable (the reports say so).', ['warn'], color))
  return lines
}
