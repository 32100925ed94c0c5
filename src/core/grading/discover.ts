import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {isWorkspace} from '../progress/workspace.js'

/** One learner's workspace to grade. */
export interface LearnerWorkspace {
  readonly learner: string
  readonly dir: string
}

/** Learner ids become file names and CSV cells: keep them to a safe alphabet. */
const LEARNER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/

function isDirectory(p: string): boolean {
  return statSync(p, {throwIfNoEntry: false})?.isDirectory() ?? false
}

/** A folder is a workspace when it has course state, or a folder named after a unit. */
export function looksLikeWorkspace(dir: string, unitIds: readonly string[]): boolean {
  return isWorkspace(dir) || unitIds.some((id) => isDirectory(path.join(dir, id)))
}

/**
 * What `course grade PATH` grades: PATH itself when it is a workspace, or holds a unit's files
 * directly (a Gradescope submission folder; learner id: the folder name, or `--learner`),
 * otherwise every sub-folder (learner id: the sub-folder's name).
 */
export function discoverWorkspaces(root: string, unitIds: readonly string[], learner?: string, entries: readonly string[] = []): {single: boolean; workspaces: LearnerWorkspace[]} {
  if (!isDirectory(root)) throw new UserError(`${root} is not a folder`, {code: 'bad-path', next: ['Pass a workspace, or a folder holding one workspace per learner.']})
  if (looksLikeWorkspace(root, unitIds) || entries.some((entry) => existsSync(path.join(root, entry)))) {
    const id = learner ?? path.basename(path.resolve(root))
    return {single: true, workspaces: [{learner: safeLearner(id), dir: root}]}
  }
  const workspaces = readdirSync(root)
    .filter((name) => !name.startsWith('.') && isDirectory(path.join(root, name)))
    .sort()
    .map((name) => ({learner: safeLearner(name), dir: path.join(root, name)}))
  if (workspaces.length === 0) {
    throw new UserError(`${root} holds no workspace to grade`, {code: 'nothing-to-grade', next: ['Pass a workspace, or a folder with one sub-folder per learner.']})
  }
  return {single: false, workspaces}
}

function safeLearner(id: string): string {
  if (!LEARNER_ID.test(id)) {
    throw new UserError(`\`${id}\` cannot be a learner id (letters, digits, and . _ @ - only; at most 128 characters)`, {code: 'bad-learner-id', next: ['Rename the folder, or pass --learner for a single workspace.']})
  }
  return id
}

/** The folder holding a learner's work on `unit`: `<workspace>/<unit>`, or the workspace itself when the file is there. */
export function unitFolder(workspace: string, unit: string, entry: string): string {
  const nested = path.join(workspace, unit)
  if (existsSync(nested)) return nested
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
