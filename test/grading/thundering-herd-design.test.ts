import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {loadScenario} from '../../src/core/catalog/scenario.js'
import type {LoadedGrader} from '../../src/core/grading/load.js'
import {differsFromBase, drawVariant, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {referenceFor} from '../../graders/thundering-herd/variant-reference.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Variants of the thundering-herd scenario: for each learner id, the reference solved for that
 * learner's figures earns full marks when graded against them, and the unchanged base reference
 * loses marks whenever the learner's figures differ from the base scenario (its numbers answer
 * another fleet).
 */
const UNIT = 'thundering-herd'
const LEARNERS = Array.from({length: 20}, (_, i) => `variant-${i}`)

const unit = findUnit(loadCourse(), UNIT)
const reference: unknown = YAML.parse(readFileSync(path.join(unit.dir, 'reference', 'answer.yaml'), 'utf8'))
const figures = (scenario: Scenario) => ({
  figure(id: string): number {
    const found = scenario.figures.get(id)
    if (!found) throw new Error(`no figure ${id}`)
    return found.quantity.value
  },
})

let grader: LoadedGrader
let base: Scenario

beforeAll(async () => {
  grader = await loadUnitGrader(unit)
  const loaded = loadScenario(unit, path.dirname(unit.dir))
  if (!loaded) throw new Error('thundering-herd has no scenario.json')
  base = loaded
})

async function grade(learner: string, design: unknown, variants = true) {
  const dir = path.join(tempDir(), UNIT)
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'answer.yaml'), YAML.stringify(design))
  return gradeOne(grader, {dir, learner, mode: 'grade', secret: 's', variants})
}

const lost = (result: Awaited<ReturnType<typeof grade>>) => result.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.feedback}`)

describe('thundering-herd variants', () => {
  it('solves the base scenario to full marks, as the reference does', async () => {
    expect(lost(await grade('base', reference, false))).toEqual([])
    const result = await grade('base', referenceFor(figures(base), reference), false)
    expect(lost(result)).toEqual([])
    expect(result.score).toBe(result.max_score)
  })

  it.each(LEARNERS)('%s: the reference for the variant earns full marks, the base reference does not', async (learner) => {
    const variant = drawVariant(base, learner, UNIT)
    const solved = await grade(learner, referenceFor(figures(variant), reference))
    expect(lost(solved)).toEqual([])
    expect(solved.score).toBe(solved.max_score)
    const unchanged = await grade(learner, reference)
    if (differsFromBase(variant, base)) expect(unchanged.score).toBeLessThan(unchanged.max_score)
    else expect(unchanged.score).toBe(unchanged.max_score)
  })
})
