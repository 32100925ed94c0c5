import type {ErrorObject, ValidateFunction} from 'ajv'
import {Ajv2020} from 'ajv/dist/2020.js'
import {isQuantityKind, QUANTITY_KINDS} from '../capacity/kinds.js'
import {parseQuantity} from '../capacity/quantity.js'
import type {LocatedDocument} from '../schema/locate.js'
import {closest} from '../text/suggest.js'
import {describeValue, showPointer} from './quote-value.js'
import {quote} from '../text/learner-text.js'
import type {DocumentProblem} from './read.js'

/**
 * Design documents against their JSON Schemas (draft 2020-12). Beside the standard keywords, a
 * field's `x-unit` names the kind of quantity it holds ("duration", "rate", …); its strings are
 * read with the unit-aware parser, so "20" or "20 furlongs" fail where "20 min" passes. Every error
 * becomes a located problem in plain words, with a suggestion where one exists.
 */
let ajv: Ajv2020 | undefined
const compiled = new Map<string, ValidateFunction>()

function instance(): Ajv2020 {
  if (ajv) return ajv
  // Compiled once per process (per grading thread), then run once per document: ajv's optimising
  // pass cost about 35 ms of a 100 ms cold compile and made validating no faster.
  ajv = new Ajv2020({allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true, code: {optimize: false}})
  ajv.addKeyword({
    keyword: 'x-unit',
    type: 'string',
    schemaType: 'string',
    errors: true,
    validate: function validateUnit(this: unknown, kind: string, data: string) {
      const self = validateUnit as unknown as {errors?: Array<Partial<ErrorObject>>}
      if (!isQuantityKind(kind)) throw new Error(`unknown quantity kind ${kind}`)
      const result = parseQuantity(data, kind)
      if (result.ok) return true
      self.errors = [{keyword: 'x-unit', message: result.message, params: {kind, suggestion: result.suggestion}}]
      return false
    },
  })
  return ajv
}

export function compileDocumentSchema(schema: Record<string, unknown>): ValidateFunction {
  const id = String(schema.$id ?? '')
  const cached = id ? compiled.get(id) : undefined
  if (cached) return cached
  const validate = instance().compile(schema)
  if (id) compiled.set(id, validate)
  return validate
}

type Schema = {properties?: Record<string, Schema>; examples?: unknown[]; 'x-unit'?: string; enum?: unknown[]; description?: string}

function example(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined
  if (schema.examples && schema.examples.length > 0) return JSON.stringify(schema.examples[0])
  const kind = schema['x-unit']
  return isQuantityKind(kind) ? JSON.stringify(QUANTITY_KINDS[kind].example) : undefined
}

/**
 * Problems listed for one document. The reader caps how far a document expands, but within that
 * a schema that reports every error (ajv's allErrors) can still find one per value; past this many
 * a learner has a document to restart, not a list to read.
 */
export const MAX_SCHEMA_PROBLEMS = 50

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

const suggestFor = (input: string, candidates: string[]): string | undefined => (input.length <= MAX_SUGGESTION_INPUT ? closest(input, candidates) : undefined)

/** A schema error in words, not yet located: locating is the costly part, done only for those listed. */
interface Described {
  readonly pointer: string
  readonly key: boolean
  readonly message: string
  readonly suggestion?: string
}

function describeError(error: ErrorObject): Described {
  const parent = error.parentSchema as Schema | undefined
  const params = error.params as Record<string, unknown>
  let pointer = error.instancePath
  let message = error.message ?? error.keyword
  let suggestion: string | undefined
  let key = false
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty)
      message = `missing \`${field}\``
      const e = example(parent?.properties?.[field])
      suggestion = e ? `add \`${field}: ${e}\`` : `add \`${field}\``
      break
    }
    case 'additionalProperties': {
      // The learner's own key: any length, any characters.
      const field = String(params.additionalProperty)
      pointer = `${pointer}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`
      key = true
      message = `unknown field \`${quote(field)}\``
      const allowed = Object.keys(parent?.properties ?? {})
      const near = suggestFor(field, allowed)
      suggestion = near ? `did you mean \`${near}\`?` : allowed.length > 0 ? `expected one of ${allowed.slice(0, 10).map((a) => `\`${a}\``).join(', ')}` : undefined
      break
    }
    case 'type': {
      const kind = parent?.['x-unit']
      if (isQuantityKind(kind) && typeof error.data === 'number') {
        message = `\`${String(error.data)}\` has no unit`
        suggestion = `expected ${QUANTITY_KINDS[kind].noun} such as \`${QUANTITY_KINDS[kind].example}\``
      } else {
        message = `expected ${String(params.type).replace(',', ' or ')}, got ${describeValue(error.data)}`
        const e = example(parent)
        if (e) suggestion = `for example ${e}`
      }
      break
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      message = `${describeValue(error.data)} is not one of ${allowed.map((a) => `\`${a}\``).join(', ')}`
      const near = typeof error.data === 'string' ? suggestFor(error.data, allowed) : undefined
      if (near) suggestion = `did you mean \`${near}\`?`
      break
    }
    case 'x-unit':
      // Written by parseQuantity, which quotes the learner's text itself.
      message = String(error.message)
      suggestion = params.suggestion as string | undefined
      break
    case 'pattern':
      message = `${describeValue(error.data)} does not have the expected form`
      suggestion = example(parent) ? `for example ${example(parent)}` : undefined
      break
    case 'const':
      message = `must be \`${String(params.allowedValue)}\``
      break
    default:
      message = `${message}`
  }
  return {pointer, key, message, ...(suggestion ? {suggestion} : {})}
}

function locateProblem(described: Described, locate: LocatedDocument['locate']): DocumentProblem {
  const {pointer, key, message, suggestion} = described
  return {...locate(pointer, {key}), pointer: showPointer(pointer), message, ...(suggestion ? {suggestion} : {})}
}

/**
 * The schema problems of a parsed document, located, in file order; empty when it is valid. At
 * most MAX_SCHEMA_PROBLEMS are listed (the first the schema finds), then one more entry, at the
 * first problem left out, says how many more there are. Only the listed ones are located.
 */
export function validateDocument(schema: Record<string, unknown>, value: unknown, locate: LocatedDocument['locate']): DocumentProblem[] {
  const validate = compileDocumentSchema(schema)
  if (validate(value)) return []
  const listed: Described[] = []
  let unlisted = 0
  let firstUnlisted: Described | undefined
  const seen = new Set<string>()
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue
    const described = describeError(error)
    // The same error can come from several branches of a schema (allOf, then): list it once.
    if (described.pointer.length <= MAX_DEDUPLICATED_POINTER) {
      const id = `${described.pointer}\u0000${described.message}`
      if (seen.has(id)) continue
      seen.add(id)
    }
    if (listed.length < MAX_SCHEMA_PROBLEMS) listed.push(described)
    else {
      unlisted++
      firstUnlisted ??= described
    }
  }
  const problems = listed.map((d) => locateProblem(d, locate)).sort((a, b) => a.line - b.line || a.column - b.column)
  if (firstUnlisted) {
    const next = locateProblem(firstUnlisted, locate)
    problems.push({line: next.line, column: next.column, pointer: next.pointer, message: `and ${unlisted} more ${unlisted === 1 ? 'problem' : 'problems'} (the first of them here)`, suggestion: 'fix the problems above and validate again'})
  }
  return problems
}
