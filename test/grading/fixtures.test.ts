import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {materialise, submissionFixtures, type Fixture} from '../helpers/fixtures.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Golden fixtures, named by outcome and cause: each fixture submission is graded for real (sandbox
 * and all) and must get the status, and the failing and skipped cases, its expected.json names.
 * Hostile fixtures live in their own suite (hostile.test.ts).
 */
const fixtures = submissionFixtures().filter((f) => !f.name.startsWith('hostile/'))

async function grade(fixture: Fixture) {
  const grader = await loadUnitGrader(findUnit(loadCourse(), fixture.unit))
  const dir = path.join(tempDir(), fixture.unit)
  materialise(fixture, dir)
  return gradeOne(grader, {dir, learner: 'fixture', mode: 'grade', secret: 'fixtures'})
}

describe.each([...new Set(fixtures.map((f) => f.unit))])('fixture submissions of %s', (unit) => {
  it.each(fixtures.filter((f) => f.unit === unit).map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const result = await grade(fixture)
    const {expected} = fixture
    expect(result.status, result.error?.message ?? JSON.stringify(result.cases.filter((c) => c.status !== 'passed').map((c) => [c.name, c.feedback]))).toBe(expected.status)
    if (expected.error) expect(result.error?.kind).toBe(expected.error)
    if (expected.failed) {
      expect(result.cases.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.name).sort()).toEqual([...expected.failed].sort())
      expect(result.cases.filter((c) => c.status === 'skipped').map((c) => c.name).sort()).toEqual([...(expected.skipped ?? [])].sort())
    }
    if (expected.reason) expect([result.error?.message ?? '', ...result.cases.map((c) => c.feedback ?? '')].join('\n')).toContain(expected.reason)
    if (expected.status === 'pass') expect(result.score).toBe(result.max_score)
  })
})

