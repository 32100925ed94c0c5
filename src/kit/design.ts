/**
 * Reading a learner's design document in a document check. A `DesignReader` reads fields by JSON
 * pointer as quantities with units, plain numbers, text or lists, and collects the flaws it finds,
 * each located (`design.yaml:12:3 /estimates/rate: …`). `designCheck` wraps a check so that a
 * field that cannot be read ends the check with a located failure instead of an exception, and
 * every problem found becomes one verdict in the common feedback format.
 */
import type {QuantityKindName} from '../core/capacity/kinds.js'
import {inUnit, parseQuantity, type Quantity} from '../core/capacity/quantity.js'
import type {DocumentCheck, DocumentCheckContext, Verdict} from '../core/grading/definition.js'
import {valueAt} from '../core/grading/document.js'
import {DEFAULT_FIGURE_TOLERANCE, type Figure} from '../core/scenario/scenario.js'
import {departsFrom} from '../core/scenario/departures.js'
import {figure, howFarOff, verdict, within} from './feedback.js'

/** Thrown by a read that cannot go on: `designCheck` turns it into the check's last problem. */
export class Unreadable extends Error {}

/** Two figures that must agree: what the learner stated and what the grader computed. */
export interface Agreement {
  /** Where the stated figure is, for the message. */
  readonly pointer: string
  readonly stated: number
  readonly computed: number
  /** Relative tolerance, 0.02 for 2 %. */
  readonly tolerance: number
  /** How `computed` was reached, shown to the learner ("10,000 videos/day × 20 min"). */
  readonly working?: string
  /** The unit the two figures are in, for the message ("s", "req/s"). */
  readonly unit?: string
}

export class DesignReader {
  readonly #problems: string[] = []

  constructor(readonly context: DocumentCheckContext) {}

  /** The parsed document. */
  get document(): unknown {
    return this.context.document
  }

  /** The case's `params` from grader.json. */
  get params(): Record<string, unknown> {
    return this.context.params
  }

  /** The value at a JSON pointer, or undefined. */
  value(pointer: string): unknown {
    return valueAt(this.context.document, pointer)
  }

  /** True when the field is present (not undefined, null or empty text). */
  has(pointer: string): boolean {
    const value = this.value(pointer)
    return value !== undefined && value !== null && value !== ''
  }

  /** `design.yaml:12:3 /estimates/rate:`, the start of every located problem. */
  at(pointer: string): string {
    return `${this.context.where(pointer)} ${pointer}:`
  }

  /** Records a flaw at a field. */
  flaw(pointer: string, message: string): void {
    this.#problems.push(`${this.at(pointer)} ${message}`)
  }

  /** Records a problem that belongs to no one field. */
  problem(message: string): void {
    this.#problems.push(message)
  }

  get problems(): readonly string[] {
    return this.#problems
  }

  /** A quantity of `kind` (value in the kind's canonical unit: s, /s, bytes…); unreadable ends the check. */
  quantity(pointer: string, kind: QuantityKindName): Quantity {
    const parsed = parseQuantity(this.value(pointer), kind)
    if (!parsed.ok) throw new Unreadable(`${this.at(pointer)} ${parsed.message}`)
    return parsed.quantity
  }

  /**
   * Records a field the document lacks, located at the object it belongs in (the field has no
   * location of its own). `why` finishes "missing; …" (default: this choice needs `name`).
   */
  missing(pointer: string, why?: string): void {
    const parent = pointer.slice(0, pointer.lastIndexOf('/'))
    const name = pointer.slice(pointer.lastIndexOf('/') + 1)
    this.#problems.push(`${this.context.where(parent || pointer)} ${pointer}: missing; ${why ?? `this choice needs \`${name}\``}`)
  }

  /**
   * A quantity the check needs but can go on without: a missing field is recorded as missing
   * (located at the object it belongs in), an unreadable one as unreadable, and the result is
   * undefined. `why` finishes "missing; …" (default: this choice needs `name`).
   */
  need(pointer: string, kind: QuantityKindName, why?: string): number | undefined {
    if (!this.has(pointer)) {
      this.missing(pointer, why)
      return undefined
    }
    const parsed = parseQuantity(this.value(pointer), kind)
    if (parsed.ok) return parsed.quantity.value
    this.flaw(pointer, parsed.message)
    return undefined
  }

  /**
   * A scenario figure in its kind's canonical unit (s, /s, bytes…): the learner's own variant when
   * the run grades with variants, else the unit's base scenario. Checks compute from these, never
   * from the design's restatement of them.
   */
  figure(id: string): number {
    return this.scenarioFigure(id).quantity.value
  }

  /** A scenario figure as the scenario writes it (`10000 workers`), for messages. */
  figureText(id: string): string {
    return this.scenarioFigure(id).text
  }

  private scenarioFigure(id: string): Figure {
    const figure = this.context.scenario?.figures.get(id)
    // A grader that names a figure its unit does not define is the course's mistake, not the learner's.
    if (!figure) throw new Error(`the grader reads the scenario figure \`${id}\`, which the unit's scenario.json does not define`)
    return figure
  }

  /**
   * A scenario figure that the design restates at `pointer`. The restatement must agree with the
   * scenario within the figure's tolerance, unless the design lists the figure under `departures`
   * with a reason (then its own value stands, and a person sees the departure). Returns the value
   * to compute with: the scenario's, or the declared departure's. A missing restatement is no flaw
   * here (the schema says what is required).
   */
  restated(pointer: string, id: string): number {
    const figure = this.scenarioFigure(id)
    const scenario = figure.quantity.value
    if (!this.has(pointer)) return scenario
    const parsed = parseQuantity(this.value(pointer), figure.kind)
    if (!parsed.ok) {
      this.flaw(pointer, parsed.message)
      return scenario
    }
    const stated = parsed.quantity.value
    if (within(stated, scenario, figure.tolerance ?? DEFAULT_FIGURE_TOLERANCE)) return scenario
    if (departsFrom(this.context.document, id)) return stated
    this.flaw(pointer, `the scenario says ${figure.text}, and this design says \`${parsed.quantity.text}\`: answer with the scenario's figures (a design that assumes other figures lists each under \`departures\`, with its reason)`)
    return scenario
  }

  /** A quantity converted to a unit of its dimension ("hour^-1", "min"). */
  inUnit(quantity: Quantity, unit: string): number {
    return convert(quantity, unit)
  }

  /** A plain finite number; anything else ends the check. */
  number(pointer: string): number {
    const value = this.value(pointer)
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Unreadable(`${this.at(pointer)} expected a plain number`)
    return value
  }

  /** Text that must say something: recorded as missing or empty when it does not; undefined then. */
  needText(pointer: string, why?: string): string | undefined {
    const raw = this.value(pointer)
    if (typeof raw === 'string' && raw.trim() !== '') return raw
    if (raw === undefined) this.missing(pointer, why)
    else this.flaw(pointer, 'empty')
    return undefined
  }

  /** Text, or '' when the field is not text. */
  text(pointer: string): string {
    const value = this.value(pointer)
    return typeof value === 'string' ? value : ''
  }

  /** A list, or [] when the field is not one. */
  list(pointer: string): unknown[] {
    const value = this.value(pointer)
    return Array.isArray(value) ? value : []
  }

  /**
   * A stated figure against the one the grader computed, within a relative tolerance. A
   * disagreement is recorded at the stated field with the working; returns whether they agree.
   */
  agree({pointer, stated, computed, tolerance, working, unit}: Agreement): boolean {
    if (within(stated, computed, tolerance)) return true
    const suffix = unit ? ` ${unit}` : ''
    this.flaw(pointer, `${figure(stated)}${suffix} does not follow from your figures: ${working ? `${working} = ` : ''}${figure(computed)}${suffix} (${howFarOff(stated, computed, tolerance)})`)
    return false
  }

  verdict(): Verdict {
    return verdict(this.#problems)
  }
}

/** Unit conversions cost more than the rest of a check; the same few repeat across a class. */
const converted = new Map<string, number>()
function convert(quantity: Quantity, unit: string): number {
  const key = `${unit}\u0000${quantity.text}`
  let value = converted.get(key)
  if (value === undefined) {
    value = inUnit(quantity, unit)
    if (converted.size > 5000) converted.clear()
    converted.set(key, value)
  }
  return value
}

/**
 * A document check written against a `DesignReader`. The body records flaws; a read that cannot
 * go on ends it with that problem; anything else thrown is reported as the document not being
 * checkable (never a crash of the grader).
 */
export function designCheck(body: (design: DesignReader) => void): DocumentCheck {
  return (context) => {
    const design = new DesignReader(context)
    try {
      body(design)
    } catch (error) {
      design.problem(error instanceof Unreadable ? error.message : `the document could not be checked: ${(error as Error).message}`)
    }
    return design.verdict()
  }
}
