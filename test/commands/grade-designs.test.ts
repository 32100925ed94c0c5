import {cpSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {differsFromBase, drawVariant} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {materialise, submissionFixtures} from '../helpers/fixtures.js'
import {tempDir} from '../helpers/temp.js'

/**
 * A class of design documents is graded on worker threads. The threads must give exactly what
 * grading in the process gives, submission by submission.
 */
describe('course grade on a class of design documents', () => {
  it('gives the same results on threads as in the process', async () => {
    const classDir = tempDir()
    const fixtures = submissionFixtures().filter((f) => f.unit === 'video-pipeline' && !f.name.startsWith('hostile/'))
    const learners: string[] = []
    for (let i = 0; i < 24; i++) {
      const learner = `learner-${String(i).padStart(2, '0')}`
      const dir = path.join(classDir, learner, 'video-pipeline')
      if (i % 3 === 0) cpSync(path.join(ROOT, 'exercises', 'video-pipeline', 'reference', 'design.yaml'), path.join(dir, 'design.yaml'), {recursive: true})
      else materialise(fixtures[i % fixtures.length]!, dir)
      learners.push(learner)
    }
    const out = path.join(tempDir(), 'grades')
    const run = runCli(['grade', classDir, '--unit', 'video-pipeline', '--jobs', '2', '--format', 'json', '--out', out], {env: {COURSE_GRADER_SECRET: 'threads'}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const threaded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')).submissions as Array<{learner: string; score: number; status: string; cases: Array<{name: string; status: string; feedback: string}>}>
    expect(threaded.map((s) => s.learner)).toEqual(learners)
    const grader = await loadUnitGrader(findUnit(loadCourse(), 'video-pipeline'))
    const statuses = new Set<string>()
    for (const submission of threaded) {
      const local = await gradeOne(grader, {dir: path.join(classDir, submission.learner, 'video-pipeline'), learner: submission.learner, mode: 'grade', secret: 'threads'})
      expect(submission.score, submission.learner).toBe(local.score)
      expect(submission.cases.map((c) => [c.name, c.status, c.feedback])).toEqual(local.cases.map((c) => [c.name, c.status, c.feedback]))
      statuses.add(submission.status)
    }
    expect(statuses.size).toBeGreaterThan(1)
  }, 120_000)
})

/**
 * With variants, each learner answers their own figures: on threads as in the process. The same
 * pasted reference earns full marks for a learner whose variant is the base scenario's figures
 * and loses marks for every learner whose figures differ; `course start --learner` shows those
 * figures to the learner before grading.
 */
describe('course grade --variants', () => {
  it('grades each design against its learner\'s own figures, on threads as in the process', async () => {
    const unit = findUnit(loadCourse(), 'thundering-herd')
    const grader = await loadUnitGrader(unit)
    const base = grader.scenario!
    const classDir = tempDir()
    const learners = Array.from({length: 8}, (_, i) => `learner-${i}`)
    for (const learner of learners) cpSync(path.join(unit.dir, 'reference', 'answer.yaml'), path.join(classDir, learner, 'thundering-herd', 'answer.yaml'), {recursive: true})
    const out = path.join(tempDir(), 'grades')
    const run = runCli(['grade', classDir, '--unit', 'thundering-herd', '--variants', '--jobs', '2', '--format', 'json', '--out', out], {env: {COURSE_GRADER_SECRET: 'variants'}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const graded = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8')).submissions as Array<{learner: string; score: number; max_score: number; scenario: {variant_of: string; figures: Record<string, string>}}>
    let differing = 0
    for (const submission of graded) {
      const variant = drawVariant(base, submission.learner, 'thundering-herd')
      expect(submission.scenario.variant_of).toBe(submission.learner)
      expect(submission.scenario.figures.workers).toBe(variant.figures.get('workers')!.text)
      const local = await gradeOne(grader, {dir: path.join(classDir, submission.learner, 'thundering-herd'), learner: submission.learner, mode: 'grade', secret: 'variants', variants: true})
      expect(submission.score, submission.learner).toBe(local.score)
      if (differsFromBase(variant, base)) {
        differing++
        expect(submission.score, `${submission.learner} pasted the reference`).toBeLessThan(submission.max_score)
      }
    }
    expect(differing).toBeGreaterThan(4)
    // Without variants the same folders answer the base scenario, and the reference earns full marks.
    const plainOut = path.join(tempDir(), 'plain')
    const plain = runCli(['grade', classDir, '--unit', 'thundering-herd', '--no-variants', '--jobs', '2', '--format', 'json', '--out', plainOut], {env: {COURSE_GRADER_SECRET: 'variants'}})
    expect(plain.code).toBe(0)
    const answered = JSON.parse(readFileSync(path.join(plainOut, 'grades.json'), 'utf8')).submissions as Array<{score: number; max_score: number; scenario: {variant_of?: string}}>
    for (const submission of answered) {
      expect(submission.score).toBe(submission.max_score)
      expect(submission.scenario.variant_of).toBeUndefined()
    }
  }, 120_000)
})
