import path from 'node:path'
import type TypeScript from 'typescript'
import {NODE_BUILTINS, WEB_GLOBALS} from '../workspace-tooling/node-builtins.js'
import {WORKSPACE_COMPILER_OPTIONS} from '../workspace-tooling/tooling.js'

/** A type error in one of the learner's files. Reported, never graded: the grader strips types. */
export interface TypeWarning {
  /** Relative to the unit's folder, with `/`. */
  readonly file: string
  /** 1-based. */
  readonly line: number
  /** 1-based. */
  readonly column: number
  readonly message: string
  /** TypeScript's error number (the `2322` of `TS2322`). */
  readonly code: number
}

/**
 * Errors that only say a built-in has no declarations here (`process`, or `document` that asks
 * for the DOM library); a missing `node:` module is one too. The grader allows every `node:`
 * built-in, so they are noise; a misspelt name of the learner's own is still reported.
 */
const MISSING_BUILTIN = new Set([2580, 2584, 2591, 2592])

/** The libraries' and the declarations' parsed files, kept for the next check (`--watch`). */
const libraryFiles = new Map<string, TypeScript.SourceFile>()

/**
 * Type-checks the learner's TypeScript files of one unit folder with the workspace's compiler
 * options (src/core/workspace-tooling/tooling.ts) and returns the errors in those files, sorted
 * by place. It reads the files and runs nothing of them. `files` are relative to `folder` (or
 * absolute); those that are not TypeScript are ignored. Returns no warnings when TypeScript
 * cannot be loaded: the check never depends on it.
 *
 * The Node.js built-ins are declared by the course's own small declarations, held in memory, in
 * place of `@types/node` and the DOM library, which would double the cost (src/core/workspace-tooling/node-builtins.ts).
 */
export async function typeWarnings(folder: string, files: readonly string[]): Promise<TypeWarning[]> {
  const ts = await loadTypeScript()
  if (!ts) return []
  const root = path.resolve(folder)
  const sources = files.filter((f) => /\.(?:ts|mts|cts|tsx)$/.test(f) && !f.endsWith('.d.ts')).map((f) => path.resolve(root, f))
  if (sources.length === 0) return []
  const options: TypeScript.CompilerOptions = {
    ...ts.convertCompilerOptionsFromJson(WORKSPACE_COMPILER_OPTIONS, root).options,
    lib: ['lib.es2023.d.ts'],
    // Nothing from the folders around the workspace (`@types` of a parent folder): only what is named here.
    types: [],
  }
  // Names no learner file has: the declarations live in memory only.
  const declarations = new Map([
    [path.join(root, '__course-node-builtins__.d.ts'), NODE_BUILTINS],
    [path.join(root, '__course-web-globals__.d.ts'), WEB_GLOBALS],
  ])
  const inMemory = (name: string) => declarations.get(path.resolve(name))
  const host = ts.createCompilerHost(options, true)
  const getSourceFile = host.getSourceFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  const readFile = host.readFile.bind(host)
  const libraries = path.dirname(host.getDefaultLibFileName(options))
  host.getSourceFile = (name, language, onError, fresh) => {
    const text = inMemory(name)
    if (text !== undefined) return cached(name, () => ts.createSourceFile(name, text, language, true))
    // TypeScript's own libraries never change while the course runs; the learner's files may.
    if (path.dirname(path.resolve(name)) === libraries) return cached(name, () => getSourceFile(name, language, onError, fresh))
    return getSourceFile(name, language, onError, fresh)
  }
  host.fileExists = (name) => inMemory(name) !== undefined || fileExists(name)
  host.readFile = (name) => inMemory(name) ?? readFile(name)

  const program = ts.createProgram({rootNames: [...sources, ...declarations.keys()], options, host})
  const warnings: TypeWarning[] = []
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file
    if (!file || diagnostic.start === undefined) continue
    const relative = path.relative(root, file.fileName)
    if (relative.startsWith('..') || path.isAbsolute(relative) || inMemory(file.fileName) !== undefined) continue
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (MISSING_BUILTIN.has(diagnostic.code) || (diagnostic.code === 2307 && message.includes("'node:"))) continue
    const {line, character} = file.getLineAndCharacterOfPosition(diagnostic.start)
    warnings.push({file: relative.split(path.sep).join('/'), line: line + 1, column: character + 1, message, code: diagnostic.code})
  }
  return warnings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
}

/** TypeScript, loaded when first needed (it is large, and not bundled into the CLI). */
async function loadTypeScript(): Promise<typeof TypeScript | undefined> {
  try {
    return ((await import('typescript')) as {default: typeof TypeScript}).default
  } catch {
    return undefined
  }
}

function cached(name: string, parse: () => TypeScript.SourceFile | undefined): TypeScript.SourceFile | undefined {
  const key = path.resolve(name)
  const known = libraryFiles.get(key)
  if (known) return known
  const parsed = parse()
  if (parsed) libraryFiles.set(key, parsed)
  return parsed
}
