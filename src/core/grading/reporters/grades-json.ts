import type {SubmissionResult} from '../result.js'
import {cappedResult} from './capped.js'

/** The format of grades.json (the class's results in one file); bump when a field changes meaning. */
export const GRADES_FORMAT_VERSION = 1

/**
 * `grades.json`, one submission at a time: the same text as `JSON.stringify` of the whole class
 * with two-space indents, without ever holding it as one string.
 */
export function* gradesJson(results: readonly SubmissionResult[]): Generator<string> {
  if (results.length === 0) {
    yield `${JSON.stringify({format_version: GRADES_FORMAT_VERSION, submissions: []}, null, 2)}\n`
    return
  }
  yield `{\n  "format_version": ${GRADES_FORMAT_VERSION},\n  "submissions": [\n`
  for (const [i, result] of results.entries()) {
    // A JSON string never holds a raw line break, so every one here is the indentation's.
    yield `${i === 0 ? '' : ',\n'}    ${JSON.stringify(cappedResult(result), null, 2).replaceAll('\n', '\n    ')}`
  }
  yield '\n  ]\n}\n'
}
