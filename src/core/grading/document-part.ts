import {MAX_SCHEMA_PROBLEMS} from '../documents/validate.js'
import type {Scenario} from '../scenario/scenario.js'
import {blockedBy, caseResult} from './case-result.js'
import type {CaseDefinition, GraderModule} from './definition.js'
import {judgeDocumentCase, readSubmittedDocument, type DocumentOutcome} from './document.js'
import type {CaseResult, SubmissionResult} from './result.js'
import {reviewDocument} from './review.js'

/** What judging a submission's design document gives: one result per document case, in order. */
export interface DocumentPartResult {
  readonly cases: CaseResult[]
  readonly error?: NonNullable<SubmissionResult['error']>
  /** What a person should look at (filler prose, departures from the scenario); see review.ts. */
  readonly review?: string[]
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
  /** The scenario the document answers (the base one, or the learner's variant). */
  readonly scenario?: Scenario
  /** The prose fields to review (grader.json `document.prose`), and the reference's prose to recognise a copy. */
  readonly prose?: readonly string[]
  readonly referenceProse?: ReadonlySet<string>
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
    const blocked = blockedBy(definition, withoutUnrelatedSchemaProblems(definition, judged, outcome, definitions))
    let result: CaseResult
    if (blocked) result = caseResult(definition, 'skipped', blocked, 0)
    else if (!outcome.ok) result = caseResult(definition, 'failed', `not checked: ${outcome.kind === 'missing-files' ? outcome.message : `${outcome.file} cannot be read`}`, 0)
    else {
      const verdict = judgeDocumentCase(definition, outcome, request.module, request.scenario)
      const feedback = verdict.passed ? 'passed' : [definition.failure, verdict.detail].filter(Boolean).join(' — ')
      result = caseResult(definition, verdict.passed ? 'passed' : 'failed', feedback, performance.now() - started)
    }
    judged.set(definition.name, result)
    onCase?.(result)
  }
  const cases = definitions.map((d) => judged.get(d.name)!)
  if (!outcome.ok) return {cases, error: {kind: outcome.kind === 'missing-files' ? 'missing-files' : 'parse', message: outcome.message}}
  const review = reviewDocument(outcome.document, request.prose ?? [], outcome.where, request.referenceProse)
  return review.length > 0 ? {cases, review} : {cases}
}

/** Every document case failed for one reason the part could not get past (a timeout, a crash). */
export function documentPartFailed(definitions: readonly CaseDefinition[], message: string): DocumentPartResult {
  return {cases: definitions.map((d) => caseResult(d, 'error', `not checked: ${message}`, 0)), error: {kind: 'parse', message}}
}

/** The pointers a document case reads: its `reads`, or an estimate's `path`; undefined when it does not say. */
function readsOf(definition: CaseDefinition): readonly string[] | undefined {
  if (definition.reads) return definition.reads
  return typeof definition.params?.path === 'string' && (definition.check === 'estimate' || definition.check === 'range' || definition.check === 'choice') ? [definition.params.path] : undefined
}

/** True when one pointer is the other or lies inside it (a problem at `/a` concerns `/a/b`, and the other way round). */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`) || a === '' || b === ''
}

/**
 * A case that requires the schema check but says which fields it reads is held back only by a
 * schema problem in those fields: a percentage written oddly in one section does not cost the
 * marks of every other section. The judged results are returned with the schema case counted as
 * passed for this case when none of its problems concerns what the case reads.
 */
function withoutUnrelatedSchemaProblems(definition: CaseDefinition, judged: ReadonlyMap<string, CaseResult>, outcome: DocumentOutcome, definitions: readonly CaseDefinition[]): ReadonlyMap<string, CaseResult> {
  const reads = readsOf(definition)
  if (!reads || !outcome.ok || outcome.schemaProblems.length === 0) return judged
  const schemaCases = (definition.requires ?? []).filter((name) => (definitions.find((d) => d.name === name)?.check ?? 'valid') === 'valid' && judged.get(name)?.status === 'failed')
  if (schemaCases.length === 0) return judged
  // Past the listing cap the rest are unlisted, and may be in the fields this case reads.
  const truncated = outcome.schemaProblems.length > MAX_SCHEMA_PROBLEMS
  const concerned = truncated || outcome.schemaProblems.some((problem) => reads.some((read) => overlaps(problem.pointer ?? '', read)))
  if (concerned) return judged
  const relaxed = new Map(judged)
  for (const name of schemaCases) relaxed.set(name, {...judged.get(name)!, status: 'passed'})
  return relaxed
}

