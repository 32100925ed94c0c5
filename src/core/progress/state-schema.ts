/**
 * The JSON Schema of `.course/state.json`. A workspace can come from anyone, so the file is read as
 * untrusted input: every field is stated, the format is closed wherever course alone writes it, and
 * every number, string and map has a bound. Unit ids the course does not know are kept (an older
 * course may have had them), but each entry must have the shape this version writes.
 */

/** Most units a state file may record; the course has a few dozen at most. */
export const MAX_STATE_UNITS = 100
/** More hints than any unit will ever have; the count only ever grows by one per `course hint`. */
export const MAX_HINTS_SHOWN = 1000
/** An ISO timestamp is 24 characters; the cap leaves room without letting a field grow unbounded. */
export const MAX_DATE_LENGTH = 64
/** Scores are small whole numbers in practice; the cap only rules out absurd values. */
export const MAX_SCORE = 1_000_000
/** A unit id, as `exercises/schemas/unit.schema.json` defines it, at most 64 characters. */
export const UNIT_ID_PATTERN = '^[a-z][a-z0-9-]{0,63}$'

const date = {type: 'string', maxLength: MAX_DATE_LENGTH}
const score = {type: 'number', minimum: 0, maximum: MAX_SCORE}

/**
 * The schema itself (draft 2020-12): the format's definition, for the docs and editors. Commands
 * check a state with checkState (state-check.ts), which keeps a validator off the startup path; a
 * property test compiles this schema and holds the two to the same verdicts and problems.
 * At MAX_STATE_UNITS entries with every field set, the file stays well under the 64 KiB read cap.
 */
export const STATE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://course.invalid/schemas/state.schema.json',
  title: 'Progress in a course workspace (.course/state.json)',
  type: 'object',
  required: ['format_version', 'created_at', 'units'],
  additionalProperties: false,
  properties: {
    // STATE_FORMAT_VERSION in state.ts, which imports this file (so it cannot be imported here).
    format_version: {const: 1},
    created_at: date,
    units: {
      type: 'object',
      maxProperties: MAX_STATE_UNITS,
      patternProperties: {[UNIT_ID_PATTERN]: {$ref: '#/$defs/unit'}},
      additionalProperties: false,
    },
  },
  $defs: {
    unit: {
      type: 'object',
      required: ['hints_shown'],
      additionalProperties: false,
      properties: {
        started_at: date,
        hints_shown: {type: 'integer', minimum: 0, maximum: MAX_HINTS_SHOWN},
        solution_opened: {
          type: 'object',
          required: ['at', 'forced'],
          additionalProperties: false,
          properties: {at: date, forced: {type: 'boolean'}},
        },
        read_at: date,
        passed_at: date,
        last_check: {
          type: 'object',
          required: ['at', 'status', 'score', 'max_score'],
          additionalProperties: false,
          properties: {at: date, status: {enum: ['pass', 'fail', 'error']}, score, max_score: score},
        },
      },
    },
  },
} as const satisfies Record<string, unknown>
