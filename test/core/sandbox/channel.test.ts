import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ChannelViolation, FrameReader, frame} from '../../../src/core/sandbox/frames.js'
import {parseChildFrame} from '../../../src/core/sandbox/protocol.js'
import {runSandboxed} from '../../../src/core/sandbox/run.js'

/**
 * The channel between the grader and a sandboxed child: learner code shares the child's process,
 * so it can write anything to the channel. Whatever it writes, the grader must neither crash nor
 * wait forever, and nothing it writes may pass for the harness's reply.
 */
const limits = {maxFrameBytes: 1024, maxTotalBytes: 4096}

describe('FrameReader', () => {
  it('cuts a stream into frames however the bytes arrive', () => {
    const bytes = Buffer.concat([frame(Buffer.from('one')), frame(Buffer.from('')), frame(Buffer.from('three'))])
    const reader = new FrameReader(limits)
    const frames = [...bytes].flatMap((byte) => reader.push(Buffer.from([byte])))
    expect(frames.map(String)).toEqual(['one', '', 'three'])
    expect(reader.partial).toBe(false)
  })

  it('refuses a frame longer than the limit as soon as its length is read', () => {
    const reader = new FrameReader(limits)
    expect(() => reader.push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(ChannelViolation)
  })

  it('refuses more bytes in all than the limit', () => {
    const reader = new FrameReader(limits)
    expect(() => {
      for (let i = 0; i < 10; i++) reader.push(frame(Buffer.alloc(1000)))
    }).toThrow(/more than/)
  })
})

describe('parseChildFrame', () => {
  it('accepts what the harness sends and decodes the output', () => {
    const reply = parseChildFrame(Buffer.from(JSON.stringify({type: 'result', nonce: 'n', id: 2, output: {a: [1, {$course: 'undefined'}, {$course: 'number', value: 'NaN'}]}, ms: 3})))
    expect(reply).toEqual({type: 'result', nonce: 'n', id: 2, output: {a: [1, undefined, Number.NaN]}, ms: 3})
  })

  it.each([
    ['not JSON', '}{'],
    ['an array', '[]'],
    ['an unknown type', '{"type":"ready","nonce":"n"}'],
    ['an unknown key', '{"type":"loaded","nonce":"n","handle":1}'],
    ['a missing nonce', '{"type":"loaded"}'],
    ['a fractional id', '{"type":"result","nonce":"n","id":1.5,"output":1,"ms":0}'],
    ['both output and error', '{"type":"result","nonce":"n","id":1,"output":1,"error":"x","ms":0}'],
    ['an unknown tag', '{"type":"result","nonce":"n","id":1,"output":{"$course":"proxy"},"ms":0}'],
    ['a malformed map', '{"type":"result","nonce":"n","id":1,"output":{"$course":"map","value":5},"ms":0}'],
    ['a tag with extra keys', '{"type":"result","nonce":"n","id":1,"output":{"$course":"undefined","x":1},"ms":0}'],
    ['a huge bigint', `{"type":"result","nonce":"n","id":1,"output":{"$course":"bigint","value":"${'9'.repeat(5000)}"},"ms":0}`],
    ['nesting deeper than the harness sends', `{"type":"result","nonce":"n","id":1,"output":${'['.repeat(200)}${']'.repeat(200)},"ms":0}`],
  ])('refuses %s', (_name, text) => {
    expect(() => parseChildFrame(Buffer.from(text))).toThrow(ChannelViolation)
  })

  it('keeps a `__proto__` key as a plain key', () => {
    const reply = parseChildFrame(Buffer.from('{"type":"result","nonce":"n","id":0,"output":{"__proto__":{"polluted":true}},"ms":0}'))
    const output = (reply as {output: Record<string, unknown>}).output
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('either accepts or refuses any bytes, and never fails otherwise', () => {
    const check = (bytes: Uint8Array) => {
      try {
        parseChildFrame(Buffer.from(bytes))
      } catch (error) {
        expect(error).toBeInstanceOf(ChannelViolation)
      }
    }
    fc.assert(fc.property(fc.uint8Array({maxLength: 200}), check), {numRuns: 500})
    fc.assert(fc.property(fc.jsonValue(), (value) => check(Buffer.from(JSON.stringify({type: 'result', nonce: 'n', id: 0, output: value, ms: 0})))), {numRuns: 500})
  })
})

/** A module whose one function writes `bytes` (given as an expression) to descriptor 3, then returns. */
const writer = (expression: string) => `import {writeSync} from 'node:fs'\nexport function attack() { writeSync(3, ${expression}); return 'done' }\nexport function ok() { return 'fine' }`
const attack = {steps: [{call: 'attack'}]}
const ok = {steps: [{call: 'ok'}]}

describe('a child that writes to the channel itself', () => {
  it.each([
    ['garbage bytes', `Buffer.from('garbage without a header, then more garbage')`, "wrote to the grader's channel"],
    ['a length far past the limit', `Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3])`, 'over the 8 MB limit'],
    ['an endless line of bytes', `(() => { const chunk = Buffer.alloc(1 << 20, 0x7b); for (let i = 0; i < 80; i++) writeSync(3, chunk); return chunk })()`, "wrote to the grader's channel"],
  ])('is stopped when it writes %s, and the grader goes on', async (_name, expression, reason) => {
    const run = await runSandboxed({code: writer(expression), driver: 'script', cases: [{id: 0, input: attack}, {id: 1, input: ok}]})
    expect(run.outcomes[0]).toMatchObject({kind: 'crashed', reason: expect.stringContaining(reason)})
    expect(run.outcomes[1]).toMatchObject({kind: 'not-run'})
  })

  it('cannot pass a reply off as the harness’s under a guessed nonce', async () => {
    const forged = `(() => { const p = Buffer.from(JSON.stringify({type: 'result', nonce: 'guess', id: 0, output: {results: [{value: 'forged'}]}, ms: 0})); const h = Buffer.alloc(4); h.writeUInt32BE(p.length); return Buffer.concat([h, p]) })()`
    const run = await runSandboxed({code: writer(forged), driver: 'script', cases: [{id: 0, input: attack}, {id: 1, input: ok}]})
    expect(run.outcomes).toMatchObject([
      {kind: 'output', output: {results: [{value: 'done'}]}},
      {kind: 'output', output: {results: [{value: 'fine'}]}},
    ])
  })

  it('has no IPC channel to send handles over', async () => {
    const code = `export function probe() { return [typeof process.send, typeof process.channel, process.connected ?? null] }`
    const run = await runSandboxed({code, driver: 'script', cases: [{id: 0, input: {steps: [{call: 'probe'}]}}]})
    expect(run.outcomes[0]).toMatchObject({kind: 'output', output: {results: [{value: ['undefined', 'undefined', null]}]}})
  })

  it('times out when it reads the channel itself to steal the grader’s messages', async () => {
    const code = `import {readSync} from 'node:fs'\nreadSync(3, Buffer.alloc(4))\nexport const ok = () => 1`
    const run = await runSandboxed({code, driver: 'script', limits: {loadTimeoutMs: 500}, cases: [{id: 0, input: ok}]})
    expect(run.loadError).toMatch(/took too long/)
  })
})
