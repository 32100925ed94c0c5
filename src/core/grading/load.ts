import {existsSync} from 'node:fs'
import type {Scenario} from '../scenario/scenario.js'
import path from 'node:path'
import {UserError} from '../errors.js'
import {gradersDir} from '../catalog/paths.js'
import {readJsonFile} from '../schema/json-file.js'
import {partOf, VISIBILITIES, type CaseDefinition, type GraderDefinition, type GraderModule} from './definition.js'
import {graderModule} from './registry.js'
import {loadDriverCode} from '../units/unit-code.js'
import {SCRIPT_DRIVER} from '../sandbox/drivers.js'

export const GRADER_FILE = 'grader.json'
export const GRADER_FORMAT_VERSION = 1

export interface LoadedGrader {
  readonly definition: GraderDefinition
  readonly module: GraderModule
  /** The unit's design-document schema, for graders with a document part. */
  readonly schema?: Record<string, unknown>
  /** The unit's own driver, bundled (when `code.driver` names a file of the grader's folder). */
  readonly driverCode?: string
  /** The unit's reference solution, which speed cases are timed against. */
  readonly referenceDir?: string
  /** The unit's base scenario (`scenario.json`), for design units that have one. */
  readonly scenario?: Scenario
  /** The reference design's prose, as word sequences: a learner's prose copied from it is flagged. */
  readonly referenceProse?: ReadonlySet<string>
}

/** The file that tells a learner's folder for this unit apart: the code entry, else the document. */
export function entryOf(definition: GraderDefinition): string {
  return definition.code?.entry ?? definition.document?.entry ?? ''
}

export function hasGrader(unit: string, dir: string = gradersDir()): boolean {
  return existsSync(path.join(dir, unit, GRADER_FILE))
}

/**
 * Reads `graders/<unit>/grader.json` and its checks module. Checks the structure every grading run
 * relies on: names unique, prerequisites earlier, visibility known, points non-negative.
 */
export async function loadGrader(unit: string, dir: string = gradersDir(), schemaFile?: string): Promise<LoadedGrader> {
  const file = path.join(dir, unit, GRADER_FILE)
  if (!existsSync(file)) {
    throw new UserError(`\`${unit}\` has no grader`, {code: 'no-grader', next: ['Run `course list` to see which units are graded (kinds code, design and thought).']})
  }
  const definition = readJsonFile(file) as GraderDefinition
  if (definition.format_version !== GRADER_FORMAT_VERSION) throw new UserError(`${file}: format_version ${String(definition.format_version)} is not supported`, {code: 'grader-format'})
  if (definition.unit !== unit) throw new UserError(`${file}: unit \`${definition.unit}\` does not match its folder`, {code: 'grader-format'})
  if (!definition.code && !definition.document) throw new UserError(`${file}: a grader needs a \`code\` or a \`document\` part`, {code: 'grader-format'})
  validateCases(file, definition.cases, [], definition)
  if (definition.document && !schemaFile) throw new UserError(`${file}: the unit has no document schema (files.schema in its unit.json)`, {code: 'grader-format'})
  const schema = schemaFile ? (readJsonFile(schemaFile) as Record<string, unknown>) : undefined
  const driver = definition.code?.driver
  const driverCode = driver !== undefined && driver !== SCRIPT_DRIVER ? await loadDriverCode(dir, unit, driver) : undefined
  return {definition, module: await graderModule(dir, unit), ...(schema ? {schema} : {}), ...(driverCode ? {driverCode} : {})}
}

/** The rules every case list must follow (the grader's own and an instructor's private ones). */
export function validateCases(file: string, cases: readonly CaseDefinition[], known: readonly CaseDefinition[], grader: GraderDefinition): void {
  const seen = new Set(known.map((c) => c.name))
  const parts = new Map(known.map((c) => [c.name, partOf(grader, c)]))
  const visibility = new Map(known.map((c) => [c.name, c.visibility]))
  for (const c of cases) {
    const where = `${file}: case \`${c.name}\``
    if (typeof c.name !== 'string' || c.name === '') throw new UserError(`${file}: a case has no name`, {code: 'grader-format'})
    if (seen.has(c.name)) throw new UserError(`${where} is defined twice`, {code: 'grader-format'})
    if (!VISIBILITIES.includes(c.visibility)) throw new UserError(`${where}: visibility must be one of ${VISIBILITIES.join(', ')}`, {code: 'grader-format'})
    if (typeof c.points !== 'number' || c.points < 0) throw new UserError(`${where}: points must be a number ≥ 0`, {code: 'grader-format'})
    const part = partOf(grader, c)
    if (part === 'code' && !grader.code) throw new UserError(`${where} is a code case, but the grader has no code part`, {code: 'grader-format'})
    if (part === 'document' && !grader.document) throw new UserError(`${where} is a document case, but the grader has no document part`, {code: 'grader-format'})
    if (part === 'code' && c.input === undefined && c.generate === undefined) throw new UserError(`${where} has neither an input nor a generator`, {code: 'grader-format'})
    for (const required of c.requires ?? []) {
      if (!seen.has(required)) throw new UserError(`${where} requires \`${required}\`, which is not an earlier case`, {code: 'grader-format'})
      // Document cases are judged before code runs, so they cannot wait on a code case.
      if (part === 'document' && parts.get(required) === 'code') throw new UserError(`${where} (a document case) cannot require the code case \`${required}\``, {code: 'grader-format'})
      // Every visible case runs before any hidden one (so no hidden input reaches a visible message).
      if (c.visibility === 'visible' && visibility.get(required) !== 'visible') throw new UserError(`${where} (a visible case) cannot require the hidden case \`${required}\`: hidden cases run after every visible one`, {code: 'grader-format'})
    }
    seen.add(c.name)
    parts.set(c.name, part)
    visibility.set(c.name, c.visibility)
  }
}
