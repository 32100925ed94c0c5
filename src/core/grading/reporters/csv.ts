import type {SubmissionResult} from '../result.js'

/** A CSV field, quoted when it must be (RFC 4180), and never read as a formula by a spreadsheet. */
function field(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The gradebook: one row per learner and unit, sorted. */
export function gradebookCsv(results: readonly SubmissionResult[]): string {
  const header = ['learner', 'unit', 'score', 'max_score', 'percent', 'status', 'grader_version', 'seed']
  const rows = [...results]
    .sort((a, b) => a.learner.localeCompare(b.learner) || a.unit.localeCompare(b.unit))
    .map((r) => [r.learner, r.unit, r.score, r.max_score, r.max_score === 0 ? 0 : Math.round((1000 * r.score) / r.max_score) / 10, r.status, r.grader.version, r.seed.mode])
  return `${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`
}
