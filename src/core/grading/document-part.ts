import {blockedBy, caseResult} from './case-result.js'
import type {CaseDefinition, GraderModule} from './definition.js'
import {judgeDocumentCase, readSubmittedDocument} from './document.js'
import type {CaseResult, SubmissionResult} from './result.js'

/** What judging a submission's design document gives: one result per document case, in order. */
export interface DocumentPartResult {
  readonly cases: CaseResult[]
  readonly error?: NonNullable<SubmissionResult['error']>
}

export interface DocumentPartRequest {
  /** The copy of the learner's folder (see intake.ts); only the document's candidate names are needed. */
  readonly files: ReadonlyMap<string, Buffer>
  /** The document's file name, from the grader. */
  readonly entry: string
  readonly schema: Record<string, unknown> | undefined
  readonly module: GraderModule
  readonly definitions: readonly CaseDefinition[]
  /** Where the learner should look, for "missing" messages (never the private copy's path). */
  readonly label: string
}

/**
 * The document part: read, validate, then judge each document case in order. Pure computation on
 * data; `course grade` runs it on a thread it can stop (see services/document-pool.ts).
 */
export function judgeDocumentPart(request: DocumentPartRequest, onCase?: (result: CaseResult) => void): DocumentPartResult {
  const {definitions} = request
  if (definitions.length === 0) return {cases: []}
  const outcome = readSubmittedDocument(request.files, request.entry, request.schema, request.label)
  const judged = new Map<string, CaseResult>()
  for (const definition of definitions) {
    const started = performance.now()
    const blocked = blockedBy(definition, judged)
    let result: CaseResult
    if (blocked) result = caseResult(definition, 'skipped', blocked, 0)
    else if (!outcome.ok) result = caseResult(definition, 'failed', `not checked: ${outcome.kind === 'missing-files' ? outcome.message : `${outcome.file} cannot be read`}`, 0)
    else {
      const verdict = judgeDocumentCase(definition, outcome, request.module)
      const feedback = verdict.passed ? 'passed' : [definition.failure, verdict.detail].filter(Boolean).join(' — ')
      result = caseResult(definition, verdict.passed ? 'passed' : 'failed', feedback, performance.now() - started)
    }
    judged.set(definition.name, result)
    onCase?.(result)
  }
  const cases = definitions.map((d) => judged.get(d.name)!)
  return outcome.ok ? {cases} : {cases, error: {kind: outcome.kind === 'missing-files' ? 'missing-files' : 'parse', message: outcome.message}}
}

/** Every document case failed for one reason the part could not get past (a timeout, a crash). */
export function documentPartFailed(definitions: readonly CaseDefinition[], message: string): DocumentPartResult {
  return {cases: definitions.map((d) => caseResult(d, 'error', `not checked: ${message}`, 0)), error: {kind: 'parse', message}}
}
