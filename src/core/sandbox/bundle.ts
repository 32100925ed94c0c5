import path from 'node:path'
import type {Plugin} from 'esbuild'

export interface BundleProblem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

export type BundleResult = {readonly code: string; readonly ms: number} | {readonly problems: BundleProblem[]; readonly ms: number}

/**
 * Keeps a submission inside its folder at build time: an import may name a file in the folder or
 * a `node:` built-in, nothing else. Without this, `import secrets from '/etc/…json'` would copy a
 * file of the grader's machine into the learner's code (the sandbox blocks such reads at run time,
 * but bundling happens here, in the grader).
 */
function confine(root: string): Plugin {
  return {
    name: 'confine-to-submission',
    setup(build) {
      build.onResolve({filter: /.*/}, (args) => {
        if (args.kind === 'entry-point') return undefined
        if (args.path.startsWith('node:')) return {path: args.path, external: true}
        if (!args.path.startsWith('.') && !path.isAbsolute(args.path)) {
          return {errors: [{text: `\`${args.path}\` cannot be imported: a submission may import its own files and node: built-ins only`}]}
        }
        const target = path.resolve(args.resolveDir, args.path)
        if (target !== root && !target.startsWith(root + path.sep)) {
          return {errors: [{text: `\`${args.path}\` is outside the submission's folder`}]}
        }
        return undefined
      })
    },
  }
}

/**
 * Bundles a learner's TypeScript (or JavaScript) module and its local imports into one ES module
 * for the sandbox. esbuild strips types without checking them, as learners' editors already do;
 * syntax errors come back located at file:line:column.
 */
export async function bundleSubmission(dir: string, entry: string): Promise<BundleResult> {
  const started = performance.now()
  const {build} = await import('esbuild')
  const root = path.resolve(dir)
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [path.join(root, entry)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      sourcemap: false,
      plugins: [confine(root)],
    })
    return {code: result.outputFiles[0]!.text, ms: performance.now() - started}
  } catch (error) {
    const failures = (error as {errors?: Array<{text: string; location?: {file: string; line: number; column: number} | null}>}).errors
    if (!failures) throw error
    return {
      problems: failures.map((f) => ({
        file: f.location ? path.relative(root, path.resolve(root, f.location.file)) || f.location.file : entry,
        line: f.location?.line ?? 1,
        column: (f.location?.column ?? 0) + 1,
        message: f.text,
      })),
      ms: performance.now() - started,
    }
  }
}
