import {printable} from '../../text/learner-text.js'
import type {CaseResult, SubmissionResult} from '../result.js'
import {cappedResult} from './capped.js'

/**
 * How Gradescope renders a string: `text` shows it as it is. Its defaults are `text` for test
 * names and outputs but `simple_format` (HTML) for the top-level output, so every format is set
 * explicitly: learner text must never be rendered as HTML or Markdown.
 */
type OutputFormat = 'text'
const TEXT: OutputFormat = 'text'

/**
 * Gradescope's autograder `results.json` for one learner. Gradescope knows only passed and
 * failed, so skipped and error cases are failed with their reason first. Learners never see the
 * submission's captured output (`stdout_visibility: hidden`): hidden cases' inputs could be printed.
 */
export interface GradescopeResults {
  readonly score: number
  readonly execution_time: number
  readonly output: string
  readonly output_format: OutputFormat
  readonly test_output_format: OutputFormat
  readonly test_name_format: OutputFormat
  readonly visibility: 'visible'
  readonly stdout_visibility: 'hidden'
  readonly tests: Array<{
    readonly name: string
    readonly name_format: OutputFormat
    readonly score: number
    readonly max_score: number
    readonly status: 'passed' | 'failed'
    readonly output: string
    readonly output_format: OutputFormat
    readonly visibility: 'visible' | 'hidden' | 'after_due_date'
    readonly tags: readonly string[]
  }>
}

function testOutput(c: CaseResult): string {
  const hint = c.status === 'passed' || !c.hint ? '' : `\nHint: ${c.hint}`
  const prefix = c.status === 'error' ? 'Error: ' : ''
  return printable(`${prefix}${c.feedback}${hint}`)
}

/** One learner's results (one per unit) as Gradescope's `results.json`; every string is printable text. */
export function gradescopeResults(results: readonly SubmissionResult[]): GradescopeResults {
  const many = results.length > 1
  const capped = results.map(cappedResult)
  const tests = capped.flatMap((r) => {
    const unit = printable(r.unit)
    const cases: GradescopeResults['tests'] = r.cases.map((c) => ({
      name: printable(many ? `${r.unit}: ${c.title}` : c.title),
      name_format: TEXT,
      score: c.score,
      max_score: c.max_score,
      status: c.status === 'passed' ? ('passed' as const) : ('failed' as const),
      output: testOutput(c),
      output_format: TEXT,
      visibility: c.visibility,
      tags: [unit, ...c.tags.map(printable)],
    }))
    if (r.error) {
      // A submission that could not run still shows why, as a failed test worth what was at stake.
      cases.unshift({
        name: many ? `${unit}: could not be graded` : 'Could not be graded',
        name_format: TEXT,
        score: 0,
        max_score: r.cases.length === 0 ? r.max_score : 0,
        status: 'failed',
        output: printable(r.error.message),
        output_format: TEXT,
        visibility: 'visible',
        tags: [unit],
      })
    }
    return cases
  })
  const lines = capped.flatMap((r) => [
    `${printable(r.unit)}: ${r.score}/${r.max_score} (${r.status})${r.seed.mode === 'unseeded' ? ' — graded without the instructor secret' : ''}`,
    // What a person should read is shown to the learner too: they can fix it before a person looks.
    ...(r.review ?? []).map((line) => `  to be read by a person: ${printable(line)}`),
  ])
  return {
    score: results.reduce((sum, r) => sum + r.score, 0),
    execution_time: Math.round(results.reduce((sum, r) => sum + r.timings.total_ms, 0)) / 1000,
    output: lines.join('\n'),
    output_format: TEXT,
    test_output_format: TEXT,
    test_name_format: TEXT,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  }
}
