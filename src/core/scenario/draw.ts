import {createHash} from 'node:crypto'
import {randomFromBytes} from '../random.js'
import type {FigureDocument, ScenarioDocument} from './document.js'

/**
 * A learner's variant of a scenario, drawn on the figures as written: no quantity is parsed here,
 * so reading a unit's text (`course show`, the TUI) never loads the unit library. Grading parses
 * the same draw (scenario.ts), so the figures a learner reads are the figures they are graded on.
 */

/** The number a figure's text starts with, and the rest (the unit as written). */
export function splitFigure(value: string | number): {number: number; unit: string} {
  if (typeof value === 'number') return {number: value, unit: ''}
  const match = /^\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*(.*)$/i.exec(value.replaceAll(',', ''))
  return match ? {number: Number(match[1]), unit: match[2]!} : {number: Number.NaN, unit: value}
}

/** A figure's number written with its unit, as the scenario writes it. */
export function writeFigure(number: number, unit: string): string | number {
  const tidy = Number(number.toPrecision(12))
  return unit === '' ? tidy : unit === '%' ? `${tidy} %` : `${tidy} ${unit}`
}

/**
 * Every figure with a `vary` range drawn from it, seeded by the learner id and the unit alone. The
 * draw is public on purpose (no secret): a learner sees their own figures before they hand in.
 */
export function drawDocument(document: ScenarioDocument, learner: string, unit: string): ScenarioDocument & {readonly learner: string} {
  const random = randomFromBytes(createHash('sha256').update(`scenario\u0000${unit}\u0000${learner}`).digest())
  const figures: Record<string, FigureDocument> = {}
  for (const [id, figure] of Object.entries(document.figures)) {
    // Every figure draws, varying or not: adding a range to one figure leaves the others' draws as they were.
    const roll = random()
    if (!figure.vary) {
      figures[id] = figure
      continue
    }
    const {min, max, step} = figure.vary
    const steps = Math.round((max - min) / step)
    const number = min + Math.min(steps, Math.floor(roll * (steps + 1))) * step
    figures[id] = {...figure, value: writeFigure(number, splitFigure(figure.value).unit)}
  }
  return {figures, learner}
}
