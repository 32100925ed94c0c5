import {describe, expect, it} from 'vitest'
import {loadCourse} from '../../src/core/catalog/load.js'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {lintGraders} from '../../src/core/grading/lint.js'

describe('every grader, proven on its own unit', () => {
  it('is valid, gives the reference solution full marks and the untouched starter less', async () => {
    const {problems, checks} = await lintGraders(gradersDir(), loadCourse().units)
    expect(problems).toEqual([])
    for (const check of checks) {
      expect(check.reference.score, check.unit).toBe(check.reference.max_score)
      expect(check.starter.score, check.unit).toBeLessThan(check.reference.max_score)
    }
    expect(checks.length).toBeGreaterThan(0)
  }, 180_000)
})
