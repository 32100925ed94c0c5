import {execFileSync, spawn} from 'node:child_process'
import {cpSync, existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {materialise, submissionFixtures} from '../helpers/fixtures.js'
import {tempDir} from '../helpers/temp.js'

/**
 * A class of 50 learners (good, wrong, broken and hostile) graded through the real CLI: every
 * report format, identical results on a second run with the same secret, a resume after kill -9
 * that ends with the same gradebook, shards merged into the same gradebook, and the exit codes.
 */
const SECRET = 'class-secret-for-tests'
const env = {COURSE_GRADER_SECRET: SECRET}
const FAST_HOSTILE = ['read-outside', 'read-environment', 'write-files', 'exit-early', 'patch-globals', 'forge-channel', 'spawn-process']
let classDir: string
let learners: string[]

function grade(args: string[], options: {env?: NodeJS.ProcessEnv} = {}) {
  return runCli(['grade', classDir, '--unit', 'load-balancer', '--jobs', '2', ...args], {env: {...env, ...options.env}, timeoutMs: 240_000})
}

const gradebook = (out: string) => readFileSync(path.join(out, 'gradebook.csv'), 'utf8')

beforeAll(() => {
  classDir = tempDir({scope: 'file'})
  const fixtures = submissionFixtures().filter((f) => f.unit === 'load-balancer' && (!f.name.startsWith('hostile/') || FAST_HOSTILE.includes(f.name.split('/')[1]!)))
  const reference = path.join(ROOT, 'exercises', 'load-balancer', 'reference', 'load-balancer.ts')
  learners = []
  for (let i = 0; i < 50; i++) {
    const learner = `learner-${String(i).padStart(2, '0')}`
    const dir = path.join(classDir, learner, 'load-balancer')
    if (i % 4 === 0) cpSync(reference, path.join(dir, 'load-balancer.ts'), {recursive: true})
    else materialise(fixtures[i % fixtures.length]!, dir)
    learners.push(learner)
  }
})

describe('course grade on a class of 50', () => {
  let out: string

  it('grades every learner into every report format and exits 0', () => {
    out = path.join(tempDir({scope: 'file'}), 'grades')
    const run = grade(['--out', out, '--format', 'gradescope,junit,csv,markdown,json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^\[ 1\/50\] learner-\d\d {2}load-balancer {2}\d+\/46 {2}(pass|fail|error)/m)
    expect(run.stdout).toContain('Graded 50 submissions')
    expect(gradebook(out).trim().split('\r\n')).toHaveLength(51)
    expect(readdirSync(path.join(out, 'gradescope')).sort()).toEqual(learners)
    const gradescope = JSON.parse(readFileSync(path.join(out, 'gradescope', 'learner-00', 'results.json'), 'utf8'))
    expect(gradescope).toMatchObject({score: 46, stdout_visibility: 'hidden'})
    const grades = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8'))
    expect(grades.submissions).toHaveLength(50)
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('50 submissions · load-balancer')
    execFileSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'test', 'fixtures', 'specs', 'junit-ant.xsd'), path.join(out, 'junit.xml')], {stdio: 'pipe'})
    const statuses = new Set(grades.submissions.map((s: {status: string}) => s.status))
    expect(statuses).toEqual(new Set(['pass', 'fail', 'error']))
  }, 300_000)

  it('gives identical results on a second run with the same secret', () => {
    const again = path.join(tempDir({scope: 'file'}), 'again')
    expect(grade(['--out', again, '--format', 'csv']).code).toBe(0)
    expect(gradebook(again)).toBe(gradebook(out))
  }, 300_000)

  it('resumes after kill -9 and ends with the same gradebook as an uninterrupted run', async () => {
    const resumed = path.join(tempDir({scope: 'file'}), 'resumed')
    const child = spawn(process.execPath, [BIN, 'grade', classDir, '--unit', 'load-balancer', '--jobs', '2', '--out', resumed, '--format', 'csv'], {
      env: {...process.env, ...env, NO_COLOR: '1'},
      detached: true,
      stdio: 'ignore',
    })
    const done = () => (existsSync(path.join(resumed, 'submissions')) ? readdirSync(path.join(resumed, 'submissions')).length : 0)
    const deadline = Date.now() + 120_000
    while (done() < 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    process.kill(-child.pid!, 'SIGKILL')
    await new Promise((resolve) => child.once('close', resolve))
    const before = done()
    expect(before).toBeGreaterThanOrEqual(10)
    expect(before).toBeLessThan(50)
    const run = grade(['--out', resumed, '--format', 'csv', '--resume'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`already graded \\(resumed\\)|${50 - before} submissions`))
    expect(gradebook(resumed)).toBe(gradebook(out))
  }, 300_000)

  it('splits the class into shards that merge into the same gradebook', () => {
    const parent = tempDir({scope: 'file'})
    const shards = [1, 2, 3].map((i) => path.join(parent, `shard-${i}`))
    shards.forEach((dir, i) => expect(grade(['--out', dir, '--format', 'json', '--shard', `${i + 1}/3`]).code).toBe(0))
    const sizes = shards.map((dir) => readdirSync(path.join(dir, 'submissions')).length)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(50)
    expect(Math.min(...sizes)).toBeGreaterThan(5)
    const merged = path.join(parent, 'merged')
    const run = runCli(['grade', 'merge', ...shards, '--out', merged, '--format', 'csv'])
    expect(run.code).toBe(0)
    expect(gradebook(merged)).toBe(gradebook(out))
  }, 300_000)
})

describe('course grade exit codes and modes', () => {
  it('exits 3 when --fail-under is given and a score is below it', () => {
    const run = grade(['--out', path.join(tempDir(), 'o'), '--format', 'csv', '--shard', '1/10', '--fail-under', '100'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/scored \d+\.\d %, below 100 %/)
  }, 120_000)

  it('writes Gradescope results.json where an autograder expects it, for one submission', () => {
    const results = path.join(tempDir(), 'results')
    const run = runCli(['grade', path.join(classDir, 'learner-00', 'load-balancer'), '--unit', 'load-balancer', '--format', 'gradescope', '--out', results], {env})
    expect(run.code).toBe(0)
    const json = JSON.parse(readFileSync(path.join(results, 'results.json'), 'utf8'))
    expect(json.score).toBe(46)
    expect(json.tests.length).toBeGreaterThan(10)
  }, 120_000)

  it('says so when it runs without the secret', () => {
    const out = path.join(tempDir(), 'o')
    const run = runCli(['grade', path.join(classDir, 'learner-00'), '--unit', 'load-balancer', '--format', 'markdown', '--out', out], {env: {COURSE_GRADER_SECRET: undefined}})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('COURSE_GRADER_SECRET is not set')
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('graded without `COURSE_GRADER_SECRET`')
  }, 120_000)

  it('lets a shard hold nobody: it exits 0 and its folder merges', () => {
    const small = tempDir()
    cpSync(path.join(classDir, 'learner-00'), path.join(small, 'learner-00'), {recursive: true})
    const shards = [1, 2].map((i) => path.join(small, `.shard-${i}`))
    const runs = shards.map((dir, i) => runCli(['grade', small, '--unit', 'load-balancer', '--shard', `${i + 1}/2`, '--out', dir, '--format', 'json'], {env}))
    expect(runs.map((r) => r.code)).toEqual([0, 0])
    expect(runs.some((r) => r.stdout.includes('holds none of the 1 learners'))).toBe(true)
    const merged = runCli(['grade', 'merge', ...shards, '--out', path.join(small, '.merged'), '--format', 'csv', '--fail-under', '100'], {env})
    expect(merged.stdout).toContain('Merged 1 submission')
    expect(merged.code).toBe(0)
  }, 120_000)

  it("takes the learner id from Gradescope's metadata and the secret from a file", () => {
    const autograder = tempDir()
    cpSync(path.join(classDir, 'learner-00', 'load-balancer'), path.join(autograder, 'submission'), {recursive: true})
    writeFileSync(path.join(autograder, 'submission_metadata.json'), JSON.stringify({id: 987, users: [{id: 4242, name: 'A. Learner'}]}))
    writeFileSync(path.join(autograder, 'secret'), `${SECRET}\n`)
    const args = ['grade', path.join(autograder, 'submission'), '--unit', 'load-balancer', '--format', 'json', '--json']
    const fromFile = runCli([...args, '--out', path.join(autograder, 'a'), '--secret-file', path.join(autograder, 'secret')], {env: {COURSE_GRADER_SECRET: undefined}})
    expect(fromFile.code, fromFile.stderr).toBeLessThanOrEqual(3)
    const fromEnv = runCli([...args, '--out', path.join(autograder, 'b'), '--learner', '4242'], {env})
    const [a, b] = [fromFile, fromEnv].map((r) => JSON.parse(r.stdout))
    expect(a.seed_mode, fromFile.stdout + fromFile.stderr).toBe('secret')
    expect(a.submissions[0].learner).toBe('4242')
    const fingerprint = (dir: string) => JSON.parse(readFileSync(path.join(autograder, dir, 'grades.json'), 'utf8')).submissions[0].seed.fingerprint
    expect(fingerprint('a')).toBe(fingerprint('b'))
    expect(b.submissions[0].score).toBe(a.submissions[0].score)
    writeFileSync(path.join(autograder, 'empty'), '\n')
    const empty = runCli([...args, '--out', path.join(autograder, 'c'), '--secret-file', path.join(autograder, 'empty')])
    expect(empty.code).toBe(2)
    expect(empty.stdout + empty.stderr).toContain('is empty')
  }, 120_000)

  it('refuses bad command lines with exit 2', () => {
    expect(grade(['--shard', '4/3']).code).toBe(2)
    expect(grade(['--format', 'pdf']).code).toBe(2)
    expect(runCli(['grade', '/no/such/folder']).code).toBe(2)
  })
})

describe('course check', () => {
  it('shows the starter failing its visible cases and the reference passing them', () => {
    const dir = path.join(tempDir(), 'ws')
    expect(runCli(['start', 'load-balancer', '--dir', dir]).code).toBe(0)
    const failing = runCli(['check', '--dir', dir])
    expect(failing.code).toBe(1)
    expect(failing.stdout).toMatch(/✗ Round robin rotates in listed order +0\/2/)
    // No hint text: the count of hints left, and how to see the next one.
    expect(failing.stdout).not.toContain('Hint:')
    expect(failing.stdout).toMatch(/Stuck\? \d+ hints left: `course hint load-balancer` shows the first/)
    expect(failing.stdout).toMatch(/Score 0\/17/)
    cpSync(path.join(ROOT, 'exercises', 'load-balancer', 'reference', 'load-balancer.ts'), path.join(dir, 'load-balancer', 'load-balancer.ts'))
    const passing = runCli(['check', 'load-balancer', '--dir', dir, '--json'])
    expect(passing.code).toBe(0)
    const result = JSON.parse(passing.stdout)
    expect(result.result).toMatchObject({status: 'pass', score: 17, max_score: 17, mode: 'check'})
    expect(result.result.cases.every((c: {visibility: string}) => c.visibility === 'visible')).toBe(true)
    expect(result.newlyPassed).toBe(true)
    // Inside the unit's folder, where a file has the entry's name in the working folder itself.
    const inside = runCli(['check'], {cwd: path.join(dir, 'load-balancer')})
    expect(inside.stdout, inside.stderr).toMatch(/Score 17\/17/)
    expect(runCli(['show', 'load-balancer', '--solution', '--dir', dir]).code).toBe(0)
  }, 120_000)
})
