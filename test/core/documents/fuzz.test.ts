import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {loadCourse} from '../../../src/core/catalog/load.js'
import {partOf} from '../../../src/core/grading/definition.js'
import {judgeDocumentCase, readSubmittedDocument} from '../../../src/core/grading/document.js'
import {loadUnitGrader} from '../../../src/services/grading-context.js'

/**
 * Mutated design documents: every reference design, damaged in the ways hands and editors damage
 * YAML (text cut, pasted, indented, lines swapped or repeated, values replaced by odd ones). Each
 * variant goes through reading, the schema and every document check. Nothing may throw, no check
 * may fall over, and every problem reported must say where it is (file:line:column).
 */
const RUNS_PER_UNIT = 220
const LOCATED = /\.(ya?ml|json):\d+:\d+/

const ODD_VALUES = ['', '~', 'null', '[]', '{}', '-1', '0', '1e309', '.nan', 'true', '"20 furlongs"', '"banana"', '"10 videos/day/day"', "'", '&a', '*a', '!!binary x', '|', '>', '"1e400 s"', '[1, [2, [3]]]', '{a: {b: {c: 1}}}', '"∞ min"', '"20 min * "', '"import(\'x\')"']

type Mutation = (lines: string[]) => string[]

function mutation(): fc.Arbitrary<Mutation> {
  const at = fc.nat()
  return fc.oneof(
    fc.tuple(at, fc.nat({max: 6})).map(([i, n]): Mutation => (lines) => lines.toSpliced(i % lines.length, n)),
    fc.tuple(at, fc.string({unit: fc.constantFrom(...': {}[]&*!|>\'"%@`#-,\t\nabc019'.split('')), maxLength: 12})).map(([i, text]): Mutation => (lines) => {
      const index = i % lines.length
      const line = lines[index]!
      const cut = line.length === 0 ? 0 : (i >> 3) % line.length
      return lines.toSpliced(index, 1, `${line.slice(0, cut)}${text}${line.slice(cut)}`)
    }),
    fc.tuple(at, at).map(([i, j]): Mutation => (lines) => {
      const copy = [...lines]
      const [a, b] = [i % lines.length, j % lines.length]
      ;[copy[a], copy[b]] = [copy[b]!, copy[a]!]
      return copy
    }),
    at.map((i): Mutation => (lines) => lines.toSpliced(i % lines.length, 0, lines[i % lines.length]!)),
    fc.tuple(at, fc.integer({min: -4, max: 4})).map(([i, shift]): Mutation => (lines) => {
      const index = i % lines.length
      const line = lines[index]!
      return lines.toSpliced(index, 1, shift >= 0 ? `${' '.repeat(shift)}${line}` : line.replace(new RegExp(`^ {0,${-shift}}`), ''))
    }),
    fc.tuple(at, fc.constantFrom(...ODD_VALUES)).map(([i, value]): Mutation => (lines) => {
      // Replace the value of the i-th `key: value` line.
      const keyed = lines.map((line, index) => [line, index] as const).filter(([line]) => /^\s*-?\s*[\w"]+:\s*\S/.test(line))
      if (keyed.length === 0) return lines
      const [line, index] = keyed[i % keyed.length]!
      return lines.toSpliced(index, 1, line.replace(/:\s*.*$/, `: ${value}`))
    }),
    at.map((i): Mutation => (lines) => lines.slice(0, i % lines.length)),
  )
}

describe('design documents under mutation', () => {
  const course = loadCourse()
  const designs = course.units.filter((u) => u.files.schema)

  it.each(designs.map((u) => [u.id, u] as const))('%s: nothing throws, every problem is located', async (_id, unit) => {
    const grader = await loadUnitGrader(unit)
    const entry = grader.definition.document!.entry
    const reference = readFileSync(path.join(unit.dir, 'reference', entry), 'utf8').split('\n')
    const cases = grader.definition.cases.filter((c) => partOf(grader.definition, c) === 'document')
    let variants = 0
    const seen = {unreadable: 0, invalid: 0, failedCheck: 0}
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(), {minLength: 1, maxLength: 4}), async (mutations) => {
        const text = mutations.reduce((lines, mutate) => (lines.length === 0 ? lines : mutate(lines)), reference).join('\n')
        variants++
        const outcome = readSubmittedDocument(new Map([[entry, Buffer.from(text)]]), entry, grader.schema, `${unit.id}/`)
        if (!outcome.ok) {
          seen.unreadable++
          for (const line of outcome.message.split('\n')) expect(line, text).toMatch(LOCATED)
          return
        }
        if (outcome.schemaProblems.length > 0) seen.invalid++
        for (const problem of outcome.schemaProblems) {
          expect(problem.line, problem.message).toBeGreaterThanOrEqual(1)
          expect(problem.column, problem.message).toBeGreaterThanOrEqual(1)
        }
        for (const definition of cases) {
          const verdict = judgeDocumentCase(definition, outcome, grader.module, grader.scenario)
          if (verdict.passed) continue
          seen.failedCheck++
          expect(verdict.detail ?? '', `${definition.name} fell over on:\n${text}`).not.toContain('could not be checked')
          expect(verdict.detail, `${definition.name} on:\n${text}`).toMatch(LOCATED)
        }
      }),
      {numRuns: RUNS_PER_UNIT, seed: 20261125},
    )
    expect(variants).toBe(RUNS_PER_UNIT)
    // The mutations must bite in every way: unreadable text, schema problems, failing checks.
    expect(seen.unreadable).toBeGreaterThan(10)
    expect(seen.invalid).toBeGreaterThan(10)
    expect(seen.failedCheck).toBeGreaterThan(10)
  }, 120_000)
})
