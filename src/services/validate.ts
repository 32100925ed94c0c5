import {existsSync, statSync} from 'node:fs'
import path from 'node:path'
import {findUnit} from '../core/catalog/load.js'
import {readDocumentFile, type DocumentProblem} from '../core/documents/read.js'
import {validateDocument} from '../core/documents/validate.js'
import {UsageError, UserError} from '../core/errors.js'
import {readJsonFile} from '../core/schema/json-file.js'
import {findWorkspace, unitFromPath} from '../core/progress/workspace.js'
import {course, type ServiceContext} from './context.js'

export interface ValidateOptions extends ServiceContext {
  readonly file: string
  /** The unit whose schema applies; inferred from the workspace folder the file is in. */
  readonly unit?: string
}

export interface ValidateResult {
  readonly file: string
  readonly unit: string
  readonly valid: boolean
  /** Every problem, located, in file order. */
  readonly problems: DocumentProblem[]
}

/**
 * Checks a design document against its unit's JSON Schema: every problem at once, located, in
 * plain words, with suggestions. A file that cannot be read at all is a usage error (exit 2).
 */
export function validateFile(options: ValidateOptions): ValidateResult {
  const file = path.resolve(options.cwd, options.file)
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`cannot read ${options.file}: no such file`, {code: 'unreadable-file'})
  const loaded = course(options)
  let unitId = options.unit
  if (!unitId) {
    const workspace = findWorkspace(path.dirname(file))
    unitId = workspace ? unitFromPath(workspace, path.dirname(file)) : undefined
    if (!unitId) throw new UsageError(`cannot tell which unit ${options.file} belongs to`, {code: 'which-unit', next: ['Pass --unit with the id of the unit the document answers (`course list` shows them).']})
  }
  const unit = findUnit(loaded, unitId)
  if (!unit.files.schema) {
    const withSchema = loaded.units.filter((u) => u.files.schema).map((u) => `\`${u.id}\``)
    throw new UserError(`\`${unit.id}\` has no design document to validate`, {code: 'no-schema', exitCode: 2, next: [`Units with design documents: ${withSchema.join(', ')}.`]})
  }
  const schema = readJsonFile(path.join(unit.dir, unit.files.schema)) as Record<string, unknown>
  let read
  try {
    read = readDocumentFile(file)
  } catch (error) {
    throw new UsageError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {code: 'unreadable-file'})
  }
  const problems = read.ok ? validateDocument(schema, read.value, read.locate) : read.problems
  return {file: options.file, unit: unit.id, valid: problems.length === 0, problems}
}
