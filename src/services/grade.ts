import path from 'node:path'
import {gradersDir} from '../core/catalog/paths.js'
import {UserError} from '../core/errors.js'
import type {CaseDefinition} from '../core/grading/definition.js'
import {discoverWorkspaces, inShard, unitFolder, type Layout, type LearnerWorkspace} from '../core/grading/discover.js'
import {entryOf, hasGrader} from '../core/grading/load.js'
import {mapPool, WriteQueue} from '../core/grading/pool.js'
import {loadPrivateCases} from '../core/grading/private-cases.js'
import {writeReports, type ReportFormat} from '../core/grading/reporters/index.js'
import {RESULT_FORMAT_VERSION, type SubmissionResult} from '../core/grading/result.js'
import {deriveSeed} from '../core/grading/seed.js'
import {SUBMISSIONS_DIR, compareResults, readResult, writeResultAsync} from '../core/grading/store.js'
import {existsSync, lstatSync, mkdirSync, readFileSync} from 'node:fs'
import {course, type ServiceContext} from './context.js'
import {DocumentPool} from './document-pool.js'
import {GraderCache, gradeOne} from './grading-context.js'

export interface GradeOptions extends ServiceContext {
  /** A workspace, or a folder whose sub-folders are workspaces (named by learner id). */
  readonly path: string
  readonly unit?: string
  /** Learner id when PATH is a single workspace (default: its folder name). */
  readonly learner?: string
  /** How PATH is read: inferred (default), or a class of learner folders. */
  readonly layout?: Layout
  readonly out: string
  readonly formats: readonly ReportFormat[]
  readonly jobs: number
  readonly shard?: {readonly index: number; readonly count: number}
  readonly resume: boolean
  readonly testsDir?: string
  readonly secret?: string
  /** A percentage: submissions scoring below it are listed (the command exits 3). */
  readonly failUnder?: number
  /** Grade each design against the learner's own scenario variant (drawn from the learner id). */
  readonly variants?: boolean
  readonly gradersDir?: string
  readonly onEvent?: (event: GradeEvent) => void
}

export type GradeEvent =
  | {readonly type: 'plan'; readonly total: number; readonly resumed: number; readonly learners: number; readonly layout: string}
  | {readonly type: 'start'; readonly learner: string; readonly unit: string}
  | {readonly type: 'done'; readonly result: SubmissionResult}

export interface GradeSummary {
  readonly out: string
  /** Submissions graded in this run. */
  readonly graded: number
  /** Submissions found already graded under --out and skipped (--resume). */
  readonly resumed: number
  /** Every result now under --out, this run's and earlier ones'. */
  readonly results: SubmissionResult[]
  readonly reports: string[]
  readonly below_threshold: Array<{readonly learner: string; readonly unit: string; readonly percent: number}>
  /** Submissions the grader itself failed on (a bug, or an unusable grader): the run exits 1. */
  readonly grader_failures: Array<{readonly learner: string; readonly unit: string; readonly message: string}>
  readonly seed_mode: 'secret' | 'unseeded'
  /** Learners found under PATH before sharding (a shard may hold none of them). */
  readonly learners_in_class: number
}

interface Job {
  readonly learner: LearnerWorkspace
  readonly unit: string
}

/** The units graded for one learner: `--unit`, or every graded unit whose folder (or link to one) they have. */
function unitsFor(workspace: LearnerWorkspace, unitIds: readonly string[], options: GradeOptions): string[] {
  if (options.unit) return [options.unit]
  return unitIds.filter((id) => hasGrader(id, options.gradersDir) && lstatSync(path.join(workspace.dir, id), {throwIfNoEntry: false}) !== undefined)
}

/** A result for a submission that could not be graded at all: its folder was refused, or the grader failed. */
function ungraded(job: Job, kind: 'files' | 'internal', message: string, secret: string | undefined, version: string): SubmissionResult {
  return {
    format_version: RESULT_FORMAT_VERSION,
    learner: job.learner.learner,
    unit: job.unit,
    status: 'error',
    score: 0,
    max_score: 0,
    mode: 'grade',
    seed: deriveSeed(secret, job.learner.learner, job.unit, version).info,
    grader: {unit: job.unit, version},
    submission: {sha256: '', files: []},
    sandbox: {protections: null, warnings: [], restarts: 0},
    timings: {started_at: new Date().toISOString(), total_ms: 0, build_ms: 0, run_ms: 0},
    error: {kind, message},
    cases: [],
    output: {stdout: '', stderr: '', truncated: false},
  }
}

/**
 * Grades a class (or one workspace) into --out: each submission's result is written the moment it
 * is done, one bad submission never stops the batch, and the reports are written from everything
 * under --out at the end (so a resumed run and an uninterrupted one report the same).
 */
export async function gradeClass(options: GradeOptions): Promise<GradeSummary> {
  const loaded = course(options)
  const unitIds = loaded.units.map((u) => u.id)
  if (options.unit && !unitIds.includes(options.unit)) throw new UserError(`there is no unit \`${options.unit}\``, {code: 'unit-not-found', next: ['Run `course list` to see every unit.']})
  if (options.unit && !hasGrader(options.unit, options.gradersDir)) throw new UserError(`\`${options.unit}\` has no grader`, {code: 'no-grader'})
  const graders = new GraderCache(options.gradersDir)
  const variants = options.variants ?? loaded.variants ?? false
  const unitById = new Map(loaded.units.map((u) => [u.id, u]))
  const entries = options.unit ? [entryOf((await graders.get(unitById.get(options.unit)!)).definition)] : []
  const learner = options.learner ?? gradescopeLearner(options.path)
  const {workspaces, reason} = discoverWorkspaces(options.path, unitIds, {...(learner ? {learner} : {}), entries, ...(options.layout ? {layout: options.layout} : {})})
  const chosen = options.shard ? workspaces.filter((w) => inShard(w.learner, options.shard!)) : workspaces
  const privateCases = new Map<string, CaseDefinition[]>()

  const jobs: Job[] = chosen.flatMap((learner) => unitsFor(learner, unitIds, options).map((unit) => ({learner, unit})))
  const pending = options.resume ? jobs.filter((job) => !readResult(options.out, job.learner.learner, job.unit)) : jobs
  options.onEvent?.({type: 'plan', total: jobs.length, resumed: jobs.length - pending.length, learners: chosen.length, layout: reason})

  // A shard's folder exists even when the shard holds nobody, so `grade merge` can read it.
  mkdirSync(path.join(options.out, SUBMISSIONS_DIR), {recursive: true})
  const failures: GradeSummary['grader_failures'] = []
  const fresh = new Map<string, SubmissionResult>()
  const writes = new WriteQueue()
  // Design documents are judged on threads that a runaway document can be stopped on (one per job
  // slot); code runs in sandboxed processes. A class of documents keeps the threads busy with a
  // few more submissions in flight than there are threads.
  const documentOnly = entries.length > 0 && !(await graders.get(unitById.get(options.unit!)!)).definition.code
  let documents: DocumentPool | undefined
  try {
    await mapPool(pending, documentOnly ? options.jobs * 2 : options.jobs, async (job) => {
      options.onEvent?.({type: 'start', learner: job.learner.learner, unit: job.unit})
      let result: SubmissionResult
      try {
        const unit = unitById.get(job.unit)!
        const grader = await graders.get(unit)
        if (job.learner.problem) result = ungraded(job, 'files', job.learner.problem, options.secret, grader.definition.version)
        else {
          if (options.testsDir && !privateCases.has(job.unit)) privateCases.set(job.unit, loadPrivateCases(options.testsDir, job.unit, grader.definition))
          const label = `${job.unit}/`
          const judgeDocuments = grader.definition.document
            ? (files: ReadonlyMap<string, Buffer>, definitions: readonly CaseDefinition[]) => {
                documents ??= new DocumentPool(options.jobs)
                // The threads start with an empty environment: they are told where the graders are.
                return documents.judge({unit, files, label, definitions, gradersDir: options.gradersDir ?? gradersDir(), ...(variants ? {variantOf: job.learner.learner} : {})})
              }
            : undefined
          result = await gradeOne(grader, {
            dir: unitFolder(job.learner.dir, job.unit, entryOf(grader.definition)),
            learner: job.learner.learner,
            mode: 'grade',
            label,
            ...(options.secret ? {secret: options.secret} : {}),
            variants,
            extraCases: privateCases.get(job.unit) ?? [],
            ...(judgeDocuments ? {judgeDocuments} : {}),
          })
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        failures.push({learner: job.learner.learner, unit: job.unit, message})
        result = ungraded(job, 'internal', message, options.secret, '0.0.0')
      }
      fresh.set(`${job.learner.learner}\u0000${job.unit}`, result)
      await writes.add(writeResultAsync(options.out, result))
      options.onEvent?.({type: 'done', result})
    })
  } finally {
    await documents?.close()
  }
  await writes.drain()

  // Only this run's learners and units count: --out may hold other shards' or units' results.
  // Results graded now are in memory; only resumed ones are read back.
  const results = jobs
    .map((job) => fresh.get(`${job.learner.learner}\u0000${job.unit}`) ?? readResult(options.out, job.learner.learner, job.unit))
    .filter((r): r is SubmissionResult => r !== undefined)
    .sort(compareResults)
  const reports = writeReports(options.out, results, options.formats)
  return {
    out: options.out,
    graded: pending.length,
    resumed: jobs.length - pending.length,
    results,
    reports,
    below_threshold: belowThreshold(results, options.failUnder),
    grader_failures: failures,
    seed_mode: options.secret ? 'secret' : 'unseeded',
    learners_in_class: workspaces.length,
  }
}

/**
 * Gradescope puts the submission in /autograder/submission and who made it in
 * submission_metadata.json beside it. Their ids become the learner id, so each learner's hidden
 * inputs differ even though every submission folder has the same name. A group submission's
 * ids are joined in order.
 */
export function gradescopeLearner(submission: string): string | undefined {
  const file = path.join(path.dirname(path.resolve(submission)), 'submission_metadata.json')
  if (!existsSync(file)) return undefined
  try {
    const metadata = JSON.parse(readFileSync(file, 'utf8')) as {users?: Array<{id?: unknown}>; id?: unknown}
    const ids = (metadata.users ?? []).map((u) => String(u.id ?? '')).filter((id) => /^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(id)).sort()
    if (ids.length > 0) return ids.join('.').slice(0, 128)
    return metadata.id === undefined ? undefined : `submission-${String(metadata.id)}`
  } catch {
    throw new UserError(`${file} is not valid JSON; cannot tell whose submission this is`, {code: 'bad-metadata', next: ['Pass the learner id with --learner.']})
  }
}

export function belowThreshold(results: readonly SubmissionResult[], failUnder: number | undefined): GradeSummary['below_threshold'] {
  if (failUnder === undefined) return []
  return results
    .map((r) => ({learner: r.learner, unit: r.unit, percent: r.max_score === 0 ? 0 : (100 * r.score) / r.max_score}))
    .filter((r) => r.percent < failUnder)
}
