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
 *
 * A fixture that names the rules it `breaks` is also a fairness check: it is graded for several
 * learner ids, and every one must fail the same cases, among them a case covering each broken rule,
 * and no case that covers none of them.
 * The same bug must cost every learner the same, whatever their hidden inputs. COURSE_SEEDS raises
 * the number of ids for a calibration run.
 */
const fixtures = submissionFixtures().filter((f) => !f.name.startsWith('hostile/'))
const FAIRNESS_LEARNERS = Math.max(2, Number(process.env.COURSE_SEEDS ?? 0))

async function grade(fixture: Fixture, learner = 'fixture') {
  const grader = await loadUnitGrader(findUnit(loadCourse(), fixture.unit))
  const dir = path.join(tempDir(), fixture.unit)
  materialise(fixture, dir)
  return {result: await gradeOne(grader, {dir, learner, mode: 'grade', secret: 'fixtures'}), definition: grader.definition}
}

const failing = (result: Awaited<ReturnType<typeof grade>>['result']) =>
  result.cases
    .filter((c) => c.status === 'failed' || c.status === 'error')
    .map((c) => c.name)
    .sort()

describe.each([...new Set(fixtures.map((f) => f.unit))])('fixture submissions of %s', (unit) => {
  it.each(fixtures.filter((f) => f.unit === unit).map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const {result, definition} = await grade(fixture)
    const {expected} = fixture
    expect(result.status, result.error?.message ?? JSON.stringify(result.cases.filter((c) => c.status !== 'passed').map((c) => [c.name, c.feedback]))).toBe(expected.status)
    if (expected.error) expect(result.error?.kind).toBe(expected.error)
    if (expected.failed) {
      expect(result.cases.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.name).sort()).toEqual([...expected.failed].sort())
      expect(result.cases.filter((c) => c.status === 'skipped').map((c) => c.name).sort()).toEqual([...(expected.skipped ?? [])].sort())
    }
    if (expected.reason) expect([result.error?.message ?? '', ...result.cases.map((c) => c.feedback ?? '')].join('\n')).toContain(expected.reason)
    if (expected.status === 'pass') expect(result.score).toBe(result.max_score)
    if (expected.review) expect((result.review ?? []).join('\n')).toContain(expected.review)
    if (expected.breaks) {
      const covering = expected.breaks.map((rule) => [rule, definition.cases.filter((c) => c.covers?.includes(rule)).map((c) => c.name)] as const)
      for (const [rule, cases] of covering) expect(cases.filter((name) => failing(result).includes(name)), `a case covering ${rule} fails`).not.toEqual([])
      // One bug is charged under the cases that own its rules, never again under an unrelated heading.
      const unrelated = failing(result).filter((name) => !definition.cases.find((c) => c.name === name)?.covers?.some((rule) => expected.breaks!.includes(rule)))
      expect(unrelated, 'failing cases that cover none of the broken rules').toEqual([])
      // A bug caught only by speed cases is judged on a fixed input against the clock: more learner
      // ids would re-time the same input, which shows nothing about fairness and costs a minute.
      const bySpeedOnly = (expected.failed ?? []).every((name) => definition.cases.find((c) => c.name === name)?.speed)
      for (let i = 1; i < (bySpeedOnly ? 1 : FAIRNESS_LEARNERS); i++) {
        const other = (await grade(fixture, `fairness-${i}`)).result
        expect(failing(other), `learner fairness-${i} fails the same cases`).toEqual(failing(result))
      }
    }
  }, 120_000)
})

