import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

/**
 * `course dev mutate` refuses clearly before it starts Stryker (the run itself takes minutes and
 * is measured by `npm run mutate`, not here).
 */
describe('course dev mutate, before any mutant', () => {
  it('needs units or --all, not both and not neither', () => {
    for (const args of [[], ['load-balancer', '--all']]) {
      const run = runCli(['dev', 'mutate', ...args])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('Run `course dev mutate --help` for usage.')
    }
  })

  it('names an unknown unit, with a suggestion', () => {
    const run = runCli(['dev', 'mutate', 'load-balancr'])
    expect(run).toMatchObject({code: 1, stderr: expect.stringContaining('did you mean `load-balancer`?')})
  })

  it('refuses a unit without code, and one without a grader', () => {
    const design = runCli(['dev', 'mutate', 'video-pipeline', '--json'])
    expect(design.code).toBe(1)
    expect(JSON.parse(design.stdout).error.code).toBe('no-code')
    const lesson = runCli(['dev', 'mutate', 'pillar', '--json'])
    expect(lesson.code).toBe(1)
    expect(JSON.parse(lesson.stdout).error.code).toBe('no-grader')
  })

  it('rejects line ranges it cannot read', () => {
    const run = runCli(['dev', 'mutate', 'load-balancer', '--lines', '90-40'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--lines')
  })
})
