import type {QuantityKindName} from '../capacity/kinds.js'

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
  /** In a learner's workspace: whose variant the figures are. */
  readonly learner?: string
}

/** A scenario as a reader sees it: each figure's label and value as written. */
export interface ScenarioText {
  readonly figures: ReadonlyMap<string, {readonly label: string; readonly text: string; readonly note?: string}>
  readonly learner?: string
}

/** The text view of a scenario document (nothing parsed: this is what the unit text shows). */
export function scenarioText(document: ScenarioDocument): ScenarioText {
  const figures = new Map(Object.entries(document.figures).map(([id, f]) => [id, {label: f.label, text: String(f.value), ...(f.note === undefined ? {} : {note: f.note})}]))
  return document.learner === undefined ? {figures} : {figures, learner: document.learner}
}

/** The shape a scenario file must have before anything reads it for display (`course dev check` checks the rest). */
export function isScenarioDocument(value: unknown): value is ScenarioDocument {
  const figures = (value as {figures?: unknown} | null)?.figures
  return figures !== null && typeof figures === 'object' && !Array.isArray(figures) &&
    Object.values(figures as object).every((f) => f !== null && typeof f === 'object' && typeof (f as FigureDocument).label === 'string' && (typeof (f as FigureDocument).value === 'string' || typeof (f as FigureDocument).value === 'number'))
}
