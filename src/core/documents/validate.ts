import type {ErrorObject, ValidateFunction} from 'ajv'
import {Ajv2020} from 'ajv/dist/2020.js'
import {isQuantityKind, QUANTITY_KINDS} from '../capacity/kinds.js'
import {parseQuantity} from '../capacity/quantity.js'
import type {LocatedDocument} from '../schema/locate.js'
import {closest} from '../text/suggest.js'
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

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `\`${String(value)}\``
}

function toProblem(error: ErrorObject, locate: LocatedDocument['locate']): DocumentProblem {
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
      const field = String(params.additionalProperty)
      pointer = `${pointer}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`
      key = true
      message = `unknown field \`${field}\``
      const allowed = Object.keys(parent?.properties ?? {})
      const near = closest(field, allowed)
      suggestion = near ? `did you mean \`${near}\`?` : allowed.length > 0 ? `expected one of ${allowed.slice(0, 10).map((a) => `\`${a}\``).join(', ')}` : undefined
      break
    }
    case 'type': {
      const kind = parent?.['x-unit']
      if (isQuantityKind(kind) && typeof error.data === 'number') {
        message = `\`${String(error.data)}\` has no unit`
        suggestion = `expected ${QUANTITY_KINDS[kind].noun} such as \`${QUANTITY_KINDS[kind].example}\``
      } else {
        message = `expected ${String(params.type).replace(',', ' or ')}, got ${describe(error.data)}`
        const e = example(parent)
        if (e) suggestion = `for example ${e}`
      }
      break
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      message = `${describe(error.data)} is not one of ${allowed.map((a) => `\`${a}\``).join(', ')}`
      const near = typeof error.data === 'string' ? closest(error.data, allowed) : undefined
      if (near) suggestion = `did you mean \`${near}\`?`
      break
    }
    case 'x-unit':
      message = String(error.message)
      suggestion = params.suggestion as string | undefined
      break
    case 'pattern':
      message = `${describe(error.data)} does not have the expected form`
      suggestion = example(parent) ? `for example ${example(parent)}` : undefined
      break
    case 'const':
      message = `must be \`${String(params.allowedValue)}\``
      break
    default:
      message = `${message}`
  }
  const position = locate(pointer, {key})
  return {...position, pointer, message, ...(suggestion ? {suggestion} : {})}
}

/** Every schema problem of a parsed document, located; empty when it is valid. */
export function validateDocument(schema: Record<string, unknown>, value: unknown, locate: LocatedDocument['locate']): DocumentProblem[] {
  const validate = compileDocumentSchema(schema)
  if (validate(value)) return []
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && !(e.keyword === 'anyOf' || e.keyword === 'oneOf'))
  const problems = errors.map((e) => toProblem(e, locate))
  const seen = new Set<string>()
  return problems
    .filter((p) => {
      const k = `${p.pointer}\u0000${p.message}`
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    .sort((a, b) => a.line - b.line || a.column - b.column)
}
