import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {findUnit, loadCourse, referenceDir} from '../../src/core/catalog/load.js'
import {writeState, emptyState} from '../../src/core/progress/state.js'
import {NODE_BUILTINS, NODE_BUILTINS_FILE} from '../../src/core/workspace-tooling/node-builtins.js'
import {courseCommand, missingTooling, TOOLING_FILES} from '../../src/core/workspace-tooling/tooling.js'
import {addWorkspaceTooling, startUnit} from '../../src/services/start.js'
import {BIN, ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

/** A new workspace with `units` started, each holding its reference beside the starter's examples. */
function solvedWorkspace(units: readonly string[]): string {
  const cwd = tempDir()
  const dir = path.join(cwd, 'work')
  for (const unit of units) {
    startUnit({cwd, dir, unit})
    cpSync(referenceDir(findUnit(loadCourse(), unit)), path.join(dir, unit), {recursive: true})
  }
  return dir
}

function tsc(workspace: string): {code: number; output: string} {
  const run = spawnSync(process.execPath, [TSC, '--noEmit', '-p', workspace], {encoding: 'utf8', timeout: 120_000})
  return {code: run.status ?? -1, output: `${run.stdout}${run.stderr}`}
}

describe('course start writes the tooling of a new workspace', () => {
  it('writes package.json, tsconfig.json and the declarations once, beside the starter', () => {
    const cwd = tempDir()
    const dir = path.join(cwd, 'work')
    const first = startUnit({cwd, dir, unit: 'load-balancer'})
    expect(first.tooling).toEqual([...TOOLING_FILES])
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {type: string; scripts: {test: string}}
    expect(manifest.type).toBe('module')
    expect(manifest.scripts.test).toMatch(/ check$/)
    const config = ts.parseConfigFileTextToJson('tsconfig.json', readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'))
    expect(config.error).toBeUndefined()
    expect(config.config.compilerOptions).toMatchObject({allowImportingTsExtensions: true, noEmit: true, strict: true})
    expect(readFileSync(path.join(dir, ...NODE_BUILTINS_FILE.split('/')), 'utf8')).toBe(NODE_BUILTINS)

    // Deleted on purpose, it stays deleted when the next unit starts.
    rmSync(path.join(dir, 'tsconfig.json'))
    expect(startUnit({cwd, dir, unit: 'aggregation'}).tooling).toEqual([])
    expect(missingTooling(dir)).toEqual(['tsconfig.json'])
  })

  it('adds to an older workspace only what it lacks, never replacing a file', () => {
    const cwd = tempDir()
    const dir = path.join(cwd, 'work')
    mkdirSync(dir)
    writeState(dir, emptyState())
    const own = '{"name": "mine", "scripts": {"test": "node --test"}}\n'
    writeFileSync(path.join(dir, 'package.json'), own)
    expect(missingTooling(dir)).toEqual(['tsconfig.json', NODE_BUILTINS_FILE])
    expect(addWorkspaceTooling({cwd: dir}).files).toEqual(['tsconfig.json', NODE_BUILTINS_FILE])
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(own)
    expect(addWorkspaceTooling({cwd: dir}).files).toEqual([])
  })

  it('adds nothing through a link at one of its names', () => {
    const cwd = tempDir()
    const dir = path.join(cwd, 'work')
    mkdirSync(dir)
    writeState(dir, emptyState())
    const outside = path.join(cwd, 'outside.json')
    symlinkSync(outside, path.join(dir, 'tsconfig.json'))
    expect(addWorkspaceTooling({cwd: dir}).files).toEqual(['package.json', NODE_BUILTINS_FILE])
    expect(existsSync(outside)).toBe(false)
  })
})

describe('the workspace type-checks with plain tsc', () => {
  it('passes on the load-balancer and aggregation references with their examples, without @types/node', () => {
    const dir = solvedWorkspace(['load-balancer', 'aggregation', 'mapreduce'])
    const result = tsc(dir)
    expect(result.output).toBe('')
    expect(result.code).toBe(0)
  }, 120_000)

  it('passes as well where @types/node is installed in a folder above it, as in the repository', () => {
    const dir = solvedWorkspace(['load-balancer', 'web-crawler'])
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(path.dirname(dir), 'node_modules'))
    const result = tsc(dir)
    expect(result.output).toBe('')
    expect(result.code).toBe(0)
  }, 120_000)

  it('reports `let i: string = 0` with its place', () => {
    const dir = solvedWorkspace(['load-balancer'])
    writeFileSync(path.join(dir, 'load-balancer', 'wrong.ts'), 'export const ok = 1\nlet i: string = 0\n')
    const result = tsc(dir)
    expect(result.code).not.toBe(0)
    expect(result.output).toContain("load-balancer/wrong.ts(2,5): error TS2322: Type 'number' is not assignable to type 'string'.")
  }, 120_000)
})

describe('npm test in a workspace', () => {
  it('names the course by a relative path inside the course, plainly when on PATH, else by its absolute path', () => {
    const root = tempDir()
    writeFileSync(path.join(root, 'package.json'), '{"name": "course", "bin": {"course": "dist/bin.js"}}\n')
    mkdirSync(path.join(root, 'dist'))
    writeFileSync(path.join(root, 'dist', 'bin.js'), '')
    expect(courseCommand(path.join(root, 'course-work'), root, '')).toBe('node ../dist/bin.js')
    const elsewhere = path.join(tempDir(), 'my work')
    expect(courseCommand(elsewhere, root, '')).toBe(`node ${path.join(root, 'dist', 'bin.js')}`)
    const bin = tempDir()
    symlinkSync(path.join(root, 'dist', 'bin.js'), path.join(bin, 'course'))
    expect(courseCommand(elsewhere, root, `/nowhere${path.delimiter}${bin}`)).toBe('course')
    expect(courseCommand(path.join(tempDir(), 'work'), root, '')).not.toMatch(/"/)
  })

  it.skipIf(!existsSync(BIN))('checks the started unit with the built course (outside the repository, Node 20 included)', () => {
    // Two units started: npm runs the script from the workspace's root, and only the folder the
    // learner typed `npm test` in (INIT_CWD) says which unit they mean.
    const dir = solvedWorkspace(['load-balancer', 'aggregation'])
    const run = spawnSync('npm', ['test', '--silent'], {cwd: path.join(dir, 'load-balancer'), encoding: 'utf8', timeout: 120_000, env: {...process.env, NO_COLOR: '1', CI: '1'}})
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
    expect(run.stdout).toMatch(/Checking load-balancer/)
    expect(run.stdout).toMatch(/all visible cases pass/)
  }, 120_000)
})
