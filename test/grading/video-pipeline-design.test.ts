import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {loadScenario} from '../../src/core/catalog/scenario.js'
import {differsFromBase, drawVariant, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {referenceFor} from '../../graders/video-pipeline/variant-reference.js'
import {tempDir} from '../helpers/temp.js'

/**
 * The video-pipeline grader against learners' variants: the reference solved for each variant's
 * uploads and processing time keeps every mark, and the unchanged base reference loses marks
 * whenever the variant differs from the base scenario (so every figure is read from the scenario,
 * never from the design's restatement of it).
 */
const UNIT = 'video-pipeline'
const ENTRY = 'design.yaml'
const LEARNERS = Array.from({length: 20}, (_, i) => `learner-${i + 1}`)

const figures = (scenario: Scenario) => ({figure: (id: string) => scenario.figures.get(id)!.quantity.value})

function workspace(text: string): string {
  const root = tempDir()
  mkdirSync(path.join(root, UNIT), {recursive: true})
  writeFileSync(path.join(root, UNIT, ENTRY), text)
  return path.join(root, UNIT)
}

describe('video-pipeline design variants', () => {
  it('grades the reference solved for each variant at full marks, and the base reference below it', async () => {
    const unit = findUnit(loadCourse(), UNIT)
    const grader = await loadUnitGrader(unit)
    const base = loadScenario(unit, path.dirname(unit.dir))!
    const text = readFileSync(path.join(unit.dir, 'reference', ENTRY), 'utf8')
    const reference = parse(text) as unknown
    let differing = 0
    for (const learner of LEARNERS) {
      const variant = drawVariant(base, learner, UNIT)
      const solved = JSON.stringify(referenceFor(figures(variant), reference), null, 2)
      const result = await gradeOne(grader, {dir: workspace(solved), learner, mode: 'grade', secret: 's', variants: true})
      const lost = result.cases.filter((c) => c.status !== 'passed').map((c) => [c.name, c.feedback])
      expect(result.score, `${learner}: ${JSON.stringify(lost)}`).toBe(result.max_score)

      const stale = await gradeOne(grader, {dir: workspace(text), learner, mode: 'grade', secret: 's', variants: true})
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
    const reference = parse(readFileSync(path.join(unit.dir, 'reference', ENTRY), 'utf8')) as Record<string, Record<string, unknown>>
    const solved = referenceFor(figures(base), reference) as typeof reference
    expect(solved.capacity!.instances).toBe(reference.capacity!.instances)
    expect(Number.parseFloat(String(solved.capacity!.concurrent_jobs))).toBeCloseTo(Number.parseFloat(String(reference.capacity!.concurrent_jobs)), 1)
    expect((solved.sla_check!.largest as Record<string, unknown>).processing).toBe((reference.sla_check!.largest as Record<string, unknown>).processing)
    expect((solved.sla_check!.common_case as Record<string, unknown>).processing).toBe((reference.sla_check!.common_case as Record<string, unknown>).processing)
  })
})
