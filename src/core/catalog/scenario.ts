import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {formatLocation, UserError} from '../errors.js'
import {parseLocatedJson} from '../schema/json-document.js'
import {readJsonFile} from '../schema/json-file.js'
import {validateLocated} from '../schema/problems.js'
import type {JsonSchema} from '../schema/validator.js'
import {readScenario, type Scenario, type ScenarioDocument} from '../scenario/scenario.js'
import type {Unit} from './model.js'
import {exercisesDir, packageRoot} from './paths.js'
import {SCENARIO_FILE, scenarioFile} from './scenario-file.js'

/**
 * A design unit's scenario is course content: `scenario.json` in the unit's folder, in the format
 * of schemas/scenario.schema.json. Like a plan, it is checked whole (JSON, schema, every figure
 * read as its kind, every range holding its base value) before anything uses it, and each fault
 * is reported at its line and column.
 */

export {SCENARIO_FILE} from './scenario-file.js'
export const SCENARIO_SCHEMA = 'scenario.schema.json'

export interface ScenarioFileProblem {
  readonly line: number
  readonly column: number
  readonly message: string
}

/** The scenario schema: the course's own copy when it has one, else this program's. */
export function scenarioSchema(courseDir: string): JsonSchema {
  const own = path.join(courseDir, 'schemas', SCENARIO_SCHEMA)
  return readJsonFile(existsSync(own) ? own : path.join(exercisesDir(packageRoot()), 'schemas', SCENARIO_SCHEMA)) as JsonSchema
}

/** Checks the text of a scenario file; the scenario is there only when nothing is wrong with it. */
export function checkScenarioText(text: string, schema: JsonSchema): {scenario?: Scenario; problems: ScenarioFileProblem[]} {
  const parsed = parseLocatedJson(text)
  if (!parsed.ok) return {problems: parsed.problems.map(({line, column, message}) => ({line, column, message}))}
  const {value, locate} = parsed.document
  const invalid = validateLocated(schema, value, locate)
  if (invalid.length > 0) return {problems: invalid.map((p) => ({line: p.line, column: p.column, message: `${p.pointer || '(document)'}: ${p.message}`}))}
  const {scenario, faults} = readScenario(value as ScenarioDocument)
  if (scenario) return {scenario, problems: []}
  return {problems: faults.map((fault) => ({...locate(fault.pointer), message: `${fault.pointer}: ${fault.message}`}))}
}


/** The problems of a unit's scenario file, for `course dev check`: the file is relative to the course. */
export function lintScenarioFile(courseDir: string, unitId: string): Array<ScenarioFileProblem & {readonly file: string}> {
  const file = path.join(unitId, SCENARIO_FILE)
  const {problems} = checkScenarioText(readFileSync(path.join(courseDir, file), 'utf8'), scenarioSchema(courseDir))
  return problems.map((problem) => ({file, ...problem}))
}

/** A unit's base scenario, checked; undefined for a unit without one. A faulty file is an error at its fault. */
export function loadScenario(unit: Unit, courseDir: string): Scenario | undefined {
  const file = scenarioFile(unit)
  if (!existsSync(file)) return undefined
  return readScenarioFile(file, courseDir)
}

/** A scenario file anywhere (a learner's workspace holds their variant), checked. */
export function readScenarioFile(file: string, courseDir: string): Scenario {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {code: 'unreadable-file'})
  }
  const {scenario, problems} = checkScenarioText(text, scenarioSchema(courseDir))
  if (scenario) return scenario
  const [first] = problems
  throw new UserError(`${formatLocation({file, line: first!.line, column: first!.column})}: ${first!.message}`, {code: 'scenario-format', next: ['Run `course dev check` for a full report.']})
}

