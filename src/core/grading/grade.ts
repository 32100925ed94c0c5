import {bundleSubmission} from '../sandbox/bundle.js'
import type {Scenario} from '../scenario/scenario.js'
import {SCRIPT_DRIVER, UNIT_DRIVER} from '../sandbox/drivers.js'
import {DEFAULT_LIMITS, WALL_ALLOWANCE} from '../sandbox/limits.js'
import {bootSandbox, runSandboxed, type CaseOutcome, type SandboxRun} from '../sandbox/run.js'
import {clip, MAX_ERROR_CHARS, MAX_FEEDBACK_CHARS} from '../text/learner-text.js'
import {blockedBy, caseResult, isVisible} from './case-result.js'
import {judge, prepareCases, type PreparedCase} from './cases.js'
import {partOf, type CaseDefinition, type GraderDefinition, type GraderModule} from './definition.js'
import {judgeDocumentPart, type DocumentPartResult} from './document-part.js'
import {findDocument} from './document.js'
import {copySubmission, type Intake} from './intake.js'
import {RESULT_FORMAT_VERSION, submissionStatus, type CaseResult, type SubmissionResult} from './result.js'
import {deriveSeed, type Seed} from './seed.js'
import {measureReference, referenceNote, tooSlow, type ReferenceTimes} from './speed.js'

export interface GradeRequest {
  readonly grader: GraderDefinition
  readonly module: GraderModule
  /** The JSON Schema of the unit's design document, for graders with a document part. */
  readonly schema?: Record<string, unknown>
  /** The unit's own driver, bundled; absent for the built-in `script` driver. */
  readonly driverCode?: string
  /** The unit's reference solution, timed on the speed cases' inputs (see speed.ts). */
  readonly referenceDir?: string
  /** The scenario the learner's design answers: the base one, or their variant. */
  readonly scenario?: Scenario
  /** The reference design's prose as word sequences, to flag a copy (see review.ts). */
  readonly referenceProse?: ReadonlySet<string>
  /** The learner's folder for this unit (inside a workspace). Only a private copy of it is read. */
  readonly dir: string
  readonly learner: string
  /** `check` runs the visible cases (a learner's own run); `grade` runs every case. */
  readonly mode: 'check' | 'grade'
  /** The instructor's secret; hidden inputs are predictable without it. */
  readonly secret?: string
  /** Private cases from `--tests`, run in grade mode. */
  readonly extraCases?: readonly CaseDefinition[]
  /** How messages name the learner's folder (default: the unit's folder name). */
  readonly label?: string
  /**
   * Judges the document part somewhere it can be stopped (`course grade` uses threads with a time
   * limit); in this process when absent. `files` is the copy, reduced to the document's candidates.
   */
  readonly judgeDocuments?: (files: ReadonlyMap<string, Buffer>, definitions: readonly CaseDefinition[]) => Promise<DocumentPartResult>
  /** Called as each case starts and as each is judged, for live progress. */
  readonly onCaseStart?: (definition: CaseDefinition) => void
  readonly onCase?: (result: CaseResult) => void
}

type SubmissionError = NonNullable<SubmissionResult['error']>

/** Turns what the sandbox saw for one case into a judged result. */
function judgeOutcome(prepared: PreparedCase, outcome: CaseOutcome | undefined, module: GraderModule, timeoutMs: number, times: ReferenceTimes = new Map()): CaseResult {
  const {definition} = prepared
  if (!outcome) return caseResult(definition, 'error', 'the case did not run', 0)
  const judged = judgeRun(prepared, outcome, module, timeoutMs, times)
  // The learner's own output goes back to them with a visible case only: in a hidden one it could print the hidden inputs.
  return (outcome.kind === 'output' || outcome.kind === 'threw') && outcome.printed && isVisible(definition) && judged.status !== 'passed' ? {...judged, printed: outcome.printed} : judged
}

function judgeRun(prepared: PreparedCase, outcome: CaseOutcome, module: GraderModule, timeoutMs: number, times: ReferenceTimes): CaseResult {
  const {definition} = prepared
  switch (outcome.kind) {
    case 'output': {
      const judged = judge(prepared, outcome.output, module)
      const slow = judged.passed ? tooSlow(definition, outcome.ms, times) : undefined
      const verdict = slow ? {passed: false, detail: slow} : judged
      const feedback = verdict.passed ? 'passed' : [definition.failure, verdict.detail].filter(Boolean).join(' — ')
      return caseResult(definition, verdict.passed ? 'passed' : 'failed', feedback, outcome.ms)
    }
    case 'threw':
      // A hidden case never echoes learner-made text: a thrown message could carry the hidden inputs out.
      return caseResult(definition, 'failed', `${definition.failure} — ${isVisible(definition) ? `the code threw: ${outcome.error}` : 'the code threw an error'}`, outcome.ms)
    case 'timeout':
      return caseResult(definition, 'failed', `${definition.failure} — it did not finish within ${timeoutMs / 1000} s of processor time (${(timeoutMs * WALL_ALLOWANCE) / 1000} s on the clock), so its answers were never checked (an endless loop, or far too slow${referenceNote(definition, times)})`, outcome.ms)
    case 'crashed':
      return caseResult(definition, 'error', `${definition.failure} — ${outcome.reason}`, 0)
    case 'not-run':
      return caseResult(definition, 'failed', `not run: ${outcome.reason}`, 0)
    case 'skipped':
      return caseResult(definition, 'skipped', outcome.reason, 0)
  }
}

/** The document part, here or where the caller judges documents; progress is reported either way. */
async function gradeDocumentPart(request: GradeRequest, files: ReadonlyMap<string, Buffer>, definitions: readonly CaseDefinition[], judged: Map<string, CaseResult>): Promise<{error?: SubmissionError; review?: string[]}> {
  if (definitions.length === 0) return {}
  const entry = request.grader.document!.entry
  let part: DocumentPartResult
  if (request.judgeDocuments) {
    // Only what the reader could look at crosses to the thread: the document under its possible names.
    const name = findDocument(files, entry)
    part = await request.judgeDocuments(new Map(name ? [[name, files.get(name)!]] : []), definitions)
    for (const result of part.cases) {
      request.onCaseStart?.(definitions.find((d) => d.name === result.name)!)
      request.onCase?.(result)
    }
  } else {
    part = judgeDocumentPart({files, entry, schema: request.schema, module: request.module, definitions, label: labelOf(request), ...(request.scenario ? {scenario: request.scenario} : {}), ...documentReview(request)}, (result) => {
      request.onCaseStart?.(definitions.find((d) => d.name === result.name)!)
      request.onCase?.(result)
    })
  }
  for (const result of part.cases) judged.set(result.name, result)
  return {...(part.error ? {error: part.error} : {}), ...(part.review ? {review: part.review} : {})}
}

/** What the document part needs to flag prose for a person. */
function documentReview(request: GradeRequest): {prose?: readonly string[]; referenceProse?: ReadonlySet<string>} {
  const prose = request.grader.document?.prose
  return prose ? {prose, ...(request.referenceProse ? {referenceProse: request.referenceProse} : {})} : {}
}

/**
 * The code part: bundle, generate the cases from the seed, run them in a fresh sandbox, judge here.
 * Every visible case runs before any hidden one: module state can carry a hidden input into a
 * later case's thrown message, and a visible case's message is shown in full.
 */
async function gradeCodePart(
  request: GradeRequest,
  intake: Intake,
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
  if (!intake.files.has(code.entry)) {
    const message = `${code.entry} is missing from ${labelOf(request)}`
    notRun(message)
    return {error: {kind: 'missing-files', message}}
  }
  // The child starts now, so its start-up overlaps bundling and generating the cases.
  const booted = bootSandbox(grader.limits)
  const bundled = await bundleSubmission(intake.files, code.entry, {...(request.driverCode ? {driverCode: request.driverCode} : {})})
  if ('problems' in bundled) {
    await booted.discard()
    const message = bundled.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')
    notRun(`${code.entry} does not build`)
    return {error: {kind: 'build', message}, build_ms: bundled.ms}
  }
  const ordered = [...definitions.filter(isVisible), ...definitions.filter((d) => !isVisible(d))]
  let prepared: PreparedCase[]
  try {
    prepared = prepareCases(ordered, request.module, seed)
  } catch (error) {
    await booted.discard()
    throw error
  }
  const timeoutMs = grader.limits?.caseTimeoutMs ?? DEFAULT_LIMITS.caseTimeoutMs
  // The reference is timed first, in its own child, while the learner's child waits booted.
  const reference = request.referenceDir ? await measureReference(grader, request.module, request.referenceDir, prepared, request.driverCode) : {times: new Map<string, number>(), warning: prepared.some((p) => p.definition.speed) ? 'no reference to time, so no speed limit was applied' : undefined}
  const run = await runSandboxed({
    code: bundled.code,
    driver: request.driverCode ? UNIT_DRIVER : SCRIPT_DRIVER,
    cases: prepared.map((p, id) => ({id, input: p.input})),
    limits: grader.limits,
    booted,
    onStart: (id) => request.onCaseStart?.(prepared[id]!.definition),
    // Judged as they arrive (prerequisites always come earlier), so progress can show each case.
    onOutcome: (outcome) => {
      const result = judgeOutcome(prepared[outcome.id]!, outcome, request.module, timeoutMs, reference.times)
      judged.set(result.name, result)
      request.onCase?.(result)
    },
    skip: (id) => blockedBy(prepared[id]!.definition, judged),
  })
  for (const p of prepared) if (!judged.has(p.definition.name)) judged.set(p.definition.name, judgeOutcome(p, undefined, request.module, timeoutMs))
  if (reference.warning) run.warnings.push(reference.warning)
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

function labelOf(request: GradeRequest): string {
  return request.label ?? `${request.grader.unit}/`
}

/**
 * Grades one learner's work on one unit. The learner's folder is first copied (regular files only,
 * capped; see intake.ts), and only the copy is read from then on. A document part is judged as
 * data; a code part runs in a fresh sandbox. Either way expected values stay here.
 */
export async function gradeSubmission(request: GradeRequest): Promise<SubmissionResult> {
  const startedAt = new Date()
  const started = performance.now()
  const {grader} = request
  const definitions = [...grader.cases, ...(request.mode === 'grade' ? (request.extraCases ?? []) : [])].filter((c) => request.mode === 'grade' || isVisible(c))
  const seed = deriveSeed(request.secret, request.learner, grader.unit, grader.version)
  const judged = new Map<string, CaseResult>()

  const intake: Intake = copySubmission(request.dir)
  let error: SubmissionError | undefined
  let run: SandboxRun | undefined
  let buildMs = 0
  let review: string[] = []
  if (definitions.length === 0) error = {kind: 'no-cases', message: 'the grader has no case to run in this mode'}
  else if (intake.problems.length > 0) {
    error = {kind: 'files', message: `the submission cannot be graded as it is:\n${intake.problems.join('\n')}`}
    for (const definition of definitions) judged.set(definition.name, caseResult(definition, 'failed', 'not graded: the submission holds files that cannot be graded (see the error)', 0))
  } else {
    const documentPart = await gradeDocumentPart(request, intake.files, definitions.filter((d) => partOf(grader, d) === 'document'), judged)
    const codePart = await gradeCodePart(request, intake, definitions.filter((d) => partOf(grader, d) === 'code'), seed, judged)
    error = documentPart.error ?? codePart.error
    review = documentPart.review ?? []
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
    submission: {sha256: intake.sha256, files: [...intake.files.keys()]},
    sandbox: {protections: run?.protections ?? null, warnings: run?.warnings ?? [], restarts: run?.restarts ?? 0},
    timings: {started_at: startedAt.toISOString(), total_ms: Math.round(performance.now() - started), build_ms: Math.round(buildMs), run_ms: Math.round(run?.ms ?? 0)},
    ...(error ? {error: {kind: error.kind, message: clip(error.message, MAX_ERROR_CHARS)}} : {}),
    cases,
    ...(request.scenario ? {scenario: scenarioSummary(request.scenario)} : {}),
    ...(review.length > 0 ? {review: review.map((line) => clip(line, MAX_FEEDBACK_CHARS))} : {}),
    output: {stdout: run?.stdout ?? '', stderr: run?.stderr ?? '', truncated: run?.outputTruncated ?? false},
  }
}

/** The figures a design was graded against, for the instructor's record (they are public). */
function scenarioSummary(scenario: Scenario): NonNullable<SubmissionResult['scenario']> {
  return {...(scenario.learner === undefined ? {} : {variant_of: scenario.learner}), figures: Object.fromEntries([...scenario.figures].map(([id, f]) => [id, f.text]))}
}
