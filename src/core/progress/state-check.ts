import {escapePointerSegment} from '../schema/json-pointer.js'
import {quote} from '../text/learner-text.js'
import {MAX_DATE_LENGTH, MAX_HINTS_SHOWN, MAX_SCORE, MAX_STATE_UNITS, STATE_SCHEMA, UNIT_ID_PATTERN} from './state-schema.js'

/**
 * The shape of `.course/state.json`, checked by hand. Every command that reads the state runs this
 * check, and a schema validator on that path cost ~120 ms of every start (loading ajv, compiling the
 * schema); see docs/decisions/0003-content-and-progress-as-data.md. STATE_SCHEMA stays the format's
 * definition: a property test holds this checker to it, accepting exactly what ajv accepts and
 * reporting the same problems in the same order (required fields, then unknown keys, then each
 * field in the schema's order), which is what makes "(and 3 more problems)" and the first problem
 * the same as before.
 */

/** One way the state departs from its format. */
export interface StateProblem {
  /**
   * Where, as a message shows it: a JSON pointer ('' for the document), with an unknown key
   * appended as it is written (`/units/../lb`) so the learner recognises it.
   */
  readonly pointer: string
  /** What is wrong, in words. */
  readonly message: string
  /** The escaped JSON pointer to look the problem up by in the text (`/units/..~1lb`). */
  readonly target: string
  /** Whether the problem is the key at `target` (an unknown field) rather than its value. */
  readonly key: boolean
}

/** A problem as one line: `/units/lb/hints_shown: must be >= 0`. */
export function describeStateProblem(problem: StateProblem): string {
  return `${problem.pointer || '(document)'}: ${problem.message}`
}

/** Checks `value` at `pointer`, adding what is wrong with it to `problems`. */
type Check = (value: unknown, pointer: string, problems: StateProblem[]) => void

const FORMAT_VERSION = STATE_SCHEMA.properties.format_version.const
const STATUSES: readonly unknown[] = STATE_SCHEMA.$defs.unit.properties.last_check.properties.status.enum
// ajv compiles patterns with the `u` flag; so does this, though this pattern reads the same either way.
const UNIT_ID = new RegExp(UNIT_ID_PATTERN, 'u')

function at(pointer: string, message: string): StateProblem {
  return {pointer, message, target: pointer, key: false}
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Length in code points, as JSON Schema's maxLength counts (an emoji is one character, not two). */
function characters(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

const date: Check = (value, pointer, problems) => {
  if (typeof value !== 'string') problems.push(at(pointer, 'must be a string'))
  // Only a string longer in UTF-16 units can be longer in code points; most dates skip the count.
  else if (value.length > MAX_DATE_LENGTH && characters(value) > MAX_DATE_LENGTH) problems.push(at(pointer, `must NOT have more than ${MAX_DATE_LENGTH} characters`))
}

/** A number from 0 to `max`; a wrong type says so and nothing more, as the schema's type check does. */
function inRange(max: number, integer: boolean): Check {
  return (value, pointer, problems) => {
    // The integer type is checked on its own: 1.5 is not an integer yet still in range, -0.5 is neither.
    if (integer && !Number.isInteger(value)) problems.push(at(pointer, 'must be an integer'))
    // Infinity (`1e400` in the text) is no number at all: ajv's strict numbers refuse it as a type.
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      if (!integer) problems.push(at(pointer, 'must be a number'))
      return
    }
    if (value > max) problems.push(at(pointer, `must be <= ${max}`))
    if (value < 0) problems.push(at(pointer, 'must be >= 0'))
  }
}

const boolean: Check = (value, pointer, problems) => {
  if (typeof value !== 'boolean') problems.push(at(pointer, 'must be a boolean'))
}

const status: Check = (value, pointer, problems) => {
  if (!STATUSES.includes(value)) problems.push(at(pointer, `must be one of ${STATUSES.map((s) => `\`${String(s)}\``).join(', ')}`))
}

const formatVersion: Check = (value, pointer, problems) => {
  if (value !== FORMAT_VERSION) problems.push(at(pointer, `must be ${JSON.stringify(FORMAT_VERSION)}`))
}

/**
 * A closed object: its required fields, then each key it does not know (in the file's order, at
 * the key), then each field present, in the order given here (the schema's).
 */
function object(fields: Readonly<Record<string, Check>>, required: readonly string[]): Check {
  const known = new Set(Object.keys(fields))
  return (value, pointer, problems) => {
    if (!isObject(value)) {
      problems.push(at(pointer, 'must be an object'))
      return
    }
    for (const name of required) if (value[name] === undefined) problems.push(at(pointer, `missing required field \`${name}\``))
    for (const name of Object.keys(value)) {
      if (!known.has(name)) problems.push({pointer: `${pointer}/${name}`, message: `unknown field \`${quote(name)}\``, target: `${pointer}/${escapePointerSegment(name)}`, key: true})
    }
    for (const [name, check] of Object.entries(fields)) if (value[name] !== undefined) check(value[name], `${pointer}/${name}`, problems)
  }
}

const score = inRange(MAX_SCORE, false)

const unit = object(
  {
    started_at: date,
    hints_shown: inRange(MAX_HINTS_SHOWN, true),
    solution_opened: object({at: date, forced: boolean}, ['at', 'forced']),
    read_at: date,
    passed_at: date,
    last_check: object({at: date, status, score, max_score: score}, ['at', 'status', 'score', 'max_score']),
  },
  ['hints_shown'],
)

/**
 * The units map: at most MAX_STATE_UNITS entries, then every key that is not a unit id, then each
 * unit's entry. An unknown unit id with the right shape is kept (an older course may have had it).
 */
const units: Check = (value, pointer, problems) => {
  if (!isObject(value)) {
    problems.push(at(pointer, 'must be an object'))
    return
  }
  const ids = Object.keys(value)
  if (ids.length > MAX_STATE_UNITS) problems.push(at(pointer, `records more than ${MAX_STATE_UNITS} units, more than any course has`))
  for (const id of ids) {
    if (!UNIT_ID.test(id)) {
      const message = `\`${id}\` is not a unit id (lowercase letters, digits and dashes, at most 64 characters)`
      problems.push({pointer: `${pointer}/${id}`, message, target: `${pointer}/${escapePointerSegment(id)}`, key: true})
    }
  }
  for (const id of ids) if (UNIT_ID.test(id)) unit(value[id], `${pointer}/${escapePointerSegment(id)}`, problems)
}

const state = object({format_version: formatVersion, created_at: date, units}, ['format_version', 'created_at', 'units'])

/**
 * Every way `value` (a parsed state file) departs from STATE_SCHEMA, first found first; empty when
 * the state is one the commands can use.
 */
export function checkState(value: unknown): StateProblem[] {
  const problems: StateProblem[] = []
  state(value, '', problems)
  return problems
}
