import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {loadScenario} from '../../src/core/catalog/scenario.js'
import {differsFromBase, drawVariant, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {referenceFor, type ReferenceDesign} from '../../graders/hot-partition/variant-reference.js'
import {tempDir} from '../helpers/temp.js'

/**
 * The hot-partition grader against learners' variants: the reference solved for each variant's
 * figures keeps every mark, and the unchanged base reference loses marks wherever the variant's
 * figures differ from the base scenario (so the grader reads the scenario, not the design's copy).
 */
const UNIT = 'hot-partition'
const LEARNERS = Array.from({length: 20}, (_, i) => `learner-${i + 1}`)

const figures = (scenario: Scenario) => ({figure: (id: string) => scenario.figures.get(id)!.quantity.value})

describe('hot-partition design variants', () => {
  it('grades the reference solved for each variant at full marks, and the base reference below it', async () => {
    const unit = findUnit(loadCourse(), UNIT)
    const grader = await loadUnitGrader(unit)
    const base = loadScenario(unit, path.dirname(unit.dir))!
    const reference = parse(readFileSync(path.join(unit.dir, 'reference', 'answer.yaml'), 'utf8')) as unknown
    let differing = 0
    for (const learner of LEARNERS) {
      const variant = drawVariant(base, learner, UNIT)
      const solved = tempDir()
      mkdirSync(path.join(solved, UNIT), {recursive: true})
      writeFileSync(path.join(solved, UNIT, 'answer.yaml'), JSON.stringify(referenceFor(figures(variant), reference), null, 2))
      const result = await gradeOne(grader, {dir: path.join(solved, UNIT), learner, mode: 'grade', secret: 's', variants: true})
      const lost = result.cases.filter((c) => c.status !== 'passed').map((c) => [c.name, c.feedback])
      expect(result.score, `${learner}: ${JSON.stringify(lost)}`).toBe(result.max_score)

      const unchanged = tempDir()
      mkdirSync(path.join(unchanged, UNIT), {recursive: true})
      writeFileSync(path.join(unchanged, UNIT, 'answer.yaml'), readFileSync(path.join(unit.dir, 'reference', 'answer.yaml')))
      const stale = await gradeOne(grader, {dir: path.join(unchanged, UNIT), learner, mode: 'grade', secret: 's', variants: true})
      if (differsFromBase(variant, base)) {
        differing++
        expect(stale.score, `${learner}: the base reference should lose marks on a variant`).toBeLessThan(stale.max_score)
      } else {
        expect(stale.score).toBe(stale.max_score)
      }
    }
    expect(differing).toBeGreaterThan(LEARNERS.length / 2)
  }, 60_000)

  it('solves the base scenario to the reference itself', () => {
    const unit = findUnit(loadCourse(), UNIT)
    const base = loadScenario(unit, path.dirname(unit.dir))!
    const reference = parse(readFileSync(path.join(unit.dir, 'reference', 'answer.yaml'), 'utf8')) as ReferenceDesign
    const solved = referenceFor(figures(base), reference)
    expect(solved.write_mitigation.parameters.sub_keys).toBe(reference.write_mitigation.parameters.sub_keys)
    expect(solved.read_mitigation.parameters.cache_nodes).toBe(reference.read_mitigation.parameters.cache_nodes)
  })
})
