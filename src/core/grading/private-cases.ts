import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {readJsonFile} from '../schema/json-file.js'
import type {CaseDefinition, GraderDefinition} from './definition.js'
import {validateCases} from './load.js'

/**
 * An instructor's private cases (`--tests DIR`): `DIR/<unit>.json`, or every `.json` in
 * `DIR/<unit>/`, each holding `{"cases": [...]}` in the grader's case format. They run only in
 * `course grade`, hidden unless they say otherwise, and may use the unit's generators and checks.
 */
export function loadPrivateCases(dir: string, unit: string, grader: GraderDefinition): CaseDefinition[] {
  const known = grader.cases
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`--tests: ${dir} is not a folder`, {code: 'bad-tests', exitCode: 2})
  const files: string[] = []
  const single = path.join(dir, `${unit}.json`)
  if (existsSync(single)) files.push(single)
  const folder = path.join(dir, unit)
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    files.push(...readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(folder, f)))
  }
  const cases: CaseDefinition[] = []
  for (const file of files) {
    const content = readJsonFile(file) as {cases?: unknown}
    if (!Array.isArray(content.cases)) throw new UserError(`${file}: expected {"cases": [...]}`, {code: 'bad-tests'})
    const defined = (content.cases as Array<Partial<CaseDefinition>>).map((c) => ({visibility: 'hidden', ...c}) as CaseDefinition)
    validateCases(file, defined, [...known, ...cases], grader)
    cases.push(...defined)
  }
  return cases
}
