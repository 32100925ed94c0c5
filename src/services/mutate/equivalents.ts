import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {lintJsonFile, type ContentProblem} from '../../core/catalog/lint.js'
import {packageRoot} from '../../core/catalog/paths.js'
import {UserError} from '../../core/errors.js'
import {readJsonFile} from '../../core/schema/json-file.js'
import type {JsonSchema} from '../../core/schema/validator.js'
import {sameKey, type MutantKey} from './mutant.js'

/** The file, in a grader's folder, that lists the mutants of the reference no grader can kill. */
export const EQUIVALENTS_FILE = 'equivalent-mutants.json'
export const EQUIVALENTS_SCHEMA = 'equivalent-mutants.schema.json'

/**
 * One mutant an author has judged equivalent: it behaves like the reference for every input the
 * README allows, so no case can kill it. The key holds text only (no line numbers), so a record
 * keeps matching when unrelated parts of the reference move.
 */
export interface EquivalentRecord extends MutantKey {
  /** One line a reviewer can check: why no allowed input tells the mutant from the reference. */
  readonly reason: string
}

export interface EquivalentsFile {
  readonly unit: string
  readonly mutants: readonly EquivalentRecord[]
}

export function equivalentsPath(gradersDir: string, unit: string): string {
  return path.join(gradersDir, unit, EQUIVALENTS_FILE)
}

/** The unit's records; none when the file does not exist. Shape errors are the schema's job (dev check). */
export function loadEquivalents(gradersDir: string, unit: string): EquivalentRecord[] {
  const file = equivalentsPath(gradersDir, unit)
  if (!existsSync(file)) return []
  const data = readJsonFile(file) as Partial<EquivalentsFile>
  if (!data || !Array.isArray(data.mutants)) throw new UserError(`${file}: expected an object with a \`mutants\` list`, {code: 'invalid-equivalents', next: ['Run `course dev check` for the details.']})
  for (const [i, record] of data.mutants.entries()) {
    for (const field of ['mutator', 'line', 'original', 'replacement', 'reason'] as const) {
      if (typeof record?.[field] !== 'string') throw new UserError(`${file}: mutants[${i}].${field} must be a string`, {code: 'invalid-equivalents', next: ['Run `course dev check` for the details.']})
    }
  }
  return data.mutants
}

export interface StaleRecord {
  readonly record: EquivalentRecord
  /** `killed`: its mutant is killed now (a case tells it apart, so it was not equivalent); `gone`: no mutant has its key any more. */
  readonly why: 'killed' | 'gone'
}

export interface Classified<T> {
  /** For each survivor, the record that declares it equivalent, if any. */
  readonly matches: ReadonlyMap<T, EquivalentRecord>
  readonly stale: readonly StaleRecord[]
}

/**
 * Matches survivors against the records. A record may cover several mutants with the same key
 * (the same change to the same text on a line that occurs twice); such twins behave alike.
 */
export function classify<T>(records: readonly EquivalentRecord[], survivors: readonly {readonly item: T; readonly key: MutantKey}[], all: readonly MutantKey[]): Classified<T> {
  const matches = new Map<T, EquivalentRecord>()
  for (const survivor of survivors) {
    const record = records.find((r) => sameKey(r, survivor.key))
    if (record) matches.set(survivor.item, record)
  }
  const used = new Set(matches.values())
  const stale = records.filter((r) => !used.has(r)).map((record): StaleRecord => ({record, why: all.some((k) => sameKey(record, k)) ? 'killed' : 'gone'}))
  return {matches, stale}
}

/**
 * `course dev check`: every grader's equivalent-mutants.json against its schema, and named for its
 * own folder. Cheap (no mutation run): whether a record still matches a mutant is `dev mutate`'s job.
 */
export function lintEquivalents(gradersDir: string): ContentProblem[] {
  if (!existsSync(gradersDir)) return []
  const own = path.join(gradersDir, EQUIVALENTS_SCHEMA)
  const schema = readJsonFile(existsSync(own) ? own : path.join(packageRoot(), 'graders', EQUIVALENTS_SCHEMA)) as JsonSchema
  const problems: ContentProblem[] = []
  for (const folder of readdirSync(gradersDir, {withFileTypes: true}).filter((d) => d.isDirectory())) {
    const full = path.join(gradersDir, folder.name, EQUIVALENTS_FILE)
    if (!existsSync(full)) continue
    const file = `graders/${folder.name}/${EQUIVALENTS_FILE}`
    const checked = lintJsonFile(file, readFileSync(full, 'utf8'), schema)
    problems.push(...checked.problems)
    const unit = (checked.value as {unit?: unknown} | undefined)?.unit
    if (checked.problems.length === 0 && unit !== folder.name) problems.push({file, message: `\`unit\` is ${JSON.stringify(unit)}, but the file is in the grader folder of \`${folder.name}\``})
  }
  return problems
}
