import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {loadScenario} from '../../src/core/catalog/scenario.js'
import {differsFromBase, drawVariant, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {referenceFor} from '../../graders/graceful-degradation/variant-reference.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Graceful degradation graded with variants: the reference solved for each learner's own figures
 * earns full marks, and the base reference handed in by a learner whose figures differ loses marks
 * (the estimates follow the learner's scenario, not the published one).
 */
const UNIT = 'graceful-degradation'
const LEARNERS = Array.from({length: 20}, (_, i) => `variant-${i}`)

const figures = (scenario: Scenario) => ({
  figure(id: string): number {
    const figure = scenario.figures.get(id)
    if (!figure) throw new Error(`no figure ${id}`)
    return figure.quantity.value
  },
})

describe(`${UNIT} graded against each learner's variant`, () => {
  it('the reference solved for the variant earns full marks; the base reference does not when the figures differ', async () => {
    const unit = findUnit(loadCourse(), UNIT)
    const grader = await loadUnitGrader(unit)
    const base = loadScenario(unit, path.dirname(unit.dir))
    if (!base) throw new Error(`${UNIT} has no scenario`)
    const reference = parse(readFileSync(path.join(unit.dir, 'reference', 'answer.yaml'), 'utf8')) as unknown
    let differing = 0
    for (const learner of LEARNERS) {
      const variant = drawVariant(base, learner, UNIT)
      const grade = async (design: unknown) => {
        const dir = path.join(tempDir(), learner, UNIT)
        mkdirSync(dir, {recursive: true})
        writeFileSync(path.join(dir, 'answer.yaml'), JSON.stringify(design, null, 2))
        return gradeOne(grader, {dir, learner, mode: 'grade', secret: 's', variants: true})
      }
      const solved = await grade(referenceFor(figures(variant), reference))
      const lost = solved.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.feedback ?? ''}`)
      expect(lost, `${learner}: the reference solved for the variant`).toEqual([])
      expect(solved.score).toBe(solved.max_score)
      if (differsFromBase(variant, base)) {
        differing++
        const unchanged = await grade(reference)
        expect(unchanged.score, `${learner}: the base reference against a different variant`).toBeLessThan(unchanged.max_score)
      }
    }
    expect(differing).toBeGreaterThan(LEARNERS.length / 2)
  }, 60_000)
})
