import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {crc32, inflateRawSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {tarArchive} from '../../src/core/files/tar.js'
import {zipArchive} from '../../src/core/files/zip.js'
import {BUNDLE_FILES, buildGradescopeBundle} from '../../src/services/gradescope-bundle.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

/**
 * The Gradescope autograder zip, tried the way Gradescope uses it: its files laid out in a fake
 * /autograder tree, setup.sh's unpacking run (not its Node install), and run_autograder run on a
 * submission laid out three ways, with the learner id from submission_metadata.json.
 */
const UNIT = 'load-balancer'
const LEARNER = '4567'
const SECRET = 'gradescope-secret-for-tests'
const REFERENCE = path.join(ROOT, 'exercises', UNIT, 'reference', `${UNIT}.ts`)
const MTIME = new Date('2026-01-02T03:04:06Z')

interface ZipItem {
  readonly name: string
  readonly mode: number
  readonly data: Buffer
}

/** Reads a zip through its central directory, checking each entry's CRC: independent of the writer's code. */
function readZip(zip: Buffer): ZipItem[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const items: ZipItem[] = []
  let at = zip.readUInt32LE(end + 16)
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressed = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const body = zip.subarray(start, start + compressed)
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body)
    expect(crc32(data) >>> 0, name).toBe(crc)
    items.push({name, mode: (zip.readUInt32LE(at + 38) >>> 16) & 0o7777, data})
    at += 46 + skip
  }
  return items
}

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0

/** Gradescope's /autograder: the zip's files in source/, the course unpacked by setup.sh beside them. */
function autograderSource(zip: string): string {
  const source = path.join(tempDir({scope: 'file'}), 'source')
  mkdirSync(source, {recursive: true})
  for (const item of readZip(readFileSync(zip))) {
    writeFileSync(path.join(source, item.name), item.data)
    chmodSync(path.join(source, item.name), item.mode)
  }
  execFileSync('bash', [path.join(source, BUNDLE_FILES.setup), 'extract', 'esbuild'], {env: {...process.env, AUTOGRADER_ROOT: path.dirname(source)}, stdio: 'pipe'})
  return source
}

/** A fresh root sharing `source`, with Gradescope's metadata and the submission made by `lay`. */
function autograderRoot(source: string, lay: (submission: string) => void): string {
  const root = tempDir({scope: 'file'})
  symlinkSync(source, path.join(root, 'source'))
  const submission = path.join(root, 'submission')
  mkdirSync(submission)
  lay(submission)
  const metadata = {
    id: 123,
    created_at: '2026-01-02T03:04:05.000000-08:00',
    assignment: {id: 42, title: 'Load balancer'},
    submission_method: 'upload',
    users: [{id: LEARNER, name: 'Ada Lovelace', email: 'ada@example.org'}],
    previous_submissions: [],
  }
  writeFileSync(path.join(root, 'submission_metadata.json'), JSON.stringify(metadata))
  return root
}

function runAutograder(root: string) {
  const run = spawnSync('bash', [path.join(root, 'source', BUNDLE_FILES.run)], {env: {...process.env, AUTOGRADER_ROOT: root, NO_COLOR: '1'}, encoding: 'utf8', timeout: 180_000})
  const file = path.join(root, 'results', 'results.json')
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as {score: number; output: string; tests: Array<{max_score: number}>}) : undefined
  return {...run, results}
}

const placeReference = (dir: string) => {
  mkdirSync(dir, {recursive: true})
  cpSync(REFERENCE, path.join(dir, `${UNIT}.ts`))
}

describe('the archive writers', () => {
  it('writes a zip that its central directory, and unzip, read back with modes and contents', () => {
    const data = Buffer.from('#!/usr/bin/env bash\necho hi\n'.repeat(50))
    const zip = zipArchive([
      {path: 'run_autograder', data, mode: 0o755, mtime: MTIME},
      {path: 'random.bin', data: Buffer.from(Array.from({length: 300}, (_, i) => (i * 7919) % 251)), mode: 0o644, mtime: MTIME},
      {path: 'empty', data: Buffer.alloc(0), mode: 0o600, mtime: MTIME},
    ])
    const items = readZip(zip)
    expect(items.map((i) => [i.name, i.mode])).toEqual([
      ['run_autograder', 0o755],
      ['random.bin', 0o644],
      ['empty', 0o600],
    ])
    expect(items[0]!.data.equals(data)).toBe(true)
    if (hasCommand('unzip')) {
      const dir = tempDir()
      writeFileSync(path.join(dir, 'a.zip'), zip)
      execFileSync('unzip', ['-q', 'a.zip'], {cwd: dir})
      expect(readFileSync(path.join(dir, 'run_autograder')).equals(data)).toBe(true)
      expect(execFileSync('stat', ['-c', '%a', path.join(dir, 'run_autograder')], {encoding: 'utf8'}).trim()).toBe('755')
    }
  })

  it('writes a tar that the system tar extracts, long paths and modes included', () => {
    const long = `${'deep/'.repeat(30)}file.txt`
    const tar = tarArchive([
      {path: 'top', mode: 0o755, mtime: MTIME},
      {path: 'top/script.sh', data: Buffer.from('echo hi\n'), mode: 0o755, mtime: MTIME},
      {path: long, data: Buffer.from('deep'), mode: 0o644, mtime: MTIME},
    ])
    const dir = tempDir()
    writeFileSync(path.join(dir, 'a.tar'), tar)
    execFileSync('tar', ['-xf', 'a.tar'], {cwd: dir})
    expect(readFileSync(path.join(dir, 'top', 'script.sh'), 'utf8')).toBe('echo hi\n')
    expect(execFileSync('stat', ['-c', '%a', path.join(dir, 'top', 'script.sh')], {encoding: 'utf8'}).trim()).toBe('755')
    expect(readFileSync(path.join(dir, long), 'utf8')).toBe('deep')
    expect(() => tarArchive([{path: '../escape', data: Buffer.alloc(1), mode: 0o644, mtime: MTIME}])).toThrow(/not a relative path/)
  })
})

describe('course grade gradescope-bundle', () => {
  let zip: string
  let source: string

  beforeAll(() => {
    const dir = tempDir({scope: 'file'})
    writeFileSync(path.join(dir, 'secret'), `${SECRET}\n`)
    zip = path.join(dir, 'autograder.zip')
    buildGradescopeBundle({cwd: dir, unit: UNIT, out: 'autograder.zip', secretFile: 'secret', force: false, mtime: MTIME})
    source = autograderSource(zip)
  }, 120_000)

  it('holds setup.sh, run_autograder, the secret and the course at its root, scripts executable with LF endings', () => {
    const items = readZip(readFileSync(zip))
    expect(items.map((i) => i.name)).toEqual(['setup.sh', 'run_autograder', 'grader-secret', 'course.tgz'])
    for (const script of items.slice(0, 2)) {
      expect(script.mode, script.name).toBe(0o755)
      expect(script.data.toString('utf8')).not.toContain('\r')
      expect(script.data.toString('utf8')).toMatch(/^#!\/usr\/bin\/env bash\n/)
    }
    expect(items[2]!.data.toString('utf8')).toBe(`${SECRET}\n`)
    const run = items[1]!.data.toString('utf8')
    expect(run).toContain(`--unit "$UNIT"`)
    expect(run).toContain('--secret-file "$ROOT/source/grader-secret"')
    expect(run).not.toContain('WARNING')
    for (const name of ['package.json', 'oclif.manifest.json', 'dist/bin.js', 'exercises/course.json', `graders/${UNIT}/grader.json`, 'node_modules/esbuild/package.json']) {
      expect(existsSync(path.join(source, 'course', name)), name).toBe(true)
    }
    expect(existsSync(path.join(source, 'course', 'dist', 'course.js.map'))).toBe(false)
  })

  it('refuses an existing zip without --force, and replaces it with --force', () => {
    const dir = tempDir()
    const old = path.join(dir, 'old.zip')
    writeFileSync(old, 'old')
    expect(() => buildGradescopeBundle({cwd: dir, unit: UNIT, out: old, force: false})).toThrow(expect.objectContaining({code: 'out-exists', exitCode: 1}))
    expect(readFileSync(old, 'utf8')).toBe('old')
    buildGradescopeBundle({cwd: dir, unit: UNIT, out: old, force: true})
    expect(readZip(readFileSync(old)).map((i) => i.name)).toEqual(['setup.sh', 'run_autograder', 'course.tgz'])
  }, 60_000)

  it('refuses an unknown unit, a missing secret file and a folder as --out, as usage errors', () => {
    const dir = tempDir()
    const fails = (options: {unit?: string; out?: string; secretFile?: string}) => () => buildGradescopeBundle({cwd: dir, unit: UNIT, out: 'a.zip', force: false, ...options})
    expect(fails({unit: 'load-balancr'})).toThrow(expect.objectContaining({exitCode: 2, message: expect.stringContaining('did you mean `load-balancer`')}))
    expect(fails({secretFile: 'no-such-file'})).toThrow(expect.objectContaining({exitCode: 2, message: expect.stringContaining('does not exist')}))
    expect(fails({out: dir})).toThrow(expect.objectContaining({exitCode: 2, message: expect.stringContaining('is a folder')}))
    expect(existsSync(path.join(dir, 'a.zip'))).toBe(false)
  })

  const layouts: Array<[string, (submission: string) => void]> = [
    ['a workspace at the root', (s) => placeReference(path.join(s, UNIT))],
    ['a workspace one folder down', (s) => placeReference(path.join(s, 'course-work', UNIT))],
    ["just the unit's file", (s) => placeReference(s)],
  ]
  for (const [layout, lay] of layouts) {
    it(`grades ${layout} to full marks under the metadata's learner id`, () => {
      const root = autograderRoot(source, lay)
      const run = runAutograder(root)
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toContain('course grade exited with status 0')
      expect(run.results, run.stderr).toBeDefined()
      const full = run.results!.tests.reduce((sum, t) => sum + t.max_score, 0)
      expect(full).toBeGreaterThan(0)
      expect(run.results!.score).toBe(full)
      const stored = JSON.parse(readFileSync(path.join(root, 'results', 'submissions', LEARNER, `${UNIT}.json`), 'utf8'))
      expect(stored).toMatchObject({learner: LEARNER, unit: UNIT, seed: {mode: 'secret'}})
    }, 180_000)
  }

  it('still leaves a results.json that tells the learner why, when the grader stops before grading', () => {
    const root = autograderRoot(source, (s) => placeReference(path.join(s, UNIT)))
    writeFileSync(path.join(root, 'submission_metadata.json'), '{"id": 123, "users": [')
    const run = runAutograder(root)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/course grade exited with status [1-9]/)
    expect(run.results).toMatchObject({score: 0, tests: [], output_format: 'text', visibility: 'visible'})
    expect(run.results!.output).toContain('This submission could not be graded')
    expect(run.results!.output).toContain('submission_metadata.json is not valid JSON')
  }, 180_000)
})

describe('course grade gradescope-bundle without a secret', () => {
  it('ships no secret, and the command and both scripts say the grading is unseeded', () => {
    const dir = tempDir()
    const cli = runCli(['grade', 'gradescope-bundle', '--unit', UNIT, '--out', 'bundle.zip'], {cwd: dir, timeoutMs: 120_000})
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toContain(`bundle.zip`)
    expect(cli.stderr).toContain('warning: no grading secret')
    const json = runCli(['grade', 'gradescope-bundle', '--unit', UNIT, '--out', 'again.zip', '--json'], {cwd: dir, timeoutMs: 120_000})
    expect(JSON.parse(json.stdout)).toMatchObject({seed_mode: 'unseeded', warnings: [expect.stringContaining('no grading secret')]})
    const items = readZip(readFileSync(path.join(dir, 'bundle.zip')))
    expect(items.map((i) => i.name)).toEqual(['setup.sh', 'run_autograder', 'course.tgz'])
    for (const script of items.slice(0, 2)) expect(script.data.toString('utf8'), script.name).toContain('# WARNING: no grading secret')
    expect(items[1]!.data.toString('utf8')).not.toContain('--secret-file "')
  }, 120_000)

  it('exits 2 for an unknown unit or a missing secret file, and 1 for an existing zip', () => {
    const dir = tempDir()
    expect(runCli(['grade', 'gradescope-bundle', '--unit', 'no-such-unit'], {cwd: dir}).code).toBe(2)
    expect(runCli(['grade', 'gradescope-bundle', '--unit', UNIT, '--secret-file', 'missing'], {cwd: dir}).code).toBe(2)
    writeFileSync(path.join(dir, 'autograder.zip'), 'old')
    const existing = runCli(['grade', 'gradescope-bundle', '--unit', UNIT], {cwd: dir})
    expect(existing.code).toBe(1)
    expect(existing.stderr).toContain('--force')
  })
})

describe('course grade gradescope-bundle with a course of its own', () => {
  it('packs the course content beside the program and points the grader at it', () => {
    const content = tempDir()
    for (const folder of ['exercises', 'graders']) cpSync(path.join(ROOT, folder), path.join(content, folder), {recursive: true})
    const out = path.join(tempDir(), 'autograder.zip')
    buildGradescopeBundle({cwd: content, unit: UNIT, out, force: false, courseDir: content})
    const items = readZip(readFileSync(out))
    const listing = execFileSync('tar', ['-tz'], {input: items.find((i) => i.name === BUNDLE_FILES.course)!.data, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024}).split('\n')
    expect(listing).toContain('content/exercises/course.json')
    expect(listing).toContain(`content/graders/${UNIT}/grader.json`)
    expect(listing).toContain('exercises/course.json')
    expect(items.find((i) => i.name === BUNDLE_FILES.run)!.data.toString('utf8')).toContain('export COURSE_ROOT="$COURSE/content"')
  }, 60_000)
})

describe('course grade gradescope-bundle where esbuild has no Linux x64 binary', () => {
  it('leaves the binary to setup.sh, which installs the same esbuild version with npm', () => {
    // A program installed without @esbuild/linux-x64, as on a Mac: the rest links to this one.
    const program = tempDir()
    for (const name of ['package.json', 'oclif.manifest.json', 'dist', 'exercises', 'graders']) symlinkSync(path.join(ROOT, name), path.join(program, name))
    cpSync(path.join(ROOT, 'node_modules', 'esbuild'), path.join(program, 'node_modules', 'esbuild'), {recursive: true})
    const out = path.join(tempDir(), 'autograder.zip')
    const summary = buildGradescopeBundle({cwd: program, unit: UNIT, out, force: false, packageDir: program, courseDir: program})
    const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version
    expect(summary.esbuild).toEqual({version, binary_included: false})
    const items = readZip(readFileSync(out))
    const listing = execFileSync('tar', ['-tz'], {input: items.find((i) => i.name === BUNDLE_FILES.course)!.data, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
    expect(listing).toContain('node_modules/esbuild/package.json')
    expect(listing).not.toContain('node_modules/@esbuild/')
    const setup = items.find((i) => i.name === BUNDLE_FILES.setup)!.data.toString('utf8')
    expect(setup).toContain(`ESBUILD_VERSION='${version}'`)
    expect(setup).toContain('npm install --prefix "$scratch"')
  }, 60_000)
})
