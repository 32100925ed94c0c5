import {createServer, type Server} from 'node:net'
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {SubmissionResult} from '../../src/core/grading/result.js'
import {probeProtections} from '../../src/core/sandbox/protections.js'
import {harnessPath, sandboxRootPath} from '../../src/core/sandbox/run.js'
import {gradeClass, type GradeSummary} from '../../src/services/grade.js'
import {unitMeta, writeCourse} from '../helpers/course-fixture.js'
import {materialise, submissionFixtures} from '../helpers/fixtures.js'
import {tempDir} from '../helpers/temp.js'

/**
 * The hostile corpus, graded as one class between honest learners: every attack must be contained
 * (graded as a failure or an error with a clear message), nothing may be written outside, no secret
 * may reach a report, and every honest submission in the batch must still earn full marks.
 */
const CANARY = '/tmp/course-canary'
const SECRET = 'TOP-SECRET-grading-key-4417'
const CANARY_TEXT = 'CANARY-do-not-leak-9931'
const PHONE_HOME_PORT = 47931

const namespaces = probeProtections(harnessPath(), sandboxRootPath()).unshare !== undefined
// kill(-1) reaches every process the user may signal; only run it where a PID namespace contains it.
const hostile = submissionFixtures().filter((f) => f.unit === 'load-balancer' && f.name.startsWith('hostile/') && (namespaces || f.name !== 'hostile/kill-everything'))
const honest = submissionFixtures().find((f) => f.unit === 'load-balancer' && f.name === 'pass/compact')!

let server: Server
let connections = 0
let summary: GradeSummary
let out: string
let classDir: string
const before = new Map<string, string[]>()

function files(dir: string): string[] {
  return readdirSync(dir, {recursive: true}).map(String).sort()
}

function allText(dir: string): string {
  return files(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')
}

beforeAll(async () => {
  rmSync(CANARY, {recursive: true, force: true})
  mkdirSync(CANARY, {recursive: true})
  writeFileSync(path.join(CANARY, 'secret.txt'), CANARY_TEXT)
  server = createServer((socket) => {
    connections++
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(PHONE_HOME_PORT, '127.0.0.1', resolve))

  classDir = tempDir({scope: 'file'})
  hostile.forEach((fixture, i) => {
    materialise(fixture, path.join(classDir, `hostile-${fixture.name.split('/')[1]}`, 'load-balancer'))
    if (i % 3 === 0) materialise(honest, path.join(classDir, `honest-${i}`, 'load-balancer'))
  })
  for (const learner of readdirSync(classDir)) before.set(learner, files(path.join(classDir, learner)))
  out = path.join(tempDir({scope: 'file'}), 'grades')
  const contentDir = writeCourse([{meta: unitMeta('load-balancer', {files: {text: 'README.md', solution: 'solution.md', starter: ['load-balancer.ts'], reference: ['load-balancer.ts']}})}], 'Test course', 'file')
  summary = await gradeClass({cwd: classDir, contentDir, path: classDir, unit: 'load-balancer', out, formats: ['gradescope', 'junit', 'csv', 'markdown', 'json'], jobs: 2, resume: false, secret: SECRET})
}, 240_000)

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(CANARY, {recursive: true, force: true})
})

const resultOf = (learner: string): SubmissionResult => summary.results.find((r) => r.learner === learner)!

describe('the hostile corpus', () => {
  it.each(hostile.map((f) => [f.name, f] as const))('%s is contained and graded as its expected.json says', (_name, fixture) => {
    const result = resultOf(`hostile-${fixture.name.split('/')[1]}`)
    const why = `${result.error?.message ?? ''} ${JSON.stringify(result.cases.filter((c) => c.status !== 'passed').map((c) => c.feedback))}`
    expect(result.status, why).toBe(fixture.expected.status)
    expect(result.status).not.toBe('pass')
    if (fixture.expected.error) expect(result.error?.kind, why).toBe(fixture.expected.error)
    if (fixture.expected.failed) {
      expect(result.cases.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.name).sort()).toEqual([...fixture.expected.failed].sort())
    }
    if (fixture.expected.reason) expect(why).toContain(fixture.expected.reason)
    // A clear message: either the error says what happened, or the failing cases carry feedback.
    if (result.error) expect(result.error.message.length).toBeGreaterThan(10)
    else expect(result.cases.filter((c) => c.status !== 'passed').every((c) => c.feedback.length > 10)).toBe(true)
  })

  it('leaves every honest submission in the batch with full marks', () => {
    const honestResults = summary.results.filter((r) => r.learner.startsWith('honest-'))
    expect(honestResults.length).toBeGreaterThan(0)
    for (const r of honestResults) expect([r.learner, r.status, r.score], r.error?.message).toEqual([r.learner, "pass", r.max_score])
  })

  it('writes nothing outside, and nothing inside the submissions either', () => {
    expect(readdirSync(CANARY)).toEqual(['secret.txt'])
    for (const [learner, listing] of before) expect(files(path.join(classDir, learner))).toEqual(listing)
    expect(existsSync('/tmp/course-canary/written-by-worker')).toBe(false)
  })

  it('lets no connection out of the sandbox', () => {
    if (!namespaces) return
    expect(connections).toBe(0)
  })

  it('keeps the secret and the canary out of every result and report', () => {
    const text = allText(out)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(CANARY_TEXT)
    expect(text).not.toContain('root:x:0:0')
  })

  it('records which protections were active in every result', () => {
    for (const r of summary.results.filter((x) => x.sandbox.protections)) {
      expect(r.sandbox.protections).toMatchObject({permission_model: true, empty_environment: true, own_process_group: true, namespaces})
    }
    expect(summary.grader_failures).toEqual([])
  })
})
