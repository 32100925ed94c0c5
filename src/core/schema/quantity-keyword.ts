/**
 * The `x-unit` keyword of the design-document schemas: a field's `x-unit` names the kind of
 * quantity it holds ("duration", "rate", …), and its strings are read with the unit-aware parser,
 * so "20" or "20 furlongs" fail where "20 min" passes. An unknown kind is the schema's mistake and
 * fails when the schema compiles, not when a learner's document meets it.
 */
import type {FuncKeywordDefinition} from 'ajv'
import type {DataValidateFunction} from 'ajv/dist/types/index.js'
import {isQuantityKind, QUANTITY_KINDS} from '../capacity/kinds.js'
import {parseQuantity} from '../capacity/quantity.js'

export const QUANTITY_KEYWORD: FuncKeywordDefinition = {
  keyword: 'x-unit',
  type: 'string',
  schemaType: 'string',
  errors: true,
  compile(kind: string) {
    if (!isQuantityKind(kind)) throw new Error(`x-unit: unknown quantity kind \`${kind}\`; known kinds: ${Object.keys(QUANTITY_KINDS).join(', ')}`)
    const validate: DataValidateFunction = (data: string) => {
      const result = parseQuantity(data, kind)
      if (result.ok) return true
      // The message is parseQuantity's, which quotes the learner's text itself; problems.ts keeps it.
      validate.errors = [{keyword: 'x-unit', message: result.message, params: {kind, suggestion: result.suggestion}}]
      return false
    }
    return validate
  },
}
