import type {ErrorObject} from 'ajv'
import {isQuantityKind, QUANTITY_KINDS} from '../capacity/kinds.js'
import {describeValue, showPointer} from '../documents/quote-value.js'
import {quote} from '../text/learner-text.js'
import {closest} from '../text/suggest.js'
import {escapePointerSegment} from './json-pointer.js'
import type {LocatedDocument} from './locate.js'
import {compileSchema, type JsonSchema} from './validator.js'

/**
 * Schema errors in words: the one mapping from ajv's errors to problems a reader can act on, used
 * by the content linter, the grader linter, `course validate` and grading alike. Each problem says
 * what is wrong in plain words ("must be one of `pull`, `push`") and, where there is one, what to
 * do ("did you mean `pull`?"); located, it carries the line and column of the value (or, for an
 * unknown field, of its key) in the file.
 */

/** A schema problem in words, not yet located: locating is the costly part, done only for those listed. */
export interface SchemaProblem {
  /** Escaped JSON pointer of the offending value ('' for the document); for an unknown field, of its key. */
  readonly pointer: string
  /** Whether the problem is the key at `pointer` (an unknown field) rather than its value. */
  readonly key: boolean
  /** The ajv keyword that failed. */
  readonly keyword: string
  readonly params: Readonly<Record<string, unknown>>
  readonly message: string
  readonly suggestion?: string
}

/** A problem located in its file. */
export interface LocatedProblem {
  readonly line: number
  readonly column: number
  /** The JSON pointer as a message shows it: printable and capped, since it holds the file's own keys. */
  readonly pointer: string
  readonly message: string
  readonly suggestion?: string
}

/**
 * Problems listed for one file. A schema that reports every error (allErrors) can find one per
 * value; past this many a reader has a file to restart, not a list to read.
 */
export const MAX_LISTED_PROBLEMS = 50

/**
 * The longest text a "did you mean" suggestion is looked for: a typo is a word, and the edit
 * distance costs the product of the two lengths (a 100 KB key, millions of steps per candidate).
 */
const MAX_SUGGESTION_INPUT = 64

/**
 * Duplicates are found by pointer. A pointer longer than this (under a learner's long key) is taken
 * as unique: hashing it would copy the whole key once per error beneath it.
 */
const MAX_DEDUPLICATED_POINTER = 2_000

/** The part of a field's schema that messages read. */
type FieldSchema = {properties?: Record<string, FieldSchema>; examples?: unknown[]; 'x-unit'?: string; pattern?: string}

const suggestFor = (input: string, candidates: string[]): string | undefined => (input.length <= MAX_SUGGESTION_INPUT ? closest(input, candidates) : undefined)

const listed = (values: readonly unknown[]) => values.map((v) => `\`${String(v)}\``).join(', ')

/** "a string", "an integer", "an integer or a string". */
function article(types: string): string {
  return types
    .split(',')
    .map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(' or ')
}

/** An example value for a field: its schema's first example, or its quantity kind's. */
function example(schema: FieldSchema | undefined): string | undefined {
  if (!schema) return undefined
  if (schema.examples && schema.examples.length > 0) return JSON.stringify(schema.examples[0])
  const kind = schema['x-unit']
  return isQuantityKind(kind) ? JSON.stringify(QUANTITY_KINDS[kind].example) : undefined
}

const forExample = (schema: FieldSchema | undefined) => {
  const e = example(schema)
  return e ? `for example ${e}` : undefined
}

/** One ajv error in words. */
function describe(error: ErrorObject): SchemaProblem {
  const parent = error.parentSchema as FieldSchema | undefined
  const params = error.params as Record<string, unknown>
  const problem = (message: string, suggestion?: string, pointer = error.instancePath, key = false): SchemaProblem => ({
    pointer,
    key,
    keyword: error.keyword,
    params,
    message,
    ...(suggestion ? {suggestion} : {}),
  })
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty)
      const e = example(parent?.properties?.[field])
      return problem(`missing required field \`${field}\``, e ? `add \`${field}: ${e}\`` : undefined)
    }
    case 'additionalProperties': {
      // The file's own key: any length, any characters.
      const field = String(params.additionalProperty)
      const allowed = Object.keys(parent?.properties ?? {})
      const near = suggestFor(field, allowed)
      const suggestion = near ? `did you mean \`${near}\`?` : allowed.length > 0 ? `expected one of ${listed(allowed.slice(0, 10))}${allowed.length > 10 ? ', …' : ''}` : undefined
      return problem(`unknown field \`${quote(field)}\``, suggestion, `${error.instancePath}/${escapePointerSegment(field)}`, true)
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const near = typeof error.data === 'string' ? suggestFor(error.data, allowed) : undefined
      return problem(`must be one of ${listed(allowed)}`, near ? `did you mean \`${near}\`?` : undefined)
    }
    case 'type': {
      const kind = parent?.['x-unit']
      if (isQuantityKind(kind) && typeof error.data === 'number') {
        return problem(`\`${String(error.data)}\` has no unit`, `expected ${QUANTITY_KINDS[kind].noun} such as \`${QUANTITY_KINDS[kind].example}\``)
      }
      return problem(`must be ${article(String(params.type))}`, forExample(parent))
    }
    case 'const':
      return problem(`must be ${JSON.stringify(params.allowedValue)}`)
    case 'pattern':
      return problem(`${describeValue(error.data)} does not have the expected form`, forExample(parent) ?? `it must match \`${String(params.pattern)}\``)
    case 'x-unit':
      // Worded by the quantity parser, which quotes the text itself.
      return problem(String(error.message), params.suggestion as string | undefined)
    default:
      return problem(error.message ?? error.keyword)
  }
}

/** "`a` or `b` and `c`": the fields of branches that each only require fields. */
function requiredBranches(branches: unknown): string | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined
  const words: string[] = []
  for (const branch of branches) {
    const fields = (branch as {required?: unknown}).required
    if (Object.keys(branch as object).length !== 1 || !Array.isArray(fields) || fields.length === 0) return undefined
    words.push(fields.map((f) => `\`${String(f)}\``).join(' and '))
  }
  return words.join(' or ')
}

/**
 * Errors worth a message. `if`, `anyOf` and `oneOf` only say that their branches failed, and the
 * branches' own errors say how, so those are kept instead; except that a combinator whose branches
 * only require fields (a grader needs `code` or `document`) becomes one "missing one of" problem
 * in place of a "missing" per branch, which would ask for both.
 */
function describeAll(errors: readonly ErrorObject[]): SchemaProblem[] {
  const folded = new Map<string, string>()
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue
    const fields = requiredBranches(error.schema)
    if (fields) folded.set(`${error.instancePath}\u0000${error.schemaPath}/`, fields)
  }
  const isFolded = (error: ErrorObject) => [...folded.keys()].some((prefix) => `${error.instancePath}\u0000${error.schemaPath}`.startsWith(prefix))
  const problems: SchemaProblem[] = []
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const fields = folded.get(`${error.instancePath}\u0000${error.schemaPath}/`)
      if (fields) problems.push({pointer: error.instancePath, key: false, keyword: error.keyword, params: error.params as Record<string, unknown>, message: `missing one of ${fields}`})
      continue
    }
    if (folded.size > 0 && isFolded(error)) continue
    problems.push(describe(error))
  }
  return problems
}

/**
 * Every problem of `value` against `schema`, in the schema's order; empty when it is valid. The
 * same error reached through several branches of a schema (allOf, then) is listed once.
 */
export function schemaProblems(schema: JsonSchema, value: unknown): SchemaProblem[] {
  const validate = compileSchema(schema)
  if (validate(value)) return []
  const seen = new Set<string>()
  return describeAll(validate.errors ?? []).filter((problem) => {
    if (problem.pointer.length > MAX_DEDUPLICATED_POINTER) return true
    const id = `${problem.pointer}\u0000${problem.message}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

/** A problem at its place in the file. */
export function locateProblem(problem: SchemaProblem, locate: LocatedDocument['locate']): LocatedProblem {
  const {pointer, key, message, suggestion} = problem
  return {...locate(pointer, {key}), pointer: showPointer(pointer), message, ...(suggestion ? {suggestion} : {})}
}

/**
 * The schema problems of a parsed file, located, in file order; empty when it is valid. At most
 * `limit` are listed (the first the schema finds), then one more entry, at the first problem left
 * out, says how many more there are. Only the listed ones are located.
 */
export function validateLocated(schema: JsonSchema, value: unknown, locate: LocatedDocument['locate'], limit = MAX_LISTED_PROBLEMS): LocatedProblem[] {
  const problems = schemaProblems(schema, value)
  const located = problems
    .slice(0, limit)
    .map((p) => locateProblem(p, locate))
    .sort((a, b) => a.line - b.line || a.column - b.column)
  const unlisted = problems.length - limit
  if (unlisted > 0) {
    const next = locateProblem(problems[limit]!, locate)
    located.push({line: next.line, column: next.column, pointer: next.pointer, message: `and ${unlisted} more ${unlisted === 1 ? 'problem' : 'problems'} (the first of them here)`, suggestion: 'fix the problems above and validate again'})
  }
  return located
}
