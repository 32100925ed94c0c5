import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {GraderDefinition} from '../../../src/core/grading/definition.js'
import {gradeSubmission} from '../../../src/core/grading/grade.js'
import {tooSlow} from '../../../src/core/grading/speed.js'
import {tempDir} from '../../helpers/temp.js'

/** The same answer three ways: in a loop (the reference), in a quadratic double loop, and wrong. */
const FAST = 'export function total(n: number): number {\n  let sum = 0\n  for (let i = 0; i < n; i++) sum += i\n  return sum\n}\n'
const QUADRATIC = 'export function total(n: number): number {\n  let sum = 0\n  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) if (j === i) sum += i\n  return sum\n}\n'
const WRONG = 'export function total(n: number): number {\n  return n\n}\n'

const N = 40_000
const grader: GraderDefinition = {
  format_version: 1,
  unit: 'speedy',
  version: '1.0.0',
  code: {entry: 'total.ts'},
  limits: {caseTimeoutMs: 20_000},
  cases: [
    {
      name: 'total-linear-time',
      title: 'total takes linear time',
      points: 1,
      visibility: 'hidden',
      check: 'script',
      input: {steps: [{call: 'total', args: [N]}]},
      expect: {results: [{value: (N * (N - 1)) / 2}]},
      speed: {factor: 10, floorMs: 100},
      failure: 'total must take time linear in n.',
      hint: 'One loop is enough.',
    },
  ],
}

function folder(source: string): string {
  const dir = tempDir()
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'total.ts'), source)
  return dir
}

describe('a speed case', () => {
  const reference = folder(FAST)
  const grade = (source: string) => gradeSubmission({grader, module: {}, referenceDir: reference, dir: folder(source), learner: 'l', mode: 'grade', secret: 's'})

  it('passes a solution of the stated complexity and fails a slower one that gives the same answers, saying which', async () => {
    const fast = await grade(FAST)
    expect(fast.cases[0]!.status, fast.cases[0]!.feedback).toBe('passed')
    const slow = await grade(QUADRATIC)
    expect(slow.cases[0]!.status).toBe('failed')
    expect(slow.cases[0]!.feedback).toMatch(/the answers are right, but it took \d+ ms where the reference takes/)
    const wrong = await grade(WRONG)
    expect(wrong.cases[0]!.feedback).not.toMatch(/answers are right/)
  }, 60_000)

  it('is not enforced without a reference, and says so', async () => {
    const result = await gradeSubmission({grader, module: {}, dir: folder(QUADRATIC), learner: 'l', mode: 'grade', secret: 's'})
    expect(result.cases[0]!.status).toBe('passed')
    expect(result.sandbox.warnings).toContain('no reference to time, so no speed limit was applied')
  }, 60_000)

  it('allows factor × the reference, and never less than the floor', () => {
    const definition = grader.cases[0]!
    expect(tooSlow(definition, 99, new Map([['total-linear-time', 1]]))).toBeUndefined()
    expect(tooSlow(definition, 101, new Map([['total-linear-time', 1]]))).toContain('the limit is 100 ms')
    expect(tooSlow(definition, 199, new Map([['total-linear-time', 20]]))).toBeUndefined()
    expect(tooSlow(definition, 5000, new Map())).toBeUndefined()
  })
})

describe('a reference that does not answer the speed case right', () => {
  it('sets no limit: its time is not a measure of the stated complexity', async () => {
    const stub = folder('export function total(n: number): number {\n  return 0\n}\n')
    const result = await gradeSubmission({grader, module: {}, referenceDir: stub, dir: folder(QUADRATIC), learner: 'l', mode: 'grade', secret: 's'})
    expect(result.cases[0]!.status).toBe('passed')
    expect(result.sandbox.warnings.join('\n')).toContain('the reference gave no right answer for total-linear-time')
  }, 60_000)
})
