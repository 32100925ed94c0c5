/**
 * The sandboxed child's entry (bundled on its own as dist/sandbox/harness.js, the only file the
 * child may read). It receives the learner's bundled module over IPC, imports it from a data:
 * URL, runs each case through the named driver and sends back the encoded output. It keeps its
 * own references to what it needs before any learner code runs, so patched globals cannot
 * silence it; what learner code does to its own results is judged in the parent.
 */
import type {ChildMessage, ParentMessage} from './protocol.js'
import {DRIVERS} from './drivers.js'
import {decode, encode} from './values.js'

const send = process.send?.bind(process)
const now = performance.now.bind(performance)
const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const exit = process.exit.bind(process)

/**
 * Graded code must be deterministic: time and randomness come in as parameters. Taking the clock
 * or Math.random away before the learner's module loads makes a slip fail loudly, with a message
 * that says what to do, instead of making a grade differ between two runs.
 */
function freezeClockAndRandom(): void {
  Math.random = () => {
    throw new Error('Math.random is disabled in graded code: take randomness from a parameter')
  }
  const RealDate = Date
  class GradedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) throw new Error('new Date() is disabled in graded code: take the time (now) from a parameter')
      super(...(args as [number]))
    }
    static override now(): number {
      throw new Error('Date.now() is disabled in graded code: take the time (now) from a parameter')
    }
  }
  globalThis.Date = GradedDate as DateConstructor
}

let module: Record<string, unknown> | undefined
let driverName = 'script'

function reply(message: ChildMessage): void {
  send?.(message)
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

process.on('message', async (raw: ParentMessage) => {
  if (raw.type === 'load') {
    driverName = raw.driver
    freezeClockAndRandom()
    try {
      module = (await import(`data:text/javascript;base64,${toBase64(raw.code)}`)) as Record<string, unknown>
      reply({type: 'loaded', nonce: raw.nonce})
    } catch (error) {
      reply({type: 'loaded', nonce: raw.nonce, error: describe(error)})
    }
    return
  }
  if (raw.type === 'case') {
    const started = now()
    const driver = DRIVERS[driverName]
    try {
      if (!module || !driver) throw new Error(module ? `unknown driver ${driverName}` : 'the module did not load')
      const output = await driver(module, decode(raw.input))
      reply({type: 'result', nonce: raw.nonce, id: raw.id, output: encode(output), ms: now() - started})
    } catch (error) {
      reply({type: 'result', nonce: raw.nonce, id: raw.id, error: describe(error), ms: now() - started})
    }
    return
  }
  if (raw.type === 'done') exit(0)
})
