import {lstatSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../errors.js'
import {STATE_DIR, STATE_FILE} from './state.js'

/** Where `course start` puts a workspace when no --dir is given. */
export const DEFAULT_WORKSPACE = 'course-work'

/**
 * Whether `dir` holds a state file. Anything at that name counts, a link or a pipe included (lstat,
 * not stat): a workspace with a planted state file must be refused by the commands with a clear
 * error, never taken for a new workspace and written over.
 */
export function isWorkspace(dir: string): boolean {
  try {
    lstatSync(path.join(dir, STATE_DIR, STATE_FILE))
    return true
  } catch {
    return false
  }
}

/** The nearest workspace at or above `from`, if any. */
export function findWorkspace(from: string): string | undefined {
  let dir = path.resolve(from)
  for (;;) {
    if (isWorkspace(dir)) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/**
 * The workspace a command works on: `--dir` when given, otherwise the nearest one above the
 * current directory, otherwise `./course-work` if it exists.
 */
export function locateWorkspace(options: {dir?: string; cwd: string}): string | undefined {
  if (options.dir) return path.resolve(options.cwd, options.dir)
  return findWorkspace(options.cwd) ?? (isWorkspace(path.join(options.cwd, DEFAULT_WORKSPACE)) ? path.join(options.cwd, DEFAULT_WORKSPACE) : undefined)
}

/** Like locateWorkspace, but a missing workspace is a user error with the next step. */
export function requireWorkspace(options: {dir?: string; cwd: string}): string {
  const found = locateWorkspace(options)
  if (found && isWorkspace(found)) return found
  const where = found ?? options.cwd
  throw new UserError(`no course workspace at ${where}${options.dir ? '' : ' or above it'}`, {
    code: 'no-workspace',
    next: ['Run `course start <unit>` to create one, or pass `--dir` pointing at an existing workspace.'],
  })
}

/** The unit whose folder contains `cwd`, when the learner runs a command from inside it. */
export function unitFromPath(workspace: string, cwd: string): string | undefined {
  const relative = path.relative(workspace, path.resolve(cwd))
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return relative.split(path.sep)[0]
}

/**
 * The folder the learner typed the command in. npm runs a workspace's `npm test` from the
 * workspace's root and names the folder the learner was in as INIT_CWD; inside the workspace, that
 * folder says which unit they mean. Anywhere else (a script of another package) the process's own
 * folder stands.
 */
export function learnerCwd(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const init = env.INIT_CWD
  if (!init || !env.npm_lifecycle_event || !isWorkspace(cwd)) return cwd
  const inside = path.relative(cwd, init)
  return inside === '' || inside.startsWith('..') || path.isAbsolute(inside) ? cwd : init
}
