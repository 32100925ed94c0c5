import {execFileSync, spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCourse} from '../../src/core/catalog/load.js'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {prepareCases} from '../../src/core/grading/cases.js'
import {loadGrader} from '../../src/core/grading/load.js'
import type {SubmissionResult} from '../../src/core/grading/result.js'
import {deriveSeed} from '../../src/core/grading/seed.js'
import {hostileClass, snapshot, type Learner} from '../helpers/attacks.js'
import {BIN, ROOT} from '../helpers/cli.js'

/**
 * One class holding every attack of the corpus (test/helpers/attacks.ts) beside honest learners,
 * graded through the real CLI as an instructor's CI would: the secret in a file, a token in the
 * environment, a Unix socket listening on the machine. Then: the run exits 0; every learner has a
 * row; honest learners get full marks and no attack more than its honest code earns; no secret,
 * token or grader path appears in any report or console line; nothing was written outside the
 * output folder; and no process is left running.
 */
const SECRET = 'TOP-SECRET-grading-key-5521'
const TOKEN = 'CI-TOKEN-do-not-leak-8843'

let work: string
let classDir: string
let out: string
let scratch: string
let secretFile: string
let socketPath: string
let server: Server
let socketContacts = 0
let learners: Learner[]
let run: {stdout: string; stderr: string; code: number | null}
let before: {classDir: string; secrets: string}
let results: Map<string, SubmissionResult[]>

const started = new Map<string, string>()
const inherited = new Set<string>()

function environmentOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1')
  } catch {
    return ''
  }
}

interface ProcessRow {
  readonly pid: number
  readonly ppid: number
  /** When it started: with the pid, tells a process from a later one given the same pid. */
  readonly started: string
  readonly args: string
}

function processes(): ProcessRow[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,lstart=,args='], {encoding: 'utf8'})
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\w+ \w+\s+\d+ [\d:]+ \d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({pid: Number(match[1]), ppid: Number(match[2]), started: match[3]!, args: match[4]!}))
}

/** `root` and every process below it. */
function descendantsOf(root: number): ProcessRow[] {
  const rows = processes()
  const family = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const row of rows) if (family.has(row.ppid) && !family.has(row.pid)) (family.add(row.pid), (grew = true))
  }
  return rows.filter((row) => family.has(row.pid))
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'course-hostile-class-'))
  classDir = path.join(work, 'class')
  out = path.join(work, 'grades')
  scratch = path.join(work, 'tmp')
  mkdirSync(path.join(work, 'grader'), {recursive: true})
  mkdirSync(classDir)
  mkdirSync(scratch)
  secretFile = path.join(work, 'grader', 'secret')
  writeFileSync(secretFile, `${SECRET}\n`)
  socketPath = path.join(work, 'grader', 'daemon.sock')
  server = createServer((socket) => {
    socketContacts++
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))

  learners = hostileClass()
  mkdirSync(path.join(work, 'elsewhere'))
  for (const learner of learners) learner.build(path.join(classDir, learner.folder), {secretFile, socketPath, outside: path.join(work, 'elsewhere')})
  before = {classDir: snapshot(classDir), secrets: snapshot(path.join(work, 'grader'))}

  const child = spawn(process.execPath, [BIN, 'grade', classDir, '--out', out, '--secret-file', secretFile, '--format', 'gradescope,junit,csv,markdown,json', '--jobs', '2'], {
    cwd: work,
    env: {PATH: process.env.PATH, HOME: work, TMPDIR: scratch, NO_COLOR: '1', CI: 'true', COURSE_GRADER_SECRET: SECRET, GITHUB_TOKEN: TOKEN},
  })
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  // Every process the grader starts, seen while it runs (other tests may run sandboxes of their own).
  const watch = setInterval(() => {
    const family = descendantsOf(child.pid!)
    const own = family.find((p) => p.pid === child.pid)?.args
    for (const p of family.filter((p) => p.pid !== child.pid)) {
      started.set(`${p.pid} ${p.started}`, p.args)
      // The bundler's helper and every other process the grader starts: none may hold the secret.
      // (A child caught between fork and exec still shows the grader's own command line and its
      // environment as it was at start; it has not become anything yet, so it is not counted.)
      if (p.args !== own && environmentOf(p.pid).includes(SECRET)) inherited.add(p.args.slice(0, 80))
    }
  }, 100)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearInterval(watch)
  run = {stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), code}
  const grades = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')) as {submissions: SubmissionResult[]}
  results = new Map()
  for (const result of grades.submissions) results.set(result.learner, [...(results.get(result.learner) ?? []), result])
}, 660_000)

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(work, {recursive: true, force: true})
})

/** A learner's results: by folder name, or by the safe id an odd folder name was given. */
function resultsOf(learner: Learner): SubmissionResult[] {
  const exact = results.get(learner.folder)
  if (exact) return exact
  const safe = [...results.keys()].filter((id) => !learners.some((l) => l.folder === id))
  const matched = safe.filter((id) => id.replace(/-[0-9a-f]{8}$/, '').length > 0 && learner.folder.replace(/[^A-Za-z0-9._@-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').startsWith(id.replace(/-[0-9a-f]{8}$/, '').slice(0, 5)))
  return matched.flatMap((id) => results.get(id)!)
}

describe('a hostile class graded through the CLI', () => {
  it('finishes with exit code 0', () => {
    expect(run.code, run.stderr).toBe(0)
  })

  it('gives every learner a row, one per unit handed in', () => {
    const rows = readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\r\n').slice(1)
    expect(rows).toHaveLength(learners.reduce((sum, l) => sum + l.units.length, 0))
    for (const learner of learners) expect(resultsOf(learner).map((r) => r.unit).sort(), learner.folder).toEqual([...learner.units].sort())
  })

  it('gives honest learners full marks, and no attack more than its honest code earns', () => {
    const wrong: string[] = []
    for (const learner of learners) {
      for (const result of resultsOf(learner)) {
        const why = `${learner.folder}/${result.unit}: ${result.status} ${result.score}/${result.max_score} ${result.error?.message.slice(0, 200) ?? ''} ${JSON.stringify(result.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.feedback.slice(0, 120)}`))}`
        const {maxScore, status, reason} = learner.expect
        const limit = maxScore === 'full' ? result.max_score : maxScore
        if (maxScore === 'full' && status === 'pass' && result.score !== result.max_score) wrong.push(`honest, not full marks: ${why}`)
        if (result.score > limit) wrong.push(`scored more than ${limit}: ${why}`)
        if (status && result.status !== status) wrong.push(`status ${result.status}, not ${status}: ${why}`)
        const said = `${result.error?.message ?? ''}\n${result.cases.map((c) => c.feedback).join('\n')}`
        if (reason && !said.includes(reason)) wrong.push(`no "${reason}" in what it was told: ${why}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('keeps the secret, the token and every grader path out of every report and console line', () => {
    const texts: Array<[string, string]> = [['stdout', run.stdout], ['stderr', run.stderr], ...allFiles(out).map((file): [string, string] => [path.relative(out, file), readFileSync(file, 'utf8')])]
    // Paths inside the sandbox's private root (/course/harness/…) may show in captured output: they
    // name nothing of the grader's machine. The machine's own paths may not.
    const forbidden = [SECRET, TOKEN, secretFile, path.dirname(secretFile), ROOT, scratch, 'course-sandbox-']
    const found = texts.flatMap(([where, text]) => forbidden.filter((word) => text.includes(word)).map((word) => `${word} in ${where}: …${text.slice(Math.max(0, text.indexOf(word) - 80), text.indexOf(word) + 80)}…`))
    expect(found).toEqual([])
  })

  it('starts no process that inherits the secret, the bundler’s helper included', () => {
    expect([...started.values()].some((args) => args.includes('esbuild')), 'the watch saw the bundler').toBe(true)
    expect([...inherited]).toEqual([])
  })

  it('prints no escape sequence or carriage return a learner chose', () => {
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u001b\r\u0007]/)
    // The fake line is still there as text (escaped), but never at the start of a line of its own.
    expect(run.stdout.split('\n').filter((line) => line.startsWith('[ 1/46] alice'))).toEqual([])
    expect(run.stdout).toContain('\\x0d[ 1/46] alice')
  })

  it('lets no hidden input reach a visible message', async () => {
    const learner = learners.find((l) => l.folder === 'hidden-echo')!
    const [result] = resultsOf(learner)
    const unit = loadCourse().units.find((u) => u.id === 'web-crawler')!
    const {definition, module} = await loadGrader('web-crawler', gradersDir(), path.join(unit.dir, unit.files.schema!))
    const prepared = prepareCases(definition.cases.filter((c) => c.part === 'code'), module, deriveSeed(SECRET, learner.folder, 'web-crawler', definition.version))
    const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [])
    const visibleInputs = new Set(prepared.filter((p) => p.definition.visibility === 'visible').flatMap((p) => strings(p.input)))
    const inVisible = (s: string) => [...visibleInputs].some((v) => v.includes(s))
    const hiddenOnly = prepared.filter((p) => p.definition.visibility !== 'visible').flatMap((p) => strings(p.input)).filter((s) => s.length >= 8 && !inVisible(s))
    expect(hiddenOnly.length).toBeGreaterThan(20)
    const visibleFeedback = result!.cases.filter((c) => c.visibility === 'visible').map((c) => c.feedback).join('\n')
    expect(visibleFeedback).toContain('seen:')
    expect(hiddenOnly.filter((s) => visibleFeedback.includes(s))).toEqual([])
  })

  it('writes nothing outside the output folder, and changes nothing it read', () => {
    expect(readdirSync(scratch)).toEqual([])
    expect(snapshot(classDir)).toBe(before.classDir)
    expect(snapshot(path.join(work, 'grader'))).toBe(before.secrets)
    expect(readdirSync(path.join(ROOT, 'dist', 'sandbox-root'))).toEqual(['README'])
    expect(readdirSync(work).sort()).toEqual(['class', 'elsewhere', 'grader', 'grades', 'tmp'])
  })

  it('lets nothing reach the Unix socket on the grader’s machine', () => {
    expect(socketContacts).toBe(0)
  })

  it('leaves no process running', async () => {
    expect([...started.values()].some((args) => args.includes('/course/harness/harness.js')), 'the watch saw the sandboxes').toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const alive = new Set(processes().map((p) => `${p.pid} ${p.started}`))
    expect([...started].filter(([key]) => alive.has(key)).map(([, args]) => args.slice(0, 120))).toEqual([])
  })

  it('keeps every report a bounded size', () => {
    for (const file of allFiles(out)) expect(statSync(file).size, file).toBeLessThan(8 * 1024 * 1024)
  })
})
