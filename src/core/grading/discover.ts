import {createHash} from 'node:crypto'
import {existsSync, lstatSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {isWorkspace} from '../progress/workspace.js'
import {quote} from '../text/learner-text.js'

/** One learner's workspace to grade. */
export interface LearnerWorkspace {
  readonly learner: string
  readonly dir: string
  /**
   * Why this learner's folder cannot be graded (a folder name that cannot be an id, a link); the
   * learner still gets a row that says so, and the rest of the class is graded as usual.
   */
  readonly problem?: string
}

/** How PATH is read: inferred, or said outright to be a class (`--class`). */
export type Layout = 'auto' | 'class'

export interface Discovered {
  readonly single: boolean
  readonly workspaces: LearnerWorkspace[]
  /** Why PATH was read as it was, for the run's first line. */
  readonly reason: string
}

/** Learner ids become file names and CSV cells: keep them to a safe alphabet. */
export const LEARNER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/

const lstatOf = (p: string) => lstatSync(p, {throwIfNoEntry: false})

/**
 * A folder is a workspace when it has course state, or something named after a unit or a unit's
 * entry file (of whatever kind: a link there is refused later, with a row that says so).
 */
export function looksLikeWorkspace(dir: string, unitIds: readonly string[], entries: readonly string[] = []): boolean {
  return isWorkspace(dir) || [...unitIds, ...entries].some((name) => lstatOf(path.join(dir, name)) !== undefined)
}

export interface DiscoverOptions {
  readonly learner?: string
  /** Files that mark a unit's work when they sit directly in a folder (the unit's entry files). */
  readonly entries?: readonly string[]
  readonly layout?: Layout
  /** A folder never read as a learner's: the run's --out, when it lies inside the class folder. */
  readonly exclude?: string
}

/**
 * What `course grade PATH` grades: PATH itself when it is one workspace, otherwise every
 * sub-folder as one learner (learner id: the sub-folder's name).
 *
 * PATH is one workspace when it holds course state or a unit's entry file directly (a Gradescope
 * upload), or when it holds unit folders and no sub-folder that is itself a workspace. So a
 * learner who names their folder after a unit cannot make a class look like one workspace: the
 * other learners' folders are workspaces, and PATH is read as a class. `--class` says it outright.
 */
export function discoverWorkspaces(root: string, unitIds: readonly string[], options: DiscoverOptions = {}): Discovered {
  if (!statSync(root, {throwIfNoEntry: false})?.isDirectory()) throw new UserError(`${root} is not a folder`, {code: 'bad-path', next: ['Pass a workspace, or a folder holding one workspace per learner.']})
  const entries = options.entries ?? []
  const single = (reason: string): Discovered => {
    const id = options.learner ?? path.basename(path.resolve(root))
    if (!LEARNER_ID.test(id)) throw new UserError(`${quote(id)} cannot be a learner id (letters, digits, and . _ @ - only; at most 128 characters)`, {code: 'bad-learner-id', next: ['Pass the learner id with --learner.']})
    return {single: true, workspaces: [{learner: id, dir: root}], reason}
  }
  const layout = options.layout ?? 'auto'
  const names = readdirSync(root)
    .filter((name) => !name.startsWith('.'))
    .sort()
  const excluded = options.exclude ? path.resolve(options.exclude) : undefined
  const folders = names.filter((name) => path.join(path.resolve(root), name) !== excluded && statSync(path.join(root, name), {throwIfNoEntry: false})?.isDirectory())
  if (layout === 'auto') {
    if (isWorkspace(root)) return single('one workspace (it holds course state)')
    // Whatever kind of file it is: a link there is refused when the work is copied in, with a clear row.
    if (entries.some((entry) => lstatOf(path.join(root, entry)) !== undefined)) return single("one workspace (it holds a unit's file directly)")
    const unitFolders = folders.filter((name) => unitIds.includes(name))
    const learnerFolders = folders.filter((name) => !unitIds.includes(name) && looksLikeWorkspace(path.join(root, name), unitIds, entries))
    if (unitFolders.length > 0 && learnerFolders.length === 0) return single('one workspace (it holds unit folders)')
  }
  if (folders.length === 0) throw new UserError(`${root} holds no workspace to grade`, {code: 'nothing-to-grade', next: ['Pass a workspace, or a folder with one sub-folder per learner.']})
  const workspaces = folders.map((name) => learnerAt(root, name))
  return {single: false, workspaces, reason: layout === 'class' ? 'a class, as asked' : 'a class (one folder per learner)'}
}

/**
 * A class member: its id and folder, or the row that explains why it cannot be graded. The class
 * folder's own entries are the instructor's (a link there is how they arranged the class), so a
 * learner folder reached through a link is graded; what lies inside it is the learner's, and is
 * copied in without following links.
 */
function learnerAt(root: string, name: string): LearnerWorkspace {
  const dir = path.join(root, name)
  if (LEARNER_ID.test(name)) return {learner: name, dir}
  return {learner: safeId(name), dir, problem: `the folder name ${quote(name)} cannot be a learner id (letters, digits, and . _ @ - only; at most 128 characters); rename the folder`}
}

/** A stable, safe id for a folder whose name is not one: its letters kept, and a hash to keep it unique. */
function safeId(name: string): string {
  const kept = name.replace(/[^A-Za-z0-9._@-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100)
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8)
  return `${kept || 'folder'}-${digest}`
}

/** The folder holding a learner's work on `unit`: `<workspace>/<unit>`, or the workspace itself when the file is there. */
export function unitFolder(workspace: string, unit: string, entry: string): string {
  const nested = path.join(workspace, unit)
  if (lstatOf(nested)) return nested
  return existsSync(path.join(workspace, entry)) ? workspace : nested
}

/** `--shard I/N`: a learner's shard depends on their id alone, so every CI job agrees. */
export function inShard(learner: string, shard: {index: number; count: number}): boolean {
  let hash = 0x811c9dc5
  for (const byte of Buffer.from(learner, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
  return hash % shard.count === shard.index - 1
}

export function parseShard(text: string): {index: number; count: number} {
  const match = /^(\d+)\/(\d+)$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard takes I/N with 1 ≤ I ≤ N, such as 2/4 (got \`${text}\`)`, {code: 'usage', exitCode: 2})
  }
  return {index, count}
}
