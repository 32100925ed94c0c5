import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {loadCourse} from '../../src/core/catalog/load.js'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {SCENARIO_FILE} from '../../src/core/catalog/scenario-file.js'
import {partOf} from '../../src/core/grading/definition.js'
import type {LoadedGrader} from '../../src/core/grading/load.js'
import {differsFromBase, drawVariant, extremeScenario, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Every design unit with a scenario, graded against learners' variants. For each, the unit's
 * `variant-reference.ts` solves the reference for a scenario's figures; then:
 * - the reference, and the reference solved for the base scenario, earn full marks;
 * - the reference solved for every varying figure at either end of its range earns full marks
 *   against those figures, and the unchanged reference does not;
 * - for 20 learners, the reference solved for the learner's variant earns full marks, and the
 *   unchanged (pasted) reference loses marks whenever the learner's figures differ.
 * Only the document part is graded: a unit's code part does not depend on its scenario.
 */
const LEARNERS = Array.from({length: 20}, (_, i) => `variant-${i}`)

type Solver = (scenario: {figure(id: string): number}, reference: unknown) => unknown
const solverOf = (scenario: Scenario) => ({figure: (id: string) => scenario.figures.get(id)!.quantity.value})

const units = loadCourse().units.filter((u) => existsSync(path.join(u.dir, SCENARIO_FILE)) && existsSync(path.join(gradersDir(), u.id, 'variant-reference.ts')))

describe.each(units.map((u) => [u.id, u] as const))('%s against learners\' variants', (id, unit) => {
  async function setup() {
    const loaded = await loadUnitGrader(unit)
    const {code: _code, ...definition} = loaded.definition
    const grader: LoadedGrader = {...loaded, definition: {...definition, cases: loaded.definition.cases.filter((c) => partOf(loaded.definition, c) === 'document')}}
    const entry = definition.document!.entry
    const reference = parse(readFileSync(path.join(unit.dir, 'reference', entry), 'utf8')) as unknown
    const {referenceFor} = (await import(path.join(gradersDir(), id, 'variant-reference.ts'))) as {referenceFor: Solver}
    const grade = (design: unknown, learner: string, options: {variants: boolean; scenario?: Scenario}) => {
      const dir = path.join(tempDir(), id)
      mkdirSync(dir, {recursive: true})
      writeFileSync(path.join(dir, entry), JSON.stringify(design, null, 2))
      return gradeOne(options.scenario ? {...grader, scenario: options.scenario} : grader, {dir, learner, mode: 'grade', secret: 's', variants: options.variants})
    }
    return {base: grader.scenario!, reference, referenceFor, grade}
  }
  const lost = (result: {cases: readonly {status: string; name: string; feedback: string}[]}) => result.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.feedback}`)

  it('earns full marks with the reference, and with the reference solved for the base scenario', async () => {
    const {base, reference, referenceFor, grade} = await setup()
    expect(lost(await grade(reference, 'base', {variants: false}))).toEqual([])
    expect(lost(await grade(referenceFor(solverOf(base), reference), 'base', {variants: false}))).toEqual([])
  })

  it.each(['min', 'max'] as const)('holds with every varying figure at its %s', async (end) => {
    const {base, reference, referenceFor, grade} = await setup()
    const scenario = extremeScenario(base, end)
    expect(lost(await grade(referenceFor(solverOf(scenario), reference), `extreme-${end}`, {variants: false, scenario}))).toEqual([])
    const pasted = await grade(reference, `extreme-${end}`, {variants: false, scenario})
    expect(pasted.score).toBeLessThan(pasted.max_score)
  })

  it('grades each learner against their own figures', async () => {
    const {base, reference, referenceFor, grade} = await setup()
    let differing = 0
    for (const learner of LEARNERS) {
      const variant = drawVariant(base, learner, id)
      expect(lost(await grade(referenceFor(solverOf(variant), reference), learner, {variants: true})), learner).toEqual([])
      const pasted = await grade(reference, learner, {variants: true})
      if (!differsFromBase(variant, base)) expect(pasted.score, learner).toBe(pasted.max_score)
      else {
        differing++
        expect(pasted.score, `${learner}: the pasted reference against other figures`).toBeLessThan(pasted.max_score)
      }
    }
    expect(differing).toBeGreaterThan(LEARNERS.length / 2)
  }, 60_000)
})
