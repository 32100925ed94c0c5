/**
 * The course as data: a manifest lists the units in order; every unit is a folder under
 * `exercises/` with a `unit.json` (this model), learner text, a reference write-up kept apart,
 * and optionally a starter workspace and reference files.
 */
import type {Immutable} from '../schema/immutable.js'
import type {UnitMetaJson} from './unit-meta.generated.js'

/** A unit's metadata exactly as `unit.json` holds it: the type exercises/schemas/unit.schema.json defines. */
export type UnitMeta = Immutable<UnitMetaJson>

/** Files of a unit, relative to the unit folder (starter and reference: relative to their folders). */
export type UnitFiles = UnitMeta['files']

/** What the learner does in a unit. */
export type UnitKind = UnitMeta['kind']
/** Every kind, in the schema's order (a test holds the two to the same list). */
export const UNIT_KINDS = ['lesson', 'design', 'code', 'thought', 'reflection', 'challenge'] as const satisfies readonly UnitKind[]

export type Difficulty = UnitMeta['difficulty']
/** Every difficulty, in the schema's order (a test holds the two to the same list). */
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const satisfies readonly Difficulty[]

/** The manifest format this version of course reads. */
export const COURSE_FORMAT_VERSION = 1

/** A loaded unit: its metadata plus where it lives on disk. */
export interface Unit extends UnitMeta {
  /** Absolute path of the unit folder. */
  readonly dir: string
  /** 1-based position in the course. */
  readonly position: number
}

export interface CourseManifest {
  readonly format_version: number
  readonly title: string
  readonly units: readonly string[]
  readonly variants?: boolean
}

export interface Course {
  readonly title: string
  readonly formatVersion: number
  /** Absolute path of the `exercises/` folder. */
  readonly dir: string
  readonly units: readonly Unit[]
  /** Designs are graded against each learner's own scenario variant (course.json `variants`). */
  readonly variants?: boolean
}

/** Kinds whose work is checked by a grader; the others are read and reflected on. */
export const GRADED_KINDS: ReadonlySet<UnitKind> = new Set(['code', 'design', 'thought'])

export function isGraded(kind: UnitKind): boolean {
  return GRADED_KINDS.has(kind)
}
