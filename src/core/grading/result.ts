import type {Protections} from '../sandbox/protections.js'
import type {Visibility} from './definition.js'
import type {SeedInfo} from './seed.js'

/** The format of a result file; bump when a field changes meaning. */
export const RESULT_FORMAT_VERSION = 1

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'error'
/** `missing`: a learner on the roster with no submission at all (nothing was graded). */
export type SubmissionStatus = 'pass' | 'fail' | 'error' | 'missing'

export interface CaseResult {
  readonly name: string
  readonly title: string
  readonly status: CaseStatus
  readonly score: number
  readonly max_score: number
  readonly visibility: Visibility
  /** What the learner reads: the failure message and, for visible cases, what differed. */
  readonly feedback: string
  readonly hint?: string
  readonly tags: readonly string[]
  readonly duration_ms: number
  /** What the learner's own code printed during the case, capped; kept for visible cases only (a hidden case's could carry its inputs). */
  readonly printed?: string
}

/**
 * One learner's result for one unit: the single model every report is made from. `error` means
 * the submission could not be graded at all (missing files, a syntax error, a crash or timeout
 * before any case answered, or no case to run); it is never a pass.
 */
export interface SubmissionResult {
  readonly format_version: number
  readonly learner: string
  readonly unit: string
  readonly status: SubmissionStatus
  readonly score: number
  readonly max_score: number
  /** Which cases ran: `check` (visible only) or `grade` (all). */
  readonly mode: 'check' | 'grade'
  readonly seed: SeedInfo
  readonly grader: {readonly unit: string; readonly version: string}
  readonly submission: {readonly sha256: string; readonly files: readonly string[]}
  readonly sandbox: {readonly protections: Protections | null; readonly warnings: readonly string[]; readonly restarts: number}
  readonly timings: {readonly started_at: string; readonly total_ms: number; readonly build_ms: number; readonly run_ms: number}
  readonly error?: {readonly kind: 'missing-files' | 'files' | 'build' | 'parse' | 'load' | 'crash' | 'no-cases' | 'internal' | 'no-submission'; readonly message: string}
  readonly cases: readonly CaseResult[]
  /** What a person should read before trusting the score: filler prose, departures from the scenario (see review.ts). */
  readonly review?: readonly string[]
  /** The scenario figures a design was graded against; `variant_of` when they were the learner's own variant. */
  readonly scenario?: {readonly variant_of?: string; readonly figures: Readonly<Record<string, string>>}
  /** What the code printed, capped; for instructors (reports keep it hidden from learners). */
  readonly output: {readonly stdout: string; readonly stderr: string; readonly truncated: boolean}
}

/** Folds case statuses into the submission's status. */
export function submissionStatus(cases: readonly CaseResult[], error: SubmissionResult['error']): SubmissionStatus {
  if (error || cases.length === 0) return 'error'
  return cases.every((c) => c.status === 'passed') ? 'pass' : 'fail'
}
