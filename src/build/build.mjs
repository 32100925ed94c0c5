// Builds the CLI: one esbuild bundle (code-split so Ink, mathjs and friends load only when a
// command needs them), the bin that starts it, and the oclif manifest that lets `--help` and
// command lookup run without importing any command. See docs/decisions/0002-bundle-the-cli.md.
import {build} from 'esbuild'
import {chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {writeManifest} from './manifest.mjs'
import {graderEntries, labEntries, writeGraderRegistry} from './unit-registry.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.join(root, 'dist')

/** Ink imports react-devtools-core only when DEV=true; it is not installed, so it becomes an empty module. */
const stubDevtools = {
  name: 'stub-devtools',
  setup(b) {
    b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}))
    b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}}', loader: 'js'}))
  },
}

/**
 * Yoga (Ink's layout engine) loads its WebAssembly from a base64 data: URL. On Node 18+ it sees a
 * global `fetch` and decodes that URL through undici, about 30 ms of the reader's start-up; without
 * `fetch` it decodes the same bytes directly. Hide `fetch` for that one call.
 */
const fastYoga = {
  name: 'fast-yoga',
  setup(b) {
    b.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async (args) => {
      const {readFile} = await import('node:fs/promises')
      const source = await readFile(args.path, 'utf8')
      const call = 'const Yoga = wrapAssembly(await loadYoga());'
      if (!source.includes(call)) throw new Error('yoga-layout changed: review the fast-yoga build plugin')
      const patched = source.replace(call, 'const hiddenFetch = globalThis.fetch;\nglobalThis.fetch = undefined;\nlet Yoga;\ntry { Yoga = wrapAssembly(await loadYoga()); } finally { globalThis.fetch = hiddenFetch; }')
      return {contents: patched, loader: 'js'}
    })
  },
}

rmSync(dist, {recursive: true, force: true})
mkdirSync(dist, {recursive: true})

const started = performance.now()
/** The grader kit, as graders import it (tsconfig.json and the test runner map the same names). */
const kitAlias = {'course/kit/driver': './src/kit/driver.ts', 'course/kit/lab': './src/kit/lab.ts', 'course/kit': './src/kit/index.ts'}
const graders = graderEntries(root)
await build({
  absWorkingDir: root,
  // document-worker: the threads that grade design documents share the CLI's chunks; so do the
  // kit (for graders bundled when first used) and every grader of the course (prebuilt).
  entryPoints: {course: 'src/cli.ts', open: 'src/open.ts', 'document-worker': 'src/services/document-worker.ts', kit: 'src/kit/index.ts', ...graders},
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ES build bundles.
  alias: {...kitAlias, 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  minify: true,
  keepNames: false,
  legalComments: 'linked',
  logLevel: 'warning',
  // esbuild ships a native binary and must stay a real dependency; oclif reaches for typescript
  // only for development-mode .ts commands, which a bundle never has; the rest are dev-only.
  external: ['esbuild', 'playwright-core', 'fsevents', 'typescript'],
  plugins: [stubDevtools, fastYoga],
  // CommonJS dependencies inside an ESM bundle still call require() and use __dirname.
  banner: {
    js: [
      "import {createRequire as __courseCreateRequire} from 'node:module';",
      "import {fileURLToPath as __courseFileURLToPath} from 'node:url';",
      'const require = __courseCreateRequire(import.meta.url);',
      'const __filename = __courseFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join('\n'),
  },
  // Production React (a third of the size, and no development checks at run time); no Ink devtools.
  define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
})

// Self-contained files started as separate threads or processes: the units' labs and the threads
// they start, and the sandbox harness (the only file a sandboxed child may read).
const standalone = (entryPoints, outdir) =>
  build({absWorkingDir: root, entryPoints, outdir, bundle: true, format: 'esm', platform: 'node', target: 'node20', minify: true, logLevel: 'warning', alias: kitAlias})
await standalone(labEntries(root), 'dist')
await standalone({harness: 'src/core/sandbox/harness.ts'}, 'dist/sandbox')
// The kit of a unit's driver, bundled into each submission with the driver (so self-contained).
await standalone({'kit-driver': 'src/kit/driver.ts'}, 'dist')
// The lab kit, bundled into a lab of a course of one's own when it is first run (src/core/units/unit-code.ts).
await standalone({'kit-lab': 'src/kit/lab.ts'}, 'dist')
writeGraderRegistry(root, dist, graders)
// The folder a sandboxed child's private root is mounted on, inside its own namespace (see
// src/core/sandbox/filesystem.ts). It holds a note, not nothing, because npm drops empty folders.
mkdirSync(path.join(dist, 'sandbox-root'), {recursive: true})
writeFileSync(path.join(dist, 'sandbox-root', 'README'), 'The mount point of the sandbox\'s private root. Nothing is ever written here.\n')

// The website's assets: our stylesheet and script, and the copy of mermaid that draws the diagrams
// in the page (so a built site makes no request to anyone).
const siteAssets = path.join(dist, 'site-assets')
mkdirSync(siteAssets, {recursive: true})
for (const asset of ['site.css', 'site.js']) copyFileSync(path.join(root, 'src', 'core', 'site', 'assets', asset), path.join(siteAssets, asset))
const mermaidPackage = createRequire(import.meta.url).resolve('mermaid/package.json')
copyFileSync(path.join(path.dirname(mermaidPackage), 'dist', 'mermaid.min.js'), path.join(siteAssets, 'mermaid.min.js'))

const bin = path.join(dist, 'bin.js')
// The bare `course` (the reader) and `course --version` start without loading the CLI framework.
writeFileSync(
  bin,
  [
    '#!/usr/bin/env node',
    "const argv = process.argv.slice(2)",
    "if (argv.length === 0) {",
    "  const {main} = await import('./open.js')",
    '  await main()',
    "} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {",
    "  const {readFileSync} = await import('node:fs')",
    "  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))",
    "  console.log(`course/${version} ${process.platform}-${process.arch} node-${process.version}`)",
    '} else {',
    "  const {main} = await import('./course.js')",
    '  await main(argv, import.meta.url)',
    '}',
    '',
  ].join('\n'),
)
chmodSync(bin, 0o755)

await writeManifest(root)
console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`)
