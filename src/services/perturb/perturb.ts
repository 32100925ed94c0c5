import {readFileSync} from 'node:fs'
import path from 'node:path'
import {isMap, isScalar, isSeq, parseDocument, type Document} from 'yaml'
import {findUnit, loadCourse} from '../../core/catalog/load.js'
import type {Unit} from '../../core/catalog/model.js'
import {UserError} from '../../core/errors.js'
import {partOf} from '../../core/grading/definition.js'
import {judgeDocumentPart} from '../../core/grading/document-part.js'
import {hasGrader, type LoadedGrader} from '../../core/grading/load.js'
import {loadUnitGrader} from '../grading-context.js'
import {perturbationsOf, type Perturbation} from './kinds.js'

/**
 * The mutation testing of design documents: the unit's reference document changed in one place at
 * a time (a figure doubled, a unit swapped, a field deleted…) and graded like a learner's. A
 * perturbation is caught when it loses marks. Not every change is a flaw (a long-poll wait of 40 s
 * instead of 20 s is still a design), so the rate is a measurement for authors to read, with the
 * list of what got through, not a target of 100 %.
 */
export interface UnitPerturbationReport {
  readonly unit: string
  /** The reference document, relative to the unit's folder. */
  readonly document: string
  /** What the reference itself scores on the document cases. */
  readonly reference: {readonly score: number; readonly max_score: number}
  readonly total: number
  readonly caught: number
  /** caught / total. */
  readonly rate: number
  /** Per kind of perturbation: how many there were and how many lost marks. */
  readonly kinds: Readonly<Record<string, {readonly total: number; readonly caught: number}>>
  /** The perturbations that kept every mark. */
  readonly missed: readonly MissedPerturbation[]
  readonly wall_ms: number
}

export interface MissedPerturbation {
  readonly pointer: string
  readonly kind: string
  readonly from: string
  readonly to: string
}

/** Units whose grader judges a design document. */
export function documentUnits(): Unit[] {
  return loadCourse().units.filter((unit) => hasGrader(unit.id) && unit.files.reference !== undefined && documentEntry(unit) !== undefined)
}

function documentEntry(unit: Unit): string | undefined {
  return unit.files.reference?.find((name) => /\.(ya?ml|json)$/.test(name))
}

/** Resolves ids to units with a design document, or says why one cannot be perturbed. */
export function resolveDocumentUnits(ids: readonly string[]): Unit[] {
  const course = loadCourse()
  return ids.map((id) => {
    const unit = findUnit(course, id)
    if (!hasGrader(unit.id) || documentEntry(unit) === undefined) {
      throw new UserError(`unit \`${unit.id}\` has no graded design document to perturb`, {code: 'no-document', next: ['Run `course dev perturb --all` to measure every design unit.']})
    }
    return unit
  })
}

/** Grades one document text with the unit's document cases; the score and the maximum. */
function scoreDocument(grader: LoadedGrader, entry: string, text: string): {score: number; max_score: number} {
  const definition = grader.definition
  const definitions = definition.cases.filter((c) => partOf(definition, c) === 'document')
  const part = judgeDocumentPart({
    files: new Map([[entry, Buffer.from(text, 'utf8')]]),
    entry: definition.document?.entry ?? entry,
    schema: grader.schema,
    module: grader.module,
    definitions,
    label: 'the perturbed reference',
    ...(grader.scenario ? {scenario: grader.scenario} : {}),
  })
  return {score: part.cases.reduce((sum, c) => sum + c.score, 0), max_score: part.cases.reduce((sum, c) => sum + c.max_score, 0)}
}

/** Every scalar leaf of a YAML document with its path, skipping prose (notes, trade-offs, comments). */
function leaves(document: Document): Array<{path: Array<string | number>; value: unknown}> {
  const found: Array<{path: Array<string | number>; value: unknown}> = []
  const walk = (node: unknown, at: Array<string | number>) => {
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...at, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)])
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...at, i]))
    else if (isScalar(node)) found.push({path: at, value: node.value})
  }
  walk(document.contents, [])
  return found
}

const pointerOf = (at: ReadonlyArray<string | number>) => `/${at.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`

export interface PerturbOptions {
  readonly onProgress?: (done: number, total: number) => void
}

export async function perturbUnit(unit: Unit, options: PerturbOptions = {}): Promise<UnitPerturbationReport> {
  const started = performance.now()
  const grader = await loadUnitGrader(unit)
  const entry = documentEntry(unit)!
  const file = path.join(unit.dir, 'reference', entry)
  const original = readFileSync(file, 'utf8')
  if (!/\.ya?ml$/.test(entry)) throw new UserError(`${entry}: only YAML references can be perturbed so far`, {code: 'no-document'})
  const reference = scoreDocument(grader, entry, original)
  const plan: Array<{at: Array<string | number>; perturbation: Perturbation}> = []
  for (const leaf of leaves(parseDocument(original))) {
    for (const perturbation of perturbationsOf(leaf.value)) plan.push({at: leaf.path, perturbation})
  }
  const kinds: Record<string, {total: number; caught: number}> = {}
  const missed: MissedPerturbation[] = []
  let caught = 0
  for (const [i, {at, perturbation}] of plan.entries()) {
    const copy = parseDocument(original)
    if (perturbation.to === undefined) copy.deleteIn(at)
    else copy.setIn(at, perturbation.to)
    const {score} = scoreDocument(grader, entry, copy.toString())
    const lost = score < reference.score
    const tally = (kinds[perturbation.kind] ??= {total: 0, caught: 0})
    tally.total++
    if (lost) {
      tally.caught++
      caught++
    } else missed.push({pointer: pointerOf(at), kind: perturbation.kind, from: String(perturbation.from), to: perturbation.to === undefined ? '(deleted)' : String(perturbation.to)})
    options.onProgress?.(i + 1, plan.length)
  }
  return {
    unit: unit.id,
    document: `reference/${entry}`,
    reference,
    total: plan.length,
    caught,
    rate: plan.length === 0 ? 1 : caught / plan.length,
    kinds,
    missed,
    wall_ms: Math.round(performance.now() - started),
  }
}
