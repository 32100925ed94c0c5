/**
 * Loading a unit's own code: a grader's `checks.ts` (run in the grader's process) and its
 * `driver.ts` (bundled with each submission, run in the sandbox). Units are data of the course,
 * not of this program: nothing here knows one by name.
 *
 * A module is found in one of three ways, fastest first:
 * - under test, from the TypeScript sources (the test runner compiles them);
 * - prebuilt: `npm run build` bundles every `graders/<unit>/checks.ts` of the course it ships into
 *   `dist/graders/` and lists them, with a hash of each unit's folder, in `dist/graders/registry.json`;
 *   a prebuilt module is used only while its folder still has that hash;
 * - bundled on first use, for a course of one's own (`COURSE_ROOT`) or a grader edited since the
 *   build. `course/kit` then names the kit the CLI itself loaded, so both share one copy.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Plugin} from 'esbuild'
import {packageRoot} from '../catalog/paths.js'
import {UserError} from '../errors.js'

/** True when this module runs as TypeScript source (under the test runner), not from dist/. */
export const fromSources = import.meta.url.endsWith('.ts')

const KIT = 'course/kit'
const DRIVER_KIT = 'course/kit/driver'
const LAB_KIT = 'course/kit/lab'

/** The hash of a unit's grader folder, as the build computes it (src/build/unit-registry.mjs). */
export function folderHash(dir: string): string {
  const hash = createHash('sha256')
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(name)
      else if (entry.isFile() && /\.(ts|mts|js|mjs|json)$/.test(entry.name)) hash.update(`${name}\u0000`).update(readFileSync(path.join(dir, name))).update('\u0000')
    }
  }
  walk('')
  return hash.digest('hex')
}

interface RegistryEntry {
  readonly module: string
  readonly hash: string
}

let registry: Record<string, RegistryEntry> | undefined
function prebuilt(): Record<string, RegistryEntry> {
  if (!registry) {
    const file = path.join(packageRoot(), 'dist', 'graders', 'registry.json')
    registry = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, RegistryEntry>) : {}
  }
  return registry
}

/** The file of the kit that prebuilt graders share with the CLI. */
function builtFile(name: string): string {
  return path.join(packageRoot(), 'dist', name)
}

type EsbuildFailure = {errors?: Array<{text: string; location?: {file: string; line: number; column: number} | null}>}

/** A build failure of the course's own code, located in its file: the author's to fix. */
function authorError(file: string, error: unknown): UserError {
  const failure = error as EsbuildFailure
  if (!failure.errors) return new UserError(`${file}: ${(error as Error).message}`, {code: 'grader-code'})
  const lines = failure.errors.slice(0, 5).map((e) => (e.location ? `${path.resolve(e.location.file)}:${e.location.line}:${e.location.column + 1}: ${e.text}` : `${file}: ${e.text}`))
  return new UserError(`the unit's code does not build:\n${lines.join('\n')}`, {code: 'grader-code'})
}

/** Maps the kit's names: to the sources under test, else to the built files. */
function kitPlugin(mode: 'checks' | 'driver' | 'lab'): Plugin {
  return {
    name: 'course-kit',
    setup(build) {
      build.onResolve({filter: /^course\/kit(\/driver|\/lab)?$/}, (args) => {
        const driverKit = args.path === DRIVER_KIT
        const labKit = args.path === LAB_KIT
        if (mode === 'driver' && !driverKit) return {errors: [{text: `a driver runs in the sandbox and may import only ${DRIVER_KIT}, not ${args.path}`}]}
        if (mode === 'lab' && !driverKit && !labKit) return {errors: [{text: `a lab may import ${LAB_KIT} and ${DRIVER_KIT}, not ${args.path}`}]}
        if (mode === 'checks' && labKit) return {errors: [{text: `a grader's checks import ${KIT}, not ${LAB_KIT}`}]}
        if (fromSources) return {path: fileURLToPath(new URL(driverKit ? '../../kit/driver.ts' : labKit ? '../../kit/lab.ts' : '../../kit/index.ts', import.meta.url))}
        // In the sandbox nothing but the bundle can be read, so the driver's kit is bundled in, as
        // the lab's is (a lab is self-contained, as the build makes it); the grader's kit is the
        // CLI's own, shared.
        if (driverKit) return {path: builtFile('kit-driver.js')}
        if (labKit) return {path: builtFile('kit-lab.js')}
        return {path: pathToFileURL(builtFile('kit.js')).href, external: true}
      })
    },
  }
}

async function bundle(file: string, mode: 'checks' | 'driver' | 'lab'): Promise<string> {
  const esbuild = await import('esbuild')
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [kitPlugin(mode)],
      // A CommonJS dependency inside an ES bundle still calls require(); give it one that resolves
      // from the unit's folder. (In the sandbox a driver has no such dependencies to resolve.)
      ...(mode === 'checks' ? {banner: {js: `import {createRequire as __unitRequire} from 'node:module';\nconst require = __unitRequire(${JSON.stringify(file)});`}} : {}),
    })
    return result.outputFiles[0]!.text
  } catch (error) {
    throw authorError(file, error)
  }
}

/** A grader's code part, or an empty module when the unit has no `checks.ts`. */
export async function loadChecksModule(gradersDir: string, unit: string): Promise<Record<string, unknown>> {
  const file = path.join(gradersDir, unit, 'checks.ts')
  if (!existsSync(file)) return {}
  if (fromSources) return (await import(pathToFileURL(file).href)) as Record<string, unknown>
  const entry = prebuilt()[unit]
  if (entry && path.resolve(gradersDir) === path.join(packageRoot(), 'graders') && entry.hash === folderHash(path.join(gradersDir, unit))) {
    return (await import(pathToFileURL(path.join(packageRoot(), 'dist', entry.module)).href)) as Record<string, unknown>
  }
  const code = await bundle(file, 'checks')
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>
}

const drivers = new Map<string, Promise<string>>()

/**
 * A unit's own driver as one self-contained ES module, bundled once per process: its default
 * export is the driver. `file` is relative to the unit's grader folder.
 */
export function loadDriverCode(gradersDir: string, unit: string, file: string): Promise<string> {
  const full = path.resolve(gradersDir, unit, file)
  if (path.relative(path.join(gradersDir, unit), full).startsWith('..')) return Promise.reject(new UserError(`graders/${unit}: the driver ${file} is outside the unit's folder`, {code: 'grader-format'}))
  if (!existsSync(full)) return Promise.reject(new UserError(`graders/${unit}: the driver ${file} does not exist`, {code: 'grader-format'}))
  let code = drivers.get(full)
  if (!code) {
    code = bundle(full, 'driver')
    drivers.set(full, code)
    code.catch(() => drivers.delete(full))
  }
  return code
}

/**
 * A unit's lab module (`graders/<unit>/lab/index.ts`): from the sources under test; as
 * `npm run build` bundled it into `dist/labs/<unit>/` beside the threads it starts, while its
 * folder is unchanged since; else (a course of one's own, a lab edited since the build) bundled
 * now, self-contained. A lab bundled now cannot start threads of its own (`labFile`): those need
 * the build.
 */
export async function loadLabModule(gradersDir: string, unit: string): Promise<Record<string, unknown>> {
  const source = path.join(gradersDir, unit, 'lab', 'index.ts')
  if (fromSources) return (await import(pathToFileURL(source).href)) as Record<string, unknown>
  const built = path.join(packageRoot(), 'dist', 'labs', unit, 'index.js')
  const entry = prebuilt()[unit]
  const ownCourse = path.resolve(gradersDir) === path.join(packageRoot(), 'graders')
  // The registry's hash covers the unit's whole folder, lab included; a unit with a lab but no checks has no entry and uses the build as it is.
  if (ownCourse && existsSync(built) && (!entry || entry.hash === folderHash(path.join(gradersDir, unit)))) return (await import(pathToFileURL(built).href)) as Record<string, unknown>
  const code = await bundle(source, 'lab')
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>
}
