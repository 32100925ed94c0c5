import type {CaseResult, SubmissionResult} from '../../src/core/grading/result.js'

/** A judged case with defaults; tests override what they look at. */
export function caseResult(overrides: Partial<CaseResult> = {}): CaseResult {
  return {name: 'case-a', title: 'Case A works', status: 'passed', score: 2, max_score: 2, visibility: 'visible', feedback: 'passed', tags: [], duration_ms: 1.5, ...overrides}
}

/** A submission result with defaults, for reporter and store tests. */
export function submissionResult(overrides: Partial<SubmissionResult> = {}): SubmissionResult {
  const cases = overrides.cases ?? [caseResult()]
  return {
    format_version: 1,
    learner: 'alice',
    unit: 'load-balancer',
    status: 'pass',
    score: cases.reduce((s, c) => s + c.score, 0),
    max_score: cases.reduce((s, c) => s + c.max_score, 0),
    mode: 'grade',
    seed: {mode: 'secret', fingerprint: 'abcdef123456'},
    grader: {unit: 'load-balancer', version: '1.0.0'},
    submission: {sha256: 'f'.repeat(64), files: ['load-balancer.ts']},
    sandbox: {protections: null, warnings: [], restarts: 0},
    timings: {started_at: '2026-11-25T20:00:00.123Z', total_ms: 420, build_ms: 20, run_ms: 380},
    output: {stdout: '', stderr: '', truncated: false},
    ...overrides,
    cases,
  }
}
