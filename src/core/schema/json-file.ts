import {readFileSync} from 'node:fs'
import {UserError, formatLocation} from '../errors.js'
import {findJsonSyntaxProblem} from './json-syntax.js'
import {offsetToPosition} from './text-position.js'

/**
 * JSON files course reads as configuration (the manifest, units, graders, schemas, the workspace
 * state): strict JSON, parsed by JSON.parse, with a syntax error turned into a UserError located
 * at file:line:column.
 */

/** Some editors start UTF-8 files with a byte-order mark, which JSON.parse rejects. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Parses JSON text; a syntax error becomes a UserError located at file:line:column. */
export function parseJson(file: string, raw: string): unknown {
  const text = withoutByteOrderMark(raw)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    // The fast path failed; parse again, keeping positions, to say exactly where and why.
    const problem = findJsonSyntaxProblem(text) ?? {offset: text.length, message: (error as Error).message}
    const location = {file, ...offsetToPosition(text, problem.offset)}
    throw new UserError(`${formatLocation(location)}: invalid JSON: ${problem.message}`, {
      code: 'invalid-json',
      next: ['Fix the JSON at that position and run the command again.'],
    })
  }
}

/** Reads and parses a JSON file; missing or unreadable files become UserErrors. */
export function readJsonFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      code: 'unreadable-file',
    })
  }
  return parseJson(file, text)
}
