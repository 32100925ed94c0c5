import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {findUnit, loadCourse} from '../../core/catalog/load.js'
import {courseRoot, gradersDir as defaultGradersDir} from '../../core/catalog/paths.js'
import type {Unit} from '../../core/catalog/model.js'
import {UserError} from '../../core/errors.js'
import {GRADER_FILE, hasGrader, type LoadedGrader} from '../../core/grading/load.js'
import {readJsonFile} from '../../core/schema/json-file.js'
import {DEFAULT_LIMITS} from '../../core/sandbox/limits.js'
import {gradeOne, loadUnitGrader} from '../grading-context.js'
import {openBridge, type BridgeMessage} from './bridge.js'
import {classify, loadEquivalents, type StaleRecord} from './equivalents.js'
import {applyMutant, keyOf, mutantDiff, originalText, type MutantKey, type MutantSpec} from './mutant.js'
import type {LogLevel} from '@stryker-mutator/api/core'
import {PLUGIN_SOURCE} from './stryker-plugin.js'
import {summarise} from './summary.js'

/** A fixed secret: the hidden inputs of each learner id are then the same on every run. */
export const MUTATE_SECRET = 'course-dev-mutate'
export const DEFAULT_LEARNERS = 3
/** Two grading sandboxes at a time; each runs in its own child process. */
export const DEFAULT_CONCURRENCY = 2
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export function learnerIds(count: number): string[] {
  return Array.from({length: count}, (_, i) => `mutant-learner-${i + 1}`)
}

export type MutantStatus = 'killed' | 'survived' | 'equivalent' | 'ignored'

/** Who killed a mutant: the first learner id whose grade fell short, and how. */
export interface KilledBy {
  readonly learner: string
  /** The cases that did not pass for that learner (empty when nothing could run). */
  readonly cases: readonly string[]
  /** `cases`, or the submission error that stopped grading (`build`, `load`, `crash`…), or `timeout` (Stryker's own limit). */
  readonly how: string
  /** The first failing case's feedback, or the error message: what the learner would have read. */
  readonly feedback: string
}

export interface MutantReport {
  readonly id: string
  readonly status: MutantStatus
  /** Stryker's status: Killed, Survived, Timeout, CompileError, RuntimeError, Ignored… */
  readonly stryker_status: string
  readonly mutator: string
  /** The reference file, relative to the course folder. */
  readonly file: string
  /** 1-based, as editors count. */
  readonly line: number
  readonly column: number
  readonly original: string
  readonly replacement: string
  /** What a record in equivalent-mutants.json must hold to match this mutant (add a `reason`). */
  readonly key: MutantKey
  readonly killed_by?: KilledBy
  /** For equivalent mutants: the record's reason. */
  readonly reason?: string
  /** For survivors and equivalents: the change as a small unified diff. */
  readonly diff?: string
  readonly ms?: number
}

export interface UnitMutationReport {
  readonly unit: string
  readonly killed: number
  readonly survived: number
  readonly equivalent: number
  /** killed / (killed + survived); 1 when there is nothing to kill. */
  readonly score: number
  readonly total: number
  readonly ignored: number
  readonly file: string
  readonly learners: readonly string[]
  readonly wall_ms: number
  /** Records in equivalent-mutants.json that no longer describe a surviving mutant. */
  readonly stale: readonly StaleRecord[]
  readonly mutants: readonly MutantReport[]
}

export interface MutateProgress {
  readonly unit: string
  readonly done: number
  /** 0 until Stryker has planned the run. */
  readonly total: number
}

export interface MutateOptions {
  readonly learners?: number
  readonly concurrency?: number
  /** Only mutants starting in these 1-based line ranges of the reference, e.g. `[[10, 40]]`. */
  readonly lines?: readonly (readonly [number, number])[]
  readonly gradersDir?: string
  readonly onProgress?: (progress: MutateProgress) => void
}

/** The units `--all` means: every unit whose grader has a code part. */
export function codeUnits(gradersDir: string = defaultGradersDir()): Unit[] {
  return loadCourse().units.filter((u) => hasGrader(u.id, gradersDir) && codeEntryOf(u.id, gradersDir) !== undefined)
}

function codeEntryOf(unit: string, gradersDir: string): string | undefined {
  const grader = readJsonFile(path.join(gradersDir, unit, GRADER_FILE)) as {code?: {entry?: string}}
  return grader.code?.entry
}

/** Resolves ids to units with code, or says clearly why one cannot be mutated. */
export function resolveUnits(ids: readonly string[], gradersDir: string = defaultGradersDir()): Unit[] {
  const course = loadCourse()
  return ids.map((id) => {
    const unit = findUnit(course, id)
    if (!hasGrader(unit.id, gradersDir)) throw new UserError(`unit \`${unit.id}\` has no grader, so there is nothing to measure`, {code: 'no-grader', next: ['Run `course dev mutate --all` to measure every unit with code.']})
    if (codeEntryOf(unit.id, gradersDir) === undefined) throw new UserError(`unit \`${unit.id}\` has no code part: its grader judges a document, and mutation testing needs code`, {code: 'no-code', next: ['Run `course dev mutate --all` to measure every unit with code.']})
    return unit
  })
}

/** Stryker is a development dependency: course authors have it, learners installing the tool do not. */
async function loadStryker(): Promise<typeof import('@stryker-mutator/core').Stryker> {
  // A computed specifier: the bundler must leave Stryker out (it loads its own workers and plugins from disk).
  const specifier = ['@stryker-mutator', 'core'].join('/')
  try {
    const module = (await import(specifier)) as typeof import('@stryker-mutator/core')
    return module.Stryker
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      throw new UserError('`course dev mutate` needs StrykerJS, a development dependency of the course', {code: 'stryker-missing', next: ['Run `npm install` in the course repository (with dev dependencies), then try again.']})
    }
    throw error
  }
}

/** Stryker reads the project from the current directory; it gets a private one, and ours comes back after. */
async function inDirectory<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const previous = process.cwd()
  process.chdir(dir)
  try {
    return await work()
  } finally {
    process.chdir(previous)
  }
}

function sameLocation(a: MutantSpec['location'], b: MutantSpec['location']): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column
}

interface Judged {
  readonly location: MutantSpec['location']
  readonly killedBy?: KilledBy
  readonly ms: number
}

/** Grades one folder for every learner id until one falls short; undefined when all get full marks. */
async function firstShortfall(grader: LoadedGrader, dir: string, learners: readonly string[]): Promise<KilledBy | undefined> {
  for (const learner of learners) {
    const result = await gradeOne(grader, {dir, learner, mode: 'grade', secret: MUTATE_SECRET})
    if (result.status === 'pass' && result.score >= result.max_score) continue
    const failing = result.cases.filter((c) => c.status !== 'passed')
    if (result.error) return {learner, cases: failing.filter((c) => !c.feedback.startsWith('not run')).map((c) => c.name), how: result.error.kind, feedback: result.error.message.split('\n')[0] ?? ''}
    return {learner, cases: failing.map((c) => c.name), how: 'cases', feedback: failing[0]?.feedback ?? `score ${result.score}/${result.max_score}`}
  }
  return undefined
}

/** Mutation testing of one unit's reference against the unit's grader. */
export async function mutateUnit(unit: Unit, options: MutateOptions = {}): Promise<UnitMutationReport> {
  const started = performance.now()
  const gradersDir = path.resolve(options.gradersDir ?? defaultGradersDir())
  const learners = learnerIds(options.learners ?? DEFAULT_LEARNERS)
  const grader = await loadUnitGrader(unit, gradersDir)
  const entry = grader.definition.code?.entry
  if (!entry) throw new UserError(`unit \`${unit.id}\` has no code part to mutate`, {code: 'no-code'})
  const referenceDir = path.join(unit.dir, 'reference')
  const source = readFileSync(path.join(referenceDir, entry), 'utf8')
  const file = path.relative(courseRoot(), path.join(referenceDir, entry)).split(path.sep).join('/')
  const records = loadEquivalents(gradersDir, unit.id)
  const Stryker = await loadStryker()

  // Everything Stryker writes goes under the system's temporary folder, never the repository.
  const work = mkdtempSync(path.join(os.tmpdir(), 'course-mutate-'))
  // A signal becomes an exit (Stryker does the same while it runs), so the temporary folder goes too.
  const cleanUp = () => rmSync(work, {recursive: true, force: true})
  const onSignal = (signal: NodeJS.Signals) => process.exit(128 + (os.constants.signals[signal] ?? 0))
  process.on('exit', cleanUp)
  for (const signal of SIGNALS) process.on(signal, onSignal)
  try {
    // The reference must earn full marks for every id, or every mutant would look killed.
    const referenceStarted = performance.now()
    const shortfall = await firstShortfall(grader, referenceDir, learners)
    if (shortfall) {
      throw new UserError(`the reference of \`${unit.id}\` does not earn full marks for ${shortfall.learner} (${shortfall.how}: ${shortfall.cases.join(', ') || shortfall.feedback}); mutation scores would mean nothing`, {
        code: 'reference-fails',
        next: ['Run `course dev check` and fix the grader or the reference first.'],
      })
    }
    const referenceMs = performance.now() - referenceStarted

    const project = path.join(work, 'project')
    mkdirSync(project)
    // Stryker only parses the code; a type-only import of the starter's contract never resolves.
    cpSync(referenceDir, project, {recursive: true})
    const pluginFile = path.join(work, 'course-stryker-plugin.mjs')
    writeFileSync(pluginFile, PLUGIN_SOURCE)

    const judged = new Map<string, Judged>()
    let done = 0
    let total = 0
    let serial = 0
    const judge = async (spec: MutantSpec): Promise<Record<string, unknown>> => {
      const mutantStarted = performance.now()
      const dir = path.join(work, `mutant-${++serial}`)
      cpSync(referenceDir, dir, {recursive: true})
      writeFileSync(path.join(dir, entry), applyMutant(source, spec))
      try {
        const killedBy = await firstShortfall(grader, dir, learners)
        judged.set(spec.id, {location: spec.location, ...(killedBy ? {killedBy} : {}), ms: Math.round(performance.now() - mutantStarted)})
        if (!killedBy) return {result: {status: 'survived', nrOfTests: grader.definition.cases.length}}
        return {result: {status: 'killed', killedBy: killedBy.cases, failureMessage: `${killedBy.learner}: ${killedBy.feedback}`, nrOfTests: grader.definition.cases.length}}
      } finally {
        rmSync(dir, {recursive: true, force: true})
      }
    }
    const bridge = await openBridge(work, {
      ask: async (message) => {
        if (message.kind === 'dry-run') return {tests: grader.definition.cases.map((c) => c.name), ms: Math.round(referenceMs)}
        const mutant = message.mutant as {id: string; mutatorName: string; replacement: string; location: MutantSpec['location']}
        return judge({id: mutant.id, mutator: mutant.mutatorName, replacement: mutant.replacement, location: mutant.location})
      },
      tell: (message: Exclude<BridgeMessage, {id: number}>) => {
        if (message.kind === 'plan') total = message.total
        else done++
        options.onProgress?.({unit: unit.id, done, total})
      },
    })

    const limits = {...DEFAULT_LIMITS, ...grader.definition.limits}
    let results: Awaited<ReturnType<InstanceType<typeof Stryker>['runMutationTest']>>
    try {
      const mutate = options.lines?.length ? options.lines.map(([from, to]) => `${entry}:${from}-${to}`) : [entry]
      results = await inDirectory(project, () =>
        new Stryker({
          testRunner: 'course-grader',
          reporters: ['course-progress'],
          plugins: [pathToFileURL(pluginFile).href],
          mutate,
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          // Every mutant is graded whole: the grader has no per-test coverage to offer.
          coverageAnalysis: 'off',
          checkers: [],
          disableTypeChecks: false,
          // The sandbox enforces the grader's own time limits (a mutant that loops is a failed case).
          // Stryker's limit is only a backstop for a grading that hangs: every learner id at its worst.
          timeoutMS: learners.length * (limits.totalTimeoutMs + limits.loadTimeoutMs) + 30_000,
          timeoutFactor: 1,
          // Stryker's LogLevel is an enum of strings; its module stays unloaded until a run needs it.
          logLevel: 'off' as LogLevel,
          fileLogLevel: 'off' as LogLevel,
          allowConsoleColors: false,
          tempDirName: '.stryker-tmp',
          cleanTempDir: true,
          incremental: false,
          symlinkNodeModules: false,
          ...({courseMutate: {address: bridge.address}} as object),
        }).runMutationTest(),
      )
    } finally {
      await bridge.close()
    }

    const mutants = results.map((r): {report: Omit<MutantReport, 'status'>; status: MutantStatus} => {
      // Stryker's results count lines and columns from 1 (its report format); its API and this module from 0.
      const location = {start: {line: r.location.start.line - 1, column: r.location.start.column - 1}, end: {line: r.location.end.line - 1, column: r.location.end.column - 1}}
      const spec: MutantSpec = {id: r.id, mutator: r.mutatorName, replacement: r.replacement, location}
      const seen = judged.get(r.id)
      if (seen && !sameLocation(seen.location, location)) throw new Error(`Stryker reported mutant ${r.id} at ${JSON.stringify(r.location)}, graded at ${JSON.stringify(seen.location)}`)
      const killedByTimeout: KilledBy | undefined = r.status === 'Timeout' ? {learner: '', cases: [], how: 'timeout', feedback: r.statusReason ?? 'Stryker stopped the grading'} : undefined
      const killed = ['Killed', 'Timeout', 'CompileError', 'RuntimeError'].includes(r.status)
      const status: MutantStatus = r.status === 'Ignored' ? 'ignored' : killed ? 'killed' : 'survived'
      const killedBy = seen?.killedBy ?? killedByTimeout ?? (killed ? {learner: '', cases: [], how: r.status, feedback: r.statusReason ?? ''} : undefined)
      return {
        status,
        report: {
          id: r.id,
          stryker_status: r.status,
          mutator: r.mutatorName,
          file,
          line: r.location.start.line,
          column: r.location.start.column,
          original: originalText(source, location),
          replacement: r.replacement,
          key: keyOf(source, spec),
          ...(status === 'killed' && killedBy ? {killed_by: killedBy} : {}),
          ...(status === 'survived' ? {diff: mutantDiff(source, spec, file)} : {}),
          ...(seen ? {ms: seen.ms} : {}),
        },
      }
    })
    const survivors = mutants.filter((m) => m.status === 'survived').map((m) => ({item: m, key: m.report.key}))
    const {matches, stale} = classify(records, survivors, mutants.map((m) => m.report.key))
    const reports = mutants
      .map((m): MutantReport => {
        const record = matches.get(m)
        return record ? {...m.report, status: 'equivalent', reason: record.reason} : {...m.report, status: m.status}
      })
      .sort((a, b) => a.line - b.line || a.column - b.column || a.mutator.localeCompare(b.mutator) || a.replacement.localeCompare(b.replacement))
    // With a line range, records outside it simply had no mutant to match.
    const staleNow = options.lines?.length ? [] : stale
    return {unit: unit.id, ...summarise(reports), file, learners, wall_ms: Math.round(performance.now() - started), stale: staleNow, mutants: reports}
  } finally {
    process.off('exit', cleanUp)
    for (const signal of SIGNALS) process.off(signal, onSignal)
    cleanUp()
  }
}
