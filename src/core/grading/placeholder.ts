import {RESULT_FORMAT_VERSION, type SubmissionResult} from './result.js'
import type {SeedInfo} from './seed.js'

/**
 * A result for a submission with nothing graded: its folder was refused, the grader failed on it,
 * or (`missing`) a learner on the roster has no folder at all. It scores 0 of 0 and says why.
 */
export function placeholderResult(learner: string, unit: string, status: SubmissionResult['status'], error: NonNullable<SubmissionResult['error']>, seed: SeedInfo, version: string): SubmissionResult {
  return {
    format_version: RESULT_FORMAT_VERSION,
    learner,
    unit,
    status,
    score: 0,
    max_score: 0,
    mode: 'grade',
    seed,
    grader: {unit, version},
    submission: {sha256: '', files: []},
    sandbox: {protections: null, warnings: [], restarts: 0},
    timings: {started_at: new Date().toISOString(), total_ms: 0, build_ms: 0, run_ms: 0},
    error,
    cases: [],
    output: {stdout: '', stderr: '', truncated: false},
  }
}

/**
 * The row of a learner on the roster who submitted nothing for `unit`: 0 of the unit's points, as
 * a gradebook shows a missing assignment. No seed was used, so its fingerprint is empty.
 */
export function missingResult(learner: string, unit: string, mode: SeedInfo['mode'], version: string, maxScore: number): SubmissionResult {
  return {...placeholderResult(learner, unit, 'missing', {kind: 'no-submission', message: 'no submission: on the roster, but no folder has this learner id'}, {mode, fingerprint: ''}, version), max_score: maxScore}
}
