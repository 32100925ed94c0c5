import {runCommand} from '@oclif/test'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import type {ListResult} from '../../src/services/list.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'exercises', 'course.json'), 'utf8')) as {units: string[]}
/** A stack trace line: never shown for a user error. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m

afterEach(() => {
  // Commands set process.exitCode on user errors; it must not leak into the test runner.
  process.exitCode = undefined
})

describe('course list', () => {
  it('returns every unit in course order as typed data', async () => {
    const {result, error} = await runCommand<ListResult>(['list', '--json'], {root: ROOT})
    expect(error).toBeUndefined()
    expect(result!.units.map((u) => u.id)).toEqual(manifest.units)
    for (const unit of result!.units) {
      expect(unit).toEqual({
        position: expect.any(Number),
        id: expect.any(String),
        title: expect.any(String),
        summary: expect.any(String),
        kind: expect.stringMatching(/^(lesson|design|code|thought|reflection|challenge)$/),
        difficulty: expect.stringMatching(/^(beginner|intermediate|advanced)$/),
        estimated_minutes: expect.any(Number),
        optional: expect.any(Boolean),
        progress: 'not-started',
      })
    }
  })

  it('prints a table, and `course` with no arguments prints exactly the same off a terminal', () => {
    const cwd = tempDir()
    const list = runCli(['list'], {cwd})
    const bare = runCli([], {cwd})
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^\s*#\s+Unit\s+Title\s+Kind\s+Level\s+Time\s+Progress$/m)
    expect(bare).toEqual(list)
  })
})

describe('course show', () => {
  it.each(manifest.units)('renders %s for a terminal with no raw markdown or mermaid', (unit) => {
    const {stdout, stderr, code} = runCli(['show', unit])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).not.toMatch(/```|^\s*(graph|flowchart) (TB|TD|BT|LR|RL)\b|^\s*(stateDiagram|sequenceDiagram)|-->|^#+ /m)
    expect(stdout.split('\n').every((line) => [...line].length <= 80)).toBe(true)
  })

  it('prints the markdown source with --raw', () => {
    const raw = runCli(['show', manifest.units[0]!, '--raw'])
    expect(raw.stdout).toBe(`${readFileSync(path.join(ROOT, 'exercises', manifest.units[0]!, 'README.md'), 'utf8').trimEnd()}\n`)
  })

  it('colours only when allowed: FORCE_COLOR colours, NO_COLOR wins', () => {
    const unit = manifest.units[0]!
    expect(runCli(['show', unit], {env: {NO_COLOR: undefined, FORCE_COLOR: '1'}}).stdout).toContain('\u001B[')
    expect(runCli(['show', unit], {env: {NO_COLOR: '1', FORCE_COLOR: '1'}}).stdout).not.toContain('\u001B[')
  })
})

describe('a learner session', () => {
  it('starts, hints, reports progress, refuses a second start, and resets', () => {
    const dir = path.join(tempDir(), 'ws')
    const start = runCli(['start', 'load-balancer', '--dir', dir])
    expect(start.code).toBe(0)
    expect(start.stdout).toContain('Created workspace')
    expect(existsSync(path.join(dir, 'load-balancer', 'load-balancer.ts'))).toBe(true)

    const hint = runCli(['hint', 'load-balancer', '--dir', dir])
    expect(hint.code).toBe(0)
    expect(hint.stdout).toMatch(/^Hint 1 of \d+/)
    expect(JSON.parse(runCli(['hint', 'load-balancer', '--dir', dir, '--json']).stdout)).toMatchObject({number: 2})

    const progress = JSON.parse(runCli(['progress', '--dir', dir, '--json']).stdout)
    expect(progress.units.find((u: {id: string}) => u.id === 'load-balancer')).toMatchObject({status: 'started', hints_shown: 2})
    expect(runCli(['progress', '--dir', dir]).stdout).toMatch(/load-balancer\s+started\s+2\/\d+/)

    const again = runCli(['start', 'load-balancer', '--dir', dir])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already started/)
    expect(again.stderr).toContain(`course reset load-balancer --dir ${dir}`)

    const unconfirmed = runCli(['reset', 'load-balancer', '--dir', dir])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toContain('Pass --yes to confirm.')
    const reset = runCli(['reset', 'load-balancer', '--dir', dir, '--yes'])
    expect(reset.code).toBe(0)
    expect(reset.stdout).toMatch(/Your files are in \.course\/backups\/load-balancer-/)
    expect(runCli(['start', 'load-balancer', '--dir', dir]).code).toBe(0)
  })

  it('finds the workspace from a folder inside it', () => {
    const cwd = tempDir()
    expect(runCli(['start', 'video-pipeline'], {cwd}).code).toBe(0)
    const inside = path.join(cwd, 'course-work', 'video-pipeline')
    expect(JSON.parse(runCli(['progress', '--json'], {cwd: inside}).stdout).workspace).toBe(path.join(cwd, 'course-work'))
  })
})

describe('errors', () => {
  it('a user error is a message with a next step and exit 1, never a stack trace', () => {
    const result = runCli(['show', 'load-balancr'])
    expect(result).toEqual({stdout: '', code: 1, stderr: '✖ there is no unit `load-balancr`; did you mean `load-balancer`?\n  → Run `course list` to see every unit.\n'})
  })

  it('a usage error exits 2 and points to --help', () => {
    const missing = runCli(['show'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Run `course show --help` for usage.')
    const flag = runCli(['list', '--frobnicate'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/Nonexistent flag: --frobnicate/)
    const command = runCli(['lst'])
    expect(command).toMatchObject({code: 2, stderr: expect.stringContaining('did you mean `list`?')})
    for (const run of [missing, flag, command]) expect(run.stderr).not.toMatch(STACK)
  })

  it('with --json an error is a JSON object on stdout', () => {
    const result = runCli(['show', 'nope', '--json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({error: {code: 'unit-not-found', message: 'there is no unit `nope`', next: ['Run `course list` to see every unit.']}})
  })

  it('commands that need a workspace say how to get one', () => {
    const result = runCli(['progress'], {cwd: tempDir()})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/no course workspace at .*\n {2}→ Run `course start <unit>`/)
  })
})

describe('help', () => {
  it.each(['list', 'show', 'start', 'hint', 'progress', 'reset', 'dev check'])('`course %s --help` has a summary and examples', (command) => {
    const {stdout, code} = runCli([...command.split(' '), '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('USAGE')
    expect(stdout).toContain('EXAMPLES')
    expect(stdout).toContain(`$ course ${command}`)
  })

  it('prints the version', () => {
    expect(runCli(['--version']).stdout).toMatch(/^course\/\d+\.\d+\.\d+ /)
  })
})

describe('course dev check', () => {
  it('passes on the course as shipped', () => {
    const result = runCli(['dev', 'check'])
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/✓ \d+ units and \d+ graders? checked, no problems/)
    expect(result.stdout).toMatch(/grader load-balancer: reference (\d+)\/\1, starter \d+\/\1/)
    expect(result.code).toBe(0)
  })
})
