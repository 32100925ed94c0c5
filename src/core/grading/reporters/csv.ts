import {oneLine, printable} from '../../text/learner-text.js'
import type {SubmissionResult} from '../result.js'
import {cappedResult} from './capped.js'

/**
 * What a spreadsheet can read as the start of a formula (OWASP's list, the full-width forms some
 * spreadsheets also accept, and spaces before any of them, which some importers trim); such a
 * field gets a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|\t)/

/**
 * A CSV field: quoted when it must be (RFC 4180), on one physical line (so a tool that reads
 * line by line still sees one row per learner), printable, and never read as a formula.
 */
function field(value: string | number): string {
  if (typeof value === 'number') return String(value)
  let text = oneLine(printable(value.replace(/\r\n/g, '\n')))
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** `review` counts what a person should read before trusting the score (see the Markdown summary). */
const HEADER = ['learner', 'unit', 'score', 'max_score', 'percent', 'status', 'grader_version', 'seed', 'review']

/** The gradebook, row by row: one per learner and unit, sorted. */
export function* gradebookRows(results: readonly SubmissionResult[]): Generator<string> {
  yield `${HEADER.join(',')}\r\n`
  const sorted = [...results].sort((a, b) => a.learner.localeCompare(b.learner) || a.unit.localeCompare(b.unit))
  for (const result of sorted) {
    const r = cappedResult(result)
    const row = [r.learner, r.unit, r.score, r.max_score, r.max_score === 0 ? 0 : Math.round((1000 * r.score) / r.max_score) / 10, r.status, r.grader.version, r.seed.mode, r.review?.length ?? 0]
    yield `${row.map(field).join(',')}\r\n`
  }
}

/** The whole gradebook as one string. */
export function gradebookCsv(results: readonly SubmissionResult[]): string {
  return [...gradebookRows(results)].join('')
}
