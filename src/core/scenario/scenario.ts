import {parseQuantity, type Quantity} from '../capacity/quantity.js'
import type {FigureDocument, ScenarioDocument} from './document.js'
import {drawDocument, splitFigure, writeFigure} from './draw.js'

export type {FigureDocument, ScenarioDocument} from './document.js'

/**
 * A design unit's scenario: the figures its README states (10,000 workers, 0.5 ms per receive),
 * each with its unit and kind. It is data so that one source feeds the README's table, the
 * grader's expectations and each learner's variant; a grader that read a design's own
 * restatement of a figure would let a design shrink its load and recompute a consistent,
 * wrong answer.
 */

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
      const base = splitFigure(figure.value).number
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
 * A learner's variant: the figures drawn by `drawDocument` (the same draw a reader of the unit's
 * text sees), each read as its kind.
 */
export function drawVariant(base: Scenario, learner: string, unit: string): Scenario {
  const drawn = drawDocument(scenarioDocument(base), learner, unit)
  const figures = new Map<string, Figure>()
  for (const [id, figure] of base.figures) {
    const value = drawn.figures[id]!.value
    if (value === figure.value) {
      figures.set(id, figure)
      continue
    }
    const parsed = parseQuantity(value, figure.kind)
    figures.set(id, parsed.ok ? {...figure, value, text: String(value), quantity: parsed.quantity} : figure)
  }
  return {figures, learner}
}

/**
 * The scenario with every varying figure at one end of its range: the extremes a variant can
 * reach, for checking that formulas and solved references hold across the whole range.
 */
export function extremeScenario(scenario: Scenario, end: 'min' | 'max'): Scenario {
  const figures = new Map(scenario.figures)
  for (const [id, figure] of scenario.figures) {
    if (!figure.vary) continue
    const value = writeFigure(figure.vary[end], splitFigure(figure.value).unit)
    const parsed = parseQuantity(value, figure.kind)
    if (parsed.ok) figures.set(id, {...figure, value, text: String(value), quantity: parsed.quantity})
  }
  return {figures}
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
