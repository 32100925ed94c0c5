import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {planFaults} from '../capacity/plans/run.js'
import type {Plan, PlanDocument} from '../capacity/plans/model.js'
import {formatLocation, UsageError, UserError} from '../errors.js'
import {parseLocatedJson} from '../schema/json-document.js'
import {readJsonFile} from '../schema/json-file.js'
import {validateLocated} from '../schema/problems.js'
import type {JsonSchema} from '../schema/validator.js'
import {closest} from '../text/suggest.js'
import type {Course, Unit} from './model.js'
import {exercisesDir, packageRoot} from './paths.js'

/**
 * A unit's resource plan (`course calc plan <unit>`) is course content: `plan.json` in the unit's
 * folder, in the format of schemas/plan.schema.json. A plan is checked whole before it is shown:
 * its JSON, its schema, the names its variants refer to, and one computation from its defaults,
 * so every fault an author can make is reported at its line and column, by `course dev check` and
 * by the command alike.
 */

export const PLAN_FILE = 'plan.json'
export const PLAN_SCHEMA = 'plan.schema.json'

/** One fault of a plan file, at its place in the file. */
export interface PlanFileProblem {
  readonly line: number
  readonly column: number
  readonly message: string
  readonly suggestion?: string
}

/** The plan schema: the course's own copy when it has one, else this program's. */
export function planSchema(courseDir: string): JsonSchema {
  const own = path.join(courseDir, 'schemas', PLAN_SCHEMA)
  return readJsonFile(existsSync(own) ? own : path.join(exercisesDir(packageRoot()), 'schemas', PLAN_SCHEMA)) as JsonSchema
}

/** Checks the text of a plan file; the plan is there only when nothing is wrong with it. */
export function checkPlanText(text: string, schema: JsonSchema, id: string): {plan?: Plan; problems: PlanFileProblem[]} {
  const parsed = parseLocatedJson(text)
  if (!parsed.ok) return {problems: parsed.problems.map(({line, column, message}) => ({line, column, message}))}
  const {value, locate} = parsed.document
  const invalid = validateLocated(schema, value, locate)
  if (invalid.length > 0) {
    return {problems: invalid.map((p) => ({line: p.line, column: p.column, message: `${p.pointer || '(document)'}: ${p.message}`, ...(p.suggestion ? {suggestion: p.suggestion} : {})}))}
  }
  const plan: Plan = {...(value as PlanDocument), id}
  const faults = planFaults(plan).map((fault) => ({...locate(fault.pointer), message: fault.message}))
  return faults.length > 0 ? {problems: faults} : {plan, problems: []}
}

/** The problems of a unit's plan file, for `course dev check`: the file is relative to the course. */
export function lintPlanFile(courseDir: string, unitId: string): Array<PlanFileProblem & {readonly file: string}> {
  const file = path.join(unitId, PLAN_FILE)
  const {problems} = checkPlanText(readFileSync(path.join(courseDir, file), 'utf8'), planSchema(courseDir), unitId)
  return problems.map((problem) => ({file, ...problem}))
}

export function planFile(unit: Unit): string {
  return path.join(unit.dir, PLAN_FILE)
}

export function unitsWithPlans(course: Course): Unit[] {
  return course.units.filter((unit) => existsSync(planFile(unit)))
}

/**
 * The plan of the unit `id`, checked. An unknown unit, or one without a plan, is a usage error
 * that lists the units with one; a faulty plan is an error at the fault's line and column.
 */
export function loadPlan(course: Course, id: string): Plan {
  const planned = unitsWithPlans(course)
  const unit = planned.find((u) => u.id === id)
  if (!unit) {
    const known = course.units.some((u) => u.id === id)
    const near = known ? undefined : closest(id, planned.map((u) => u.id))
    const problem = known ? `the unit \`${id}\` has no plan` : `there is no plan \`${id}\`${near ? `; did you mean \`${near}\`?` : ''}`
    throw new UsageError(problem, {code: 'plan-not-found', next: [planned.length > 0 ? `Units with a plan: ${planned.map((u) => u.id).join(', ')}.` : 'No unit of this course has a plan.']})
  }
  const file = planFile(unit)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {code: 'unreadable-file'})
  }
  const {plan, problems} = checkPlanText(text, planSchema(course.dir), unit.id)
  if (plan) return plan
  const [first] = problems
  const more = problems.length - 1
  throw new UserError(`${formatLocation({file, line: first!.line, column: first!.column})}: ${first!.message}${first!.suggestion ? ` (${first!.suggestion})` : ''}`, {
    code: 'plan-format',
    next: [...(more > 0 ? [`The file has ${more} more ${more === 1 ? 'problem' : 'problems'}.`] : []), 'Run `course dev check` for a full report.'],
  })
}
