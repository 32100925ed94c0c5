import type {ErrorObject, ValidateFunction} from 'ajv'
import {Ajv2020} from 'ajv/dist/2020.js'

/**
 * The one ajv instance: draft 2020-12, every error at once, validators cached by schema `$id`.
 * Imported only by code that validates (the content linter, design checks), never at startup.
 */
let ajv: Ajv2020 | undefined
const cache = new Map<string, ValidateFunction>()

function instance(): Ajv2020 {
  if (!ajv) {
    // strictRequired off: `anyOf: [{required: [a]}, {required: [b]}]` (one of two fields) is intended.
    ajv = new Ajv2020({allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true})
    // Descriptive keywords our schemas carry for the docs site and editors.
    for (const keyword of ['x-unit', 'x-example']) ajv.addKeyword(keyword)
  }
  return ajv
}

export interface SchemaProblem {
  /** JSON pointer of the offending value ('' for the document itself). */
  readonly pointer: string
  /** Plain-language message. */
  readonly message: string
  /** The ajv keyword that failed, for callers that add their own suggestions. */
  readonly keyword: string
  readonly params: Record<string, unknown>
}

export function compile(schema: {$id?: string} & Record<string, unknown>): ValidateFunction {
  const id = schema.$id
  if (id) {
    const cached = cache.get(id)
    if (cached) return cached
  }
  const validate = instance().compile(schema)
  if (id) cache.set(id, validate)
  return validate
}

/** Validates `value`, returning every problem in plain words (empty when valid). */
export function validate(schema: {$id?: string} & Record<string, unknown>, value: unknown): SchemaProblem[] {
  const check = compile(schema)
  if (check(value)) return []
  return (check.errors ?? []).map(toProblem)
}

function toProblem(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return {pointer: error.instancePath, keyword: error.keyword, params, message: `missing required field \`${String(params.missingProperty)}\``}
    case 'additionalProperties':
      return {
        pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
        keyword: error.keyword,
        params,
        message: `unknown field \`${String(params.additionalProperty)}\``,
      }
    case 'enum':
      return {
        pointer: error.instancePath,
        keyword: error.keyword,
        params,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`,
      }
    case 'type':
      return {pointer: error.instancePath, keyword: error.keyword, params, message: `must be ${article(String(params.type))}`}
    default:
      return {pointer: error.instancePath, keyword: error.keyword, params, message: error.message ?? error.keyword}
  }
}

function article(type: string): string {
  const words = type.split(',').map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
  return words.join(' or ')
}
