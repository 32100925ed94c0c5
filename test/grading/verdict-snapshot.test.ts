import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findUnit, loadCourse} from '../../src/core/catalog/load.js'
import {gradeOne, loadUnitGrader} from '../../src/services/grading-context.js'
import {materialise, submissionFixtures} from '../helpers/fixtures.js'
import {tempDir} from '../helpers/temp.js'
import {parse, stringify} from 'yaml'

// Refactoring aid, skipped unless VERDICTS=record|compare: every case's status for the
// reference, the starter and every fixture of a unit, under several secrets, and for design units
// the reference document perturbed one field at a time. Record before changing a grader, compare
// after: `VERDICTS=record UNITS=web-crawler npx vitest run … test/grading/verdict-snapshot.test.ts`.
const MODE = process.env.VERDICTS
const UNITS = (process.env.UNITS ?? '').split(',').filter(Boolean)
const OUT = process.env.VERDICTS_FILE ?? path.join(tmpdir(), 'course-verdicts')
const SECRETS = ['s1', 's2', 's3', 's4']

describe.skipIf(!MODE)('verdict snapshot', () => {
  it.each(UNITS)('%s', async (unitId) => {
    const unit = findUnit(loadCourse(), unitId)
    const grader = await loadUnitGrader(unit)
    const subjects: Array<[string, (dir: string) => void]> = [
      ['reference', (dir) => materialise({unit: unitId, name: 'r', dir: path.join(unit.dir, 'reference'), expected: {status: 'pass'}}, dir)],
      ['starter', (dir) => materialise({unit: unitId, name: 's', dir: path.join(unit.dir, 'starter'), expected: {status: 'pass'}}, dir)],
      ...submissionFixtures()
        .filter((f) => f.unit === unitId)
        .map((f) => [f.name, (dir: string) => materialise(f, dir)] as [string, (dir: string) => void]),
    ]
    // Design units: the reference document perturbed one leaf at a time.
    const document = grader.definition.document?.entry
    if (document && existsSync(path.join(unit.dir, 'reference', document))) {
      const original = parse(readFileSync(path.join(unit.dir, 'reference', document), 'utf8')) as unknown
      const leaves: Array<Array<string | number>> = []
      const walk = (node: unknown, at: Array<string | number>) => {
        if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, Array.isArray(node) ? Number(k) : k])
        else leaves.push(at)
      }
      walk(original, [])
      const variants: Array<[string, (value: unknown) => unknown]> = [
        ['delete', () => undefined],
        ['double', (v) => (typeof v === 'number' ? v * 2 : typeof v === 'string' ? v.replace(/\d+(\.\d+)?/, (n) => String(Number(n) * 2)) : v)],
        ['tenth', (v) => (typeof v === 'number' ? v / 10 : typeof v === 'string' ? v.replace(/\d+(\.\d+)?/, (n) => String(Number(n) / 10)) : v)],
        ['x', () => 'x'],
      ]
      for (const leaf of leaves) {
        for (const [label, change] of variants) {
          const copy = structuredClone(original) as Record<string | number, unknown>
          let node = copy as Record<string | number, unknown>
          for (const key of leaf.slice(0, -1)) node = node[key] as Record<string | number, unknown>
          const last = leaf[leaf.length - 1]!
          const next = change(node[last])
          if (next === undefined) {
            if (Array.isArray(node)) node.splice(Number(last), 1)
            else delete node[last]
          } else node[last] = next
          subjects.push([`perturbed ${leaf.join('/')} ${label}`, (dir) => {
            materialise({unit: unitId, name: 'r', dir: path.join(unit.dir, 'reference'), expected: {status: 'pass'}}, dir)
            writeFileSync(path.join(dir, document), stringify(copy))
          }])
        }
      }
    }
    const verdicts: Record<string, Record<string, string>> = {}
    for (const [name, write] of subjects) {
      for (const secret of name.startsWith('perturbed') ? SECRETS.slice(0, 1) : SECRETS) {
        const dir = path.join(tempDir(), unitId)
        write(dir)
        const result = await gradeOne(grader, {dir, learner: `learner-${secret}`, mode: 'grade', secret})
        verdicts[`${name} @${secret}`] = Object.fromEntries([['_status', `${result.status} ${result.score}/${result.max_score}`], ...result.cases.map((c) => [c.name, c.status])])
      }
    }
    const file = `${OUT}-${unitId}.json`
    if (MODE === 'record') writeFileSync(file, JSON.stringify(verdicts, null, 1))
    else {
      expect(existsSync(file)).toBe(true)
      expect(verdicts).toEqual(JSON.parse(readFileSync(file, 'utf8')))
    }
  }, 600_000)
})
