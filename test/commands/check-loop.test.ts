import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

/**
 * The learner's loop through the built CLI, in a pipe (as CI and `npm test` see it): the learner's
 * own output under a failing case, a build error said once with its line, type errors as warnings
 * that cost nothing, hints only on demand, and a unit that is not started refused before anything
 * is recorded.
 */
const REFERENCE = readFileSync(path.join(ROOT, 'exercises', 'load-balancer', 'reference', 'load-balancer.ts'), 'utf8')
const STARTER = readFileSync(path.join(ROOT, 'exercises', 'load-balancer', 'starter', 'load-balancer.ts'), 'utf8')
const env = {NO_COLOR: '1', CI: '1'}

let workspace: string
let folder: string
const entry = () => path.join(folder, 'load-balancer.ts')
const check = (args: string[] = [], cwd = folder) => runCli(['check', ...args], {cwd, env})

beforeAll(() => {
  workspace = path.join(tempDir({scope: 'file'}), 'work')
  expect(runCli(['start', 'load-balancer', '--dir', workspace], {env}).code).toBe(0)
  folder = path.join(workspace, 'load-balancer')
})

describe('course check, as a learner uses it', () => {
  it("shows what the learner's own code printed under the case it failed", () => {
    const buggy = STARTER.replace(
      /\/\/ TODO: remember where the rotation is\.\n\s*throw new Error\('TODO: createRoundRobin'\)/,
      "console.log('round robin over', servers.join(' '))\n  return {pick: () => servers[0]!}",
    )
    expect(buggy).not.toBe(STARTER)
    writeFileSync(entry(), buggy)
    const run = check()
    expect(run.code).toBe(1)
    const [, after] = run.stdout.split(/✗ Round robin rotates in listed order.*\n/)
    expect(after, run.stdout).toBeDefined()
    const block = after!.split(/\n {2}[✓✗!-] /)[0]!
    expect(block).toContain('Your code printed:')
    expect(block).toMatch(/│ round robin over a b c/)
  }, 120_000)

  it('says a build error once, first, with its file:line:column and the line under a caret', () => {
    writeFileSync(entry(), `${REFERENCE}\nexport const broken = [1 2]\n`)
    const run = check()
    expect(run.code).toBe(1)
    const lines = run.stdout.split('\n')
    expect(lines[1]).toBe('Your code does not build:')
    expect(run.stdout).toMatch(/load-balancer\.ts:\d+:\d+: /)
    expect(run.stdout).toMatch(/\d+ │ export const broken = \[1 2\]/)
    // The caret sits under the 2 that esbuild points at.
    const source = lines.findIndex((l) => l.includes('export const broken'))
    expect(lines[source + 1]!.indexOf('^')).toBe(lines[source]!.indexOf('2]'))
    expect(run.stdout).toMatch(/\d+ cases will run once it builds\./)
    // Once: no case repeats "does not build".
    expect(run.stdout.match(/does not build/g)).toHaveLength(1)
    expect(run.stdout).toMatch(/fix the build error above/)
  }, 120_000)

  it('reports a type error in the learner file as a located warning that costs no points', () => {
    const typed = `${REFERENCE}\nexport function countdown(): number {\n  let i: string = 0\n  return Number(i)\n}\n`
    writeFileSync(entry(), typed)
    const line = typed.split('\n').findIndex((l) => l.includes('let i: string = 0')) + 1
    const run = check()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Score 17\/17/)
    expect(run.stdout).toContain('Type errors in your files')
    expect(run.stdout).toContain(`load-balancer.ts:${line}:7 TS2322\n    Type 'number' is not assignable to type 'string'.`)
    const json = JSON.parse(check(['--json']).stdout)
    expect(json.typeWarnings).toEqual([expect.objectContaining({file: 'load-balancer.ts', line, column: 7, code: 2322})])
    writeFileSync(entry(), REFERENCE)
    expect(check().stdout).not.toContain('Type errors')
  }, 120_000)

  it('gives hints only on demand, from inside the unit folder with no unit named', () => {
    writeFileSync(entry(), STARTER)
    const before = check()
    expect(before.stdout).toMatch(/Stuck\? (\d+) hints left/)
    const total = Number(/Stuck\? (\d+) hints left/.exec(before.stdout)![1])
    const hint = runCli(['hint'], {cwd: folder, env})
    expect(hint.code, hint.stderr).toBe(0)
    expect(hint.stdout).toMatch(new RegExp(`^Hint 1 of ${total}`))
    expect(check().stdout).toMatch(new RegExp(`Stuck\\? ${total - 1} hints? left: \`course hint load-balancer\` shows the next`))
  }, 120_000)

  it('refuses a unit that is not started, says how to start it, and records nothing', () => {
    const statePath = path.join(workspace, '.course', 'state.json')
    const state = readFileSync(statePath, 'utf8')
    const run = check(['work-stealer'], workspace)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('`work-stealer` is not started')
    expect(run.stderr).toContain('course start work-stealer')
    expect(readFileSync(statePath, 'utf8')).toBe(state)
  }, 60_000)

  it('offers the tooling to a workspace made before course start wrote it', () => {
    const old = path.join(tempDir({scope: 'file'}), 'old')
    expect(runCli(['start', 'load-balancer', '--dir', old], {env}).code).toBe(0)
    // As a workspace made before course start wrote its tooling.
    for (const file of ['package.json', 'tsconfig.json']) rmSync(path.join(old, file))
    const run = check([], path.join(old, 'load-balancer'))
    expect(run.stdout).toMatch(/This workspace has no package\.json, tsconfig\.json: `course start --tooling` adds them/)
    expect(runCli(['start', '--tooling', '--dir', old], {env}).code).toBe(0)
    expect(check([], path.join(old, 'load-balancer')).stdout).not.toContain('course start --tooling')
  }, 120_000)
})
