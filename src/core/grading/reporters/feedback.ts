import MarkdownIt from 'markdown-it'
import {MARKDOWN_OPTIONS} from '../../markdown/parser.js'
import {escapeHtml} from '../../site/html.js'
import {clip, MAX_ERROR_CHARS, MAX_FEEDBACK_CHARS, MAX_LINE_CHARS, MAX_NAME_CHARS, quote} from '../../text/learner-text.js'
import type {CaseResult, SubmissionResult} from '../result.js'
import {cappedResult} from './capped.js'
import {escapeMarkdown} from './markdown-text.js'

/*
 * A file an instructor can hand back to one learner: what each unit scored and why. It holds only
 * what a learner may read:
 * - visible cases in full (title, points, result, and for one that did not pass its feedback and hint);
 * - hidden cases as a count, and for each that did not pass its title, failure message and hint:
 *   what Gradescope's `results.json` carries for them, and what grading writes for learners (a
 *   hidden case's message never quotes its inputs, the expected values or what the code threw);
 * - `after_due_date` cases as a count only. Gradescope holds them back until the due date, but a
 *   file handed back has no date on it and may reach the learner before then; the count adds
 *   nothing the score does not already tell.
 * Never in it: case names and tags (a private case's may describe its input), what the code printed
 * (a hidden input could be printed), the submitted files, and the review lines, which are notes for
 * the person grading (prose to read, figures that depart from the scenario) to act on before the
 * file is handed back, not a verdict for the learner.
 */

/** Learner text on one line, cut to `max` and escaped: it reads as itself wherever it is put. */
function inline(value: string, max: number): string {
  return escapeMarkdown(quote(value, max))
}

/**
 * Learner text that may run over several lines (a build's located problems), kept line by line:
 * each line escaped (so none can open a block), joined by hard breaks, continued at `indent`.
 */
function lines(value: string, max: number, indent = ''): string {
  const kept = clip(value, max)
    .split(/\r?\n/)
    .map(escapeMarkdown)
    .filter((line) => line !== '')
  return kept.join(`\\\n${indent}`)
}

/**
 * Learner text for a heading. `escapeMarkdown` keeps it from opening a block; a heading also drops
 * a closing run of `#` (`## unit #`), so the first of such a run is escaped too.
 */
function headingText(value: string): string {
  return inline(value, MAX_NAME_CHARS).replace(/([ \t])(#+)$/, '$1\\$2')
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
const percent = (score: number, max: number) => (max === 0 ? '0' : ((100 * score) / max).toFixed(1))

/** A submission's status in words; keyed by text, as a merged result file may hold any status. */
const SUBMISSION_STATUS: Readonly<Record<string, string>> = {pass: 'every case passed', fail: 'not every case passed', error: 'could not be graded', missing: 'nothing was submitted'}

/** A case's status as shown; escaped too, as a result file edited before a merge may hold any text. */
const caseStatus = (c: CaseResult) => inline(String(c.status), MAX_LINE_CHARS)

/** What a learner reads of a case that did not pass: its message (and hint), as a list item. */
function caseItem(c: CaseResult): string {
  const hint = c.hint ? `\\\n  Hint: ${lines(c.hint, MAX_FEEDBACK_CHARS, '  ')}` : ''
  return `- **${inline(c.title, MAX_LINE_CHARS)}** (${caseStatus(c)}): ${lines(c.feedback, MAX_FEEDBACK_CHARS, '  ')}${hint}\n`
}

/** A group of cases a learner does not see in full, as a count of those passed and their points. */
function tally(label: string, cases: readonly CaseResult[]): string {
  const passed = cases.filter((c) => c.status === 'passed').length
  const score = cases.reduce((sum, c) => sum + c.score, 0)
  const max = cases.reduce((sum, c) => sum + c.max_score, 0)
  return `${label}: ${passed} of ${cases.length} passed (${score} / ${max} points).\n\n`
}

function* unitLines(r: SubmissionResult, heading: string): Generator<string> {
  yield `${heading} ${headingText(r.unit)}\n\n`
  yield `**Score: ${r.score} / ${r.max_score}** (${percent(r.score, r.max_score)}%) · ${SUBMISSION_STATUS[r.status] ?? inline(String(r.status), MAX_LINE_CHARS)}\n\n`
  // With nothing submitted the status says it all; the error's wording is for the instructor.
  if (r.error && r.status !== 'missing') yield `**Could not be graded:** ${lines(r.error.message, MAX_ERROR_CHARS)}\n\n`

  const visible = r.cases.filter((c) => c.visibility === 'visible')
  // Anything neither visible nor after the due date is treated as hidden, as grading does.
  const hidden = r.cases.filter((c) => c.visibility !== 'visible' && c.visibility !== 'after_due_date')
  const afterDue = r.cases.filter((c) => c.visibility === 'after_due_date')
  if (visible.length > 0) {
    yield '| case | points | result |\n| --- | ---: | --- |\n'
    for (const c of visible) yield `| ${inline(c.title, MAX_LINE_CHARS)} | ${c.score} / ${c.max_score} | ${caseStatus(c)} |\n`
    yield '\n'
    const missed = visible.filter((c) => c.status !== 'passed')
    if (missed.length > 0) {
      yield 'What to look at:\n\n'
      for (const c of missed) yield caseItem(c)
      yield '\n'
    }
  }
  if (hidden.length > 0) {
    yield tally('Hidden cases', hidden)
    const missed = hidden.filter((c) => c.status !== 'passed')
    for (const c of missed) yield caseItem(c)
    if (missed.length > 0) yield '\n'
  }
  if (afterDue.length > 0) yield tally('Cases released after the due date', afterDue)
}

/**
 * One learner's feedback as Markdown, line by line: every unit they were graded on, in order.
 * Every text that came from a result is escaped (see `escapeMarkdown`), so it renders as itself.
 */
export function* feedbackMarkdownLines(all: readonly SubmissionResult[]): Generator<string> {
  const results = all.map(cappedResult).sort((a, b) => a.unit.localeCompare(b.unit))
  const learner = results[0]?.learner ?? ''
  yield `# Feedback for ${headingText(learner)}\n\n`
  if (results.length > 1) {
    const score = results.reduce((sum, r) => sum + r.score, 0)
    const max = results.reduce((sum, r) => sum + r.max_score, 0)
    yield `**Total: ${score} / ${max}** (${percent(score, max)}%) over ${plural(results.length, 'unit')}.\n\n`
  }
  for (const r of results) yield* unitLines(r, '##')
}

export function feedbackMarkdown(results: readonly SubmissionResult[]): string {
  return [...feedbackMarkdownLines(results)].join('')
}

let renderer: MarkdownIt | undefined

/**
 * A renderer of its own, with the course's options (no raw HTML, no bare links): whatever the
 * escaping missed could still not become markup, and nothing another part of the course adds to
 * its shared renderer reaches a learner's file.
 */
function markdownIt(): MarkdownIt {
  renderer ??= new MarkdownIt('default', MARKDOWN_OPTIONS)
  return renderer
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0}
main{max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
th{background:#f4f4f4}li{margin:.4rem 0}code{font-family:ui-monospace,monospace}`

/**
 * One learner's feedback as a self-contained HTML page: the Markdown rendered without raw HTML,
 * inline style, and a policy that lets the page run no script and load nothing, so it can be
 * opened from a mail or an archive as it is.
 */
export function feedbackHtml(results: readonly SubmissionResult[]): string {
  const learner = clip(results[0]?.learner ?? '', MAX_NAME_CHARS)
  const body = markdownIt().render(feedbackMarkdown(results))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Feedback for ${escapeHtml(quote(learner, MAX_NAME_CHARS))}</title>
<style>
${STYLE}
</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`
}
