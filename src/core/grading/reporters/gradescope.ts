import type {CaseResult, SubmissionResult} from '../result.js'

/**
 * Gradescope's autograder `results.json` for one learner. Gradescope knows only passed and
 * failed, so skipped and error cases are failed with their reason first. Learners never see the
 * submission's captured output (`stdout_visibility: hidden`): hidden cases' inputs could be printed.
 */
export interface GradescopeResults {
  readonly score: number
  readonly execution_time: number
  readonly output: string
  readonly visibility: 'visible'
  readonly stdout_visibility: 'hidden'
  readonly tests: Array<{
    readonly name: string
    readonly score: number
    readonly max_score: number
    readonly status: 'passed' | 'failed'
    readonly output: string
    readonly visibility: 'visible' | 'hidden' | 'after_due_date'
    readonly tags: readonly string[]
  }>
}

function testOutput(c: CaseResult): string {
  const hint = c.status === 'passed' || !c.hint ? '' : `\nHint: ${c.hint}`
  const prefix = c.status === 'error' ? 'Error: ' : ''
  return `${prefix}${c.feedback}${hint}`
}

export function gradescopeResults(results: readonly SubmissionResult[]): GradescopeResults {
  const many = results.length > 1
  const tests = results.flatMap((r) => {
    const cases = r.cases.map((c) => ({
      name: many ? `${r.unit}: ${c.title}` : c.title,
      score: c.score,
      max_score: c.max_score,
      status: c.status === 'passed' ? ('passed' as const) : ('failed' as const),
      output: testOutput(c),
      visibility: c.visibility,
      tags: [r.unit, ...c.tags],
    }))
    if (r.error) {
      // A submission that could not run still shows why, as a failed test worth what was at stake.
      cases.unshift({name: many ? `${r.unit}: could not be graded` : 'Could not be graded', score: 0, max_score: r.cases.length === 0 ? r.max_score : 0, status: 'failed', output: r.error.message, visibility: 'visible', tags: [r.unit]})
    }
    return cases
  })
  const lines = results.map((r) => `${r.unit}: ${r.score}/${r.max_score} (${r.status})${r.seed.mode === 'unseeded' ? ' — graded without the instructor secret' : ''}`)
  return {
    score: results.reduce((sum, r) => sum + r.score, 0),
    execution_time: Math.round(results.reduce((sum, r) => sum + r.timings.total_ms, 0)) / 1000,
    output: lines.join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  }
}
