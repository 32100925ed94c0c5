import {cpSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Units are data. A course of two units written only as files (test/fixtures/course: a small code
 * unit with one hidden case and its own driver, and a small design unit) is listed, proved by
 * `course dev check`, graded by `course grade` and published by `course docs build`, by the CLI
 * as built, with nothing of the program changed: the course is named by COURSE_ROOT alone.
 */
const COURSE = path.join(ROOT, 'test', 'fixtures', 'course')
const env = {COURSE_ROOT: COURSE}
const course = (args: string[], options: {cwd?: string} = {}) => runCli(args, {...options, env})

/** A class folder: one learner with the reference solutions, one with the starters, one with a bug. */
function writeClass(): string {
  const root = path.join(tempDir({scope: 'file'}), 'class')
  const copy = (learner: string, unit: string, from: 'reference' | 'starter') => {
    mkdirSync(path.join(root, learner), {recursive: true})
    cpSync(path.join(COURSE, 'exercises', unit, from), path.join(root, learner, unit), {recursive: true})
  }
  for (const unit of ['block-partition', 'batch-workers']) {
    copy('ada', unit, 'reference')
    copy('bob', unit, 'starter')
    copy('cy', unit, 'reference')
  }
  copy('dee', 'block-partition', 'reference')
  // dee: fair blocks, but never an empty one: fewer tasks than workers gives fewer blocks. Only a
  // fixed episode of the hidden case meets it; no learner's draw decides whether it is caught.
  writeFileSync(
    path.join(root, 'dee', 'block-partition', 'blocks.ts'),
    'export function partition<T>(tasks: readonly T[], workers: number): T[][] {\n  const p = Math.max(1, Math.min(workers, tasks.length))\n  const base = Math.floor(tasks.length / p)\n  const extra = tasks.length % p\n  return Array.from({length: p}, (_, w) => tasks.slice(w * base + Math.min(w, extra), (w + 1) * base + Math.min(w + 1, extra)))\n}\n',
  )
  // cy: every block one task short of fair when n mod p ≠ 0 (the extra tasks go to the last block).
  writeFileSync(
    path.join(root, 'cy', 'block-partition', 'blocks.ts'),
    'export function partition<T>(tasks: readonly T[], workers: number): T[][] {\n  const base = Math.floor(tasks.length / workers)\n  return Array.from({length: workers}, (_, w) => tasks.slice(w * base, w === workers - 1 ? tasks.length : (w + 1) * base))\n}\n',
  )
  // cy: 16 workers run 93.75 % busy, above the target, and the stated utilisation matches them.
  writeFileSync(path.join(root, 'cy', 'batch-workers', 'sizing.yaml'), 'arrival_rate: "1200 jobs/hour"\njob_time: "45 s"\ntarget_utilisation: "75 %"\nworkers: 16\nutilisation: "93.75 %"\n')
  return root
}

describe('a course written only as files', () => {
  it('lists its units', () => {
    const run = course(['list', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as {units: Array<{id: string}>}).units.map((u) => u.id)).toEqual(['block-partition', 'batch-workers'])
  })

  it('passes `course dev check`: each reference earns full marks, each starter less', () => {
    const run = course(['dev', 'check', '--json'])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as {graders: Array<{unit: string; reference: {score: number; max_score: number}; starter: {score: number}}>}
    expect(result.graders.map((g) => g.unit).sort()).toEqual(['batch-workers', 'block-partition'])
    for (const g of result.graders) {
      expect(g.reference.score).toBe(g.reference.max_score)
      expect(g.starter.score).toBeLessThan(g.reference.max_score)
    }
  }, 120_000)

  it('grades a class: the bugs lose their marks, the reference keeps them', () => {
    const out = path.join(tempDir({scope: 'file'}), 'grades')
    const run = course(['grade', writeClass(), '--class', '--out', out, '--json'], {})
    expect(run.code, run.stderr).toBe(0)
    const grades = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')) as {submissions: Array<{learner: string; unit: string; status: string; cases: Array<{name: string; status: string}>}>}
    const result = (learner: string, unit: string) => grades.submissions.find((r) => r.learner === learner && r.unit === unit)!
    for (const unit of ['block-partition', 'batch-workers']) expect(result('ada', unit).status).toBe('pass')
    expect(result('bob', 'block-partition').status).toBe('fail')
    const failed = (learner: string, unit: string) => result(learner, unit).cases.filter((c) => c.status !== 'passed').map((c) => c.name)
    // The visible case (10 over 3) catches this bug; the hidden one is then skipped.
    expect(failed('cy', 'block-partition')).toEqual(['ten-over-three', 'any-list'])
    expect(failed('cy', 'batch-workers')).toEqual(['sized'])
    expect(failed('dee', 'block-partition')).toEqual(['any-list'])
  }, 120_000)

  it('publishes its units on the website', () => {
    const site = path.join(tempDir({scope: 'file'}), 'site')
    const run = course(['docs', 'build', '--out', site])
    expect(run.code, run.stderr).toBe(0)
    for (const unit of ['block-partition', 'batch-workers']) expect(existsSync(path.join(site, 'units', `${unit}.html`))).toBe(true)
    expect(readFileSync(path.join(site, 'units', 'batch-workers.html'), 'utf8')).toContain('How many workers for a batch queue')
    // Its labs, bundled when first run (they are not in the program's build), draw on their pages.
    for (const unit of ['block-partition', 'batch-workers']) expect(readFileSync(path.join(site, 'units', `${unit}.html`), 'utf8')).toContain('<figure class="lab-figure"')
  }, 120_000)

  it('runs its labs, though the program was built without them', () => {
    const run = course(['run', 'block-partition', '--tasks', '7', '--workers', '2', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({source: 'reference', sizes: [4, 3]})
    const help = course(['run', 'block-partition', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--tasks=<value> +Tasks to deal out\. \[default: 10\]/)
    expect(help.stdout).toContain('--mine')
    const bad = course(['run', 'block-partition', '--tasks', 'many'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('course run block-partition --help')
  })
})
