import {readFileSync, readdirSync, statSync, existsSync} from 'node:fs'
import path from 'node:path'
import type {Token} from 'markdown-it'
import {parseMermaid, DiagramError} from '../markdown/mermaid.js'
import {parseMarkdown} from '../markdown/parser.js'
import {renderTerminal} from '../markdown/terminal.js'
import {parseLocatedJson} from '../schema/json-document.js'
import {validateLocated} from '../schema/problems.js'
import type {JsonSchema} from '../schema/validator.js'
import {readJsonFile} from '../schema/json-file.js'
import {exercisesDir, packageRoot} from './paths.js'
import {MANIFEST_FILE, UNIT_FILE} from './load.js'
import {isGraded, type UnitMeta} from './model.js'
import {lintPlanFile, PLAN_FILE} from './plan.js'
import {checkScenarioText, lintScenarioFile, SCENARIO_FILE, scenarioSchema} from './scenario.js'
import type {Scenario} from '../scenario/scenario.js'
import {SCENARIO_MARKER, unknownPlaceholders} from '../scenario/table.js'

/** One thing wrong with the course content, located as precisely as the check can. */
export interface ContentProblem {
  /** Path relative to the `exercises/` folder. */
  readonly file: string
  readonly line?: number
  readonly column?: number
  readonly message: string
  /** What to do about it, where the check knows ("did you mean `lesson`?"). */
  readonly suggestion?: string
}

const SCHEMA_DIR = 'schemas'
/** Units whose work is written by the learner need at least this many hints. */
export const MIN_HINTS = 3

/**
 * A schema of the course format: the course's own copy when it has one, else this program's (an
 * author's course written as files need not carry the format's schemas).
 */
function readSchema(dir: string, name: string): JsonSchema {
  const own = path.join(dir, SCHEMA_DIR, name)
  return readJsonFile(existsSync(own) ? own : path.join(exercisesDir(packageRoot()), SCHEMA_DIR, name)) as JsonSchema
}

/**
 * Reads a JSON file as strict JSON and validates it against its schema, turning every problem into
 * a located ContentProblem. The same file with problems has no value to lint further.
 */
export function lintJsonFile(file: string, text: string, schema: JsonSchema): {value: unknown; problems: ContentProblem[]} {
  const parsed = parseLocatedJson(text)
  if (!parsed.ok) return {value: undefined, problems: parsed.problems.map((p) => ({file, line: p.line, column: p.column, message: p.message}))}
  const {value, locate} = parsed.document
  const problems = validateLocated(schema, value, locate).map((p) => ({
    file,
    line: p.line,
    column: p.column,
    message: `${p.pointer || '(document)'}: ${p.message}`,
    ...(p.suggestion ? {suggestion: p.suggestion} : {}),
  }))
  return {value, problems}
}

function validateJsonFile(dir: string, relative: string, schema: JsonSchema): {value: unknown; problems: ContentProblem[]} {
  return lintJsonFile(relative, readFileSync(path.join(dir, relative), 'utf8'), schema)
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)]
  })
}

/** Every check of `course dev check` that concerns the content itself. */
export function lintContent(dir: string): {problems: ContentProblem[]; units: number} {
  const problems: ContentProblem[] = []
  const manifest = validateJsonFile(dir, MANIFEST_FILE, readSchema(dir, 'course.schema.json'))
  problems.push(...manifest.problems)
  const ids = (manifest.value as {units?: string[]} | undefined)?.units ?? []
  if (!Array.isArray(ids)) return {problems, units: 0}

  const folders = readdirSync(dir).filter((name) => name !== SCHEMA_DIR && statSync(path.join(dir, name)).isDirectory())
  for (const folder of folders) if (!ids.includes(folder)) problems.push({file: folder, message: 'a unit folder the manifest does not list'})
  const seen = new Set<string>()
  const unitSchema = readSchema(dir, 'unit.schema.json')

  ids.forEach((id, index) => {
    if (seen.has(id)) problems.push({file: MANIFEST_FILE, message: `unit \`${id}\` is listed twice`})
    seen.add(id)
    const unitJson = path.join(id, UNIT_FILE)
    if (!existsSync(path.join(dir, unitJson))) {
      problems.push({file: unitJson, message: 'missing'})
      return
    }
    const checked = validateJsonFile(dir, unitJson, unitSchema)
    problems.push(...checked.problems)
    if (checked.problems.length > 0) return
    problems.push(...lintUnit(dir, checked.value as UnitMeta, ids.slice(0, index)))
  })
  return {problems, units: ids.length}
}

function lintUnit(dir: string, unit: UnitMeta, earlier: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = []
  const at = (file: string) => path.join(unit.id, file)
  const unitJson = at(UNIT_FILE)
  if (unit.id !== path.basename(path.dirname(path.join(dir, unitJson)))) problems.push({file: unitJson, message: `id \`${unit.id}\` differs from its folder`})

  for (const prerequisite of unit.prerequisites) {
    if (!earlier.includes(prerequisite)) problems.push({file: unitJson, message: `prerequisite \`${prerequisite}\` is not an earlier unit`})
  }
  const needsWork = isGraded(unit.kind)
  if (needsWork && unit.hints.length < MIN_HINTS) problems.push({file: unitJson, message: `a ${unit.kind} unit needs at least ${MIN_HINTS} hints (has ${unit.hints.length})`})
  if (needsWork && unit.files.starter.length === 0) problems.push({file: unitJson, message: `a ${unit.kind} unit needs a starter`})

  const referenced = new Set<string>([UNIT_FILE, unit.files.text, unit.files.solution])
  if (unit.files.schema) referenced.add(unit.files.schema)
  // A resource plan is found by its file name, so unit.json does not list it.
  if (existsSync(path.join(dir, unit.id, PLAN_FILE))) {
    referenced.add(PLAN_FILE)
    problems.push(...lintPlanFile(dir, unit.id))
  }
  // A scenario is found by its file name too; the text names its figures in placeholders.
  let scenario: Scenario | undefined
  if (existsSync(path.join(dir, unit.id, SCENARIO_FILE))) {
    referenced.add(SCENARIO_FILE)
    const found = lintScenarioFile(dir, unit.id)
    problems.push(...found)
    if (found.length === 0) scenario = checkScenarioText(readFileSync(path.join(dir, unit.id, SCENARIO_FILE), 'utf8'), scenarioSchema(dir)).scenario
  }
  for (const part of [unit.files.text, unit.files.solution]) {
    const file = path.join(dir, unit.id, part)
    if (!existsSync(file)) continue
    const source = readFileSync(file, 'utf8')
    for (const id of unknownPlaceholders(source, scenario)) problems.push({file: at(part), message: `\`{{${id}}}\` names no figure of ${SCENARIO_FILE}`})
    if (source.includes(SCENARIO_MARKER) && !scenario) problems.push({file: at(part), message: `shows the scenario table, but the unit has no valid ${SCENARIO_FILE}`})
  }
  for (const [i, hint] of unit.hints.entries()) {
    for (const id of unknownPlaceholders(hint, scenario)) problems.push({file: unitJson, message: `hint ${i + 1}: \`{{${id}}}\` names no figure of ${SCENARIO_FILE}`})
  }
  for (const file of unit.files.starter) referenced.add(path.join('starter', file))
  for (const file of unit.files.reference) referenced.add(path.join('reference', file))
  for (const file of referenced) if (!existsSync(path.join(dir, unit.id, file))) problems.push({file: at(file), message: 'referenced by unit.json but missing'})
  for (const file of listFiles(path.join(dir, unit.id))) if (!referenced.has(file)) problems.push({file: at(file), message: 'not referenced by unit.json (orphan file)'})

  for (const part of [unit.files.text, unit.files.solution]) {
    const file = path.join(dir, unit.id, part)
    if (existsSync(file)) problems.push(...lintMarkdown(at(part), readFileSync(file, 'utf8')))
  }
  return problems
}

/** A markdown file must render at every width, with and without colour, and every diagram must parse. */
export function lintMarkdown(file: string, source: string): ContentProblem[] {
  const problems: ContentProblem[] = []
  if (source.trim() === '') return [{file, message: 'empty'}]
  let tokens: Token[]
  try {
    tokens = parseMarkdown(source)
    for (const width of [40, 80, 120]) for (const color of [false, true]) renderTerminal(source, {width, color})
  } catch (error) {
    return [{file, message: `does not render: ${(error as Error).message}`}]
  }
  for (const token of tokens) {
    if (token.type !== 'fence' || token.info.trim() !== 'mermaid') continue
    try {
      parseMermaid(token.content)
    } catch (error) {
      if (!(error instanceof DiagramError)) throw error
      // token.map[0] is the fence line (0-based); the diagram starts on the next line.
      problems.push({file, line: (token.map?.[0] ?? 0) + 1 + error.line, column: 1, message: `diagram: ${error.message}`})
    }
  }
  return problems
}
