import {clip, MAX_FEEDBACK_CHARS} from '../text/learner-text.js'
import type {CaseDefinition} from './definition.js'
import type {CaseResult} from './result.js'

/**
 * One judged case, as every report shows it. Feedback may quote what a learner's code returned or
 * threw, so it is capped here, where every case result is made.
 */
export function caseResult(definition: CaseDefinition, status: CaseResult['status'], feedback: string, ms: number): CaseResult {
  return {
    name: definition.name,
    title: definition.title,
    status,
    score: status === 'passed' ? definition.points : 0,
    max_score: definition.points,
    visibility: definition.visibility,
    feedback: clip(feedback, MAX_FEEDBACK_CHARS),
    ...(status === 'passed' ? {} : {hint: definition.hint}),
    tags: definition.tags ?? [],
    duration_ms: Math.round(ms * 10) / 10,
  }
}

/**
 * Why a case should not run: a prerequisite that did not pass. Skipped rather than failed, so one
 * mistake is not counted twice (and a case that hangs is not run again through its dependants).
 */
export function blockedBy(definition: CaseDefinition, judged: ReadonlyMap<string, CaseResult>): string | undefined {
  const blocking = (definition.requires ?? []).filter((name) => judged.get(name)?.status !== 'passed')
  return blocking.length === 0 ? undefined : `skipped: needs ${blocking.map((b) => `\`${b}\``).join(', ')} to pass first`
}

/** True for cases a learner sees in full; anything else is treated as hidden. */
export const isVisible = (definition: CaseDefinition): boolean => definition.visibility === 'visible'
