/**
 * What a lab that reads an answer document is handed, built here so that its model can be tested
 * without a workspace: the unit's reference answer (or any other document), the scenario's figures
 * in canonical units, and the course's own quantity reader.
 */
import {readFileSync} from 'node:fs'
import {expect} from 'vitest'
import {parse} from 'yaml'
import {loadCourse} from '../../src/core/catalog/load.js'
import {parseQuantity} from '../../src/core/capacity/quantity.js'
import {lintLabs} from '../../src/core/grading/lint.js'
import {displayWidth} from '../../src/core/text/display-width.js'
import type {LabContext, LabValues} from '../../src/kit/lab.js'

const exercises = new URL('../../exercises/', import.meta.url)
const graders = new URL('../../graders/', import.meta.url)

export const quantity: LabContext['quantity'] = (value, kind) => {
  const read = parseQuantity(value, kind)
  return read.ok ? read.quantity.value : undefined
}

export function referenceAnswer(unit: string): Record<string, unknown> {
  return parse(readFileSync(new URL(`${unit}/reference/answer.yaml`, exercises), 'utf8')) as Record<string, unknown>
}

export function scenarioFigures(unit: string): Record<string, number> {
  const scenario = JSON.parse(readFileSync(new URL(`${unit}/scenario.json`, exercises), 'utf8')) as {figures: Record<string, {value: string; kind: Parameters<typeof quantity>[1]}>}
  return Object.fromEntries(Object.entries(scenario.figures).map(([id, figure]) => [id, quantity(figure.value, figure.kind)!]))
}

export function labContext(unit: string, options: {document?: unknown; source?: LabContext['source']; figures?: Record<string, number>} = {}): LabContext {
  return {
    source: options.source ?? 'reference',
    document: 'document' in options ? options.document : referenceAnswer(unit),
    figures: options.figures ?? scenarioFigures(unit),
    quantity,
  }
}

/** The lab's parameters at their defaults from its lab.json, durations in seconds, with `given` on top. */
export function labDefaults(unit: string, given: Record<string, number | string> = {}): LabValues {
  const spec = JSON.parse(readFileSync(new URL(`${unit}/lab/lab.json`, graders), 'utf8')) as {parameters: Array<{name: string; kind: string; default: number | string}>}
  const values = Object.fromEntries(spec.parameters.map((p) => [p.name, p.kind === 'duration' ? quantity(p.default, 'duration')! : p.default]))
  return {...values, ...given}
}

/** A copy of a document with one path set (or removed, for undefined). */
export function edited(document: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(document)
  const keys = path.split('.')
  let here = copy as Record<string, unknown>
  for (const key of keys.slice(0, -1)) here = here[key] as Record<string, unknown>
  if (value === undefined) delete here[keys.at(-1)!]
  else here[keys.at(-1)!] = value
  return copy
}

/** What `course dev check` finds wrong with the unit's lab.json (nothing, for a lab the course runs). */
export function labSpecProblems(unit: string): unknown[] {
  const units = loadCourse().units.filter((u) => u.id === unit)
  return lintLabs(new URL('.', graders).pathname, units)
}

/** The terminal view fits an 80 × 24 terminal. */
export function expectFitsTheTerminal(text: string): void {
  const lines = text.split('\n')
  expect(lines.length, text).toBeLessThanOrEqual(24)
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
}
