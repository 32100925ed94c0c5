import path from 'node:path'
import type {BuildOptions, Loader, Plugin} from 'esbuild'
import {quote} from '../text/learner-text.js'

export interface BundleProblem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

export type BundleResult = {readonly code: string; readonly ms: number} | {readonly problems: BundleProblem[]; readonly ms: number}

/** How long bundling one submission may take before it is cancelled. */
export const BUNDLE_TIMEOUT_MS = 20_000

/** esbuild's name for the submission's files: a namespace of our own, read only through `onLoad` below. */
const NAMESPACE = 'submission'
/**
 * When the unit brings its own driver, the bundle's entry is a module of ours that exports the
 * learner's module and the driver side by side (see harness.ts); the driver's code comes already
 * bundled, from the grader's folder, and is never resolved among the submission's files.
 */
const COURSE_NAMESPACE = 'course-unit'
const WRAPPER = 'entry.js'
const DRIVER = 'driver.js'

const LOADERS: Readonly<Record<string, Loader>> = {'.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx', '.json': 'json'}
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json']
/** TypeScript's ESM convention: `./x.js` names the source `./x.ts`. */
const SOURCE_FOR = [
  ['.js', '.ts'],
  ['.js', '.tsx'],
  ['.mjs', '.mts'],
  ['.cjs', '.cts'],
] as const

/**
 * The fixed TypeScript settings of every submission. A submission's own tsconfig.json is never
 * read: its `extends` could name any file of the grader's machine, which the bundler would then
 * read (and quote in an error message).
 */
const TSCONFIG = {compilerOptions: {target: 'es2022', useDefineForClassFields: true, verbatimModuleSyntax: false}}

/** A submission's files by path relative to its folder (`/`-separated): the copy grading made. */
export type SubmissionFiles = ReadonlyMap<string, Buffer>

/**
 * The bundler sees the submission only through this plugin: every import is resolved here, among
 * the copied files and by our own rules (relative paths, a fixed list of extensions, `index`
 * files; no package.json fields, no tsconfig paths), and every file's contents come from the copy.
 * The bundler opens no file of its own. An import may name a file of the submission or a `node:`
 * built-in, nothing else.
 */
function confine(files: SubmissionFiles, entry: string, driverCode: string | undefined): Plugin {
  const isFile = (relative: string) => files.has(relative)
  const candidates = (target: string): string[] => {
    const list = [target]
    for (const [written, source] of SOURCE_FOR) if (target.endsWith(written)) list.push(target.slice(0, -written.length) + source)
    list.push(...EXTENSIONS.map((ext) => target + ext), ...EXTENSIONS.map((ext) => `${target}/index${ext}`))
    return list
  }
  return {
    name: 'confine-to-submission',
    setup(build) {
      build.onResolve({filter: /.*/}, (args) => {
        // There is one entry point, and it is the submission's: esbuild hands it over as `./name` when
        // a file of that name happens to sit in the grader's working folder (a learner running
        // `course check` inside their unit's folder), so the path it passes is not used.
        if (args.kind === 'entry-point') return driverCode === undefined ? {path: entry, namespace: NAMESPACE} : {path: WRAPPER, namespace: COURSE_NAMESPACE}
        if (args.namespace === COURSE_NAMESPACE) {
          if (args.path === DRIVER) return {path: DRIVER, namespace: COURSE_NAMESPACE}
          if (args.path === entry) return {path: entry, namespace: NAMESPACE}
          if (args.path.startsWith('node:')) return {path: args.path, external: true}
          return {errors: [{text: `the unit's driver imports ${args.path}, which is not bundled with it`}]}
        }
        if (args.path.startsWith('node:')) return {path: args.path, external: true}
        if (!args.path.startsWith('./') && !args.path.startsWith('../')) {
          // An absolute path or a URL names the grader's machine: it is not repeated back.
          const what = /^(\/|[a-z][a-z0-9+.-]*:)/i.test(args.path) ? 'an absolute path or URL' : named(args.path)
          return {errors: [{text: `${what} cannot be imported: a submission may import its own files (./file.ts) and node: built-ins only`}]}
        }
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(args.importer), args.path))
        if (target === '..' || target.startsWith('../')) return {errors: [{text: `${named(args.path)} is outside the submission's folder`}]}
        const found = candidates(target).find((candidate) => LOADERS[path.posix.extname(candidate)] && isFile(candidate))
        if (!found) return {errors: [{text: `${named(args.path)} is not a TypeScript, JavaScript or JSON file of the submission`}]}
        return {path: found, namespace: NAMESPACE}
      })
      build.onLoad({filter: /.*/, namespace: NAMESPACE}, (args) => ({contents: files.get(args.path) ?? '', loader: LOADERS[path.posix.extname(args.path)] ?? 'ts'}))
      build.onLoad({filter: /.*/, namespace: COURSE_NAMESPACE}, (args) => ({
        contents: args.path === DRIVER ? driverCode : `import * as learner from ${JSON.stringify(entry)}\nimport driver from ${JSON.stringify(DRIVER)}\nexport {learner, driver}\n`,
        loader: 'js',
      }))
    },
  }
}

/** A learner's path in a message: printable, short, in backticks. */
const named = (text: string) => `\`${quote(text)}\``

type EsbuildFailure = {errors?: Array<{text: string; location?: {file: string; line: number; column: number} | null}>}

export interface BundleOptions {
  /** The unit's own driver, already bundled (its default export is the driver). */
  readonly driverCode?: string
  readonly timeoutMs?: number
}

/**
 * Bundles a learner's TypeScript (or JavaScript) module and its local imports into one ES module
 * for the sandbox. esbuild strips types without checking them, as learners' editors already do;
 * syntax errors come back located at file:line:column. `files` is the copy of the submission
 * (see grading/intake.ts). A build that takes longer than the timeout is cancelled. With a unit
 * driver, the module exports `{learner, driver}` instead of the learner's own exports.
 */
export async function bundleSubmission(files: SubmissionFiles, entry: string, options: BundleOptions = {}): Promise<BundleResult> {
  const timeoutMs = options.timeoutMs ?? BUNDLE_TIMEOUT_MS
  const started = performance.now()
  const esbuild = await import('esbuild')
  const entryPath = path.posix.normalize(entry.split(path.sep).join('/'))
  const buildOptions: BuildOptions = {
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    sourcemap: false,
    tsconfigRaw: TSCONFIG,
    plugins: [confine(files, entryPath, options.driverCode)],
  }
  // Only locations inside the submission are reported; anything else (the bundler's own code, the
  // private copy's path) is the grader's business and never reaches a learner's feedback.
  const problemsOf = (failure: EsbuildFailure): BundleProblem[] =>
    (failure.errors ?? []).slice(0, 20).map((f) => {
      const inside = f.location?.file.startsWith(`${NAMESPACE}:`) ?? false
      return {
        file: inside ? f.location!.file.slice(NAMESPACE.length + 1) : entryPath,
        line: inside ? f.location!.line : 1,
        column: inside ? f.location!.column + 1 : 1,
        message: inside || !f.location ? f.text : 'the bundler failed on this submission',
      }
    })
  if (!files.has(entryPath)) {
    return {problems: [{file: entryPath, line: 1, column: 1, message: `${named(entryPath)} is not a file of the submission`}], ms: performance.now() - started}
  }
  const context = await esbuild.context(buildOptions)
  let timer: NodeJS.Timeout | undefined
  try {
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    const result = await Promise.race([context.rebuild(), timedOut])
    if (result === 'timeout') {
      await context.cancel()
      return {problems: [{file: entryPath, line: 1, column: 1, message: `bundling took longer than ${timeoutMs / 1000} s`}], ms: performance.now() - started}
    }
    return {code: result.outputFiles![0]!.text, ms: performance.now() - started}
  } catch (error) {
    if (!(error as EsbuildFailure).errors) throw error
    return {problems: problemsOf(error as EsbuildFailure), ms: performance.now() - started}
  } finally {
    clearTimeout(timer)
    await context.dispose()
  }
}
