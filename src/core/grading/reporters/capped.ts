import {clip, MAX_ERROR_CHARS, MAX_FEEDBACK_CHARS, MAX_NAME_CHARS, MAX_OUTPUT_CHARS} from '../../text/learner-text.js'
import type {CaseResult, SubmissionResult} from '../result.js'

/** Review lines a report shows per submission: enough to see why a person should look, no more. */
const MAX_REVIEW_LINES = 20

/**
 * A result as a report embeds it: every text that came from the submission (or from a result file
 * anyone could have edited before a merge) cut to its cap. Grading caps feedback and error messages
 * already; a report does it again so that no single result can swell every report of the class.
 * Nothing a real result holds is changed: the caps are far above what grading keeps.
 */
export function cappedResult(result: SubmissionResult): SubmissionResult {
  const stdout = clip(result.output.stdout, MAX_OUTPUT_CHARS)
  const stderr = clip(result.output.stderr, MAX_OUTPUT_CHARS)
  const truncated = result.output.truncated || stdout !== result.output.stdout || stderr !== result.output.stderr
  // Spreading first keeps the fields in the model's order, so the JSON reads as before.
  return {
    ...result,
    learner: clip(result.learner, MAX_NAME_CHARS),
    unit: clip(result.unit, MAX_NAME_CHARS),
    sandbox: {...result.sandbox, warnings: result.sandbox.warnings.map((w) => clip(w, MAX_FEEDBACK_CHARS))},
    ...(result.error ? {error: {kind: result.error.kind, message: clip(result.error.message, MAX_ERROR_CHARS)}} : {}),
    cases: result.cases.map(cappedCase),
    ...(Array.isArray(result.review) ? {review: result.review.slice(0, MAX_REVIEW_LINES).map((line) => clip(String(line), MAX_FEEDBACK_CHARS))} : {}),
    output: {stdout, stderr, truncated},
  }
}

function cappedCase(c: CaseResult): CaseResult {
  return {
    ...c,
    name: clip(c.name, MAX_NAME_CHARS),
    title: clip(c.title, MAX_FEEDBACK_CHARS),
    feedback: clip(c.feedback, MAX_FEEDBACK_CHARS),
    ...(c.hint === undefined ? {} : {hint: clip(c.hint, MAX_FEEDBACK_CHARS)}),
    tags: c.tags.map((t) => clip(t, MAX_NAME_CHARS)),
  }
}
