/**
 * What a lab is handed: the reference's work or, with --mine, the learner's — their code run in a
 * sandboxed child, their answer read as grading reads it. Run on the small fixture course, whose
 * two units each carry a lab written only as files.
 */
import {rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findLabs} from '../../src/core/labs/lab-spec.js'
import {UserError} from '../../src/core/errors.js'
import {runLab} from '../../src/services/lab.js'
import {startUnit} from '../../src/services/start.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {tempDir} from '../helpers/temp.js'

const root = new URL('../fixtures/course/', import.meta.url).pathname
const contentDir = path.join(root, 'exercises')
const gradersDir = path.join(root, 'graders')
const spec = (unit: string) => findLabs(gradersDir).find((s) => s.unit === unit)!

/** A learner's workspace with the unit started and `files` written over the starter's. */
function learner(unit: string, files: Record<string, string>): string {
  const cwd = tempDir()
  startUnit({cwd, contentDir, unit})
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, 'course-work', unit, name), text)
  return cwd
}

const run = (unit: string, cwd: string, mine: boolean, given: Record<string, unknown> = {}) => runLab(spec(unit), given, {cwd, contentDir, gradersDir, mine})

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

describe('a lab that runs code', () => {
  it('runs the reference in a child process, not in this one', async () => {
    const lab = await run('block-partition', process.cwd(), false)
    expect(lab.source).toBe('reference')
    expect(lab.result).toMatchObject({source: 'reference', sizes: [4, 3, 3]})
    expect((lab.result as {pid: number}).pid).not.toBe(process.pid)
  })

  it("runs the learner's own code with --mine, and shows what it did", async () => {
    const cwd = learner('block-partition', {'blocks.ts': 'export function partition<T>(tasks: readonly T[], workers: number): T[][] { return [[...tasks], ...Array.from({length: workers - 1}, () => [])] }\n'})
    const lab = await run('block-partition', cwd, true, {tasks: 9})
    expect(lab.source).toBe('mine')
    expect(lab.folder).toBe(path.join(cwd, 'course-work', 'block-partition'))
    expect(lab.result).toMatchObject({source: 'mine', sizes: [9, 0, 0]})
    expect(formatLabView(lab.blocks, {color: false, width: 80})).toContain('worker 1')
  })

  it('turns code that throws into a line of the view, not a crash', async () => {
    const cwd = learner('block-partition', {'blocks.ts': 'export function partition(): never { throw new Error("not yet") }\n'})
    const lab = await run('block-partition', cwd, true)
    expect(formatLabView(lab.blocks, {color: false, width: 80})).toMatch(/threw: .*not yet/)
  })

  it('refuses code that does not build, at its file, line and column', async () => {
    const cwd = learner('block-partition', {'blocks.ts': 'export function partition( {\n'})
    const error = await refusal(run('block-partition', cwd, true))
    expect(error.message).toMatch(/blocks\.ts:\d+:\d+: /)
    expect(error.message).toContain(path.join(cwd, 'course-work', 'block-partition', 'blocks.ts'))
  })
})

describe('a lab that reads an answer', () => {
  it("hands the reference answer, or the learner's with --mine", async () => {
    const reference = await run('batch-workers', process.cwd(), false)
    expect(reference.result).toMatchObject({source: 'reference', workers: 20, busy: 0.75})
    const cwd = learner('batch-workers', {'sizing.yaml': 'arrival_rate: "1200 jobs/hour"\njob_time: "45 s"\ntarget_utilisation: "75 %"\nworkers: 25\nutilisation: "60 %"\n'})
    const mine = await run('batch-workers', cwd, true)
    expect(mine.result).toMatchObject({source: 'mine', workers: 25})
    expect((mine.result as {busy: number}).busy).toBeCloseTo(0.6, 9)
    expect(mine.warnings).toEqual([])
  })

  it('runs an answer with schema problems, warning at each place', async () => {
    const cwd = learner('batch-workers', {'sizing.yaml': 'arrival_rate: "1200 jobs/hour"\njob_time: "45 s"\ntarget_utilisation: "75 %"\nworkers: 12\nutilisation: "huge"\nextra: 1\n'})
    const mine = await run('batch-workers', cwd, true)
    expect(mine.result).toMatchObject({workers: 12})
    expect(mine.warnings.length).toBeGreaterThan(0)
    for (const warning of mine.warnings) expect(warning).toMatch(/sizing\.yaml:\d+:\d+/)
  })

  it('refuses an answer that does not parse, at its line and column', async () => {
    const cwd = learner('batch-workers', {'sizing.yaml': 'workers: [1,\n'})
    const error = await refusal(run('batch-workers', cwd, true))
    expect(error.message).toMatch(/sizing\.yaml:\d+:\d+/)
  })
})

describe('--mine without work of the learner', () => {
  it('says so when there is no workspace, or the unit is not started', async () => {
    expect((await refusal(run('batch-workers', tempDir(), true))).code).toBe('no-workspace')
    const cwd = learner('block-partition', {})
    const error = await refusal(run('batch-workers', cwd, true))
    expect(error.code).toBe('not-started')
    expect(error.next.join(' ')).toContain('course start batch-workers')
  })

  it('refuses --mine for a lab that runs only its own models', async () => {
    const workStealer = findLabs(new URL('../../graders/', import.meta.url).pathname).find((s) => s.unit === 'work-stealer')!
    if (workStealer.uses) return
    const error = await refusal(runLab(workStealer, {}, {cwd: process.cwd(), mine: true}))
    expect(error.message).toContain('nothing of yours')
  })

  it('reads only a copy of regular files: an answer that is a link to a file elsewhere is not followed', async () => {
    const cwd = learner('batch-workers', {})
    const outside = path.join(tempDir(), 'secret.yaml')
    writeFileSync(outside, 'arrival_rate: "1 jobs/hour"\njob_time: "1 s"\ntarget_utilisation: 0.5\nworkers: 99\nutilisation: 0.5\n')
    const answer = path.join(cwd, 'course-work', 'batch-workers', 'sizing.yaml')
    rmSync(answer)
    symlinkSync(outside, answer)
    const error = await refusal(run('batch-workers', cwd, true))
    expect(error.message).toContain('sizing.yaml is missing')
  })
})
