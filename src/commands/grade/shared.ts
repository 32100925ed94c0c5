import {Flags} from '@oclif/core'
import type {GradeSummary} from '../../services/grade.js'

/** Exit code when --fail-under is given and a submission scores below it. */
export const EXIT_BELOW_THRESHOLD = 3

export const formatsFlag = Flags.string({
  char: 'f',
  description: 'Reports to write, comma-separated: gradescope, junit, csv, markdown, json, feedback.',
  default: 'json,csv,junit,markdown,feedback',
  helpValue: 'LIST',
})

export const failUnderFlag = Flags.integer({description: 'Exit 3 when a submission scores below this percentage.', min: 0, max: 100, helpValue: 'PCT'})

/** What `--json` prints: the run and one line per submission (the full model is in OUT/grades.json). */
export interface GradeJson {
  readonly out: string
  readonly graded: number
  readonly resumed: number
  readonly regraded: GradeSummary['regraded']
  readonly seconds: number
  readonly seed_mode: GradeSummary['seed_mode']
  readonly reports: readonly string[]
  readonly submissions: Array<{readonly learner: string; readonly unit: string; readonly status: string; readonly score: number; readonly max_score: number}>
  readonly below_threshold: GradeSummary['below_threshold']
  readonly grader_failures: GradeSummary['grader_failures']
  readonly roster?: GradeSummary['roster']
}

export function summaryForJson(summary: GradeSummary, seconds: number): GradeJson {
  return {
    out: summary.out,
    graded: summary.graded,
    resumed: summary.resumed,
    regraded: summary.regraded,
    seconds: Math.round(seconds * 1000) / 1000,
    seed_mode: summary.seed_mode,
    reports: summary.reports,
    submissions: summary.results.map((r) => ({learner: r.learner, unit: r.unit, status: r.status, score: r.score, max_score: r.max_score})),
    below_threshold: summary.below_threshold,
    grader_failures: summary.grader_failures,
    ...(summary.roster ? {roster: summary.roster} : {}),
  }
}
