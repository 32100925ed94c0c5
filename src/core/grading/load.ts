import {existsSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {gradersDir} from '../catalog/paths.js'
import {readJsonFile} from '../schema/json-file.js'
import {VISIBILITIES, type CaseDefinition, type GraderDefinition, type GraderModule} from './definition.js'
import {graderModule} from './registry.js'

export const GRADER_FILE = 'grader.json'
export const GRADER_FORMAT_VERSION = 1

export interface LoadedGrader {
  readonly definition: GraderDefinition
  readonly module: GraderModule
}

export function hasGrader(unit: string, dir: string = gradersDir()): boolean {
  return existsSync(path.join(dir, unit, GRADER_FILE))
}

/**
 * Reads `graders/<unit>/grader.json` and its checks module. Checks the structure every grading run
 * relies on: names unique, prerequisites earlier, visibility known, points non-negative.
 */
export async function loadGrader(unit: string, dir: string = gradersDir()): Promise<LoadedGrader> {
  const file = path.join(dir, unit, GRADER_FILE)
  if (!existsSync(file)) {
    throw new UserError(`\`${unit}\` has no grader`, {code: 'no-grader', next: ['Run `course list` to see which units are graded (kinds code, design and thought).']})
  }
  const definition = readJsonFile(file) as GraderDefinition
  if (definition.format_version !== GRADER_FORMAT_VERSION) throw new UserError(`${file}: format_version ${String(definition.format_version)} is not supported`, {code: 'grader-format'})
  if (definition.unit !== unit) throw new UserError(`${file}: unit \`${definition.unit}\` does not match its folder`, {code: 'grader-format'})
  validateCases(file, definition.cases)
  return {definition, module: await graderModule(unit)}
}

/** The rules every case list must follow (the grader's own and an instructor's private ones). */
export function validateCases(file: string, cases: readonly CaseDefinition[], known: readonly CaseDefinition[] = []): void {
  const seen = new Set(known.map((c) => c.name))
  for (const c of cases) {
    const where = `${file}: case \`${c.name}\``
    if (typeof c.name !== 'string' || c.name === '') throw new UserError(`${file}: a case has no name`, {code: 'grader-format'})
    if (seen.has(c.name)) throw new UserError(`${where} is defined twice`, {code: 'grader-format'})
    if (!VISIBILITIES.includes(c.visibility)) throw new UserError(`${where}: visibility must be one of ${VISIBILITIES.join(', ')}`, {code: 'grader-format'})
    if (typeof c.points !== 'number' || c.points < 0) throw new UserError(`${where}: points must be a number ≥ 0`, {code: 'grader-format'})
    if (c.input === undefined && c.generate === undefined) throw new UserError(`${where} has neither an input nor a generator`, {code: 'grader-format'})
    for (const required of c.requires ?? []) {
      if (!seen.has(required)) throw new UserError(`${where} requires \`${required}\`, which is not an earlier case`, {code: 'grader-format'})
    }
    seen.add(c.name)
  }
}
