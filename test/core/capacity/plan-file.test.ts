import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {QUANTITY_KINDS} from '../../../src/core/capacity/kinds.js'
import {runPlan} from '../../../src/core/capacity/plans/run.js'
import {UsageError, UserError} from '../../../src/core/errors.js'
import {loadCourse} from '../../../src/core/catalog/load.js'
import {lintContent} from '../../../src/core/catalog/lint.js'
import {loadPlan} from '../../../src/core/catalog/plan.js'
import {plan} from '../../../src/services/calc.js'
import {ROOT} from '../../helpers/cli.js'
import {unitMeta, writeCourse} from '../../helpers/course-fixture.js'

/** A small plan: one step, which the common table doubles. */
const PLAN = `{
  "$schema": "../schemas/plan.schema.json",
  "title": "Requests in the system",
  "inputs": [
    {"name": "rate", "label": "arrivals", "default": "100/s", "kind": "rate"},
    {"name": "time", "label": "time in system", "default": "2 s", "kind": "duration"}
  ],
  "steps": [
    {"name": "busy", "label": "requests in the system", "formula": "L = λ × W", "expression": "rate * time", "unit": ""}
  ],
  "variants": [
    {"name": "common", "label": "common table", "steps": {"busy": {"expression": "rate * time * 2", "formula": "twice over"}}},
    {"name": "corrected", "label": "corrected"}
  ],
  "notes": []
}
`

/** A course whose unit `alpha` has the plan `text` and whose unit `beta` has none. */
function courseWithPlan(text: string): string {
  return writeCourse([{meta: unitMeta('alpha'), files: {'plan.json': text}}, {meta: unitMeta('beta')}])
}

/** Where `snippet` starts in `text`, as an editor counts lines and columns. */
function positionOf(text: string, snippet: string): {line: number; column: number} {
  const offset = text.indexOf(snippet)
  if (offset < 0) throw new Error(`the fixture lacks ${snippet}`)
  const before = text.slice(0, offset).split('\n')
  return {line: before.length, column: before.at(-1)!.length + 1}
}

/** The error `load` throws. */
function failure(load: () => unknown): UserError {
  try {
    load()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected an error')
}

describe("a unit's plan file", () => {
  it('is read from the unit folder, computed, and no orphan to the linter', () => {
    const dir = courseWithPlan(PLAN)
    const result = runPlan(loadPlan(loadCourse(dir), 'alpha'))
    expect(result.plan).toBe('alpha')
    expect(result.rows[0]!.values.map((v) => v.value)).toEqual([400, 200])
    expect(result.parts_at).toBe('busy')
    expect(lintContent(dir).problems).toEqual([])
  })

  it('is what the service computes, with inputs set by name', () => {
    const dir = courseWithPlan(PLAN)
    const result = plan({cwd: dir, contentDir: dir, unit: 'alpha', overrides: {time: '500 ms'}})
    expect(result.rows[0]!.values.map((v) => v.value)).toEqual([100, 50])
    expect(result.inputs.find((i) => i.name === 'time')!.values).toEqual(['500 ms', '500 ms'])
  })

  it('locates a schema error, for the command and for dev check alike', () => {
    const text = PLAN.replace('"kind": "rate"', '"kind": "speed"')
    const dir = courseWithPlan(text)
    const {line, column} = positionOf(text, '"speed"')
    const error = failure(() => loadPlan(loadCourse(dir), 'alpha'))
    expect(error.message.startsWith(`${path.join(dir, 'alpha', 'plan.json')}:${line}:${column}: /inputs/0/kind: must be one of \`duration\``)).toBe(true)
    expect(lintContent(dir).problems).toContainEqual(expect.objectContaining({file: path.join('alpha', 'plan.json'), line, column, message: expect.stringMatching(/^\/inputs\/0\/kind: must be one of/)}))
  })

  it('locates a JSON syntax error', () => {
    const text = PLAN.replace('"notes": []', '"notes": [],')
    const dir = courseWithPlan(text)
    const {line, column} = positionOf(text, '],\n}')
    const error = failure(() => loadPlan(loadCourse(dir), 'alpha'))
    expect(error.message.startsWith(`${path.join(dir, 'alpha', 'plan.json')}:${line}:${column + 1}: `)).toBe(true)
    expect(lintContent(dir).problems).toEqual([expect.objectContaining({file: path.join('alpha', 'plan.json'), line, column: column + 1})])
  })

  it('locates an expression that does not evaluate', () => {
    const text = PLAN.replace('"expression": "rate * time"', '"expression": "rate * tme"')
    const dir = courseWithPlan(text)
    const {line, column} = positionOf(text, '"rate * tme"')
    const message = 'step `busy` of the corrected: `tme` is not a unit or a known name'
    expect(failure(() => loadPlan(loadCourse(dir), 'alpha')).message).toBe(`${path.join(dir, 'alpha', 'plan.json')}:${line}:${column}: ${message}`)
    expect(lintContent(dir).problems).toEqual([{file: path.join('alpha', 'plan.json'), line, column, message}])
  })

  it('locates a default of the wrong kind and a step a variant changes that does not exist', () => {
    const text = PLAN.replace('"default": "2 s"', '"default": "2 USD"').replace('"steps": {"busy"', '"steps": {"bsy"')
    const dir = courseWithPlan(text)
    const problems = lintContent(dir).problems
    expect(problems).toEqual([{file: path.join('alpha', 'plan.json'), ...positionOf(text, '{"expression": "rate * time * 2"'), message: 'the common table changes `bsy`, which is not a step'}])
    const fixed = text.replace('"bsy"', '"busy"')
    expect(lintContent(courseWithPlan(fixed)).problems).toEqual([
      {file: path.join('alpha', 'plan.json'), ...positionOf(fixed, '"2 USD"'), message: 'input `time`: `2 USD` is not a duration (expected a duration such as `20 min`)'},
    ])
  })

  it('says which units have a plan when a unit is unknown or has none', () => {
    const course = loadCourse(courseWithPlan(PLAN))
    const unknown = failure(() => loadPlan(course, 'alph'))
    expect(unknown).toBeInstanceOf(UsageError)
    expect(unknown.message).toBe('there is no plan `alph`; did you mean `alpha`?')
    expect(unknown.next).toEqual(['Units with a plan: alpha.'])
    const without = failure(() => loadPlan(course, 'beta'))
    expect(without.message).toBe('the unit `beta` has no plan')
    expect(without.next).toEqual(['Units with a plan: alpha.'])
  })

  it('has a schema whose kinds are the quantity kinds course reads', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'exercises', 'schemas', 'plan.schema.json'), 'utf8'))
    expect(schema.properties.inputs.items.properties.kind.enum).toEqual(Object.keys(QUANTITY_KINDS))
  })
})
