import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {designDay} from '../../graders/video-pipeline/day-plan.js'
import {GRADED_SEED} from '../../graders/video-pipeline/simulated-sla.js'
import {simulateDay} from '../../graders/video-pipeline/simulate-day.js'
import {referenceFor} from '../../graders/video-pipeline/variant-reference.js'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {parseQuantity} from '../../src/core/capacity/quantity.js'
import type {LoadedGrader} from '../../src/core/grading/load.js'
import {drawVariant, extremeScenario, type Scenario} from '../../src/core/scenario/scenario.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Calibration of the `sla-simulated` case, which runs the design through a simulated day of the
 * learner's own variant of the scenario. For the base scenario, both ends of every varying
 * figure's range and twenty learners' variants:
 * - the reference solved for those figures passes, with its p99 publish time far inside the SLA;
 * - the same design sized for a flat day (peak factor 1), and one with 20 % fewer instances than
 *   the busiest hour keeps busy (no headroom at all), fail, with their p99 far outside it.
 * The margins are asserted as well as the verdicts, so that a change to the model that moves a
 * design towards the line shows here before a learner meets it.
 */
const UNIT = 'video-pipeline'
const CASE = 'sla-simulated'
const LEARNERS = Array.from({length: 20}, (_, i) => `variant-${i}`)
/** The reference's p99 stays under this share of the SLA; the under-sized designs' above this multiple of it. */
const REFERENCE_AT_MOST = 0.5
const UNDERSIZED_AT_LEAST = 1.5

const unit = findUnit(loadCourse(), UNIT)
const reference = parse(readFileSync(path.join(unit.dir, 'reference', 'design.yaml'), 'utf8')) as Record<string, Record<string, unknown>>
const quantity = (value: unknown, kind: Parameters<typeof parseQuantity>[1]) => {
  const read = parseQuantity(value, kind)
  return read.ok ? read.quantity.value : undefined
}
const figuresOf = (scenario: Scenario) => Object.fromEntries([...scenario.figures].map(([id, f]) => [id, f.quantity.value]))

/** The reference solved for `figures`, and two under-sized versions of it. */
function designs(figures: Record<string, number>) {
  const solver = {figure: (id: string) => figures[id]!}
  const solved = referenceFor(solver, reference) as typeof reference
  const flat = referenceFor(solver, {...reference, assumptions: {...reference.assumptions, peak_factor: 1}})
  // The vCPUs the busiest hour keeps busy, on whole instances, with no headroom: then 20 % fewer.
  const busy = figures.uploads! * figures.peak_factor! * figures.processing_time! * figures.slot_vcpus!
  const short = Math.floor(0.8 * Math.ceil(busy / figures.instance_vcpus!))
  const belowPeak = {...solved, capacity: {...solved.capacity, instances: `${short} instances`}}
  return {reference: solved, 'flat day': flat, '20 % below the peak': belowPeak} as const
}

type Name = keyof ReturnType<typeof designs>

/** Each scenario: the figures, and how to grade against them (a learner's variant, or a scenario put in place of the base). */
function scenarios(base: Scenario) {
  return [
    {label: 'base', scenario: base, learner: 'base', variants: false},
    {label: 'every figure at its minimum', scenario: extremeScenario(base, 'min'), learner: 'extreme-min', variants: false, replace: true},
    {label: 'every figure at its maximum', scenario: extremeScenario(base, 'max'), learner: 'extreme-max', variants: false, replace: true},
    ...LEARNERS.map((learner) => ({label: learner, scenario: drawVariant(base, learner, UNIT), learner, variants: true})),
  ]
}

async function setup() {
  const loaded = await loadUnitGrader(unit)
  const {code: _code, ...definition} = loaded.definition
  const grader: LoadedGrader = {...loaded, definition: {...definition, cases: loaded.definition.cases.filter((c) => c.name === 'valid-document' || c.name === CASE)}}
  const grade = async (design: unknown, s: ReturnType<typeof scenarios>[number]) => {
    const dir = path.join(tempDir(), UNIT)
    mkdirSync(dir, {recursive: true})
    writeFileSync(path.join(dir, 'design.yaml'), JSON.stringify(design, null, 2))
    const result = await gradeOne('replace' in s ? {...grader, scenario: s.scenario} : grader, {dir, learner: s.learner, mode: 'grade', secret: 's', variants: s.variants})
    return result.cases.find((c) => c.name === CASE)!
  }
  return {base: loaded.scenario!, grade}
}

/** The simulated p99 publish time over the SLA, as the case computes it. */
function p99OverSla(design: unknown, figures: Record<string, number>): number {
  const day = designDay(design, figures, quantity)
  return simulateDay(day.plan, GRADED_SEED).p99 / day.plan.sla
}

describe(`${UNIT}: the simulated day (${CASE})`, () => {
  it('passes the reference solved for every scenario, and fails both under-sized designs for every one of them', async () => {
    const {base, grade} = await setup()
    const margins = new Map<Name, number[]>()
    for (const s of scenarios(base)) {
      const figures = figuresOf(s.scenario)
      for (const [name, design] of Object.entries(designs(figures)) as Array<[Name, unknown]>) {
        const verdict = await grade(design, s)
        const ratio = p99OverSla(design, figures)
        margins.set(name, [...(margins.get(name) ?? []), ratio])
        if (name === 'reference') {
          expect(verdict.status, `${s.label}, ${name}: ${verdict.feedback}`).toBe('passed')
          expect(ratio, `${s.label}: the reference's p99 over the SLA`).toBeLessThan(REFERENCE_AT_MOST)
        } else {
          expect(verdict.status, `${s.label}, ${name}`).toBe('failed')
          expect(verdict.feedback, `${s.label}, ${name}`).toContain('the fleet is short at the peak')
          expect(ratio, `${s.label}, ${name}: p99 over the SLA`).toBeGreaterThan(UNDERSIZED_AT_LEAST)
        }
      }
    }
    expect(margins.get('reference')!.length).toBe(LEARNERS.length + 3)
  }, 240_000)
})
