/**
 * The document part of grading: the learner's design document is read (every way it can be
 * unreadable is a located problem), validated against the unit's schema, and each document case is
 * judged here, in the grader's process. Nothing runs in a sandbox: the document is data.
 */
import path from 'node:path'
import {isQuantityKind, type QuantityKindName} from '../capacity/kinds.js'
import {parseQuantity} from '../capacity/quantity.js'
import {describeValue} from '../documents/quote-value.js'
import {quote} from '../text/learner-text.js'
import {formatOf, readDocumentBytes, type DocumentProblem} from '../documents/read.js'
import {validateDocument} from '../documents/validate.js'
import {splitPointer} from '../schema/locate.js'
import {evaluateFormula, type FormulaResult} from '../scenario/formula.js'
import type {Scenario} from '../scenario/scenario.js'
import type {CaseDefinition, DocumentCheck, DocumentCheckContext, GraderModule, Verdict} from './definition.js'

export type DocumentOutcome =
  | {readonly ok: true; readonly file: string; readonly document: unknown; readonly schemaProblems: DocumentProblem[]; readonly where: (pointer: string) => string}
  | {readonly ok: false; readonly file: string; readonly kind: 'missing-files' | 'parse'; readonly message: string}

/** The document's name among the submission's files: the grader's entry, or the same name with another extension (.yml, .json). */
export function findDocument(files: ReadonlyMap<string, Buffer>, entry: string): string | undefined {
  const stem = entry.replace(/\.(ya?ml|json)$/, '')
  return [entry, `${stem}.yaml`, `${stem}.yml`, `${stem}.json`].find((name) => files.has(name))
}

export function formatDocumentProblem(file: string, p: DocumentProblem): string {
  const where = `${file}:${p.line}:${p.column}`
  return `${where}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`
}

/** Reads the document from the submission's copied files; `label` names the learner's folder in messages. */
export function readSubmittedDocument(files: ReadonlyMap<string, Buffer>, entry: string, schema: Record<string, unknown> | undefined, label: string): DocumentOutcome {
  const found = findDocument(files, entry)
  if (!found) return {ok: false, file: entry, kind: 'missing-files', message: `${entry} is missing from ${label}`}
  const file = path.posix.basename(found)
  const read = readDocumentBytes(files.get(found)!, formatOf(found))
  if (!read.ok) return {ok: false, file, kind: 'parse', message: read.problems.map((p) => formatDocumentProblem(file, p)).join('\n')}
  const schemaProblems = schema ? validateDocument(schema, read.value, read.locate) : []
  const where = (pointer: string) => {
    const p = read.locate(pointer)
    return `${file}:${p.line}:${p.column}`
  }
  return {ok: true, file, document: read.value, schemaProblems, where}
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node = document
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}

const fail = (detail: string): Verdict => ({passed: false, detail})

/** Formulas already evaluated, per scenario: a class grades many learners against the one base scenario. */
const evaluated = new WeakMap<Scenario, Map<string, FormulaResult>>()

function formulaValue(formula: string, scenario: Scenario, kind: QuantityKindName): FormulaResult {
  let known = evaluated.get(scenario)
  if (!known) evaluated.set(scenario, (known = new Map()))
  const key = `${kind}\u0000${formula}`
  let result = known.get(key)
  if (!result) known.set(key, (result = evaluateFormula(formula, scenario, kind)))
  return result
}

/**
 * What an estimate case expects: its `formula` over the scenario's figures (so a learner's variant
 * is graded against its own figures), else its literal `expected` value.
 */
export function expectedValue(params: Record<string, unknown>, kind: QuantityKindName, scenario: Scenario | undefined): number {
  if (typeof params.formula === 'string') {
    if (!scenario) throw new Error(`the formula \`${params.formula}\` needs the unit's scenario.json`)
    const result = formulaValue(params.formula, scenario, kind)
    if (!result.ok) throw new Error(`the expected value of ${String(params.path)}: ${result.message}`)
    return result.value
  }
  const want = parseQuantity(params.expected, kind)
  if (!want.ok) throw new Error(`the expected value of ${String(params.path)} is not ${kind}: ${want.message}`)
  return want.quantity.value
}

/** A learner's quantity against an expected one, within a relative tolerance. */
const estimate: DocumentCheck = ({document, params, where, scenario}) => {
  const pointer = String(params.path)
  const kind = params.kind as QuantityKindName
  if (!isQuantityKind(kind)) throw new Error(`estimate needs a known kind, got ${String(params.kind)}`)
  const got = parseQuantity(valueAt(document, pointer), kind)
  if (!got.ok) return fail(`${where(pointer)} ${pointer}: ${got.message}`)
  const want = expectedValue(params, kind, scenario)
  const tolerance = Number(params.tolerance ?? 0.05)
  const error = Math.abs(got.quantity.value - want) / Math.max(Math.abs(want), Number.MIN_VALUE)
  if (error <= tolerance) return {passed: true}
  // Only the direction: how far off would give the answer away.
  const direction = got.quantity.value > want ? 'high' : 'low'
  return fail(`${where(pointer)} ${pointer}: \`${quote(got.quantity.text)}\` is too ${direction} (more than ${(100 * tolerance).toFixed(0)} % off)`)
}

/** A field holds one of the accepted values (a mitigation, a strategy). */
const choice: DocumentCheck = ({document, params, where}) => {
  const pointer = String(params.path)
  const value = valueAt(document, pointer)
  const accept = params.accept as unknown[]
  if (accept.includes(value)) return {passed: true}
  return fail(`${where(pointer)} ${pointer}: ${describeValue(value)} does not fit this scenario`)
}

/** A quantity (or plain number) lies in [min, max]. */
const range: DocumentCheck = ({document, params, where}) => {
  const pointer = String(params.path)
  const kind = (params.kind as QuantityKindName | undefined) ?? 'count'
  const got = parseQuantity(valueAt(document, pointer), kind)
  if (!got.ok) return fail(`${where(pointer)} ${pointer}: ${got.message}`)
  const bound = (name: 'min' | 'max') => {
    const raw = params[name]
    if (raw === undefined) return undefined
    const q = parseQuantity(raw, kind)
    if (!q.ok) throw new Error(`the ${name} of ${pointer} is not ${kind}`)
    return q.quantity
  }
  const [min, max] = [bound('min'), bound('max')]
  if (min && got.quantity.value < min.value) return fail(`${where(pointer)} ${pointer}: \`${quote(got.quantity.text)}\` is below ${min.text}`)
  if (max && got.quantity.value > max.value) return fail(`${where(pointer)} ${pointer}: \`${quote(got.quantity.text)}\` is above ${max.text}`)
  return {passed: true}
}

/** Checks any document grader can name in grader.json without code of its own. */
export const BUILT_IN_DOCUMENT_CHECKS: Record<string, DocumentCheck> = {estimate, choice, range}

/**
 * Judges one document case. The built-in `valid` check passes when the document meets its
 * schema; its feedback lists the first problems, located.
 */
export function judgeDocumentCase(definition: CaseDefinition, outcome: Extract<DocumentOutcome, {ok: true}>, module: GraderModule, scenario?: Scenario): Verdict {
  const name = definition.check ?? 'valid'
  if (name === 'valid') {
    if (outcome.schemaProblems.length === 0) return {passed: true}
    const shown = outcome.schemaProblems.slice(0, 8).map((p) => formatDocumentProblem(outcome.file, p))
    const more = outcome.schemaProblems.length > shown.length ? `\n(and ${outcome.schemaProblems.length - shown.length} more: run \`course validate\`)` : ''
    return {passed: false, detail: `\n${shown.join('\n')}${more}`}
  }
  const check = BUILT_IN_DOCUMENT_CHECKS[name] ?? module.documentChecks?.[name]
  if (!check) throw new Error(`case \`${definition.name}\` names an unknown document check \`${name}\``)
  const context: DocumentCheckContext = {document: outcome.document, params: definition.params ?? {}, file: outcome.file, where: outcome.where, ...(scenario ? {scenario} : {})}
  try {
    return check(context)
  } catch (error) {
    return {passed: false, detail: `the document could not be checked: ${(error as Error).message}`}
  }
}
