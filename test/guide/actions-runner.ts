import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/**
 * Runs a GitHub Actions workflow on this machine, as far as it can: `run:` steps in bash the way
 * a hosted Ubuntu runner does (`bash -e`), and the two artifact actions simulated with the rules
 * of `actions/upload-artifact@v4` and `actions/download-artifact@v4`, which are what decide
 * whether a sharded grading run survives the trip between jobs. Anything the workflow uses that
 * is not simulated here fails loudly, so the guide cannot grow a step the test silently ignores.
 */

export interface Step {
  readonly name?: string
  readonly uses?: string
  readonly run?: string
  readonly if?: string
  readonly with?: Readonly<Record<string, unknown>>
  readonly env?: Readonly<Record<string, string>>
  readonly 'working-directory'?: string
}

export interface Job {
  readonly needs?: string | readonly string[]
  readonly env?: Readonly<Record<string, string>>
  readonly strategy?: {readonly 'fail-fast'?: boolean; readonly matrix?: Record<string, readonly unknown[]>}
  readonly steps: readonly Step[]
}

export interface Workflow {
  readonly on?: unknown
  readonly env?: Readonly<Record<string, string>>
  readonly jobs: Readonly<Record<string, Job>>
}

export interface StepRun {
  readonly label: string
  readonly outcome: 'success' | 'failure' | 'skipped'
  /** Why the step did not run here, or what the simulated action said. */
  readonly note?: string
  readonly stdout: string
  readonly stderr: string
}

export interface JobRun {
  readonly job: string
  readonly matrix: Readonly<Record<string, unknown>>
  readonly workspace: string
  /** The file `$GITHUB_STEP_SUMMARY` names: what the job's page shows. */
  readonly stepSummary: string
  readonly steps: readonly StepRun[]
  readonly failed: boolean
}

export interface RunnerOptions {
  readonly workflow: Workflow
  readonly secrets: Readonly<Record<string, string>>
  /** A folder this runner may fill: one workspace per job, and the artifact store. */
  readonly root: string
  /** What `actions/checkout` would bring: here, writes the repository's files into the workspace. */
  readonly checkout: (workspace: string) => void
  /** The command `npx course` stands for on this machine (the built CLI, without `npm ci`). */
  readonly course: string
  /** A last change to a `run:` script after expressions are filled in (for example, fewer workers). */
  readonly rewrite?: (script: string) => string
}

/**
 * `run:` steps this machine does not repeat, and why: the test's checkout already has its
 * dependencies installed, and changing a kernel setting needs root and outlives the test (the
 * sandbox only warns when user namespaces are blocked).
 */
const SKIPPED_RUNS: readonly {readonly match: RegExp; readonly why: string}[] = [
  {match: /^npm ci$/, why: 'dependencies are already installed here'},
  {match: /^sudo sysctl /, why: 'a kernel setting needs root and would outlive the test'},
]

/** Actions this machine does not repeat, and why. Checkout is replaced by `options.checkout`. */
const SKIPPED_ACTIONS: readonly {readonly match: RegExp; readonly why: string}[] = [{match: /^actions\/setup-node@v4$/, why: 'the Node running this test runs the CLI'}]

export class LocalRunner {
  /** Uploaded artifacts by name: each a folder holding exactly the files the artifact holds. */
  readonly artifacts = new Map<string, string>()
  private readonly finished = new Map<string, boolean>()
  private workspaces = 0

  constructor(private readonly options: RunnerOptions) {}

  /** Runs every matrix combination of a job, one after another, each in its own fresh workspace. */
  runJob(jobId: string): JobRun[] {
    const job = this.options.workflow.jobs[jobId]
    if (!job) throw new Error(`the workflow has no job ${jobId}`)
    const needs = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? [])
    for (const need of needs) {
      if (!this.finished.has(need)) throw new Error(`job ${jobId} needs ${need}, which has not run`)
    }
    const blocked = needs.some((need) => this.finished.get(need) === false)
    const combinations = matrixCombinations(job.strategy?.matrix)
    const runs = combinations.map((matrix, index) => {
      const workspace = path.join(this.options.root, `workspace-${++this.workspaces}`)
      mkdirSync(workspace, {recursive: true})
      const stepSummary = `${workspace}-step-summary.md`
      writeFileSync(stepSummary, '')
      if (blocked) return {job: jobId, matrix, workspace, stepSummary, steps: [], failed: true}
      return this.runSteps(jobId, job, {matrix, strategy: {'job-index': index, 'job-total': combinations.length}}, workspace, stepSummary)
    })
    this.finished.set(jobId, runs.every((run) => !run.failed))
    return runs
  }

  private runSteps(jobId: string, job: Job, contexts: Pick<Contexts, 'matrix' | 'strategy'>, workspace: string, summary: string): JobRun {
    const ctx: Contexts = {...contexts, secrets: this.options.secrets, env: {}, failed: false}
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries({...this.options.workflow.env, ...job.env})) env[key] = fill(String(value), {...ctx, env})
    const steps: StepRun[] = []
    for (const step of job.steps) {
      const label = step.name ? fill(step.name, {...ctx, env}) : (step.uses ?? step.run ?? '?')
      if (!shouldRun(step.if, {...ctx, env})) {
        steps.push({label, outcome: 'skipped', note: 'an earlier step failed', stdout: '', stderr: ''})
        continue
      }
      const stepEnv = {...env}
      for (const [key, value] of Object.entries(step.env ?? {})) stepEnv[key] = fill(String(value), {...ctx, env})
      const run = this.runStep(step, label, {...ctx, env: stepEnv}, workspace, summary)
      steps.push(run)
      if (run.outcome === 'failure') ctx.failed = true
    }
    return {job: jobId, matrix: contexts.matrix, workspace, stepSummary: summary, steps, failed: ctx.failed}
  }

  private runStep(step: Step, label: string, ctx: Contexts, workspace: string, summary: string): StepRun {
    const ok = (note: string): StepRun => ({label, outcome: 'success', note, stdout: '', stderr: ''})
    const fail = (note: string): StepRun => ({label, outcome: 'failure', note, stdout: '', stderr: ''})
    const inputs: Record<string, string> = {}
    for (const [key, value] of Object.entries(step.with ?? {})) inputs[key] = fill(String(value), ctx)
    if (step.uses) {
      if (step.uses === 'actions/checkout@v4') {
        this.options.checkout(workspace)
        return ok('checked out')
      }
      const skipped = SKIPPED_ACTIONS.find((s) => s.match.test(step.uses!))
      if (skipped) return {label, outcome: 'skipped', note: skipped.why, stdout: '', stderr: ''}
      if (step.uses === 'actions/upload-artifact@v4') {
        const result = this.upload(inputs, workspace)
        return result.ok ? ok(result.note) : fail(result.note)
      }
      if (step.uses === 'actions/download-artifact@v4') {
        const result = this.download(inputs, workspace)
        return result.ok ? ok(result.note) : fail(result.note)
      }
      throw new Error(`no simulation of ${step.uses}`)
    }
    if (step.run === undefined) throw new Error(`step ${label} neither uses an action nor runs a command`)
    const script = fill(step.run, ctx).trim()
    const skipped = SKIPPED_RUNS.find((s) => s.match.test(script))
    if (skipped) return {label, outcome: 'skipped', note: skipped.why, stdout: '', stderr: ''}
    const local = (this.options.rewrite ?? ((s: string) => s))(script.replace(/\bnpx course\b/g, this.options.course))
    // The script lives beside the workspace, not in it, so no upload can pick it up.
    const file = `${workspace}-step-${Math.random().toString(36).slice(2)}.sh`
    writeFileSync(file, `${local}\n`)
    const environment: NodeJS.ProcessEnv = {...process.env, COURSE_GRADER_SECRET: undefined, FORCE_COLOR: undefined}
    Object.assign(environment, {CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1'}, ctx.env)
    const result = spawnSync('bash', ['-e', file], {
      cwd: path.resolve(workspace, step['working-directory'] ?? '.'),
      env: environment,
      encoding: 'utf8',
      timeout: 240_000,
    })
    return {label, outcome: result.status === 0 ? 'success' : 'failure', note: `exit ${result.status ?? result.signal}`, stdout: result.stdout, stderr: result.stderr}
  }

  /** actions/upload-artifact@v4: one plain path (no globs), the files under it, by its rules. */
  upload(inputs: Readonly<Record<string, string>>, workspace: string): {ok: boolean; note: string} {
    const name = inputs.name || 'artifact'
    const searchPath = inputs.path ?? ''
    if (!searchPath || /[*?[\]{}\n]/.test(searchPath.trim())) throw new Error(`no simulation of an upload path such as ${JSON.stringify(searchPath)}`)
    const ifNoFilesFound = inputs['if-no-files-found'] || 'warn'
    const includeHidden = inputs['include-hidden-files'] === 'true'
    const root = path.resolve(workspace, searchPath.trim())
    const files = filesToUpload(root, includeHidden)
    if (files.length === 0) {
      const note = `No files were found with the provided path: ${searchPath}. No artifacts will be uploaded.`
      if (ifNoFilesFound === 'error') return {ok: false, note}
      return {ok: true, note}
    }
    // v4 refuses a second artifact of the same name in a run unless told to overwrite it.
    if (this.artifacts.has(name) && inputs.overwrite !== 'true') return {ok: false, note: `an artifact named ${name} already exists`}
    // A single file named outright is stored without its folders; otherwise paths are kept relative to the path given.
    const base = files.length === 1 && files[0] === root ? path.dirname(root) : root
    const store = path.join(this.options.root, 'artifacts', `${name}-${this.artifacts.size + 1}`)
    for (const file of files) {
      const target = path.join(store, path.relative(base, file))
      mkdirSync(path.dirname(target), {recursive: true})
      cpSync(file, target, {dereference: true})
    }
    this.artifacts.set(name, store)
    return {ok: true, note: `uploaded ${files.length} file${files.length === 1 ? '' : 's'} as ${name}`}
  }

  /**
   * actions/download-artifact@v4: by `name` into `path` itself; otherwise every artifact (or those
   * matching `pattern`) into `path/<artifact name>/`, unless `merge-multiple` puts them all in `path`.
   */
  download(inputs: Readonly<Record<string, string>>, workspace: string): {ok: boolean; note: string} {
    const dest = path.resolve(workspace, inputs.path || '.')
    if (inputs.name) {
      const store = this.artifacts.get(inputs.name)
      if (!store) return {ok: false, note: `Artifact '${inputs.name}' not found`}
      cpSync(store, dest, {recursive: true})
      return {ok: true, note: `downloaded ${inputs.name}`}
    }
    const matches = inputs.pattern ? artifactPattern(inputs.pattern) : () => true
    const names = [...this.artifacts.keys()].filter(matches)
    for (const name of names) cpSync(this.artifacts.get(name)!, inputs['merge-multiple'] === 'true' ? dest : path.join(dest, name), {recursive: true})
    return {ok: true, note: `downloaded ${names.length} artifact${names.length === 1 ? '' : 's'}`}
  }
}

/**
 * The files upload-artifact@v4 finds under `root`: regular files only (folders, empty or not, are
 * not uploaded; links are followed), and, unless hidden files are included, nothing whose name
 * starts with `.` nor anything inside such a folder, the path given included.
 */
export function filesToUpload(root: string, includeHidden: boolean): string[] {
  const found: string[] = []
  const visit = (item: string) => {
    if (!includeHidden && path.basename(item).startsWith('.')) return
    const stats = statSync(item, {throwIfNoEntry: false})
    if (!stats) return
    if (stats.isDirectory()) for (const entry of readdirSync(item).sort()) visit(path.join(item, entry))
    else found.push(item)
  }
  if (existsSync(root)) visit(root)
  return found
}

/** An artifact-name pattern as minimatch reads the simple ones: `*` and `?`; anything richer is refused. */
function artifactPattern(pattern: string): (name: string) => boolean {
  if (/[[\]{}!+@()]/.test(pattern)) throw new Error(`no simulation of the artifact pattern ${pattern}`)
  const source = pattern.replace(/[.^$|\\/]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')
  const regex = new RegExp(`^${source}$`)
  return (name) => regex.test(name)
}

interface Contexts {
  readonly matrix: Readonly<Record<string, unknown>>
  readonly strategy: Readonly<Record<string, number>>
  readonly secrets: Readonly<Record<string, string>>
  readonly env: Readonly<Record<string, string>>
  failed: boolean
}

function matrixCombinations(matrix: Record<string, readonly unknown[]> | undefined): Record<string, unknown>[] {
  if (!matrix) return [{}]
  let combinations: Record<string, unknown>[] = [{}]
  for (const [key, values] of Object.entries(matrix)) {
    if (!Array.isArray(values)) throw new Error(`no simulation of matrix.${key} (only lists)`)
    combinations = combinations.flatMap((c) => values.map((value) => ({...c, [key]: value})))
  }
  return combinations
}

/** Fills in `${{ … }}` expressions; only the few this workflow needs, so a new one fails loudly. */
function fill(text: string, ctx: Contexts): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => String(evaluate(expression, ctx)))
}

function evaluate(expression: string, ctx: Contexts): string | number | boolean {
  const status: Record<string, boolean> = {'always()': true, 'cancelled()': false, '!cancelled()': true, 'success()': !ctx.failed, 'failure()': ctx.failed}
  if (expression in status) return status[expression]!
  const reference = /^(matrix|strategy|secrets|env)\.([A-Za-z_][\w-]*)$/.exec(expression)
  if (reference) {
    const value = ctx[reference[1] as 'matrix' | 'strategy' | 'secrets' | 'env'][reference[2]!]
    if (value === undefined) throw new Error(`the expression ${expression} has no value here`)
    return value as string | number
  }
  throw new Error(`no simulation of the expression ${expression}`)
}

/** A step's `if:`, with or without `${{ }}`; without one, a step runs only while nothing failed. */
function shouldRun(condition: string | undefined, ctx: Contexts): boolean {
  if (condition === undefined) return !ctx.failed
  const expression = /^\s*\$\{\{\s*(.*?)\s*\}\}\s*$/.exec(condition)?.[1] ?? condition.trim()
  const value = evaluate(expression, ctx)
  // As on GitHub, a condition that checks no status function is implicitly `success() && …`.
  const checksStatus = /\b(always|cancelled|success|failure)\(\)/.test(expression)
  return Boolean(value) && (checksStatus || !ctx.failed)
}
