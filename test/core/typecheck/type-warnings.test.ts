import {copyFileSync, cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findUnit, loadCourse, referenceDir, starterDir} from '../../../src/core/catalog/load.js'
import {typeWarnings} from '../../../src/core/typecheck/type-warnings.js'
import {tempDir} from '../../helpers/temp.js'

/** A unit's reference beside its starter's examples, as a learner's finished folder holds them. */
function solvedFolder(unit: string): {folder: string; files: string[]} {
  const found = findUnit(loadCourse(), unit)
  const folder = tempDir()
  cpSync(referenceDir(found), folder, {recursive: true})
  copyFileSync(path.join(starterDir(found), 'examples.test.ts'), path.join(folder, 'examples.test.ts'))
  return {folder, files: [...found.files.reference, 'examples.test.ts']}
}

describe('typeWarnings', () => {
  it('finds nothing in the load-balancer reference and its examples, and says what it cost', async () => {
    const {folder, files} = solvedFolder('load-balancer')
    await typeWarnings(folder, files)
    const started = performance.now()
    const warnings = await typeWarnings(folder, files)
    const ms = performance.now() - started
    expect(warnings).toEqual([])
    // Measured where the course is developed: about 1 s with TypeScript already loaded.
    console.info(`type check of the load-balancer reference: ${Math.round(ms)} ms`)
  }, 60_000)

  it('locates `let i: string = 0` in a learner file', async () => {
    const {folder, files} = solvedFolder('load-balancer')
    const entry = path.join(folder, 'load-balancer.ts')
    const lines = readFileSync(entry, 'utf8').split('\n')
    writeFileSync(entry, [...lines.slice(0, 20), '  let i: string = 0', ...lines.slice(20)].join('\n'))
    const warnings = await typeWarnings(folder, files)
    expect(warnings).toEqual([{file: 'load-balancer.ts', line: 21, column: 7, code: 2322, message: "Type 'number' is not assignable to type 'string'."}])
  }, 60_000)

  it('checks the untouched starters of every code unit clean', async () => {
    const codeUnits = loadCourse().units.filter((u) => u.files.starter.some((f) => f.endsWith('.ts')))
    for (const unit of codeUnits) {
      const folder = tempDir()
      cpSync(starterDir(unit), folder, {recursive: true})
      expect(await typeWarnings(folder, unit.files.starter), unit.id).toEqual([])
    }
  }, 120_000)

  it('reports a missing export the examples import, in the examples file', async () => {
    const {folder, files} = solvedFolder('mapreduce')
    const entry = path.join(folder, 'mapreduce.ts')
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('export function tokenize(', 'function tokenize('))
    const warnings = await typeWarnings(folder, files)
    expect(warnings.length).toBeGreaterThan(0)
    expect(warnings.every((w) => w.file === 'examples.test.ts' && w.line > 0 && w.column > 0)).toBe(true)
    expect(warnings[0]!.message).toMatch(/tokenize/)
  }, 60_000)

  it('ignores files that are not TypeScript and needs none to run', async () => {
    const folder = tempDir()
    writeFileSync(path.join(folder, 'design.yaml'), 'a: 1\n')
    expect(await typeWarnings(folder, ['design.yaml'])).toEqual([])
  })
})
