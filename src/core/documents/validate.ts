import {MAX_LISTED_PROBLEMS, validateLocated} from '../schema/problems.js'
import type {JsonSchema} from '../schema/validator.js'
import type {LocatedDocument} from '../schema/locate.js'
import type {DocumentProblem} from './read.js'

/**
 * Design documents against their JSON Schemas (draft 2020-12), through the schema module: beside
 * the standard keywords, a field's `x-unit` names the kind of quantity it holds and its strings are
 * read with the unit-aware parser (schema/quantity-keyword.ts). Every error becomes a located
 * problem in plain words, with a suggestion where one exists (schema/problems.ts).
 */

/**
 * Problems listed for one document. The reader caps how far a document expands, but within that
 * a schema that reports every error can still find one per value.
 */
export const MAX_SCHEMA_PROBLEMS = MAX_LISTED_PROBLEMS

/** The schema problems of a parsed document, located, in file order; empty when it is valid. */
export function validateDocument(schema: JsonSchema, value: unknown, locate: LocatedDocument['locate']): DocumentProblem[] {
  return validateLocated(schema, value, locate, MAX_SCHEMA_PROBLEMS)
}
