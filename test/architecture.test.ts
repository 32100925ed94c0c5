import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from './helpers/cli.js'

/**
 * The house rules of the source tree, checked on every test run:
 * commands -> services -> core, commands -> ui -> core; core imports no UI or CLI framework;
 * services touch no terminal; and no static import cycles. And units are data: nothing under
 * src/ imports from graders/ or exercises/ or names a unit, and a grader imports only the kit,
 * its own folder, node: built-ins and (types only) its unit's own exercise files.
 */
const SRC = path.join(ROOT, 'src')
const GRADERS = path.join(ROOT, 'graders')
const EXERCISES = path.join(ROOT, 'exercises')

interface Import {
  readonly from: string
  readonly target: string
  readonly typeOnly: boolean
  readonly dynamic: boolean
}

function sourceFiles(dir: string, pattern = /\.(ts|tsx)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full, pattern)
    return pattern.test(name) ? [full] : []
  })
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8')
  const found: Import[] = []
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
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

  it('src/ imports nothing from graders/ or exercises/', () => {
    const outside = [...files, ...sourceFiles(path.join(SRC, 'build'), /\.mjs$/)].flatMap((file) =>
      importsOf(file)
        .filter((imp) => imp.target.startsWith('.'))
        .map((imp) => path.resolve(path.dirname(file), imp.target))
        .filter((target) => [GRADERS, EXERCISES].some((dir) => target === dir || target.startsWith(dir + path.sep)))
        .map((target) => `${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`),
    )
    expect(outside).toEqual([])
  })

  it('src/ names no unit of the course, except in help examples', () => {
    const kinds = new Set(['lesson', 'design', 'code', 'thought', 'reflection', 'challenge'])
    const course = JSON.parse(readFileSync(path.join(EXERCISES, 'course.json'), 'utf8')) as {units: string[]}
    // A unit id that is also a kind's name (`reflection`) is a word the code may use for the kind.
    const ids = course.units.filter((id) => !kinds.has(id))
    const word = new RegExp(`(?<![\\w-])(${ids.map((id) => id.replace(/[-]/g, '\\-')).join('|')})(?![\\w-])`)
    const named = [...files, ...sourceFiles(path.join(SRC, 'build'), /\.mjs$/)].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({line, index}))
        .filter(({line}) => word.test(line) && !line.includes('<%= config.bin %>'))
        .map(({line, index}) => `${path.relative(ROOT, file)}:${index + 1}: ${line.trim().slice(0, 100)}`),
    )
    expect(named).toEqual([])
  })

  it('a grader imports only the kit, its own folder, node: built-ins and types of its own exercise', () => {
    const bad = sourceFiles(GRADERS).flatMap((file) => {
      const unit = path.relative(GRADERS, file).split(path.sep)[0]!
      const own = path.join(GRADERS, unit)
      return importsOf(file)
        .filter((imp) => {
          if (/^course\/kit(\/(driver|lab))?$/.test(imp.target) || imp.target.startsWith('node:')) return false
          if (!imp.target.startsWith('.')) return true
          const target = path.resolve(path.dirname(file), imp.target)
          if (target.startsWith(own + path.sep)) return false
          return !(imp.typeOnly && target.startsWith(path.join(EXERCISES, unit) + path.sep))
        })
        .map((imp) => `${path.relative(ROOT, file)} -> ${imp.target}`)
    })
    expect(bad).toEqual([])
  })

  it('a unit driver and a lab import only their light kits, never the grader kit', () => {
    const bad = sourceFiles(GRADERS)
      .filter((file) => /[\\/](driver\.ts|lab[\\/].*|machine\.ts|decisions\.ts)$/.test(file))
      .flatMap((file) => importsOf(file).filter((imp) => imp.target === 'course/kit' && !imp.typeOnly).map((imp) => `${path.relative(ROOT, file)} -> ${imp.target}`))
    expect(bad).toEqual([])
  })
})
