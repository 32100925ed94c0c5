/**
 * A Gradescope submission: one learner's upload in `/autograder/submission`, and who made it in
 * `submission_metadata.json` beside it. Learners upload what they have at hand: the workspace
 * (unit folders at the root), the zipped `course-work/` folder (everything one folder down), or
 * just the unit's files. The upload is searched for the one folder that holds the work; anything
 * ambiguous is refused with a message the learner reads in Gradescope.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../errors.js'
import {quote} from '../text/learner-text.js'
import {looksLikeWorkspace} from './discover.js'

export const METADATA_FILE = 'submission_metadata.json'

/** How far below the upload's root the work may sit (a zipped `course-work/` folder puts the unit folders one level down). */
const MAX_DEPTH = 3
/** Folders looked into at most: an upload of thousands of folders is refused, not walked. */
const MAX_FOLDERS = 200
/** Folders an archiver adds that are never a learner's work. */
const NOT_WORK = new Set(['__MACOSX', 'node_modules', '.git'])

/** Where Gradescope's metadata for the submission at `submission` is, when it is there. */
export function metadataFileFor(submission: string): string | undefined {
  const file = path.join(path.dirname(path.resolve(submission)), METADATA_FILE)
  return statSync(file, {throwIfNoEntry: false})?.isFile() ? file : undefined
}

/**
 * The learner id in Gradescope's metadata: its users' ids, sorted and joined with `.` for a group
 * submission, so each learner's hidden inputs differ although every upload folder has the same
 * name; the submission's own id when no user id is usable.
 */
export function gradescopeLearner(file: string): string {
  let metadata: {users?: Array<{id?: unknown}>; id?: unknown}
  try {
    metadata = JSON.parse(readFileSync(file, 'utf8')) as typeof metadata
  } catch {
    throw new UsageError(`${file} is not valid JSON; cannot tell whose submission this is`, {code: 'bad-metadata', next: ['Pass the learner id with --learner.']})
  }
  const users = Array.isArray(metadata?.users) ? metadata.users : []
  const ids = users
    .map((u) => String(u?.id ?? ''))
    .filter((id) => /^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(id))
    .sort()
  if (ids.length > 0) return ids.join('.').slice(0, 128)
  if (typeof metadata?.id === 'number' || (typeof metadata?.id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(metadata.id))) return `submission-${String(metadata.id)}`
  throw new UsageError(`${file} names no user id and no submission id`, {code: 'bad-metadata', next: ['Pass the learner id with --learner.']})
}

export type Located = {readonly dir: string; readonly where: string} | {readonly problem: string}

/**
 * The folder of `root` that holds the learner's work: `root` itself when it looks like a workspace
 * (course state, a unit folder, a unit's file), else the one folder below it, up to three levels
 * down, that does. Links are not followed; hidden folders and archivers' folders are skipped.
 */
export function locateUpload(root: string, unitIds: readonly string[], entries: readonly string[]): Located {
  if (looksLikeWorkspace(root, unitIds, entries)) return {dir: root, where: 'at the top of the upload'}
  const found: string[] = []
  let level = [root]
  let visited = 0
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0 && found.length === 0; depth++) {
    const next: string[] = []
    for (const dir of level) {
      for (const entry of readdirSync(dir, {withFileTypes: true})) {
        if (!entry.isDirectory() || entry.name.startsWith('.') || NOT_WORK.has(entry.name)) continue
        if (++visited > MAX_FOLDERS) return {problem: `the upload holds more than ${MAX_FOLDERS} folders; upload only your work for this assignment`}
        const child = path.join(dir, entry.name)
        if (looksLikeWorkspace(child, unitIds, entries)) found.push(child)
        else next.push(child)
      }
    }
    level = next
  }
  const wanted = entries.length > 0 ? entries.map((e) => `\`${e}\``).join(' or ') : 'a unit folder'
  if (found.length === 0) return {problem: `the upload holds no ${wanted} and no unit folder; upload your workspace folder, the unit's folder, or the unit's files`}
  if (found.length > 1) {
    const names = found.map((f) => quote(`${path.relative(root, f)}/`)).join(', ')
    return {problem: `the upload holds work in more than one folder (${names}); upload one of them only`}
  }
  const relative = path.relative(root, found[0]!)
  return {dir: found[0]!, where: `in ${quote(`${relative}/`)}`}
}
