import {MAX_FEEDBACK_CHARS, MAX_LINE_CHARS, MAX_NAME_CHARS, quote} from '../../text/learner-text.js'
import type {SubmissionResult} from '../result.js'
import {cappedResult} from './capped.js'
import {escapeMarkdown} from './markdown-text.js'

/** Text from a result, shortened to `max` and escaped: it reads as itself and stays in its cell. */
function text(value: string, max: number): string {
  return escapeMarkdown(quote(value, max))
}

/** The first line of an error message: a table row has room for no more. */
function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0] ?? ''
}

const percent = (score: number, max: number) => (max === 0 ? '0' : ((100 * score) / max).toFixed(1))

/**
 * A summary for humans that fits a CI step summary: totals, each learner's score, and the cases
 * that failed most often (where a class needs help, or a case needs a look). Every text that came
 * from a result is escaped (see `escapeMarkdown`), so a learner's id or error message renders as
 * itself, never as markup. Made line by line, so a class's file is written as it is made.
 */
export function* markdownLines(all: readonly SubmissionResult[], title = 'Grading summary', roster: RosterNotes = {}): Generator<string> {
  const results = all.map(cappedResult)
  yield `# ${title}\n\n`
  const statuses = {pass: 0, fail: 0, error: 0, missing: 0}
  for (const r of results) statuses[r.status]++
  const units = [...new Set(results.map((r) => r.unit))].sort().map((u) => text(u, MAX_NAME_CHARS))
  yield `${results.length} submission${results.length === 1 ? '' : 's'} · ${units.join(', ') || 'no unit'} · ${statuses.pass} passed, ${statuses.fail} failed, ${statuses.error} could not be graded${statuses.missing ? `, ${statuses.missing} missing` : ''}\n\n`
  const unseeded = results.filter((r) => r.seed.mode === 'unseeded').length
  if (unseeded > 0) yield `> **Note.** ${unseeded} submission${unseeded === 1 ? ' was' : 's were'} graded without \`COURSE_GRADER_SECRET\`: hidden inputs were predictable.\n\n`
  const warnings = [...new Set(results.flatMap((r) => r.sandbox.warnings))]
  for (const warning of warnings) yield `> **Sandbox.** ${text(warning, MAX_FEEDBACK_CHARS)}\n\n`

  yield '| learner | unit | score | % | status |\n| --- | --- | ---: | ---: | --- |\n'
  for (const r of [...results].sort((a, b) => a.learner.localeCompare(b.learner) || a.unit.localeCompare(b.unit))) {
    const status = r.error ? `${r.status}: ${text(firstLine(r.error.message), MAX_LINE_CHARS)}` : r.status
    yield `| ${text(r.learner, MAX_NAME_CHARS)} | ${text(r.unit, MAX_NAME_CHARS)} | ${r.score}/${r.max_score} | ${percent(r.score, r.max_score)} | ${status} |\n`
  }

  yield* rosterLines(results, roster)

  const flagged = results.filter((r) => (r.review ?? []).length > 0)
  if (flagged.length > 0) {
    yield '\n## For a person to read\n\nThe checks cannot judge these; read them before trusting the score.\n\n'
    for (const r of flagged) for (const line of r.review!) yield `- ${text(r.learner, MAX_NAME_CHARS)} / ${text(r.unit, MAX_NAME_CHARS)}: ${text(line, MAX_FEEDBACK_CHARS)}\n`
  }

  const failing = new Map<string, {title: string; failed: number; ran: number}>()
  for (const r of results) {
    for (const c of r.cases) {
      const key = `${r.unit}: ${c.title}`
      const entry = failing.get(key) ?? {title: key, failed: 0, ran: 0}
      entry.ran++
      if (c.status !== 'passed') entry.failed++
      failing.set(key, entry)
    }
  }
  const hardest = [...failing.values()].filter((e) => e.failed > 0).sort((a, b) => b.failed / b.ran - a.failed / a.ran || a.title.localeCompare(b.title)).slice(0, 10)
  if (hardest.length > 0) {
    yield '\n## Cases failed most often\n\n| case | not passed |\n| --- | ---: |\n'
    for (const e of hardest) yield `| ${text(e.title, MAX_LINE_CHARS)} | ${e.failed}/${e.ran} |\n`
  }
}

/** What the roster says beyond the results: folders whose learner it does not list. */
export interface RosterNotes {
  readonly unlisted?: readonly string[]
}

/** The roster's two groups, when there was a roster: listed learners with nothing submitted, and folders it does not list. */
function* rosterLines(results: readonly SubmissionResult[], roster: RosterNotes): Generator<string> {
  const missing = [...new Set(results.filter((r) => r.status === 'missing').map((r) => r.learner))].sort()
  const unlisted = roster.unlisted ?? []
  if (missing.length > 0) {
    yield `\n## On the roster, nothing submitted (${missing.length})\n\n`
    yield `${missing.map((l) => text(l, MAX_NAME_CHARS)).join(', ')}\n`
  }
  if (unlisted.length > 0) {
    yield `\n## Graded, but not on the roster (${unlisted.length})\n\nCheck the folder names against the roster's ids.\n\n`
    yield `${unlisted.map((l) => text(l, MAX_NAME_CHARS)).join(', ')}\n`
  }
}

/** The whole summary as one string. */
export function markdownSummary(results: readonly SubmissionResult[], title = 'Grading summary'): string {
  return [...markdownLines(results, title)].join('')
}
