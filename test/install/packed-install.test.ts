import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {PACKAGE_NAME} from '../../src/core/catalog/paths.js'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Learners work in folders of their own, outside the repository. There `npx course` would fetch
 * whatever the registry calls `course`, so the guides tell them to install the packed course
 * globally. This does exactly that, into a private prefix, and runs the installed `course` from an
 * empty folder: it must find its own content and its own esbuild, with the repository out of reach.
 *
 * The tarball is packed without its scripts, so it holds the `dist/` that `npm test` built first.
 * Dependencies come from npm's cache when they are there (about 10 s), else from the registry.
 */
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {name: string; version: string; bin: Record<string, string>}

/** The course as installed, run as a learner runs it: the linked `course` on its shebang, never through `node`. */
let course: string
/** The package folder the install made. */
let installed: string

function npm(args: readonly string[], cwd: string): string {
  const result = spawnSync('npm', args, {cwd, encoding: 'utf8', timeout: 200_000})
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/** Runs the installed `course` from `cwd`, on the content it ships (not a course named by `COURSE_ROOT`). */
function runInstalled(args: readonly string[], cwd: string) {
  const result = spawnSync(course, args, {cwd, env: {...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COURSE_ROOT: undefined}, input: '', encoding: 'utf8', timeout: 60_000})
  return {stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1}
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: build the course first (`npm test` does)')
  const work = tempDir({prefix: 'course-install-', scope: 'file'})
  const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as Array<{filename: string}>
  const prefix = path.join(work, 'prefix')
  npm(['install', '--global', '--prefix', prefix, path.join(work, packed[0]!.filename), '--prefer-offline', '--no-audit', '--no-fund'], work)
  course = path.join(prefix, 'bin', 'course')
  installed = path.join(prefix, 'lib', 'node_modules', manifest.name)
}, 240_000)

describe('the course installed from its packed tarball', () => {
  it('is named apart from the registry package called `course`, and installs the `course` command', () => {
    expect(manifest.name).not.toBe('course')
    // The program finds its own folder by this name, installed or not.
    expect(manifest.name).toBe(PACKAGE_NAME)
    expect(Object.keys(manifest.bin)).toEqual(['course'])
    expect(existsSync(course)).toBe(true)
    expect(existsSync(path.join(installed, 'node_modules', 'esbuild'))).toBe(true)
  })

  it('prints its version from any folder', () => {
    const {stdout, code} = runInstalled(['--version'], tempDir())
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^course/${manifest.version.replaceAll('.', '\\.')} `))
  })

  it('lists the units from a folder outside the repository, as the repository build does', () => {
    const elsewhere = tempDir()
    const listed = runInstalled(['list', '--json'], elsewhere)
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual(JSON.parse(runCli(['list', '--json'], {cwd: elsewhere}).stdout))

    const table = runInstalled(['list'], elsewhere)
    expect(table.code).toBe(0)
    const ids = (JSON.parse(listed.stdout) as {units: Array<{id: string}>}).units.map((unit) => unit.id)
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(table.stdout).toContain(id)
  })

  it('starts a workspace and checks it there, bundling the work with its own esbuild', () => {
    const elsewhere = tempDir()
    const started = runInstalled(['start', 'load-balancer'], elsewhere)
    expect(started.code, started.stderr).toBe(0)
    expect(existsSync(path.join(elsewhere, 'course-work', 'load-balancer'))).toBe(true)

    // The starter is unfinished: every visible case runs and fails, which is exit 1, not a crash.
    const checked = runInstalled(['check', 'load-balancer'], elsewhere)
    expect(checked.stderr).toBe('')
    expect(checked.stdout).toMatch(/^Score 0\/\d+ · 0 of \d+ cases pass$/m)
    expect(checked.code).toBe(1)
  })
})
