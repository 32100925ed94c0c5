import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {classify, lintEquivalents, loadEquivalents, type EquivalentRecord} from '../../src/services/mutate/equivalents.js'
import {applyMutant, keyOf, mutantDiff, originalText, type MutantSpec} from '../../src/services/mutate/mutant.js'
import {percent, summarise} from '../../src/services/mutate/summary.js'

/**
 * The pieces of `course dev mutate` that need no Stryker run: applying a mutant to a clean copy,
 * the text-only key that equivalence records match on, and the score. The full run takes minutes
 * and stays out of this suite (npm run mutate).
 */
const SOURCE = ['export function pick(list: number[]): number {', '  if (list.length === 0) throw new RangeError("empty")', '  return list[0] + 1', '}', ''].join('\n')

/** Stryker's API counts lines and columns from 0. */
const condition: MutantSpec = {id: '1', mutator: 'ConditionalExpression', replacement: 'false', location: {start: {line: 1, column: 6}, end: {line: 1, column: 23}}}
const plus: MutantSpec = {id: '2', mutator: 'ArithmeticOperator', replacement: 'list[0] - 1', location: {start: {line: 2, column: 9}, end: {line: 2, column: 20}}}

describe('mutants', () => {
  it('applies one mutant to the reference text, nothing else', () => {
    expect(originalText(SOURCE, condition.location)).toBe('list.length === 0')
    expect(applyMutant(SOURCE, condition).split('\n')[1]).toBe('  if (false) throw new RangeError("empty")')
    expect(applyMutant(SOURCE, plus).split('\n')).toEqual([...SOURCE.split('\n').slice(0, 2), '  return list[0] - 1', ...SOURCE.split('\n').slice(3)])
  })

  it('keys a mutant by its text, so moving the code does not change the key', () => {
    const moved = `// a new first line\n${SOURCE.replace('  return', '      return')}`
    const movedPlus: MutantSpec = {...plus, location: {start: {line: 3, column: 13}, end: {line: 3, column: 24}}}
    expect(keyOf(moved, movedPlus)).toEqual(keyOf(SOURCE, plus))
    expect(keyOf(SOURCE, plus)).toEqual({mutator: 'ArithmeticOperator', line: 'return list[0] + 1', original: 'list[0] + 1', replacement: 'list[0] - 1'})
  })

  it('shows a mutant as a small diff of the lines it touches', () => {
    expect(mutantDiff(SOURCE, condition, 'ref.ts').split('\n')).toEqual([
      '--- ref.ts:2',
      '+++ ref.ts:2 (ConditionalExpression)',
      '@@ -2,1 +2,1 @@',
      '-  if (list.length === 0) throw new RangeError("empty")',
      '+  if (false) throw new RangeError("empty")',
    ])
  })
})

describe('equivalence records', () => {
  const record = (over: Partial<EquivalentRecord> = {}): EquivalentRecord => ({...keyOf(SOURCE, plus), reason: 'the result is only ever compared with itself', ...over})

  it('matches survivors by key, whitespace folded, and reports the records that match nothing', () => {
    const survivor = {item: 'plus', key: keyOf(SOURCE, plus)}
    const spaced = record({line: '   return   list[0] + 1 '})
    const gone = record({replacement: 'list[0] * 1'})
    const killedNow = record({...keyOf(SOURCE, condition)})
    const {matches, stale} = classify([spaced, gone, killedNow], [survivor], [keyOf(SOURCE, plus), keyOf(SOURCE, condition)])
    expect(matches.get('plus')).toBe(spaced)
    expect(stale).toEqual([
      {record: gone, why: 'gone'},
      {record: killedNow, why: 'killed'},
    ])
  })

  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-mutate-test-'))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('reads the records of a grader folder and validates them for dev check', () => {
    mkdirSync(path.join(dir, 'good'))
    mkdirSync(path.join(dir, 'bad'))
    mkdirSync(path.join(dir, 'none'))
    writeFileSync(path.join(dir, 'good', 'equivalent-mutants.json'), JSON.stringify({unit: 'good', mutants: [record()]}))
    writeFileSync(path.join(dir, 'bad', 'equivalent-mutants.json'), JSON.stringify({unit: 'elsewhere', mutants: [{...record(), reason: undefined}]}))
    expect(loadEquivalents(dir, 'good')).toEqual([record()])
    expect(loadEquivalents(dir, 'none')).toEqual([])
    expect(() => loadEquivalents(dir, 'bad')).toThrow(/reason must be a string/)
    const problems = lintEquivalents(dir)
    expect(problems.map((p) => p.file)).toEqual(['graders/bad/equivalent-mutants.json'])
    expect(problems[0]!.message).toMatch(/reason/)
  })
})

describe('the score', () => {
  it('is killed / (killed + survived), equivalents and ignored mutants left out', () => {
    const counts = summarise([{status: 'killed'}, {status: 'killed'}, {status: 'killed'}, {status: 'survived'}, {status: 'equivalent'}, {status: 'ignored'}])
    expect(counts).toEqual({killed: 3, survived: 1, equivalent: 1, ignored: 1, total: 6, score: 0.75})
    expect(summarise([{status: 'equivalent'}]).score).toBe(1)
  })

  it('never shows 100 % while a mutant survives', () => {
    expect(percent(999 / 1000)).toBe('99.9 %')
    expect(percent(9999 / 10000)).toBe('99.9 %')
    expect(percent(1)).toBe('100.0 %')
  })
})
