import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {copySubmission} from '../../../src/core/grading/intake.js'
import {bundleSubmission as bundleFiles} from '../../../src/core/sandbox/bundle.js'
import {runSandboxed} from '../../../src/core/sandbox/run.js'
import {tempDir} from '../../helpers/temp.js'

const bundleSubmission = (dir: string, entry: string) => bundleFiles(copySubmission(dir).files, entry)
const counter = `export function createCounter(start = 0) { let n = start; return {inc: () => ++n, fail() { throw new RangeError('no') }} }`
const call = (name: string) => ({steps: [{call: name}]})

describe('runSandboxed', () => {
  it('runs scripts against the module and reports values and errors per step', async () => {
    const run = await runSandboxed({
      code: counter,
      driver: 'script',
      cases: [{id: 0, input: {create: {export: 'createCounter', args: [10]}, steps: [{call: 'inc'}, {repeat: 2, call: 'inc'}, {call: 'fail'}, {call: 'nope'}]}}],
    })
    expect(run.loadError).toBeUndefined()
    expect(run.outcomes).toEqual([
      {
        id: 0,
        kind: 'output',
        ms: expect.any(Number),
        output: {results: [{value: 11}, {values: [12, 13]}, {error: 'RangeError: no'}, {error: '`nope` is not a function (it is missing)'}]},
      },
    ])
    expect(run.protections.permission_model).toBe(true)
  })

  it('kills a case that runs too long, then runs the next in a fresh child', async () => {
    const code = `export function spin() { for (;;) {} }\nexport function ok() { return 'fine' }`
    const run = await runSandboxed({code, driver: 'script', limits: {caseTimeoutMs: 300}, cases: [{id: 0, input: call('spin')}, {id: 1, input: call('ok')}]})
    expect(run.outcomes.map((o) => o.kind)).toEqual(['timeout', 'output'])
    expect(run.restarts).toBe(1)
  })

  // Linux only: elsewhere the clock applies the processor-time limit itself.
  it.runIf(existsSync('/proc/self/stat'))('counts a case\'s processor time: waiting is allowed up to twice the limit on the clock, and no longer', async () => {
    const block = (ms: string) => `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms})`
    // Atomics.wait blocks the thread without using the processor: a case that waits, not one that computes.
    const code = `export function nap() { ${block('450')}; return 'rested' }\nexport function never() { ${block('Infinity')} }`
    const run = await runSandboxed({code, driver: 'script', limits: {caseTimeoutMs: 300}, cases: [{id: 0, input: call('nap')}, {id: 1, input: call('never')}]})
    expect(run.outcomes.map((o) => o.kind)).toEqual(['output', 'timeout'])
    expect((run.outcomes[1] as {ms: number}).ms).toBeGreaterThanOrEqual(590)
  })

  it("measures a case's duration in processor time, so waiting on a busy machine does not count", async () => {
    const code = `export function nap() { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250); return 'rested' }`
    const run = await runSandboxed({code, driver: 'script', cases: [{id: 0, input: call('nap')}]})
    expect(run.outcomes[0]!.kind).toBe('output')
    // 250 ms on the clock, next to nothing on the processor.
    expect((run.outcomes[0] as {ms: number}).ms).toBeLessThan(150)
  })

  it("keeps what a case printed for its result, and ends an endless print loop by its time limit every time", async () => {
    const code = `export function chatty() { console.log('step one'); console.error('oops'); return 1 }\nexport function flood() { for (;;) console.log('x'.repeat(1000)) }\nexport function ok() { return 2 }`
    const run = await runSandboxed({code, driver: 'script', limits: {caseTimeoutMs: 1500}, cases: [{id: 0, input: call('chatty')}, {id: 1, input: call('flood')}, {id: 2, input: call('ok')}]})
    expect(run.outcomes[0]).toMatchObject({kind: 'output', printed: 'step one\noops\n'})
    // Not out of memory: the flood past what the grader keeps is dropped in the child. Without that,
    // a busy machine (a parent slow to read the pipe) made the same loop die of heap exhaustion about
    // one run in two in the hostile corpus; on a quiet one both ways pass here.
    expect(run.outcomes.map((o) => o.kind)).toEqual(['output', 'timeout', 'output'])
  })

  it('fails every remaining case when the child ends before it is done', async () => {
    const code = `export function quit() { process.exit(0) }\nexport function ok() { return 1 }`
    const run = await runSandboxed({code, driver: 'script', cases: [{id: 0, input: call('quit')}, {id: 1, input: call('ok')}]})
    expect(run.outcomes).toEqual([
      {id: 0, kind: 'crashed', reason: expect.stringContaining('exited before the grader was done')},
      {id: 1, kind: 'not-run', reason: expect.stringContaining('exited before the grader was done')},
    ])
  })

  it('reports a module that throws while loading', async () => {
    const run = await runSandboxed({code: `throw new Error('half done')`, driver: 'script', cases: [{id: 0, input: call('x')}]})
    expect(run.loadError).toBe('the module threw while loading: Error: half done')
    expect(run.outcomes).toEqual([{id: 0, kind: 'not-run', reason: run.loadError}])
  })

  it('keeps only a capped amount of output', async () => {
    const run = await runSandboxed({code: `export function talk() { for (let i = 0; i < 2000; i++) console.log('y'.repeat(100)); return 1 }`, driver: 'script', limits: {outputBytes: 1000}, cases: [{id: 0, input: call('talk')}]})
    expect(run.stdout.length).toBe(1000)
    expect(run.outputTruncated).toBe(true)
  })
})

describe('bundleSubmission', () => {
  it('bundles local imports and keeps node built-ins external', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'main.ts'), `import {twice} from './lib.ts'\nimport {createHash} from 'node:crypto'\nexport const x: number = twice(21)\nexport const h = createHash`)
    writeFileSync(path.join(dir, 'lib.ts'), `export const twice = (n: number): number => n * 2`)
    const result = await bundleSubmission(dir, 'main.ts')
    expect('code' in result && result.code).toContain('node:crypto')
  })

  it('locates syntax errors and refuses imports from outside the folder or from packages', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'sub'))
    writeFileSync(path.join(dir, 'bad.ts'), `export function f(a: number {\n  return a\n}`)
    writeFileSync(path.join(dir, 'escape.ts'), `import x from '../outside.json'\nexport default x`)
    writeFileSync(path.join(dir, 'package.ts'), `import x from 'left-pad'\nexport default x`)
    expect(await bundleSubmission(dir, 'bad.ts')).toMatchObject({problems: [{file: 'bad.ts', line: 1, column: 29, message: 'Expected ")" but found "{"'}]})
    expect(await bundleSubmission(dir, 'escape.ts')).toMatchObject({problems: [{message: "`../outside.json` is outside the submission's folder"}]})
    expect(await bundleSubmission(dir, 'package.ts')).toMatchObject({problems: [{message: expect.stringContaining('node: built-ins only')}]})
  })
})

describe('graded code is deterministic', () => {
  it('cannot read the clock or Math.random, and says what to do instead', async () => {
    const code = `export const r = () => Math.random()\nexport const now = () => Date.now()\nexport const date = () => new Date()\nexport const fixed = () => new Date(0).toISOString()`
    const run = await runSandboxed({code, driver: 'script', cases: [{id: 0, input: {steps: [{call: 'r'}, {call: 'now'}, {call: 'date'}, {call: 'fixed'}]}}]})
    expect(run.outcomes[0]).toMatchObject({
      kind: 'output',
      output: {
        results: [
          {error: 'Math.random is disabled in graded code: take randomness from a parameter'},
          {error: 'Date.now() is disabled in graded code: take the time (now) from a parameter'},
          {error: 'new Date() is disabled in graded code: take the time (now) from a parameter'},
          {value: '1970-01-01T00:00:00.000Z'},
        ],
      },
    })
  })

  it('drives several named objects and passes seeded random functions', async () => {
    const code = `export function bag() { const items = []; return {add(x) { items.push(x) }, merge(o) { items.push(...o.items()) }, items: () => [...items]} }
export function draw(random) { return [random(), random()] }`
    const input = {
      objects: {a: {export: 'bag', args: []}, b: {export: 'bag', args: []}},
      steps: [{on: 'a', call: 'add', args: [1]}, {on: 'b', call: 'add', args: [2]}, {on: 'a', call: 'merge', args: [{$object: 'b'}]}, {on: 'a', call: 'items'}, {call: 'draw', args: [{$random: 7}]}, {call: 'draw', args: [{$random: 7}]}],
    }
    const run = await runSandboxed({code, driver: 'script', cases: [{id: 0, input}]})
    const results = (run.outcomes[0] as {output: {results: Array<{value: unknown}>}}).output.results
    expect(results[3]).toEqual({value: [1, 2]})
    expect(results[4]).toEqual(results[5])
  })
})
