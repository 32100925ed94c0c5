import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from './helpers/cli.js'

/**
 * The house rules of the source tree, checked on every test run:
 * commands -> services -> core, commands -> ui -> core; core imports no UI or CLI framework;
 * services touch no terminal; and no static import cycles.
 */
const SRC = path.join(ROOT, 'src')

interface Import {
  readonly from: string
  readonly target: string
  readonly typeOnly: boolean
  readonly dynamic: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) ? [full] : []
  })
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8')
  const found: Import[] = []
  for (const match of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
    found.push({from: file, target: match[2]!, typeOnly: Boolean(match[1]), dynamic: false})
  }
  for (const match of text.matchAll(/import\('([^']+)'\)/g)) found.push({from: file, target: match[1]!, typeOnly: false, dynamic: true})
  return found
}

function resolve(imp: Import): string | undefined {
  if (!imp.target.startsWith('.')) return undefined
  const base = path.resolve(path.dirname(imp.from), imp.target).replace(/\.js$/, '')
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // try the next candidate
    }
  }
  return undefined
}

const layer = (file: string) => path.relative(SRC, file).split(path.sep)[0]!
const files = sourceFiles(SRC)
const imports = files.flatMap(importsOf)

describe('architecture', () => {
  it('every relative import resolves to a source file', () => {
    const broken = imports.filter((imp) => imp.target.startsWith('.') && !resolve(imp)).map((imp) => `${path.relative(SRC, imp.from)} -> ${imp.target}`)
    expect(broken).toEqual([])
  })

  it('core imports nothing from commands, services or ui, and no CLI or UI framework', () => {
    const bad = imports
      .filter((imp) => layer(imp.from) === 'core')
      .filter((imp) => ['@oclif/core', 'ink', 'react'].includes(imp.target) || ['commands', 'services', 'ui'].includes(layer(resolve(imp) ?? SRC)))
      .map((imp) => `${path.relative(SRC, imp.from)} -> ${imp.target}`)
    expect(bad).toEqual([])
  })

  it('services touch neither the terminal UI nor the CLI framework', () => {
    const bad = imports
      .filter((imp) => layer(imp.from) === 'services')
      .filter((imp) => ['@oclif/core', 'ink', 'react'].includes(imp.target) || ['commands', 'ui'].includes(layer(resolve(imp) ?? SRC)))
      .map((imp) => `${path.relative(SRC, imp.from)} -> ${imp.target}`)
    expect(bad).toEqual([])
  })

  it('ui uses services only for their types, and never commands', () => {
    const bad = imports
      .filter((imp) => layer(imp.from) === 'ui')
      .filter((imp) => {
        const to = layer(resolve(imp) ?? SRC)
        return to === 'commands' || (to === 'services' && !imp.typeOnly)
      })
      .map((imp) => `${path.relative(SRC, imp.from)} -> ${imp.target}`)
    expect(bad).toEqual([])
  })

  it('has no cycles of static imports', () => {
    const graph = new Map<string, string[]>()
    for (const imp of imports) {
      if (imp.dynamic || imp.typeOnly) continue
      const to = resolve(imp)
      if (to) graph.set(imp.from, [...(graph.get(imp.from) ?? []), to])
    }
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(' -> '))
        return
      }
      state.set(file, 'visiting')
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })
})
