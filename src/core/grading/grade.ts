import {existsSync} from 'node:fs'
import path from 'node:path'
import {bundleSubmission} from '../sandbox/bundle.js'
import {DEFAULT_LIMITS} from '../sandbox/limits.js'
import {bootSandbox, runSandboxed, type CaseOutcome, type SandboxRun} from '../sandbox/run.js'
import {judge, prepareCases, type PreparedCase} from './cases.js'
import {partOf, type CaseDefinition, type GraderDefinition, type GraderModule} from './definition.js'
import {judgeDocumentCase, readSubmittedDocument} from './document.js'
import {RESULT_FORMAT_VERSION, submissionStatus, type CaseResult, type SubmissionResult} from './result.js'
import {deriveSeed, type Seed} from './seed.js'
import {hashSubmission} from './submission.js'

export interface GradeRequest {
  readonly grader: GraderDefinition
  readonly module: GraderModule
  /** The JSON Schema of the unit's design document, for graders with a document part. */
  readonly schema?: Record<string, unknown>
  /** The learner's folder for this unit (inside a workspace). */
  readonly dir: string
  readonly learner: string
  /** `check` runs the visible cases (a learner's own run); `grade` runs every case. */
  readonly mode: 'check' | 'grade'
  /** The instructor's secret; hidden inputs are predictable without it. */
  readonly secret?: string
  /** Private cases from `--tests`, run in grade mode. */
  readonly extraCases?: readonly CaseDefinition[]
  /** Called as each case starts and as each is judged, for live progress. */
  readonly onCaseStart?: (definition: CaseDefinition) => void
  readonly onCase?: (result: CaseResult) => void
}

type SubmissionError = NonNullable<SubmissionResult['error']>

function caseResult(definition: CaseDefinition, status: CaseResult['status'], feedback: string, ms: number): CaseResult {
  return {
    name: definition.name,
    title: definition.title,
    status,
    score: status === 'passed' ? definition.points : 0,
    max_score: definition.points,
    visibility: definition.visibility,
    feedback,
    ...(status === 'passed' ? {} : {hint: definition.hint}),
    tags: definition.tags ?? [],
    duration_ms: Math.round(ms * 10) / 10,
  }
}

/**
 * Why a case should not run: a prerequisite that did not pass. Skipped rather than failed, so one
 * mistake is not counted twice (and a case that hangs is not run again through its dependants).
 */
function blockedBy(definition: CaseDefinition, judged: ReadonlyMap<string, CaseResult>): string | undefined {
  const blocking = (definition.requires ?? []).filter((name) => judged.get(name)?.status !== 'passed')
  return blocking.length === 0 ? undefined : `skipped: needs ${blocking.map((b) => `\`${b}\``).join(', ')} to pass first`
}

/** Turns what the sandbox saw for one case into a judged result. */
function judgeOutcome(prepared: PreparedCase, outcome: CaseOutcome | undefined, module: GraderModule, timeoutMs: number): CaseResult {
  const {definition} = prepared
  const visible = definition.visibility === 'visible'
  if (!outcome) return caseResult(definition, 'error', 'the case did not run', 0)
  switch (outcome.kind) {
    case 'output': {
      const verdict = judge(prepared, outcome.output, module)
      const feedback = verdict.passed ? 'passed' : [definition.failure, verdict.detail].filter(Boolean).join(' — ')
      return caseResult(definition, verdict.passed ? 'passed' : 'failed', feedback, outcome.ms)
    }
    case 'threw':
      // A hidden case never echoes learner-made text: a thrown message could carry the hidden inputs out.
      return caseResult(definition, 'failed', `${definition.failure} — ${visible ? `the code threw: ${outcome.error}` : 'the code threw an error'}`, outcome.ms)
    case 'timeout':
      return caseResult(definition, 'failed', `${definition.failure} — it did not finish within ${timeoutMs / 1000} s (an endless loop, or far too slow)`, outcome.ms)
    case 'crashed':
      return caseResult(definition, 'error', `${definition.failure} — ${outcome.reason}`, 0)
    case 'not-run':
      return caseResult(definition, 'failed', `not run: ${outcome.reason}`, 0)
    case 'skipped':
      return caseResult(definition, 'skipped', outcome.reason, 0)
  }
}

/** The document part: read, validate, then judge each document case in order, here. */
function gradeDocumentPart(request: GradeRequest, definitions: readonly CaseDefinition[], judged: Map<string, CaseResult>): {error?: SubmissionError} {
  if (definitions.length === 0) return {}
  const outcome = readSubmittedDocument(request.dir, request.grader.document!.entry, request.schema)
  for (const definition of definitions) {
    request.onCaseStart?.(definition)
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
    request.onCase?.(result)
  }
  return outcome.ok ? {} : {error: {kind: outcome.kind === 'missing-files' ? 'missing-files' : 'parse', message: outcome.message}}
}

/** The code part: bundle, generate the cases from the seed, run them in a fresh sandbox, judge here. */
async function gradeCodePart(
  request: GradeRequest,
  definitions: readonly CaseDefinition[],
  seed: Seed,
  judged: Map<string, CaseResult>,
): Promise<{error?: SubmissionError; run?: SandboxRun; build_ms?: number}> {
  if (definitions.length === 0) return {}
  const {grader} = request
  const code = grader.code!
  const notRun = (message: string) => {
    for (const definition of definitions) judged.set(definition.name, caseResult(definition, 'failed', `not run: ${message.split('\n')[0]}`, 0))
  }
  if (!existsSync(path.join(request.dir, code.entry))) {
    const message = `${code.entry} is missing from ${request.dir}`
    notRun(message)
    return {error: {kind: 'missing-files', message}}
  }
  // The child starts now, so its start-up overlaps bundling and generating the cases.
  const booted = bootSandbox(grader.limits)
  const bundled = await bundleSubmission(request.dir, code.entry)
  if ('problems' in bundled) {
    await booted.discard()
    const message = bundled.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')
    notRun(`${code.entry} does not build`)
    return {error: {kind: 'build', message}, build_ms: bundled.ms}
  }
  let prepared: PreparedCase[]
  try {
    prepared = prepareCases(definitions, request.module, seed)
  } catch (error) {
    await booted.discard()
    throw error
  }
  const timeoutMs = grader.limits?.caseTimeoutMs ?? DEFAULT_LIMITS.caseTimeoutMs
  const run = await runSandboxed({
    code: bundled.code,
    driver: code.driver ?? 'script',
    cases: prepared.map((p, id) => ({id, input: p.input})),
    limits: grader.limits,
    booted,
    onStart: (id) => request.onCaseStart?.(prepared[id]!.definition),
    // Judged as they arrive (prerequisites always come earlier), so progress can show each case.
    onOutcome: (outcome) => {
      const result = judgeOutcome(prepared[outcome.id]!, outcome, request.module, timeoutMs)
      judged.set(result.name, result)
      request.onCase?.(result)
    },
    skip: (id) => blockedBy(prepared[id]!.definition, judged),
  })
  for (const p of prepared) if (!judged.has(p.definition.name)) judged.set(p.definition.name, judgeOutcome(p, undefined, request.module, timeoutMs))
  return {error: runError(run), run, build_ms: bundled.ms}
}

/** A run that could not grade anything: the module failed to load, or no case got an answer. */
function runError(run: SandboxRun): SubmissionError | undefined {
  if (run.loadError !== undefined) return {kind: 'load', message: run.loadError}
  if (run.outcomes.some((o) => o.kind === 'output' || o.kind === 'threw' || o.kind === 'skipped')) return undefined
  const first = run.outcomes[0]
  const message = first && (first.kind === 'crashed' || first.kind === 'not-run') ? first.reason : 'no case finished: every case timed out'
  return {kind: 'crash', message}
}

/**
 * Grades one learner's work on one unit. A document part is read and judged as data in this
 * process; a code part runs in a fresh sandbox. Either way expected values stay here.
 */
export async function gradeSubmission(request: GradeRequest): Promise<SubmissionResult> {
  const startedAt = new Date()
  const started = performance.now()
  const {grader} = request
  const definitions = [...grader.cases, ...(request.mode === 'grade' ? (request.extraCases ?? []) : [])].filter((c) => request.mode === 'grade' || c.visibility === 'visible')
  const seed = deriveSeed(request.secret, request.learner, grader.unit, grader.version)
  const files = existsSync(request.dir) ? hashSubmission(request.dir) : {files: [], sha256: ''}
  const judged = new Map<string, CaseResult>()

  let error: SubmissionError | undefined
  let run: SandboxRun | undefined
  let buildMs = 0
  if (definitions.length === 0) error = {kind: 'no-cases', message: 'the grader has no case to run in this mode'}
  else {
    const documentPart = gradeDocumentPart(request, definitions.filter((d) => partOf(grader, d) === 'document'), judged)
    const codePart = await gradeCodePart(request, definitions.filter((d) => partOf(grader, d) === 'code'), seed, judged)
    error = documentPart.error ?? codePart.error
    run = codePart.run
    buildMs = codePart.build_ms ?? 0
  }

  const cases = definitions.map((d) => judged.get(d.name)!).filter(Boolean)
  return {
    format_version: RESULT_FORMAT_VERSION,
    learner: request.learner,
    unit: grader.unit,
    status: submissionStatus(cases, error),
    score: cases.reduce((sum, c) => sum + c.score, 0),
    max_score: definitions.reduce((sum, c) => sum + c.points, 0),
    mode: request.mode,
    seed: seed.info,
    grader: {unit: grader.unit, version: grader.version},
    submission: {sha256: files.sha256, files: files.files},
    sandbox: {protections: run?.protections ?? null, warnings: run?.warnings ?? [], restarts: run?.restarts ?? 0},
    timings: {started_at: startedAt.toISOString(), total_ms: Math.round(performance.now() - started), build_ms: Math.round(buildMs), run_ms: Math.round(run?.ms ?? 0)},
    ...(error ? {error} : {}),
    cases,
    output: {stdout: run?.stdout ?? '', stderr: run?.stderr ?? '', truncated: run?.outputTruncated ?? false},
  }
}
