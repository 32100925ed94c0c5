/**
 * Reading an answer file that may be unfinished or odd. The course has checked it against the
 * unit's schema, but a learner's file with schema problems still reaches the lab (as a warning),
 * so nothing here trusts its shape: every read returns a value or a stated default, and each
 * default taken is recorded as a note the view shows.
 */
import type {QuantityKindName} from '../core/capacity/kinds.js'
import type {LabContext} from './lab.js'

export class AnswerReader {
  readonly notes: string[] = []

  constructor(
    private readonly document: unknown,
    private readonly quantity: LabContext['quantity'],
  ) {}

  /** The value at a path of keys (a list's entries by their index), or undefined when any step is missing. */
  value(path: string): unknown {
    let here: unknown = this.document
    for (const key of path.split('.')) {
      if (Array.isArray(here)) here = /^\d+$/.test(key) ? here[Number(key)] : undefined
      else if (here !== null && typeof here === 'object' && Object.hasOwn(here, key)) here = (here as Record<string, unknown>)[key]
      else return undefined
    }
    return here
  }

  /** Text at a path, when it is text. */
  text(path: string): string | undefined {
    const value = this.value(path)
    return typeof value === 'string' ? value : undefined
  }

  /**
   * A quantity at a path in its kind's canonical unit; when it is missing or unreadable, the
   * fallback, with a note that says which was used (`shown` is the fallback as a reader writes it).
   */
  number(path: string, kind: QuantityKindName, fallback: number, shown: string): number {
    const raw = this.value(path)
    const read = raw === undefined || raw === null || raw === '' ? undefined : this.quantity(raw, kind)
    if (read !== undefined && Number.isFinite(read)) return read
    this.notes.push(`${path} ${raw === undefined || raw === null || raw === '' ? 'is missing' : 'cannot be read'}: used ${shown}`)
    return fallback
  }

  /** A quantity at a path, or undefined without a note (for figures the answer merely states). */
  stated(path: string, kind: QuantityKindName): number | undefined {
    const raw = this.value(path)
    if (raw === undefined || raw === null || raw === '') return undefined
    const read = this.quantity(raw, kind)
    return read !== undefined && Number.isFinite(read) ? read : undefined
  }

  /** One of `options` at a path; the fallback, with a note, otherwise. */
  choice<T extends string>(path: string, options: readonly T[], fallback: T): T {
    const raw = this.value(path)
    if (typeof raw === 'string' && (options as readonly string[]).includes(raw)) return raw as T
    this.notes.push(`${path} ${raw === undefined || raw === null ? 'is missing' : 'is not one of the listed values'}: used ${fallback}`)
    return fallback
  }

  note(line: string): void {
    this.notes.push(line)
  }
}
