import {existsSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {isQuantityKind} from '../capacity/kinds.js'
import {loadScenario} from '../catalog/scenario.js'
import {evaluateFormula} from '../scenario/formula.js'
import {extremeScenario, type Scenario} from '../scenario/scenario.js'
import {lintJsonFile, type ContentProblem} from '../catalog/lint.js'
import {isGraded, type Unit} from '../catalog/model.js'
import {packageRoot} from '../catalog/paths.js'
import {readJsonFile} from '../schema/json-file.js'
import type {JsonSchema} from '../schema/validator.js'
import {gradeSubmission} from './grade.js'
import type {GraderDefinition} from './definition.js'
import {entryOf, GRADER_FILE, hasGrader, loadGrader} from './load.js'
import {lintRules} from './rules-lint.js'

/** The secret dev check grades with: any fixed value makes its runs reproducible. */
const DEV_SECRET = 'course-dev-check'

export interface GraderCheck {
  readonly unit: string
  readonly reference: {readonly score: number; readonly max_score: number}
  readonly starter: {readonly score: number; readonly max_score: number}
}

/**
 * Lints the graders: every graded unit has one, every grader file is valid against its schema, its
 * rules are quoted from the unit's text and covered by cases (rules-lint.ts), and each grader is
 * proven on its own unit: the reference solution earns full marks, the untouched
 * starter earns less.
 */
export async function lintGraders(gradersDir: string, units: readonly Unit[]): Promise<{problems: ContentProblem[]; checks: GraderCheck[]}> {
  const problems: ContentProblem[] = []
  const checks: GraderCheck[] = []
  // The format's schema: the course's own copy, else this program's.
  const own = path.join(gradersDir, 'grader.schema.json')
  const schema = readJsonFile(existsSync(own) ? own : path.join(packageRoot(), 'graders', 'grader.schema.json')) as JsonSchema
  const ids = new Set(units.map((u) => u.id))
  for (const folder of readdirSync(gradersDir, {withFileTypes: true}).filter((d) => d.isDirectory())) {
    if (!ids.has(folder.name)) problems.push({file: `graders/${folder.name}`, message: 'a grader for a unit the course does not have'})
  }
  problems.push(...lintLabs(gradersDir, units))
  for (const unit of units) {
    const file = `graders/${unit.id}/${GRADER_FILE}`
    if (!hasGrader(unit.id, gradersDir)) {
      if (isGraded(unit.kind)) problems.push({file, message: `a ${unit.kind} unit needs a grader`})
      continue
    }
    const source = readFileSync(path.join(gradersDir, unit.id, GRADER_FILE), 'utf8')
    const checked = lintJsonFile(file, source, schema)
    problems.push(...checked.problems)
    if (checked.problems.length > 0) continue
    problems.push(...lintRules(file, source, checked.value as GraderDefinition, unit.dir))
    try {
      checks.push(await proveGrader(unit, gradersDir, problems))
    } catch (error) {
      problems.push({file, message: (error as Error).message})
    }
  }
  return {problems, checks}
}

/** Each unit's lab.json against the lab schema (a lab that fails it is left out of `course run`). */
export function lintLabs(gradersDir: string, units: readonly Unit[]): ContentProblem[] {
  const own = path.join(gradersDir, 'lab.schema.json')
  const schema = readJsonFile(existsSync(own) ? own : path.join(packageRoot(), 'graders', 'lab.schema.json')) as JsonSchema
  return units.flatMap((unit) => {
    const full = path.join(gradersDir, unit.id, 'lab', 'lab.json')
    if (!existsSync(full)) return []
    const file = `graders/${unit.id}/lab/lab.json`
    const linted = lintJsonFile(file, readFileSync(full, 'utf8'), schema)
    const uses = (linted.value as {uses?: unknown} | undefined)?.uses
    // What `uses` promises must be there: the driver it runs, the grader's part it takes its file from.
    const grader = readGraderParts(path.join(gradersDir, unit.id, GRADER_FILE))
    const promised: ContentProblem[] = []
    if (uses === 'code' && !existsSync(path.join(gradersDir, unit.id, 'lab', 'driver.ts'))) promised.push({file, message: '`uses: code` runs lab/driver.ts, which is missing'})
    if (uses === 'code' && !grader.code) promised.push({file, message: "`uses: code` needs the unit's grader to name a code entry"})
    if (uses === 'document' && !grader.document) promised.push({file, message: "`uses: document` needs the unit's grader to name a document entry"})
    return [...linted.problems, ...promised]
  })
}

/** Which parts a grader.json names, read loosely: its full check is lintGraders'. */
function readGraderParts(file: string): {code: boolean; document: boolean} {
  try {
    const grader = JSON.parse(readFileSync(file, 'utf8')) as {code?: unknown; document?: unknown}
    return {code: typeof grader.code === 'object' && grader.code !== null, document: typeof grader.document === 'object' && grader.document !== null}
  } catch {
    return {code: false, document: false}
  }
}

async function proveGrader(unit: Unit, gradersDir: string, problems: ContentProblem[]): Promise<GraderCheck> {
  const {definition, module, schema, driverCode} = await loadGrader(unit.id, gradersDir, unit.files.schema ? path.join(unit.dir, unit.files.schema) : undefined)
  const scenario = loadScenario(unit, path.dirname(unit.dir))
  problems.push(...lintFormulas(`graders/${unit.id}/${GRADER_FILE}`, definition, scenario))
  const grade = (folder: 'reference' | 'starter') =>
    gradeSubmission({grader: definition, module, ...(schema ? {schema} : {}), ...(driverCode ? {driverCode} : {}), ...(scenario ? {scenario} : {}), referenceDir: path.join(unit.dir, 'reference'), dir: path.join(unit.dir, folder), learner: `dev-check-${folder}`, mode: 'grade', secret: DEV_SECRET})
  const entry = entryOf(definition)
  if (!existsSync(path.join(unit.dir, 'reference', entry))) throw new Error(`the grader's entry ${entry} is not in the unit's reference/`)
  const [reference, starter] = [await grade('reference'), await grade('starter')]
  const where = `graders/${unit.id}/${GRADER_FILE}`
  if (reference.score !== reference.max_score) {
    const failing = reference.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name} (${c.feedback})`)
    problems.push({file: where, message: `the reference solution earns ${reference.score}/${reference.max_score}${reference.error ? `: ${reference.error.message}` : `; not passing: ${failing.join('; ')}`}`})
  }
  if (starter.score >= reference.max_score) problems.push({file: where, message: `the untouched starter earns full marks (${starter.score}/${starter.max_score})`})
  return {unit: unit.id, reference: {score: reference.score, max_score: reference.max_score}, starter: {score: starter.score, max_score: starter.max_score}}
}

/**
 * Every estimate written as a formula must give a finite quantity of its kind for the base
 * scenario and for the extremes a variant can reach (every varying figure at its minimum, then
 * at its maximum): a formula that divides by a figure drawn as zero is caught here, not in a class.
 */
export function lintFormulas(file: string, definition: GraderDefinition, scenario: Scenario | undefined): ContentProblem[] {
  const problems: ContentProblem[] = []
  const formulas = definition.cases.filter((c) => typeof c.params?.formula === 'string')
  if (formulas.length === 0) return problems
  if (!scenario) return [{file, message: `cases give formulas (${formulas.map((c) => c.name).join(', ')}), but the unit has no scenario.json`}]
  const extremes: Array<[string, Scenario]> = [['the base scenario', scenario], ['every figure at its minimum', extremeScenario(scenario, 'min')], ['every figure at its maximum', extremeScenario(scenario, 'max')]]
  for (const c of formulas) {
    const kind = c.params!.kind
    if (!isQuantityKind(kind)) continue
    for (const [label, figures] of extremes) {
      const result = evaluateFormula(String(c.params!.formula), figures, kind)
      if (!result.ok) {
        problems.push({file, message: `case \`${c.name}\`: ${result.message} (with ${label})`})
        break
      }
    }
  }
  return problems
}

