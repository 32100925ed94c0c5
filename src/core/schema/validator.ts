import type {AnySchema, ValidateFunction} from 'ajv'
import {Ajv2020} from 'ajv/dist/2020.js'
import {QUANTITY_KEYWORD} from './quantity-keyword.js'

/**
 * The one ajv instance, configured here and nowhere else. Every schema course checks against
 * (the manifest, units, graders, design documents, the workspace state's definition) is draft
 * 2020-12, compiled strictly, and reports every error at once; problems.ts turns those errors into
 * messages. Imported only by code that validates (the content linter, grading, `course validate`),
 * never on the startup path: the workspace state is checked by hand (progress/state-check.ts).
 */

/** A JSON Schema as read from a file or declared in code. */
export type JsonSchema = Readonly<Record<string, unknown>>

let ajv: Ajv2020 | undefined

function instance(): Ajv2020 {
  if (ajv) return ajv
  ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords and formats fail when a schema compiles: a typo in a schema is never ignored.
    // No schema uses `format`, so no formats are loaded; one that does will fail here until they are.
    strict: true,
    // `anyOf: [{required: [a]}, {required: [b]}]` (one of two fields) is intended, not a mistake.
    strictRequired: false,
    allowUnionTypes: true,
    // Messages quote the value and read the field's own schema (its examples, its x-unit).
    verbose: true,
    // Each schema is compiled once per process (per grading thread), then run once per document:
    // the optimising pass cost about 35 ms of a 100 ms cold compile and made validating no faster.
    code: {optimize: false},
  })
  // Descriptive keywords the schemas carry for the docs site and editors.
  ajv.addKeyword('x-example')
  ajv.addKeyword(QUANTITY_KEYWORD)
  return ajv
}

const bySchema = new WeakMap<object, ValidateFunction>()
/** Validators by `$id` with the text they were compiled from: ajv refuses a second schema under an `$id`. */
const byId = new Map<string, {readonly source: string; readonly validate: ValidateFunction}>()

/**
 * The validator of a schema, compiled on first use. Callers that read a schema file again get a new
 * object with the same `$id`: the same text reuses the validator, a changed text replaces it.
 */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  const known = bySchema.get(schema)
  if (known) return known
  const id = typeof schema.$id === 'string' ? schema.$id : undefined
  const source = id === undefined ? '' : JSON.stringify(schema)
  const same = id === undefined ? undefined : byId.get(id)
  let validate: ValidateFunction
  if (same && same.source === source) validate = same.validate
  else {
    if (same) instance().removeSchema(id)
    validate = instance().compile(schema as AnySchema)
    if (id !== undefined) byId.set(id, {source, validate})
  }
  bySchema.set(schema, validate)
  return validate
}
