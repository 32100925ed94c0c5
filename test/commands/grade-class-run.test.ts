import {spawn} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

/**
 * A class run as an instructor meets it: a roster that lists learners who handed in nothing, a
 * learner folder left empty, feedback for everyone, resuming after the secret or a learner's file
 * changed, every bad path refused before anything is written, and Ctrl-C.
 *
 * Most of the class hands in code that does not build: it is graded in milliseconds, and a row is a
 * row whatever its score.
 */
const REFERENCE = path.join(ROOT, 'exercises', 'load-balancer', 'reference', 'load-balancer.ts')
const SECRET = 'roster-secret'
const env = {COURSE_GRADER_SECRET: SECRET}
let classDir: string
let work: string
const learners = Array.from({length: 30}, (_, i) => `s${String(i + 1).padStart(2, '0')}`)

function handIn(learner: string, code: 'reference' | 'broken'): void {
  const dir = path.join(classDir, learner, 'load-balancer')
  mkdirSync(dir, {recursive: true})
  if (code === 'reference') cpSync(REFERENCE, path.join(dir, 'load-balancer.ts'))
  else writeFileSync(path.join(dir, 'load-balancer.ts'), 'export function pick( {\n')
}

const grade = (args: readonly string[], extra: NodeJS.ProcessEnv = {}) => runCli(['grade', classDir, '--jobs', '2', ...args], {env: {...env, ...extra}, timeoutMs: 240_000})
const rows = (out: string) => readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\r\n').slice(1)

beforeAll(() => {
  work = tempDir({scope: 'file'})
  classDir = path.join(work, 'class')
  // 27 folders: s01–s03 the reference, s04–s26 broken, s27 an empty folder; s28–s30 are on the roster only.
  for (const [i, learner] of learners.slice(0, 26).entries()) handIn(learner, i < 3 ? 'reference' : 'broken')
  mkdirSync(path.join(classDir, 's27'))
  // A folder nobody listed: a typo in a folder name, or a learner who left.
  handIn('stranger', 'broken')
  writeFileSync(path.join(work, 'roster.csv'), `learner,name,email\r\n${learners.map((l) => `${l},Learner ${l},${l}@example.edu`).join('\r\n')}\r\n`)
})

describe('course grade over a class of 30 with a roster', () => {
  let out: string
  let run: ReturnType<typeof grade>

  beforeAll(() => {
    out = path.join(work, 'grades')
    run = grade(['--roster', path.join(work, 'roster.csv'), '--out', out])
  }, 300_000)

  it('gives every listed learner a row, `missing` for those with no folder, and names the folder not listed', () => {
    expect(run.code, run.stderr).toBe(0)
    const byLearner = new Map(rows(out).map((row) => [row.split(',')[0]!, row.split(',')]))
    for (const learner of learners) expect(byLearner.has(learner), learner).toBe(true)
    for (const learner of ['s28', 's29', 's30']) expect(byLearner.get(learner)![5]).toBe('missing')
    expect(byLearner.get('s28')!.slice(2, 4)).toEqual(['0', '46'])
    expect(byLearner.get('stranger')![5]).toBe('error')
    expect(run.stdout).toContain('Roster: 3 listed learners submitted nothing (s28, s29, s30)')
    expect(run.stdout).toMatch(/Roster: 1 folder is not on it: stranger/)
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8')
    expect(summary).toContain('## On the roster, nothing submitted (3)\n\ns28, s29, s30')
    expect(summary).toContain('## Graded, but not on the roster (1)')
    expect(summary).toContain('3 missing')
  })

  it('gives a learner whose folder is empty a row that says the work is missing', () => {
    const row = rows(out).find((r) => r.startsWith('s27,'))
    expect(row?.split(',')[5]).toBe('error')
    const result = JSON.parse(readFileSync(path.join(out, 'submissions', 's27', 'load-balancer.json'), 'utf8'))
    expect(result.error.message).toContain('load-balancer.ts is missing')
  })

  it('writes a feedback file, Markdown and HTML, for every learner', () => {
    const files = readdirSync(path.join(out, 'feedback')).sort()
    for (const learner of [...learners, 'stranger']) expect(files).toEqual(expect.arrayContaining([`${learner}.md`, `${learner}.html`]))
    expect(readFileSync(path.join(out, 'feedback', 's01.md'), 'utf8')).toContain('**Score: 46 / 46**')
  })

  it('writes run.json, which a CI artifact keeps when submissions/ would be dropped', () => {
    const marker = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))
    expect(marker).toMatchObject({state: 'finished', shard: null, learners: 28, units: ['load-balancer']})
  })

  it('merges the same rows when the roster is given to the merge instead', () => {
    const plain = path.join(work, 'plain')
    expect(grade(['--out', plain, '--format', 'json']).code).toBe(0)
    const merged = path.join(work, 'merged')
    const merge = runCli(['grade', 'merge', plain, '--out', merged, '--roster', path.join(work, 'roster.csv'), '--format', 'csv,markdown'])
    expect(merge.code, merge.stderr).toBe(0)
    expect(rows(merged)).toEqual(rows(out))
    expect(merge.stdout).toContain('Roster: 3 listed learners submitted nothing')
  }, 300_000)
})

describe('course grade --resume', () => {
  it('grades again what another secret graded, and what changed since, and says which', () => {
    const small = tempDir()
    for (const learner of ['ana', 'bo']) cpSync(REFERENCE, path.join(small, learner, 'load-balancer', 'load-balancer.ts'), {recursive: true})
    const out = path.join(tempDir(), 'grades')
    const again = (extra: NodeJS.ProcessEnv = {}) => runCli(['grade', small, '--out', out, '--resume', '--format', 'csv'], {env: {...env, ...extra}, timeoutMs: 120_000})
    expect(again().code).toBe(0)
    const kept = again()
    expect(kept.stdout).toContain('Grading 0 submissions of 2 learners (2 already graded)')
    expect(kept.stderr).not.toContain('resume:')
    writeFileSync(path.join(small, 'bo', 'load-balancer', 'load-balancer.ts'), 'export const broken = (\n')
    const changed = again()
    expect(changed.stderr).toContain('resume: grading 1 again, their files changed since they were graded: bo/load-balancer')
    expect(rows(out).find((r) => r.startsWith('bo,'))?.split(',')[5]).toBe('error')
    const rekeyed = again({COURSE_GRADER_SECRET: 'another-secret'})
    expect(rekeyed.stderr).toContain('resume: grading 2 again, graded under another secret: ana/load-balancer, bo/load-balancer')
    const fingerprints = new Set(['ana', 'bo'].map((l) => JSON.parse(readFileSync(path.join(out, 'submissions', l, 'load-balancer.json'), 'utf8')).seed.fingerprint))
    expect(fingerprints.size).toBe(2)
    const unseeded = again({COURSE_GRADER_SECRET: ''})
    expect(unseeded.stderr).toContain('resume: grading 2 again, graded under another secret')
  }, 240_000)
})

describe('bad paths', () => {
  /** Every file under a folder with its size and modification time: what "nothing was written" means. */
  const snapshot = (dir: string) =>
    readdirSync(dir, {recursive: true})
      .map(String)
      .sort()
      .map((f) => `${f}:${statSync(path.join(dir, f)).size}:${statSync(path.join(dir, f)).mtimeMs}`)

  it('refuses each with exit 2 and a plain message before anything is graded or written', () => {
    const out = path.join(tempDir(), 'grades')
    mkdirSync(out)
    writeFileSync(path.join(out, 'gradebook.csv'), 'an earlier gradebook\n')
    const file = path.join(tempDir(), 'a-file')
    writeFileSync(file, 'x')
    const before = snapshot(out)
    const cases: Array<[string, string[], RegExp]> = [
      ['--tests missing', ['--out', out, '--unit', 'load-balancer', '--tests', path.join(file, 'nope')], /--tests .* does not exist/],
      ['--tests a file', ['--out', out, '--unit', 'load-balancer', '--tests', file], /--tests .* is not a folder/],
      ['--tests without cases', ['--out', out, '--unit', 'load-balancer', '--tests', tempDir()], /holds no cases for `load-balancer`/],
      ['--out a file', ['--out', file], /--out .* is a file, not a folder/],
      ['--out under a file', ['--out', path.join(file, 'grades')], /lies under .*a-file, which is a file/],
      ['--secret-file missing', ['--out', out, '--secret-file', path.join(file, 'secret')], /cannot read the secret file/],
      ['--roster missing', ['--out', out, '--roster', path.join(work, 'no-roster.csv')], /does not exist/],
      ['--roster without an id column', ['--out', out, '--roster', file], /roster|column/i],
      ['--learner with a class', ['--out', out, '--learner', 'ana'], /--learner names the learner of one workspace/],
      ['an unknown unit', ['--out', out, '--unit', 'no-such-unit'], /there is no unit `no-such-unit`/],
    ]
    for (const [what, args, message] of cases) {
      const result = grade(args)
      expect(result.code, `${what}: ${result.stdout}${result.stderr}`).toBe(2)
      expect(result.stderr, what).toMatch(message)
      expect(result.stdout, what).not.toContain('Grading')
      expect(result.stderr, what).not.toContain('internal error')
    }
    const missing = runCli(['grade', path.join(work, 'no-class'), '--out', out])
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/PATH .* does not exist/)])
    expect(snapshot(out)).toEqual(before)
    for (const args of [['start', 'load-balancer', '--dir', file], ['docs', 'build', '--out', path.join(file, 'site')]]) {
      const result = runCli(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).not.toContain('internal error')
    }
  }, 240_000)
})

describe('Ctrl-C', () => {
  it('stops, says how far it got and how to go on, and exits 130', async () => {
    const many = tempDir()
    for (let i = 0; i < 12; i++) cpSync(REFERENCE, path.join(many, `l${i}`, 'load-balancer', 'load-balancer.ts'), {recursive: true})
    const out = path.join(tempDir(), 'grades')
    const child = spawn(process.execPath, [BIN, 'grade', many, '--out', out, '--jobs', '1'], {env: {...process.env, ...env, NO_COLOR: '1'}})
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk
        if (/\[ ?1\/12\]/.test(stdout)) child.kill('SIGINT')
      })
      child.on('exit', (exitCode) => resolve(exitCode))
    })
    expect(code, stdout + stderr).toBe(130)
    const graded = Number(/graded (\d+) of 12/.exec(stderr)?.[1])
    expect(graded).toBeGreaterThanOrEqual(1)
    expect(graded).toBeLessThan(12)
    expect(stderr).toContain('`--resume` to continue')
    expect(existsSync(path.join(out, 'submissions'))).toBe(true)
    // The rest is graded by --resume.
    const resumed = runCli(['grade', many, '--out', out, '--jobs', '2', '--resume', '--format', 'csv'], {env, timeoutMs: 120_000})
    expect(resumed.code).toBe(0)
    expect(rows(out)).toHaveLength(12)
  }, 240_000)
})
