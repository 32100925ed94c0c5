import path from 'node:path'
import {gradersDir} from '../core/catalog/paths.js'
import {UsageError} from '../core/errors.js'
import {checkInputFolder, checkOutputFolder} from '../core/files/output-folder.js'
import type {CaseDefinition} from '../core/grading/definition.js'
import {discoverWorkspaces, inShard, LEARNER_ID, unitFolder, type Discovered, type Layout, type LearnerWorkspace} from '../core/grading/discover.js'
import {gradescopeLearner, locateUpload, METADATA_FILE, metadataFileFor} from '../core/grading/gradescope-upload.js'
import {copySubmission} from '../core/grading/intake.js'
import {entryOf, hasGrader, type LoadedGrader} from '../core/grading/load.js'
import {mapPool, WriteQueue} from '../core/grading/pool.js'
import {loadPrivateCases} from '../core/grading/private-cases.js'
import {writeReports, type ReportFormat} from '../core/grading/reporters/index.js'
import {missingResult, placeholderResult} from '../core/grading/placeholder.js'
import type {SubmissionResult} from '../core/grading/result.js'
import {deriveSeed} from '../core/grading/seed.js'
import {compareRoster, type Roster, type RosterEntry} from '../core/grading/roster.js'
import {writeRunMarker} from '../core/grading/run-marker.js'
import {SUBMISSIONS_DIR, compareResults, readResult, writeResult, writeResultAsync} from '../core/grading/store.js'
import {quote} from '../core/text/learner-text.js'
import {lstatSync, mkdirSync} from 'node:fs'
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
  /** A Gradescope submission: one learner, named by submission_metadata.json (or --learner), wherever the work sits in the upload. */
  readonly gradescope?: boolean
  /** The class's roster: listed learners without a folder get a `missing` row; folders not on it are listed. */
  readonly roster?: Roster
  /** Stops the run between submissions (Ctrl-C); what was graded is kept for --resume. */
  readonly signal?: AbortSignal
  readonly gradersDir?: string
  readonly onEvent?: (event: GradeEvent) => void
}

export type GradeEvent =
  | {readonly type: 'plan'; readonly total: number; readonly resumed: number; readonly learners: number; readonly layout: string; readonly regraded: readonly Regraded[]; readonly roster?: {readonly missing: number; readonly unlisted: number}}
  | {readonly type: 'start'; readonly learner: string; readonly unit: string}
  | {readonly type: 'done'; readonly result: SubmissionResult}

export interface GradeSummary {
  readonly out: string
  /** Submissions graded in this run. */
  readonly graded: number
  /** Submissions found already graded under --out and skipped (--resume). */
  readonly resumed: number
  /** Results found under --out that no longer stood (another secret, changed files…) and were graded again. */
  readonly regraded: readonly Regraded[]
  /** Every result now under --out, this run's and earlier ones'. */
  readonly results: SubmissionResult[]
  readonly reports: string[]
  readonly below_threshold: Array<{readonly learner: string; readonly unit: string; readonly percent: number}>
  /** Submissions the grader itself failed on (a bug, or an unusable grader): the run exits 1. */
  readonly grader_failures: Array<{readonly learner: string; readonly unit: string; readonly message: string}>
  readonly seed_mode: 'secret' | 'unseeded'
  /** Learners found under PATH before sharding (a shard may hold none of them). */
  readonly learners_in_class: number
  /** With a roster: listed learners with no folder (this shard's), and folders not on the roster. */
  readonly roster?: {readonly missing: readonly string[]; readonly unlisted: readonly string[]}
}

interface Job {
  readonly learner: LearnerWorkspace
  readonly unit: string
}

/** Why a result found under --out by --resume is graded again instead of kept. */
export type RegradeReason = 'another secret' | 'another grader version' | 'changed since' | 'other figures' | 'grader failed'

export interface Regraded {
  readonly learner: string
  readonly unit: string
  readonly why: RegradeReason
}

/** What the run is about to do, before anything is graded or written. */
interface Plan {
  readonly jobs: Job[]
  readonly pending: Job[]
  readonly regraded: Regraded[]
  readonly learnersInClass: number
  readonly learners: number
  readonly reason: string
  readonly units: string[]
  readonly roster?: RosterPlan
}

/** The roster's view of the run: who has no folder (this shard's share), who is not listed. */
interface RosterPlan {
  readonly missing: readonly RosterEntry[]
  readonly unlisted: readonly string[]
}

/** The units a learner's folder holds: `--unit`, or every graded unit whose folder (or link to one) is there. */
function unitsFound(workspace: LearnerWorkspace, unitIds: readonly string[], options: GradeOptions): string[] {
  if (options.unit) return [options.unit]
  return unitIds.filter((id) => hasGrader(id, options.gradersDir) && lstatSync(path.join(workspace.dir, id), {throwIfNoEntry: false}) !== undefined)
}

/** A result for a submission that could not be graded at all: its folder was refused, or the grader failed. */
function ungraded(job: Job, kind: 'files' | 'internal', message: string, secret: string | undefined, version: string): SubmissionResult {
  return placeholderResult(job.learner.learner, job.unit, 'error', {kind, message}, deriveSeed(secret, job.learner.learner, job.unit, version).info, version)
}

/**
 * What a run is told, checked before anything is graded or written: the unit, PATH, --out and
 * --tests (the secret file and the roster are read by the command before this). A mistake exits 2
 * with a plain message, never after a class was graded.
 */
function checkOptions(options: GradeOptions, unitIds: readonly string[]): void {
  if (options.unit && !unitIds.includes(options.unit)) throw new UsageError(`there is no unit \`${options.unit}\``, {code: 'unit-not-found', next: ['Run `course list` to see every unit.']})
  if (options.unit && !hasGrader(options.unit, options.gradersDir)) throw new UsageError(`\`${options.unit}\` has no grader`, {code: 'no-grader', next: ['Run `course list` to see which units are graded (kinds code, design and thought).']})
  checkInputFolder(options.path, 'PATH', ['Pass a workspace, or a folder holding one workspace per learner.'])
  checkOutputFolder(options.out, '--out')
  if (options.testsDir) checkInputFolder(options.testsDir, '--tests')
}

/**
 * Grades a class (or one workspace) into --out: each submission's result is written the moment it
 * is done, one bad submission never stops the batch, and the reports are written from everything
 * under --out at the end (so a resumed run and an uninterrupted one report the same).
 */
export async function gradeClass(options: GradeOptions): Promise<GradeSummary> {
  const loaded = course(options)
  const unitIds = loaded.units.map((u) => u.id)
  checkOptions(options, unitIds)
  const graders = new GraderCache(options.gradersDir)
  const variants = options.variants ?? loaded.variants ?? false
  const unitById = new Map(loaded.units.map((u) => [u.id, u]))
  const graderOf = (unit: string) => graders.get(unitById.get(unit)!)
  const entries = options.unit ? [entryOf((await graderOf(options.unit)).definition)] : []
  const found = discover(options, unitIds, entries)
  const plan = await planRun(options, found, unitIds, graderOf, variants)
  // Private cases are read before the first submission: a mistake in them is the instructor's to fix, not every learner's error.
  const privateCases = new Map<string, CaseDefinition[]>()
  if (options.testsDir) {
    for (const unit of plan.units) privateCases.set(unit, loadPrivateCases(options.testsDir, unit, (await graderOf(unit)).definition))
    if (plan.units.length > 0 && [...privateCases.values()].every((cases) => cases.length === 0)) {
      throw new UsageError(`--tests ${options.testsDir} holds no cases for ${plan.units.map((u) => `\`${u}\``).join(', ')}`, {code: 'bad-tests', next: ['Put them in DIR/<unit>.json or DIR/<unit>/*.json.']})
    }
  }
  options.onEvent?.({
    type: 'plan',
    total: plan.jobs.length,
    resumed: plan.jobs.length - plan.pending.length,
    learners: plan.learners,
    layout: plan.reason,
    regraded: plan.regraded,
    ...(plan.roster ? {roster: {missing: plan.roster.missing.length, unlisted: plan.roster.unlisted.length}} : {}),
  })

  const shard = options.shard ? `${options.shard.index}/${options.shard.count}` : null
  const marker = {shard, learners: plan.learners, learners_in_class: plan.learnersInClass, units: plan.units}
  // Before any result: a shard's folder holds a file even when the shard holds nobody (see run-marker.ts).
  writeRunMarker(options.out, {...marker, state: 'grading'})
  mkdirSync(path.join(options.out, SUBMISSIONS_DIR), {recursive: true})
  const failures: GradeSummary['grader_failures'] = []
  const fresh = new Map<string, SubmissionResult>()
  const writes = new WriteQueue()
  // Design documents are judged on threads that a runaway document can be stopped on (one per job
  // slot); code runs in sandboxed processes. A class of documents keeps the threads busy with a
  // few more submissions in flight than there are threads.
  const documentOnly = entries.length > 0 && !(await graderOf(options.unit!)).definition.code
  let documents: DocumentPool | undefined
  try {
    await mapPool(plan.pending, documentOnly ? options.jobs * 2 : options.jobs, async (job) => {
      if (options.signal?.aborted) return
      options.onEvent?.({type: 'start', learner: job.learner.learner, unit: job.unit})
      let result: SubmissionResult
      try {
        const unit = unitById.get(job.unit)!
        const grader = await graders.get(unit)
        if (job.learner.problem) result = ungraded(job, 'files', job.learner.problem, options.secret, grader.definition.version)
        else {
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
      // Interrupted while it ran: the result may be a killed child's, so it is not kept (--resume grades it).
      if (options.signal?.aborted) return
      fresh.set(keyOf(job.learner.learner, job.unit), result)
      await writes.add(writeResultAsync(options.out, result))
      options.onEvent?.({type: 'done', result})
    })
  } finally {
    await documents?.close()
  }
  await writes.drain()

  // Learners on the roster without a folder get a row per unit, saved like any result so that a
  // merge of shards keeps them.
  const missingKeys: string[] = []
  for (const entry of plan.roster?.missing ?? []) {
    for (const unit of plan.units) {
      const {definition} = await graderOf(unit)
      const points = [...definition.cases, ...(privateCases.get(unit) ?? [])].reduce((sum, c) => sum + c.points, 0)
      const result = missingResult(entry.learner, unit, options.secret ? 'secret' : 'unseeded', definition.version, points)
      fresh.set(keyOf(entry.learner, unit), result)
      missingKeys.push(keyOf(entry.learner, unit))
      writeResult(options.out, result)
    }
  }

  // Only this run's learners and units count: --out may hold other shards' or units' results.
  // Results graded now are in memory; only resumed ones are read back.
  const results = [...plan.jobs.map((job) => keyOf(job.learner.learner, job.unit)), ...missingKeys]
    .map((key) => fresh.get(key) ?? readResult(options.out, ...splitKey(key)))
    .filter((r): r is SubmissionResult => r !== undefined)
    .sort(compareResults)
  const reports = writeReports(options.out, results, options.formats, plan.roster ? {unlisted: plan.roster.unlisted} : {})
  writeRunMarker(options.out, {...marker, state: 'finished'})
  return {
    out: options.out,
    graded: plan.pending.length,
    resumed: plan.jobs.length - plan.pending.length,
    regraded: plan.regraded,
    results,
    reports,
    below_threshold: belowThreshold(results, options.failUnder),
    grader_failures: failures,
    seed_mode: options.secret ? 'secret' : 'unseeded',
    learners_in_class: plan.learnersInClass,
    ...(plan.roster ? {roster: {missing: plan.roster.missing.map((e) => e.learner), unlisted: [...plan.roster.unlisted]}} : {}),
  }
}

const keyOf = (learner: string, unit: string) => `${learner}\u0000${unit}`
const splitKey = (key: string) => key.split('\u0000') as [string, string]

/**
 * Who is graded. A Gradescope submission (its metadata beside PATH, or `--gradescope`) is one
 * learner, wherever the work sits in the upload; otherwise PATH is a workspace or a class. The
 * --out folder is never read as a learner, even when it lies inside the class folder.
 */
function discover(options: GradeOptions, unitIds: readonly string[], entries: readonly string[]): Discovered {
  const metadata = options.layout === 'class' ? undefined : metadataFileFor(options.path)
  if (options.gradescope || metadata) {
    if (options.layout === 'class') throw new UsageError('--gradescope and --class cannot be used together: a Gradescope submission is one learner', {code: 'usage'})
    const learner = options.learner ?? (metadata ? gradescopeLearner(metadata) : undefined)
    if (!learner) throw new UsageError(`--gradescope: there is no ${METADATA_FILE} beside ${options.path} to name the learner`, {code: 'bad-metadata', next: ['Pass the learner id with --learner.']})
    if (!LEARNER_ID.test(learner)) throw new UsageError(`${quote(learner)} cannot be a learner id (letters, digits, and . _ @ - only; at most 128 characters)`, {code: 'bad-learner-id'})
    const located = locateUpload(options.path, unitIds, entries)
    const source = options.learner ? 'from --learner' : `from ${METADATA_FILE}`
    if ('problem' in located) return {single: true, workspaces: [{learner, dir: options.path, problem: located.problem}], reason: `one Gradescope submission (learner id ${source})`}
    return {single: true, workspaces: [{learner, dir: located.dir}], reason: `one Gradescope submission (learner id ${source}; work found ${located.where})`}
  }
  const found = discoverWorkspaces(options.path, unitIds, {...(options.learner ? {learner: options.learner} : {}), entries, ...(options.layout ? {layout: options.layout} : {}), exclude: options.out})
  if (!found.single && options.learner) {
    throw new UsageError(`--learner names the learner of one workspace, but ${options.path} was read as ${found.reason}, with ${found.workspaces.length} learners`, {code: 'usage', next: ['Drop --learner to grade the class (each folder name is a learner id), or pass one workspace.']})
  }
  return found
}

/**
 * The run's jobs: every learner of the shard, for each unit their folder holds (or `--unit`). The
 * class's units are found over the whole class before sharding, so shards agree on the rows of a
 * learner whose folder holds no unit at all: one per unit, each saying the work is missing.
 */
async function planRun(options: GradeOptions, found: Discovered, unitIds: readonly string[], graderOf: (unit: string) => Promise<LoadedGrader>, variants: boolean): Promise<Plan> {
  const units = options.unit ? [options.unit] : unitIds.filter((id) => found.workspaces.some((w) => unitsFound(w, unitIds, options).includes(id)))
  const inThisShard = (learner: string) => !options.shard || inShard(learner, options.shard)
  const chosen = found.workspaces.filter((w) => inThisShard(w.learner))
  // A learner whose folder holds no graded unit (an empty folder, say) gets a row for each unit of the class, saying so.
  const jobs: Job[] = chosen.flatMap((learner) => {
    const own = unitsFound(learner, unitIds, options)
    return (own.length > 0 ? own : units).map((unit) => ({learner, unit}))
  })
  const regraded: Regraded[] = []
  const pending: Job[] = []
  for (const job of jobs) {
    const earlier = options.resume ? readResult(options.out, job.learner.learner, job.unit) : undefined
    const why = earlier ? await staleBecause(earlier, job, options, await graderOf(job.unit), variants) : undefined
    if (earlier && why === undefined) continue
    if (why) regraded.push({learner: job.learner.learner, unit: job.unit, why})
    pending.push(job)
  }
  const roster = options.roster ? rosterPlan(options.roster, found.workspaces, inThisShard) : undefined
  return {jobs, pending, regraded, learnersInClass: found.workspaces.length, learners: chosen.length, reason: found.reason, units, ...(roster ? {roster} : {})}
}

function rosterPlan(roster: Roster, workspaces: readonly LearnerWorkspace[], inThisShard: (learner: string) => boolean): RosterPlan {
  const {missing, unlisted} = compareRoster(roster, workspaces.map((w) => w.learner))
  return {missing: missing.filter((e) => inThisShard(e.learner)), unlisted: unlisted.filter(inThisShard)}
}

/**
 * Why a result already under --out no longer stands for this run, if it does not: graded by a
 * grader that failed, under another grader version or another secret (the seed's fingerprint
 * covers both), against other scenario figures, or from files that have changed since (the
 * submission's hash, computed from the same copy grading would make).
 */
async function staleBecause(earlier: SubmissionResult, job: Job, options: GradeOptions, grader: LoadedGrader, variants: boolean): Promise<RegradeReason | undefined> {
  if (earlier.error?.kind === 'internal') return 'grader failed'
  if (earlier.grader.version !== grader.definition.version) return 'another grader version'
  const seed = deriveSeed(options.secret, job.learner.learner, job.unit, grader.definition.version).info
  if (earlier.seed.mode !== seed.mode || earlier.seed.fingerprint !== seed.fingerprint) return 'another secret'
  if (grader.scenario && (earlier.scenario?.variant_of !== undefined) !== variants) return 'other figures'
  const sha = job.learner.problem ? '' : copySubmission(unitFolder(job.learner.dir, job.unit, entryOf(grader.definition))).sha256
  return earlier.submission.sha256 === sha ? undefined : 'changed since'
}

export function belowThreshold(results: readonly SubmissionResult[], failUnder: number | undefined): GradeSummary['below_threshold'] {
  if (failUnder === undefined) return []
  return results
    .map((r) => ({learner: r.learner, unit: r.unit, percent: r.max_score === 0 ? 0 : (100 * r.score) / r.max_score}))
    .filter((r) => r.percent < failUnder)
}
