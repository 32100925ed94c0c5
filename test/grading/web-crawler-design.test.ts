import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import YAML from 'yaml'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {loadScenario} from '../../src/core/catalog/scenario.js'
import type {LoadedGrader} from '../../src/core/grading/load.js'
import {differsFromBase, drawVariant, readScenario, scenarioDocument, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {referenceFor} from '../../graders/web-crawler/variant-reference.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Variants of the web-crawler scenario: for each learner id, the reference design solved for that
 * learner's figures earns every design mark when graded against them, and the unchanged base
 * reference loses marks whenever the learner's figures differ from the base scenario. Only the
 * document part is graded here: the code part (frontier.ts) does not depend on the scenario and
 * has its own fixtures.
 */
const UNIT = 'web-crawler'
const LEARNERS = Array.from({length: 20}, (_, i) => `variant-${i}`)

const unit = findUnit(loadCourse(), UNIT)
const reference: unknown = YAML.parse(readFileSync(path.join(unit.dir, 'reference', 'design.yaml'), 'utf8'))
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
  const loaded = await loadUnitGrader(unit)
  // The design part alone: no frontier.ts to build, no sandbox to start.
  const {code: _code, ...definition} = loaded.definition
  grader = {...loaded, definition: {...definition, cases: definition.cases.filter((c) => c.part === 'document')}}
  const scenario = loadScenario(unit, path.dirname(unit.dir))
  if (!scenario) throw new Error('web-crawler has no scenario.json')
  base = scenario
})

function writeDesign(design: unknown): string {
  const dir = path.join(tempDir(), UNIT)
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'design.yaml'), YAML.stringify(design))
  return dir
}

async function grade(learner: string, design: unknown, variants = true) {
  return gradeOne(grader, {dir: writeDesign(design), learner, mode: 'grade', secret: 's', variants})
}

/** The base scenario with every varying figure at the end of its range: `min` or `max`. */
function extreme(end: 'min' | 'max'): Scenario {
  const document = scenarioDocument(base)
  const figures = Object.fromEntries(
    Object.entries(document.figures).map(([id, figure]) => {
      if (!figure.vary) return [id, figure]
      const unit = typeof figure.value === 'string' ? figure.value.replace(/^[\d.,e-]+\s*/i, '') : ''
      return [id, {...figure, value: unit === '' ? figure.vary[end] : `${figure.vary[end]} ${unit}`}]
    }),
  )
  const {scenario} = readScenario({figures})
  if (!scenario) throw new Error(`the ${end} scenario does not read`)
  return scenario
}

const lost = (result: Awaited<ReturnType<typeof grade>>) => result.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.feedback}`)

describe('web-crawler design variants', () => {
  it('solves the base scenario to full marks, as the reference does', async () => {
    const unchanged = await grade('base', reference, false)
    expect(lost(unchanged)).toEqual([])
    const solved = await grade('base', referenceFor(figures(base), reference), false)
    expect(lost(solved)).toEqual([])
    expect(solved.score).toBe(solved.max_score)
  })

  it.each(['min', 'max'] as const)('the reference solved for every figure at its %s earns full marks', async (end) => {
    const scenario = extreme(end)
    const solved = referenceFor(figures(scenario), reference)
    // Graded against that scenario: the grader reads the figures the loaded grader carries.
    const result = await gradeOne({...grader, scenario}, {dir: writeDesign(solved), learner: `extreme-${end}`, mode: 'grade', secret: 's', variants: false})
    expect(lost(result)).toEqual([])
    const unchanged = await gradeOne({...grader, scenario}, {dir: writeDesign(reference), learner: `extreme-${end}`, mode: 'grade', secret: 's', variants: false})
    expect(unchanged.score).toBeLessThan(unchanged.max_score)
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
