import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Every lab as a command: `--json` gives the data and nothing else on stdout, the help says what
 * `--mine` runs where the lab has something of the learner's to run, and `--mine` outside a
 * workspace says how to make one instead of failing.
 */
const labs = readdirSync(path.join(ROOT, 'graders'))
  .filter((unit) => existsSync(path.join(ROOT, 'graders', unit, 'lab', 'lab.json')))
  .sort()
  .map((unit) => ({unit, uses: (JSON.parse(readFileSync(path.join(ROOT, 'graders', unit, 'lab', 'lab.json'), 'utf8')) as {uses?: string}).uses}))

describe('course run <unit>', () => {
  it.each(labs)('$unit gives its data with --json', ({unit}) => {
    const run = runCli(['run', unit, '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(() => JSON.parse(run.stdout)).not.toThrow()
  })

  it.each(labs.filter((l) => l.uses))('$unit offers --mine, and outside a workspace says how to start', ({unit}) => {
    expect(runCli(['run', unit, '--help']).stdout).toContain('--mine')
    const run = runCli(['run', unit, '--mine'], {cwd: '/'})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no course workspace')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it("runs a learner's unfinished answer, summing up its many problems instead of listing them all", () => {
    const cwd = tempDir()
    expect(runCli(['start', 'video-pipeline'], {cwd}).code).toBe(0)
    const run = runCli(['run', 'video-pipeline', '--mine'], {cwd: path.join(cwd, 'course-work', 'video-pipeline')})
    expect(run.code, run.stderr).toBe(0)
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning: '))
    expect(warnings).toHaveLength(4)
    expect(warnings[0]).toMatch(/design\.yaml:\d+:\d+ /)
    expect(warnings[3]).toMatch(/… and \d+ more problems/)
    expect(run.stdout).toContain('Running your work in')
  })
})
