/**
 * The course as data: a manifest lists the units in order; every unit is a folder under
 * `exercises/` with a `unit.json` (this model), learner text, a reference write-up kept apart,
 * and optionally a starter workspace and reference files.
 */

export const UNIT_KINDS = ['lesson', 'design', 'code', 'thought', 'reflection', 'challenge'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const
export type Difficulty = (typeof DIFFICULTIES)[number]

/** The manifest format this version of course reads. */
export const COURSE_FORMAT_VERSION = 1

/** Files of a unit, relative to the unit folder (starter and reference: relative to their folders). */
export interface UnitFiles {
  /** Learner text, markdown. */
  readonly text: string
  /** Reference write-up, markdown; shown once the unit is passed (or forced). */
  readonly solution: string
  /** Files copied into the learner's workspace, relative to `starter/`. */
  readonly starter: readonly string[]
  /** Reference solution files, relative to `reference/`; graders prove they earn full marks. */
  readonly reference: readonly string[]
  /** JSON Schema of the unit's design document, when it has one. */
  readonly schema?: string
}

/** A unit's metadata exactly as `unit.json` holds it. */
export interface UnitMeta {
  readonly id: string
  readonly title: string
  readonly kind: UnitKind
  readonly difficulty: Difficulty
  /** One sentence for lists and the docs site. */
  readonly summary: string
  readonly concepts: readonly string[]
  /** Unit ids worth doing first; advisory, never enforced. */
  readonly prerequisites: readonly string[]
  readonly estimated_minutes: number
  /** Progressive hints, gentlest first. */
  readonly hints: readonly string[]
  readonly files: UnitFiles
  /** Optional units (the further challenges) do not count towards completion. */
  readonly optional?: boolean
}

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
}

export interface Course {
  readonly title: string
  readonly formatVersion: number
  /** Absolute path of the `exercises/` folder. */
  readonly dir: string
  readonly units: readonly Unit[]
}

/** Kinds whose work is checked by a grader; the others are read and reflected on. */
export const GRADED_KINDS: ReadonlySet<UnitKind> = new Set(['code', 'design', 'thought'])

export function isGraded(kind: UnitKind): boolean {
  return GRADED_KINDS.has(kind)
}
