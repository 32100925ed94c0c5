import {createHash} from 'node:crypto'
import type {QuantityKindName} from '../capacity/kinds.js'
import {parseQuantity, type Quantity} from '../capacity/quantity.js'
import {randomFromBytes} from '../random.js'

/**
 * A design unit's scenario: the figures its README states (10,000 workers, 0.5 ms per receive),
 * each with its unit and kind. It is data so that one source feeds the README's table, the
 * grader's expectations and each learner's variant; a grader that read a design's own
 * restatement of a figure would let a design shrink its load and recompute a consistent,
 * wrong answer.
 */

/** One figure as `scenario.json` writes it. */
export interface FigureDocument {
  readonly label: string
  readonly value: string | number
  readonly kind: QuantityKindName
  readonly tolerance?: number
  readonly note?: string
  readonly vary?: {readonly min: number; readonly max: number; readonly step: number}
}

export interface ScenarioDocument {
  readonly figures: Readonly<Record<string, FigureDocument>>
}

/** A figure read: its text, and its value in its kind's canonical unit (s, /s, bytes…). */
export interface Figure extends FigureDocument {
  readonly id: string
  readonly text: string
  readonly quantity: Quantity
}

export interface Scenario {
  readonly figures: ReadonlyMap<string, Figure>
  /** The learner the figures were drawn for; undefined for the base scenario. */
  readonly learner?: string
}

/** How far a restatement may be from its figure when the scenario does not say. */
export const DEFAULT_FIGURE_TOLERANCE = 0.01

/** A scenario's problems, each at the JSON pointer of the figure it concerns. */
export interface ScenarioFault {
  readonly pointer: string
  readonly message: string
}

/** The number a figure's text starts with, and the rest (the unit as written). */
function split(value: string | number): {number: number; unit: string} {
  if (typeof value === 'number') return {number: value, unit: ''}
  const match = /^\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*(.*)$/i.exec(value.replaceAll(',', ''))
  return match ? {number: Number(match[1]), unit: match[2]!} : {number: Number.NaN, unit: value}
}

/** Writes a figure's number with its unit, as the scenario writes it. */
function written(number: number, unit: string): string | number {
  const tidy = Number(number.toPrecision(12))
  return unit === '' ? tidy : unit === '%' ? `${tidy} %` : `${tidy} ${unit}`
}

/** Reads every figure; the faults say which cannot be read (a unit of the wrong kind, a range that excludes the value). */
export function readScenario(document: ScenarioDocument): {scenario?: Scenario; faults: ScenarioFault[]} {
  const faults: ScenarioFault[] = []
  const figures = new Map<string, Figure>()
  for (const [id, figure] of Object.entries(document.figures)) {
    const pointer = `/figures/${id}`
    const parsed = parseQuantity(figure.value, figure.kind)
    if (!parsed.ok) {
      faults.push({pointer: `${pointer}/value`, message: parsed.message})
      continue
    }
    if (figure.vary) {
      const {min, max, step} = figure.vary
      const base = split(figure.value).number
      if (!(min <= base && base <= max)) faults.push({pointer: `${pointer}/vary`, message: `the range ${min} to ${max} does not hold the base value ${base}`})
      if (!Number.isInteger(Math.round((max - min) / step * 1e9) / 1e9)) faults.push({pointer: `${pointer}/vary/step`, message: `${step} does not divide the range ${min} to ${max} into whole steps`})
    }
    figures.set(id, {...figure, id, text: String(figure.value), quantity: parsed.quantity})
  }
  if (faults.length > 0) return {faults}
  const learner = (document as {learner?: unknown}).learner
  return {scenario: typeof learner === 'string' ? {figures, learner} : {figures}, faults}
}

/**
 * A learner's variant: every figure with a `vary` range is drawn from it, seeded by the learner id
 * and the unit alone. The draw is public on purpose (no secret): a learner sees their own figures
 * before they hand in, and anyone can reproduce them.
 */
export function drawVariant(base: Scenario, learner: string, unit: string): Scenario {
  const random = randomFromBytes(createHash('sha256').update(`scenario\u0000${unit}\u0000${learner}`).digest())
  const figures = new Map<string, Figure>()
  for (const [id, figure] of base.figures) {
    // Every figure draws, varying or not: adding a range to one figure leaves the others' draws as they were.
    const roll = random()
    if (!figure.vary) {
      figures.set(id, figure)
      continue
    }
    const {min, max, step} = figure.vary
    const steps = Math.round((max - min) / step)
    const number = min + Math.min(steps, Math.floor(roll * (steps + 1))) * step
    const value = written(number, split(figure.value).unit)
    const parsed = parseQuantity(value, figure.kind)
    figures.set(id, parsed.ok ? {...figure, value, text: String(value), quantity: parsed.quantity} : figure)
  }
  return {figures, learner}
}

/** True when some figure of the learner's variant differs from the base scenario. */
export function differsFromBase(variant: Scenario, base: Scenario): boolean {
  return [...variant.figures].some(([id, figure]) => figure.text !== base.figures.get(id)?.text)
}

/** The scenario back in the file's form, for a learner's workspace. */
export function scenarioDocument(scenario: Scenario): ScenarioDocument & {readonly learner?: string} {
  const figures: Record<string, FigureDocument> = {}
  for (const [id, {id: _id, text: _text, quantity: _quantity, ...figure}] of scenario.figures) figures[id] = figure
  return scenario.learner === undefined ? {figures} : {learner: scenario.learner, figures}
}
