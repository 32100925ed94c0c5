import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {materialise, submissionFixtures} from '../helpers/fixtures.js'
import {tempDir} from '../helpers/temp.js'
import {type JobRun, LocalRunner, type Step, type Workflow, filesToUpload} from './actions-runner.js'

/**
 * The sharded grading workflow of the instructor guide, read from the guide itself and run here:
 * every grading shard, the artifact upload and download between jobs (simulated with the rules of
 * the real actions, which drop empty folders and hidden files), and the merge. Its gradebook must
 * equal one unsharded run's, also when shards receive nobody.
 */
const GUIDE = path.join(ROOT, 'docs', 'guide', 'instructor.md')
const SECRET = 'workflow-secret-for-tests'
const UNIT = 'load-balancer'
const WRONG = ['fail/modulo-hash', 'fail/ring-wraps-to-last', 'fail/weighted-fractional-weight', 'error/syntax']

/** The ```yaml block of the guide's "## GitHub Actions" section, parsed. */
function guideWorkflow(): Workflow {
  const guide = readFileSync(GUIDE, 'utf8')
  const section = /^## GitHub Actions\n([\s\S]*?)(?=^## )/m.exec(guide)?.[1]
  if (!section) throw new Error('the instructor guide has no "## GitHub Actions" section')
  const blocks = [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
  expect(blocks).toHaveLength(1)
  return parse(blocks[0]!) as Workflow
}

const stepRunning = (steps: readonly Step[], text: string) => steps.findIndex((s) => s.run?.includes(text))
const stepUsing = (steps: readonly Step[], action: string) => steps.findIndex((s) => s.uses === action)

/** The same workflow with `count` shards: only the matrix changes, as the guide tells readers. */
function withShards(workflow: Workflow, count: number): Workflow {
  const copy = structuredClone(workflow) as {jobs: Record<string, {strategy: {matrix: Record<string, unknown>}}>}
  copy.jobs.grade!.strategy.matrix.shard = Array.from({length: count}, (_, i) => i + 1)
  return copy as unknown as Workflow
}

function describeFailures(runs: readonly JobRun[]): string {
  return runs
    .flatMap((run) => run.steps.filter((s) => s.outcome === 'failure').map((s) => `${run.job} ${JSON.stringify(run.matrix)} "${s.label}": ${s.note}\n${s.stdout}${s.stderr}`))
    .join('\n')
}

/** Runs the whole workflow over a copy of `classDir` as the repository's `class/` folder. */
function runWorkflow(workflow: Workflow, classDir: string) {
  const runner = new LocalRunner({
    workflow,
    secrets: {COURSE_GRADER_SECRET: SECRET},
    root: tempDir(),
    checkout: (workspace) => cpSync(classDir, path.join(workspace, 'class'), {recursive: true}),
    course: `node ${JSON.stringify(BIN)}`,
    // A hosted runner gives each shard its own machine; here they share one, so each grades two at a time.
    rewrite: (script) => (/ grade class\b/.test(script) ? `${script} --jobs 2` : script),
  })
  const grade = runner.runJob('grade')
  const merge = runner.runJob('merge')
  return {runner, grade, merge: merge[0]!}
}

/** The gradebook of one unsharded run of the class, with the same secret. */
function singleRunGradebook(classDir: string): string {
  const out = path.join(tempDir(), 'grades')
  const run = runCli(['grade', classDir, '--unit', UNIT, '--jobs', '2', '--out', out, '--format', 'csv'], {env: {COURSE_GRADER_SECRET: SECRET}, timeoutMs: 240_000})
  expect(run.code, run.stdout + run.stderr).toBe(0)
  return readFileSync(path.join(out, 'gradebook.csv'), 'utf8')
}

/** How many learners each shard's artifact holds results for. */
function shardSizes(runner: LocalRunner, shards: number): number[] {
  return Array.from({length: shards}, (_, i) => {
    const store = runner.artifacts.get(`grades-${i + 1}`)
    expect(store, `shard ${i + 1} uploaded no artifact`).toBeDefined()
    const submissions = path.join(store!, 'submissions')
    return existsSync(submissions) ? readdirSync(submissions).length : 0
  })
}

function expectMerged(result: ReturnType<typeof runWorkflow>, classDir: string) {
  expect(describeFailures([...result.grade, result.merge])).toBe('')
  const merged = path.join(result.merge.workspace, 'grades')
  expect(readFileSync(path.join(merged, 'gradebook.csv'), 'utf8')).toBe(singleRunGradebook(classDir))
  // The last step appends the summary to the job's page.
  const summary = readFileSync(path.join(merged, 'summary.md'), 'utf8')
  expect(readFileSync(result.merge.stepSummary, 'utf8')).toBe(summary)
  expect(result.runner.artifacts.has('grades')).toBe(true)
}

describe('the GitHub Actions workflow in the instructor guide', () => {
  it('shards by a matrix, uploads each shard, downloads them by pattern and merges', () => {
    const workflow = guideWorkflow()
    expect(Object.keys(workflow.jobs)).toEqual(['grade', 'merge'])
    const grade = workflow.jobs.grade!
    expect(grade.strategy?.['fail-fast']).toBe(false)
    // The matrix's only key, so strategy.job-total is the number of shards.
    expect(Object.keys(grade.strategy?.matrix ?? {})).toEqual(['shard'])
    const shards = grade.strategy!.matrix!.shard!
    expect(shards.length).toBeGreaterThan(1)
    expect(shards).toEqual(shards.map((_, i) => i + 1))

    const gradeAt = stepRunning(grade.steps, 'npx course grade class')
    expect(gradeAt).toBeGreaterThan(-1)
    const gradeStep = grade.steps[gradeAt]!
    expect(gradeStep.run).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }}')
    expect(gradeStep.run).toContain('--out grades-${{ matrix.shard }}')
    expect(gradeStep.env).toEqual({COURSE_GRADER_SECRET: '${{ secrets.COURSE_GRADER_SECRET }}'})

    const uploadAt = stepUsing(grade.steps, 'actions/upload-artifact@v4')
    expect(uploadAt).toBeGreaterThan(gradeAt)
    const upload = grade.steps[uploadAt]!
    expect(upload.with).toMatchObject({name: 'grades-${{ matrix.shard }}', path: 'grades-${{ matrix.shard }}', 'if-no-files-found': 'error'})
    expect(upload.if).toBe('${{ !cancelled() }}')

    const merge = workflow.jobs.merge!
    expect(merge.needs).toBe('grade')
    expect(JSON.stringify(merge)).not.toContain('secrets.')
    const downloadAt = stepUsing(merge.steps, 'actions/download-artifact@v4')
    const download = merge.steps[downloadAt]!
    expect(download.with).toEqual({pattern: 'grades-*', path: 'shards'})
    const mergeAt = stepRunning(merge.steps, 'npx course grade merge shards/grades-* --out grades')
    expect(mergeAt).toBeGreaterThan(downloadAt)
    expect(stepRunning(merge.steps, 'cat grades/summary.md >> "$GITHUB_STEP_SUMMARY"')).toBeGreaterThan(mergeAt)
  })
})

describe('the simulated artifact actions', () => {
  it('upload only files, without empty folders or hidden files, and fail on none when told to', () => {
    const workspace = tempDir()
    mkdirSync(path.join(workspace, 'out', 'submissions'), {recursive: true})
    mkdirSync(path.join(workspace, 'out', '.cache'), {recursive: true})
    writeFileSync(path.join(workspace, 'out', '.cache', 'kept-only-if-hidden-included'), '')
    writeFileSync(path.join(workspace, 'out', '.hidden'), '')
    const runner = new LocalRunner({workflow: {jobs: {}}, secrets: {}, root: tempDir(), checkout: () => {}, course: 'true'})
    expect(filesToUpload(path.join(workspace, 'out'), false)).toEqual([])
    expect(filesToUpload(path.join(workspace, 'out'), true)).toHaveLength(2)
    expect(runner.upload({name: 'a', path: 'out', 'if-no-files-found': 'error'}, workspace).ok).toBe(false)
    expect(runner.upload({name: 'a', path: 'out'}, workspace)).toMatchObject({ok: true, note: expect.stringContaining('No files were found')})
    expect(runner.artifacts.size).toBe(0)

    writeFileSync(path.join(workspace, 'out', 'submissions', 'x.json'), '{}')
    expect(runner.upload({name: 'grades-1', path: 'out'}, workspace).ok).toBe(true)
    expect(runner.upload({name: 'grades-1', path: 'out'}, workspace).ok).toBe(false)
    expect(runner.upload({name: 'other', path: 'out'}, workspace).ok).toBe(true)
    const elsewhere = tempDir()
    runner.download({pattern: 'grades-*', path: 'shards'}, elsewhere)
    expect(readdirSync(path.join(elsewhere, 'shards'))).toEqual(['grades-1'])
    expect(readdirSync(path.join(elsewhere, 'shards', 'grades-1'), {recursive: true}).sort()).toEqual(['submissions', path.join('submissions', 'x.json')])
  })
})

describe('the guide workflow run on a class', () => {
  let bigClass: string
  let smallClass: string

  beforeAll(() => {
    const fixtures = new Map(submissionFixtures().filter((f) => f.unit === UNIT).map((f) => [f.name, f]))
    const reference = path.join(ROOT, 'exercises', UNIT, 'reference', `${UNIT}.ts`)
    const makeLearner = (classDir: string, learner: string, index: number) => {
      const dir = path.join(classDir, learner, UNIT)
      // Most learners hand in the reference solution; every seventh hands in a known wrong one.
      const wrong = index % 7 === 3 ? fixtures.get(WRONG[Math.floor(index / 7) % WRONG.length]!) : undefined
      if (wrong) materialise(wrong, dir)
      else cpSync(reference, path.join(dir, `${UNIT}.ts`))
    }
    bigClass = tempDir({scope: 'file'})
    for (let i = 0; i < 30; i++) makeLearner(bigClass, `learner-${String(i).padStart(2, '0')}`, i)
    smallClass = tempDir({scope: 'file'})
    for (const [i, learner] of ['ada', 'ben', 'chloe'].entries()) makeLearner(smallClass, learner, i + 2)
  })

  it('grades 30 learners in 8 shards and merges into the gradebook of one run', () => {
    const result = runWorkflow(withShards(guideWorkflow(), 8), bigClass)
    expect(describeFailures(result.grade)).toBe('')
    const sizes = shardSizes(result.runner, 8)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30)
    // These ids happen to leave no shard empty; the class of 3 below covers empty shards.
    expect(Math.min(...sizes)).toBeGreaterThan(0)
    expectMerged(result, bigClass)
  }, 600_000)

  it('merges a class of 3 in 8 shards, where most shards receive nobody', () => {
    const result = runWorkflow(withShards(guideWorkflow(), 8), smallClass)
    expect(describeFailures(result.grade)).toBe('')
    const sizes = shardSizes(result.runner, 8)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3)
    expect(sizes.filter((size) => size === 0).length).toBeGreaterThanOrEqual(5)
    // What keeps an empty shard's artifact from vanishing: the file every run writes.
    for (let i = 1; i <= 8; i++) expect(existsSync(path.join(result.runner.artifacts.get(`grades-${i}`)!, 'run.json')), `grades-${i}/run.json`).toBe(true)
    expectMerged(result, smallClass)
  }, 300_000)
})
