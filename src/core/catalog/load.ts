import {readFileSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {readJsonFile} from '../schema/json-file.js'
import {closest} from '../text/suggest.js'
import {COURSE_FORMAT_VERSION, UNIT_KINDS, type Course, type CourseManifest, type Unit, type UnitMeta} from './model.js'
import {exercisesDir} from './paths.js'

export const MANIFEST_FILE = 'course.json'
export const UNIT_FILE = 'unit.json'

/**
 * Loads the manifest and every unit's metadata. This runs on every command, so it only checks
 * what the commands rely on; `course dev check` validates everything against the JSON Schemas.
 */
export function loadCourse(dir: string = exercisesDir()): Course {
  const manifestFile = path.join(dir, MANIFEST_FILE)
  const manifest = readJsonFile(manifestFile) as Partial<CourseManifest>
  if (manifest.format_version !== COURSE_FORMAT_VERSION) {
    throw new UserError(
      `${manifestFile}: format_version ${String(manifest.format_version)} is not supported (this course reads ${COURSE_FORMAT_VERSION})`,
      {code: 'course-format', next: ['Update course, or use content written for this version.']},
    )
  }
  if (!Array.isArray(manifest.units)) throw new UserError(`${manifestFile}: \`units\` must be a list of unit ids`, {code: 'course-format'})
  const units = manifest.units.map((id, index) => loadUnit(dir, id, index + 1))
  return {title: manifest.title ?? 'course', formatVersion: manifest.format_version, dir, units, ...(manifest.variants === true ? {variants: true} : {})}
}

function loadUnit(courseDir: string, id: string, position: number): Unit {
  const unitDir = path.join(courseDir, id)
  const file = path.join(unitDir, UNIT_FILE)
  const meta = readJsonFile(file) as UnitMeta
  const missing = (['id', 'title', 'kind', 'hints', 'files'] as const).filter((key) => meta[key] === undefined)
  if (missing.length > 0) {
    throw new UserError(`${file}: missing ${missing.map((m) => `\`${m}\``).join(', ')}`, {
      code: 'unit-format',
      next: ['Run `course dev check` for a full report.'],
    })
  }
  if (meta.id !== id) throw new UserError(`${file}: id \`${meta.id}\` does not match its folder \`${id}\``, {code: 'unit-format'})
  if (!UNIT_KINDS.includes(meta.kind)) throw new UserError(`${file}: unknown kind \`${String(meta.kind)}\``, {code: 'unit-format'})
  return {...meta, dir: unitDir, position}
}

/** Finds a unit by id, or explains which ids exist (with a suggestion for a typo). */
export function findUnit(course: Course, id: string): Unit {
  const unit = course.units.find((u) => u.id === id)
  if (unit) return unit
  const suggestion = closest(
    id,
    course.units.map((u) => u.id),
  )
  throw new UserError(`there is no unit \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, {
    code: 'unit-not-found',
    next: ['Run `course list` to see every unit.'],
  })
}

/** Reads the learner text or the reference write-up of a unit. */
export function readUnitMarkdown(unit: Unit, which: 'text' | 'solution'): string {
  const file = path.join(unit.dir, unit.files[which])
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`${file} is missing`, {code: 'unit-format', next: ['Run `course dev check` for a full report.']})
  }
}

export function starterDir(unit: Unit): string {
  return path.join(unit.dir, 'starter')
}

export function referenceDir(unit: Unit): string {
  return path.join(unit.dir, 'reference')
}
