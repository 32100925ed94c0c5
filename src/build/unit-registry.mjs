// The course's unit code, found by folder (never listed by hand): every `graders/<unit>/checks.ts`
// becomes an entry of the CLI's bundle, and `dist/graders/registry.json` lists them with a hash of
// each unit's folder, computed exactly as src/core/units/unit-code.ts computes it at run time.
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync} from 'node:fs'
import path from 'node:path'

/** sha256 over a folder's .ts/.mts/.js/.mjs/.json files, sorted by path (name NUL bytes NUL). */
export function folderHash(dir) {
  const hash = createHash('sha256')
  const walk = (relative) => {
    const entries = readdirSync(path.join(dir, relative), {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(name)
      else if (entry.isFile() && /\.(ts|mts|js|mjs|json)$/.test(entry.name)) hash.update(`${name}\u0000`).update(readFileSync(path.join(dir, name))).update('\u0000')
    }
  }
  walk('')
  return hash.digest('hex')
}

/** Entry points `graders/<unit>` for every unit folder with a checks.ts. */
export function graderEntries(root) {
  const graders = path.join(root, 'graders')
  const entries = {}
  for (const entry of readdirSync(graders, {withFileTypes: true})) {
    if (entry.isDirectory() && existsSync(path.join(graders, entry.name, 'checks.ts'))) entries[`graders/${entry.name}`] = `graders/${entry.name}/checks.ts`
  }
  return entries
}

export function writeGraderRegistry(root, dist, entries) {
  const registry = {}
  for (const name of Object.keys(entries).sort()) {
    const unit = name.slice('graders/'.length)
    registry[unit] = {module: `${name}.js`, hash: folderHash(path.join(root, 'graders', unit))}
  }
  mkdirSync(path.join(dist, 'graders'), {recursive: true})
  writeFileSync(path.join(dist, 'graders', 'registry.json'), `${JSON.stringify(registry, null, 2)}\n`)
}

/**
 * Each unit's lab, bundled on its own into dist/labs/<unit>/: `lab/index.ts` (the lab), every
 * `lab/*.worker.ts` (threads it starts, found beside it at run time) and `lab/*.entry.ts` (other
 * entries, such as what the benchmarks import).
 */
export function labEntries(root) {
  const graders = path.join(root, 'graders')
  const entries = {}
  for (const unit of readdirSync(graders, {withFileTypes: true})) {
    const lab = path.join(graders, unit.name, 'lab')
    if (!unit.isDirectory() || !existsSync(path.join(lab, 'index.ts'))) continue
    for (const file of readdirSync(lab)) {
      if (file === 'index.ts' || /\.(worker|entry)\.ts$/.test(file)) entries[`labs/${unit.name}/${file.replace(/\.ts$/, '')}`] = `graders/${unit.name}/lab/${file}`
    }
  }
  return entries
}
