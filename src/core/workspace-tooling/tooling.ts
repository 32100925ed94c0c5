import {existsSync, lstatSync, readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../catalog/paths.js'
import {writeNewFile} from '../progress/workspace-paths.js'
import {NODE_BUILTINS, NODE_BUILTINS_FILE} from './node-builtins.js'

/**
 * The files that make a workspace a project standard tools understand: `package.json` (so `npm
 * test` checks the work) and `tsconfig.json` (so an editor type-checks the starters and their
 * examples as written, `.ts` imports included), with declarations of the Node.js built-ins they
 * use, since a workspace installs nothing. See docs/decisions/0017-workspace-tooling.md.
 */

/**
 * The compiler options of a workspace, as tsconfig.json spells them. `course check` type-checks
 * with the same ones, so the editor and the check agree. `DOM` brings the globals Node shares with
 * browsers (`URL`, `TextEncoder`, `console`) without `@types/node`.
 */
export const WORKSPACE_COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023', 'DOM'],
  module: 'esnext',
  moduleResolution: 'bundler',
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
} as const

export const TSCONFIG_FILE = 'tsconfig.json'
export const PACKAGE_FILE = 'package.json'

/** Every file of the tooling, relative to the workspace, in the order they are written. */
export const TOOLING_FILES = [PACKAGE_FILE, TSCONFIG_FILE, NODE_BUILTINS_FILE] as const

export function tsconfigText(): string {
  const config = {
    compilerOptions: WORKSPACE_COMPILER_OPTIONS,
    // Wildcards skip dot-folders, so the declarations are named.
    include: ['**/*.ts', NODE_BUILTINS_FILE],
  }
  return `// Written by \`course start\`: your editor type-checks your units as \`course check\` does. Yours to change.\n${JSON.stringify(config, null, 2)}\n`
}

export function packageJsonText(workspace: string): string {
  const course = courseCommand(workspace)
  const manifest = {
    private: true,
    type: 'module',
    description: 'Your course workspace. `npm test` runs `course check` on the unit whose folder you are in, or on the only one started; `npm test -- <unit>` names one.',
    scripts: {test: `${course} check`},
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/**
 * How the workspace's `npm test` reaches this course. A workspace inside the course's own folder
 * (the repository's `./course-work`) names the bin by a relative path, which survives moving the
 * whole folder; an installed `course` on PATH is named plainly; anything else gets the absolute
 * path of the bin that started the workspace. `npx course` is never used: outside the course's
 * folder it fetches whatever the registry calls `course`.
 */
export function courseCommand(workspace: string, root: string = packageRoot(), searchPath: string = process.env.PATH ?? ''): string {
  const bin = path.join(root, binOf(root))
  const inside = path.relative(realOrSelf(root), realOrSelf(workspace))
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) return `node ${quote(path.relative(realOrSelf(workspace), realOrSelf(bin)).split(path.sep).join('/'))}`
  if (onPath(bin, searchPath)) return 'course'
  return `node ${quote(bin.split(path.sep).join('/'))}`
}

/** The files of the tooling that the workspace lacks (anything at the name counts as present). */
export function missingTooling(workspace: string): string[] {
  return TOOLING_FILES.filter((file) => !present(path.join(workspace, ...file.split('/'))))
}

/**
 * Writes the tooling files the workspace lacks, never touching one that exists (a learner's own
 * package.json or tsconfig.json stays as it is). Returns the files written, relative to the workspace.
 */
export function addTooling(workspace: string): string[] {
  const written: string[] = []
  for (const file of missingTooling(workspace)) {
    const text = file === PACKAGE_FILE ? packageJsonText(workspace) : file === TSCONFIG_FILE ? tsconfigText() : NODE_BUILTINS
    writeNewFile(workspace, file, text, {mode: 0o644})
    written.push(file)
  }
  return written
}

function present(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}

function binOf(root: string): string {
  try {
    const bin = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin?: Record<string, string>}).bin
    const first = bin && Object.values(bin)[0]
    if (first) return first
  } catch {
    // The course's own manifest is always there; a test root without one takes the usual place.
  }
  return 'dist/bin.js'
}

/** Whether `course` on the search path is this very bin (a global install or `npm link`). */
function onPath(bin: string, searchPath: string): boolean {
  const target = realOrSelf(bin)
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      const candidate = path.join(dir, 'course')
      return existsSync(candidate) && realOrSelf(candidate) === target
    })
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return path.resolve(file)
  }
}

/** A path as one shell word: npm runs scripts through `sh` (or `cmd` on Windows), both of which take double quotes. */
function quote(file: string): string {
  return /^[\w./:@-]+$/.test(file) ? file : `"${file}"`
}
