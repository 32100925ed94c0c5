import {readFileSync} from 'node:fs'
import {UserError, formatLocation} from '../errors.js'
import {scanJson} from './json-scan.js'

/** Turns a 0-based character offset into a 1-based line and column. */
export function offsetToPosition(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return {line, column: end - lineStart + 1}
}

/** Parses JSON text; a syntax error becomes a UserError located at file:line:column. */
export function parseJson(file: string, raw: string): unknown {
  // Some editors start UTF-8 files with a byte-order mark, which JSON.parse rejects.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    // The fast path failed; scan again to say exactly where and why.
    const problem = scanJson(text) ?? {offset: text.length, message: (error as Error).message}
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
