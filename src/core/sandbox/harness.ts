/**
 * The sandboxed child's entry (bundled on its own as dist/sandbox/harness.js, the only file the
 * child may read). It reads frames from the grader on its descriptor 3 (see frames.ts): the
 * learner's bundled module first, which it imports from a data: URL, then one case at a time,
 * each run through the named driver, the encoded output written back as a frame.
 *
 * It reads synchronously: between cases nothing of the learner's runs (no timer fires while the
 * harness waits), and a reply is on the wire before the next case is read. It keeps its own
 * references to what it needs before any learner code runs, so patched globals cannot silence it;
 * what learner code does to its own results is judged in the parent.
 */
import {readSync, writeSync} from 'node:fs'
import {scriptDriver, UNIT_DRIVER, type Driver} from './drivers.js'
import {FRAME_HEADER_BYTES} from './frames.js'
import {MAX_REPORTED_ERROR_CHARS, type ChildMessage, type ParentMessage} from './protocol.js'
import {decode, encode, type Encoded} from './values.js'

const CHANNEL = 3
/** The parent refuses bigger frames; an output past this is reported as an error instead. */
const MAX_REPLY_BYTES = 8 * 1024 * 1024

const cpuUsage = process.cpuUsage.bind(process)
/**
 * Processor time this process has used, in ms: what a case's duration is measured in. The clock on
 * the wall counts whatever else the machine was doing meanwhile, so a linear scan timed on a quiet
 * moment could beat a reference timed on a busy one; processor time barely moves with the load.
 */
const cpuMs = (): number => {
  const used = cpuUsage()
  return (used.user + used.system) / 1000
}
const exit = process.exit.bind(process)
const stringify = JSON.stringify
const parse = JSON.parse
const bufferFrom = Buffer.from
const allocate = Buffer.allocUnsafe
const pause = new Int32Array(new SharedArrayBuffer(4))
const later = queueMicrotask
const textOf = TextDecoder.prototype.decode.bind(new TextDecoder())

/** Characters of a case's printed output sent back with its result (the parent keeps no more). */
const PRINTED_CHARS = 2_000
let printed = ''

/**
 * Characters passed on to each of standard output and standard error at most. The parent keeps
 * far less (the grader's `outputBytes`); past this, the rest is dropped here. A stream written to a
 * pipe faster than the parent reads it queues in this process's memory, so an endless print loop
 * would end by running out of heap or by running out of time depending on how busy the machine
 * was: dropped here, it always ends the same way, by its time limit.
 */
const FORWARDED_CHARS = 1024 * 1024

/**
 * What the learner's code prints during a case is also kept for its result, so `course check` can
 * show it under a failing case. Learner code can undo this, but it would only hide its own output
 * from itself.
 */
function keepPrinted(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
  let forwarded = 0
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? textOf(chunk) : ''
    if (printed.length < PRINTED_CHARS) printed = (printed + text).slice(0, PRINTED_CHARS)
    if (forwarded >= FORWARDED_CHARS) {
      // Dropped, but the caller's callback still runs later, as the stream would have run it.
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
      if (callback) later(callback)
      return true
    }
    forwarded += text.length
    return write(chunk, ...rest)
  }) as typeof stream.write
}

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

/** Reads exactly `count` bytes, or undefined when the grader closed the channel. */
function readExactly(count: number): Buffer | undefined {
  const buffer = allocate(count)
  let filled = 0
  while (filled < count) {
    let read: number
    try {
      read = readSync(CHANNEL, buffer, filled, count - filled, null)
    } catch (error) {
      // A descriptor left non-blocking by whoever started us: wait a moment and read again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
      Atomics.wait(pause, 0, 0, 1)
      continue
    }
    if (read === 0) return undefined
    filled += read
  }
  return buffer
}

function receive(): ParentMessage | undefined {
  const header = readExactly(FRAME_HEADER_BYTES)
  if (!header) return undefined
  const payload = readExactly(header.readUInt32BE(0))
  return payload ? (parse(payload.toString('utf8')) as ParentMessage) : undefined
}

function writeAll(bytes: Buffer): void {
  let written = 0
  while (written < bytes.length) {
    try {
      written += writeSync(CHANNEL, bytes, written, bytes.length - written)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
      Atomics.wait(pause, 0, 0, 1)
    }
  }
}

function reply(message: ChildMessage): void {
  let payload = bufferFrom(stringify(message), 'utf8')
  if (payload.length > MAX_REPLY_BYTES && message.type === 'result') {
    const error = `the output is ${(payload.length / 1024 / 1024).toFixed(1)} MB; a case's output is limited to ${MAX_REPLY_BYTES / 1024 / 1024} MB`
    payload = bufferFrom(stringify({type: 'result', nonce: message.nonce, id: message.id, error, ms: message.ms}), 'utf8')
  }
  const header = allocate(FRAME_HEADER_BYTES)
  header.writeUInt32BE(payload.length, 0)
  writeAll(header)
  writeAll(payload)
}

/**
 * A thrown value in words, cut to what the grader keeps (it would cut it anyway, and a thrown
 * message of many megabytes must not make the reply bigger than a frame may be).
 */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.length > MAX_REPORTED_ERROR_CHARS ? text.slice(0, MAX_REPORTED_ERROR_CHARS) : text
}

async function main(): Promise<void> {
  let module: Record<string, unknown> | undefined
  let driver: Driver | undefined
  keepPrinted(process.stdout)
  keepPrinted(process.stderr)
  for (;;) {
    const message = receive()
    if (!message || message.type === 'done') exit(0)
    else if (message.type === 'load') {
      freezeClockAndRandom()
      try {
        const loaded = (await import(`data:text/javascript;base64,${bufferFrom(message.code, 'utf8').toString('base64')}`)) as Record<string, unknown>
        // A unit's own driver comes in the bundle, beside the learner's module (see bundle.ts).
        if (message.driver === UNIT_DRIVER) {
          module = loaded.learner as Record<string, unknown>
          driver = typeof loaded.driver === 'function' ? (loaded.driver as Driver) : undefined
        } else {
          module = loaded
          driver = scriptDriver
        }
        reply({type: 'loaded', nonce: message.nonce})
      } catch (error) {
        reply({type: 'loaded', nonce: message.nonce, error: describe(error)})
      }
    } else if (message.type === 'case') {
      const started = cpuMs()
      printed = ''
      const said = () => (printed === '' ? {} : {printed})
      try {
        if (!module || !driver) throw new Error(module ? "the unit's driver did not load" : 'the module did not load')
        const output = await driver(module, decode(message.input))
        reply({type: 'result', nonce: message.nonce, id: message.id, output: encode(output) as Encoded, ms: cpuMs() - started, ...said()})
      } catch (error) {
        reply({type: 'result', nonce: message.nonce, id: message.id, error: describe(error), ms: cpuMs() - started, ...said()})
      }
    }
  }
}

void main()
