import {cpSync, mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {UnitMeta} from '../../src/core/catalog/model.js'
import {ROOT} from './cli.js'
import {tempDir} from './temp.js'

/** A unit's metadata with sensible defaults; tests override what they care about. */
export function unitMeta(id: string, overrides: Partial<UnitMeta> = {}): UnitMeta {
  return {
    id,
    title: `Unit ${id}`,
    kind: 'code',
    difficulty: 'beginner',
    summary: `The ${id} unit, for tests.`,
    concepts: ['testing'],
    prerequisites: [],
    estimated_minutes: 30,
    hints: ['First, a gentle nudge.', 'Second, a stronger one.', 'Third: the technique by name.'],
    files: {text: 'README.md', solution: 'solution.md', starter: ['main.ts'], reference: ['main.ts']},
    ...overrides,
  }
}

export interface FixtureUnit {
  readonly meta: UnitMeta
  /** Extra files to write, path relative to the unit folder -> content. */
  readonly files?: Record<string, string>
}

/**
 * Writes a small course into a temporary `exercises/` folder (with the real schemas) and returns
 * its path. Every file the metadata names is created unless `files` overrides it.
 */
export function writeCourse(units: readonly FixtureUnit[], title = 'Test course', scope: 'test' | 'file' = 'test'): string {
  const dir = path.join(tempDir({scope}), 'exercises')
  mkdirSync(dir, {recursive: true})
  cpSync(path.join(ROOT, 'exercises', 'schemas'), path.join(dir, 'schemas'), {recursive: true})
  writeFileSync(path.join(dir, 'course.json'), JSON.stringify({format_version: 1, title, units: units.map((u) => u.meta.id)}, null, 2))
  for (const {meta, files} of units) {
    const unitDir = path.join(dir, meta.id)
    const defaults: Record<string, string> = {
      'unit.json': JSON.stringify(meta, null, 2),
      [meta.files.text]: `# ${meta.title}\n\nThe task.\n`,
      [meta.files.solution]: `# ${meta.title}: write-up\n\nThe answer.\n`,
      ...Object.fromEntries(meta.files.starter.map((f) => [path.join('starter', f), `// starter ${f}\n`])),
      ...Object.fromEntries(meta.files.reference.map((f) => [path.join('reference', f), `// reference ${f}\n`])),
    }
    for (const [file, content] of Object.entries({...defaults, ...files})) {
      mkdirSync(path.dirname(path.join(unitDir, file)), {recursive: true})
      writeFileSync(path.join(unitDir, file), content)
    }
  }
  return dir
}
