/**
 * The Gradescope autograder for one unit, as the zip Gradescope takes: `setup.sh` and
 * `run_autograder` at its root, the grading secret when one is given, and the course itself packed
 * as `course.tgz`. The course travels whole and built (the CLI bundle, the exercises, the graders
 * and esbuild, which bundles each submission), so nothing is fetched from the course's repository
 * when Gradescope builds the image or grades; only Node comes from outside.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {gzipSync} from 'node:zlib'
import {courseRoot, exercisesDir, gradersDir, packageRoot} from '../core/catalog/paths.js'
import {UsageError, UserError} from '../core/errors.js'
import {writeFileAtomic} from '../core/files/atomic-write.js'
import {checkInputFile} from '../core/files/output-folder.js'
import {tarArchive, type TarEntry} from '../core/files/tar.js'
import {zipArchive, type ZipEntry} from '../core/files/zip.js'
import {hasGrader} from '../core/grading/load.js'
import {closest} from '../core/text/suggest.js'
import {course} from './context.js'

export interface GradescopeBundleOptions {
  /** The folder relative paths are read from. */
  readonly cwd: string
  readonly unit: string
  /** The zip to write. */
  readonly out: string
  /** The grading secret, shipped in the zip; without it the autograder grades unseeded. */
  readonly secretFile?: string
  /** Replace `out` when it exists. */
  readonly force: boolean
  /** The installed program (package.json, dist/, node_modules/); default: this one. */
  readonly packageDir?: string
  /** The course content (exercises/, graders/); default: `COURSE_ROOT`, else the program's own. */
  readonly courseDir?: string
  /** The time stamped on every file of the archives; default: now. */
  readonly mtime?: Date
}

export interface GradescopeBundleSummary {
  readonly out: string
  readonly unit: string
  readonly bytes: number
  /** The files at the zip's root, in order. */
  readonly files: readonly string[]
  readonly seed_mode: 'secret' | 'unseeded'
  readonly course_version: string
  /** Files packed into course.tgz. */
  readonly course_files: number
  /** Whether esbuild's Linux x64 binary is in course.tgz; if not, setup.sh installs it with npm. */
  readonly esbuild: {readonly version: string; readonly binary_included: boolean}
  /** What the instructor must know before uploading the zip. */
  readonly warnings: readonly string[]
}

/** The names the files get inside the zip, and so in /autograder/source/. */
export const BUNDLE_FILES = {setup: 'setup.sh', run: 'run_autograder', secret: 'grader-secret', course: 'course.tgz'} as const

/** Gradescope's images are Ubuntu on x86-64: the esbuild binary that runs there. */
const GRADESCOPE_ESBUILD_PLATFORM = '@esbuild/linux-x64'

/** Where a packed course may hold a custom course's content (see `runScript`). */
const CONTENT_DIR = 'content'

/** Names never packed: version control, editors' and systems' litter, installed dependencies. */
const SKIPPED_NAMES = new Set(['.git', 'node_modules', '.DS_Store', 'Thumbs.db'])

/** A file of the packed course (copied from `source`), or a folder (no `source`). */
interface PackedFile {
  readonly path: string
  readonly source?: string
  readonly mode: number
}

/** A folder's files and sub-folders, in a stable order, as archive paths under `prefix`. */
function walk(dir: string, prefix: string, keep: (name: string) => boolean = () => true): PackedFile[] {
  const found: PackedFile[] = [{path: prefix, mode: 0o755}]
  for (const name of readdirSync(dir).sort()) {
    if (SKIPPED_NAMES.has(name) || !keep(name)) continue
    const source = path.join(dir, name)
    // A link is packed as what it points to: Gradescope's copy must not depend on this machine.
    const stat = statSync(source, {throwIfNoEntry: false})
    if (stat?.isDirectory()) found.push(...walk(source, `${prefix}/${name}`, keep))
    else if (stat?.isFile()) found.push({path: `${prefix}/${name}`, source, mode: stat.mode & 0o111 ? 0o755 : 0o644})
  }
  return found
}

/** The folder of an installed package, found the way Node would find it from `from`. */
function packageFolder(name: string, from: string): string | undefined {
  try {
    return path.dirname(createRequire(path.join(from, 'package.json')).resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

interface CourseFiles {
  readonly files: PackedFile[]
  readonly version: string
  readonly esbuildVersion: string
  readonly esbuildBinary: boolean
  readonly customContent: boolean
}

/**
 * What the course needs at grading time: its package.json (the program finds its root by it, and
 * oclif reads its settings there), the oclif manifest, the built CLI without its source maps (most
 * of dist/'s size, and only for debugging), the exercises and graders, and esbuild, the one
 * dependency the bundle leaves outside.
 */
function courseFiles(packageDir: string, contentDir: string): CourseFiles {
  const manifest = path.join(packageDir, 'package.json')
  const bin = path.join(packageDir, 'dist', 'bin.js')
  if (!existsSync(bin) || !existsSync(path.join(packageDir, 'oclif.manifest.json'))) {
    throw new UserError(`the course at ${packageDir} is not built: dist/bin.js or oclif.manifest.json is missing`, {code: 'not-built', next: ['Run `npm run build` in the course, then try again.']})
  }
  const esbuildDir = packageFolder('esbuild', packageDir)
  if (!esbuildDir) throw new UserError(`esbuild is not installed beside the course at ${packageDir}`, {code: 'no-esbuild', next: ['Run `npm install` in the course, then try again.']})
  const esbuildVersion = (JSON.parse(readFileSync(path.join(esbuildDir, 'package.json'), 'utf8')) as {version: string}).version
  // The Linux binary is here when this machine is Linux x64 (or it was installed for it); else setup.sh fetches it.
  const platformDir = packageFolder(GRADESCOPE_ESBUILD_PLATFORM, esbuildDir)
  const customContent = path.resolve(contentDir) !== path.resolve(packageDir)
  const files: PackedFile[] = [
    {path: 'package.json', source: manifest, mode: 0o644},
    {path: 'oclif.manifest.json', source: path.join(packageDir, 'oclif.manifest.json'), mode: 0o644},
    ...walk(path.join(packageDir, 'dist'), 'dist', (name) => !name.endsWith('.map')),
    ...walk(exercisesDir(packageDir), 'exercises'),
    ...walk(gradersDir(packageDir), 'graders'),
    {path: 'node_modules', mode: 0o755},
    ...walk(esbuildDir, 'node_modules/esbuild'),
    ...(platformDir ? [{path: 'node_modules/@esbuild', mode: 0o755}, ...walk(platformDir, `node_modules/${GRADESCOPE_ESBUILD_PLATFORM}`)] : []),
    // A course of its own (COURSE_ROOT) rides beside the program's, which still supplies the schemas.
    ...(customContent ? [{path: CONTENT_DIR, mode: 0o755}, ...walk(exercisesDir(contentDir), `${CONTENT_DIR}/exercises`), ...walk(gradersDir(contentDir), `${CONTENT_DIR}/graders`)] : []),
  ].map((f) => (f.path === 'dist/bin.js' || f.path.endsWith(`${GRADESCOPE_ESBUILD_PLATFORM}/bin/esbuild`) ? {...f, mode: 0o755} : f))
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as {version?: string}).version ?? '0.0.0'
  return {files, version, esbuildVersion, esbuildBinary: platformDir !== undefined, customContent}
}

/** A word for a shell script, in single quotes. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/** The warning both scripts carry, and the command prints, when no secret is shipped. */
export const UNSEEDED_WARNING =
  'no grading secret: hidden inputs are derived from the learner id alone, so anyone who reads the public generators can work them out. Make the bundle again with --secret-file to seed them.'

/**
 * `setup.sh`, which Gradescope runs once as root when it builds the autograder's image. Each step
 * can be run alone (`bash setup.sh extract esbuild`), to try the bundle without installing Node.
 */
export function setupScript(options: {readonly version: string; readonly esbuildVersion: string; readonly esbuildBinary: boolean; readonly secret: boolean}): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder: it installs Node and unpacks
# the course into /autograder/source/course. Made by \`course grade gradescope-bundle\` (course ${options.version}).
# Steps run alone when named: \`bash setup.sh extract esbuild\` unpacks the course and checks esbuild.
${options.secret ? '' : `# WARNING: ${UNSEEDED_WARNING}\n`}set -euo pipefail

ROOT="\${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
COURSE="$SOURCE/course"
ESBUILD_VERSION=${shellQuote(options.esbuildVersion)}

# The course needs Node 20.19 or later.
node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'
}

# Gradescope's images are Ubuntu with apt: Node 20 comes from NodeSource's apt repository, unless
# the image already has a recent enough Node.
install_node() {
  if node_is_recent; then
    echo "Node $(node --version) is already installed"
    return
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y curl ca-certificates
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
  if ! node_is_recent; then
    echo "setup.sh: the course needs Node 20.19 or later; this image has $(node --version 2>/dev/null || echo none)" >&2
    exit 1
  fi
}

extract_course() {
  rm -rf "$COURSE"
  mkdir -p "$COURSE"
  tar -xzf "$SOURCE/course.tgz" -C "$COURSE"
}

# esbuild bundles each submission at grading time. ${
    options.esbuildBinary
      ? 'Its Linux x64 binary is in course.tgz, so this only\n# checks that it runs; should it not, npm supplies esbuild.'
      : 'Its Linux x64 binary was not installed where the\n# bundle was made, so npm supplies it.'
  } npm installs the exact version the course was built with
# (esbuild's JavaScript refuses any other binary), into a scratch folder: run in the course, it
# would install every dependency in package.json, and the course needs only esbuild.
esbuild_runs() {
  (cd "$COURSE" && node -e 'require("esbuild").transformSync("")') >/dev/null 2>&1
}
ensure_esbuild() {
  if esbuild_runs; then
    return
  fi
  echo "Installing esbuild $ESBUILD_VERSION from npm"
  local scratch
  scratch="$(mktemp -d)"
  npm install --prefix "$scratch" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts "esbuild@$ESBUILD_VERSION"
  rm -rf "$COURSE/node_modules/esbuild" "$COURSE/node_modules/@esbuild"
  mkdir -p "$COURSE/node_modules"
  mv "$scratch/node_modules/esbuild" "$scratch/node_modules/@esbuild" "$COURSE/node_modules/"
  rm -rf "$scratch"
  if ! esbuild_runs; then
    echo "setup.sh: esbuild $ESBUILD_VERSION does not run on this image" >&2
    exit 1
  fi
}

if [ "$#" -eq 0 ]; then
  set -- node extract esbuild
fi
for step in "$@"; do
  case "$step" in
    node) install_node ;;
    extract) extract_course ;;
    esbuild) ensure_esbuild ;;
    *)
      echo "setup.sh: unknown step $step (the steps are node, extract and esbuild)" >&2
      exit 2
      ;;
  esac
done
`
}

/** Gradescope's results.json for a submission course could not grade at all: the learner sees the reason. */
const FALLBACK_RESULTS_JS = [
  'const [file, status, log] = process.argv.slice(1)',
  'const fs = require("fs")',
  'let detail = ""',
  'try { detail = fs.readFileSync(log, "utf8").trim().slice(-2000) } catch {}',
  'const output = "This submission could not be graded (the grader stopped with status " + status + ")." + (detail ? "\\n\\n" + detail : "") + "\\n\\nCheck that you submitted the files of the unit; if you did, tell your instructor."',
  'fs.writeFileSync(file, JSON.stringify({score: 0, output, output_format: "text", visibility: "visible", stdout_visibility: "hidden", tests: []}, null, 2) + "\\n")',
].join('\n')

/** The same without Node (when Node itself is what is broken): a fixed message. */
const FALLBACK_RESULTS_JSON = JSON.stringify({
  score: 0,
  output: 'This submission could not be graded: the autograder could not start. Tell your instructor.',
  output_format: 'text',
  visibility: 'visible',
  stdout_visibility: 'hidden',
  tests: [],
})

/**
 * `run_autograder`, which Gradescope runs for every submission. `course grade --gradescope` finds
 * the workspace anywhere under the submission and takes the learner id from
 * submission_metadata.json; the results go where Gradescope reads them. A run that leaves no
 * results.json (the grader could not start, or found nothing to grade) still leaves one, or
 * Gradescope would show the learner nothing at all.
 */
export function runScript(options: {readonly unit: string; readonly secret: boolean; readonly version: string; readonly customContent: boolean}): string {
  const secretLines = options.secret
    ? ''
    : `# WARNING: ${UNSEEDED_WARNING}\necho ${shellQuote(`warning: ${UNSEEDED_WARNING}`)} >&2\n`
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: it grades $ROOT/submission with course and leaves
# Gradescope's results.json in $ROOT/results. Made by \`course grade gradescope-bundle\` (course ${options.version}).
# AUTOGRADER_ROOT names another root than /autograder, to try the autograder elsewhere.
set -uo pipefail # no -e: a failed grade must still leave a results.json

ROOT="\${AUTOGRADER_ROOT:-/autograder}"
COURSE="$ROOT/source/course"
RESULTS="$ROOT/results"
UNIT=${shellQuote(options.unit)}
${options.customContent ? `export COURSE_ROOT="$COURSE/${CONTENT_DIR}"\n` : ''}${secretLines}
mkdir -p "$RESULTS"
log="$(mktemp)"
node "$COURSE/dist/bin.js" grade "$ROOT/submission" --gradescope --unit "$UNIT" \\
  --format gradescope --out "$RESULTS"${options.secret ? ` \\\n  --secret-file "$ROOT/source/${BUNDLE_FILES.secret}"` : ''} 2>"$log"
status=$?
cat "$log" >&2
echo "course grade exited with status $status"

if [ ! -s "$RESULTS/results.json" ]; then
  node -e ${shellQuote(FALLBACK_RESULTS_JS)} "$RESULTS/results.json" "$status" "$log" ||
    printf '%s\\n' ${shellQuote(FALLBACK_RESULTS_JSON)} >"$RESULTS/results.json"
fi
rm -f "$log"
# The outcome, a failure included, is in results.json; the status of \`course grade\` is in the log above.
exit 0
`
}

/** Refuses an --out that is a folder, or a file already there without --force. */
function checkOut(out: string, force: boolean): void {
  const stat = statSync(out, {throwIfNoEntry: false})
  if (stat?.isDirectory()) throw new UsageError(`--out ${out} is a folder; it must name the zip to write`, {code: 'bad-path', next: ['Give --out a file name, such as autograder.zip.']})
  if (stat && !force) throw new UserError(`${out} already exists`, {code: 'out-exists', next: ['Pass --force to replace it, or give --out another name.']})
}

/** The unit must exist and be graded; anything else is a mistake on the command line. */
function checkUnit(unit: string, cwd: string, contentDir: string): void {
  const ids = course({cwd, contentDir: exercisesDir(contentDir)}).units.map((u) => u.id)
  if (!ids.includes(unit)) {
    const suggestion = closest(unit, ids)
    throw new UsageError(`there is no unit \`${unit}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, {code: 'unit-not-found', next: ['Run `course list` to see every unit.']})
  }
  if (!hasGrader(unit, gradersDir(contentDir))) throw new UsageError(`\`${unit}\` has no grader, so there is nothing for Gradescope to run`, {code: 'no-grader', next: ['Choose a graded unit: `course list` shows them.']})
}

/** The secret as the zip holds it: the file's text trimmed, on one line. */
function readSecret(file: string): string {
  checkInputFile(file, '--secret-file')
  const secret = readFileSync(file, 'utf8').trim()
  if (!secret) throw new UsageError(`the secret file ${file} is empty`, {code: 'secret-file', next: ['Write the secret into it, e.g. `openssl rand -hex 32 > FILE`.']})
  return secret
}

export function buildGradescopeBundle(options: GradescopeBundleOptions): GradescopeBundleSummary {
  const out = path.resolve(options.cwd, options.out)
  checkOut(out, options.force)
  const contentDir = options.courseDir ?? courseRoot()
  checkUnit(options.unit, options.cwd, contentDir)
  const secret = options.secretFile === undefined ? undefined : readSecret(path.resolve(options.cwd, options.secretFile))
  const mtime = options.mtime ?? new Date()

  const packed = courseFiles(options.packageDir ?? packageRoot(), contentDir)
  const tarEntries: TarEntry[] = packed.files.map((f) => (f.source === undefined ? {path: f.path, mode: f.mode, mtime} : {path: f.path, data: readFileSync(f.source), mode: f.mode, mtime}))
  const courseArchive = gzipSync(tarArchive(tarEntries))

  const scripts = {version: packed.version, esbuildVersion: packed.esbuildVersion, esbuildBinary: packed.esbuildBinary, secret: secret !== undefined}
  const zipEntries: ZipEntry[] = [
    {path: BUNDLE_FILES.setup, data: Buffer.from(setupScript(scripts)), mode: 0o755, mtime},
    {path: BUNDLE_FILES.run, data: Buffer.from(runScript({unit: options.unit, secret: secret !== undefined, version: packed.version, customContent: packed.customContent})), mode: 0o755, mtime},
    ...(secret === undefined ? [] : [{path: BUNDLE_FILES.secret, data: Buffer.from(`${secret}\n`), mode: 0o600, mtime}]),
    {path: BUNDLE_FILES.course, data: courseArchive, mode: 0o644, mtime},
  ]
  const zip = zipArchive(zipEntries)
  mkdirSync(path.dirname(out), {recursive: true})
  writeFileAtomic(out, zip)
  return {
    out,
    unit: options.unit,
    bytes: zip.length,
    files: zipEntries.map((e) => e.path),
    seed_mode: secret === undefined ? 'unseeded' : 'secret',
    course_version: packed.version,
    course_files: tarEntries.filter((e) => e.data !== undefined).length,
    esbuild: {version: packed.esbuildVersion, binary_included: packed.esbuildBinary},
    warnings: secret === undefined ? [UNSEEDED_WARNING] : [],
  }
}
