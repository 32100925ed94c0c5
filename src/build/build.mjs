// Builds the CLI: one esbuild bundle (code-split so Ink, mathjs and friends load only when a
// command needs them), the bin that starts it, and the oclif manifest that lets `--help` and
// command lookup run without importing any command. See docs/decisions/0002-bundle-the-cli.md.
import {build} from 'esbuild'
import {chmodSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {writeManifest} from './manifest.mjs'

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

rmSync(dist, {recursive: true, force: true})
mkdirSync(dist, {recursive: true})

const started = performance.now()
await build({
  absWorkingDir: root,
  entryPoints: {course: 'src/cli.ts'},
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
  plugins: [stubDevtools],
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
  define: {'process.env.DEV': '"false"'},
})

// The sandbox harness: one self-contained file, the only one a sandboxed child may read.
await build({
  absWorkingDir: root,
  entryPoints: {harness: 'src/core/sandbox/harness.ts'},
  outdir: 'dist/sandbox',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
})

const bin = path.join(dist, 'bin.js')
writeFileSync(bin, "#!/usr/bin/env node\nimport {main} from './course.js'\nawait main(process.argv.slice(2), import.meta.url)\n")
chmodSync(bin, 0o755)

await writeManifest(root)
console.log(`built dist/ in ${Math.round(performance.now() - started)} ms`)
