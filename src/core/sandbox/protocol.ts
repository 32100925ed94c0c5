/**
 * Messages between the grader (parent) and the sandboxed child. The parent sends the learner's
 * bundled code once, then one case input at a time; the child answers each with the encoded
 * output or the error it threw. Every message carries the run's nonce: it ties replies to this run
 * (a stray or replayed message is ignored); it is not a secret, since learner code shares the process.
 */
import {ChannelViolation} from './frames.js'
import {decode, MalformedValue, type Encoded} from './values.js'

export type ParentMessage =
  | {readonly type: 'load'; readonly nonce: string; readonly code: string; readonly driver: string}
  | {readonly type: 'case'; readonly nonce: string; readonly id: number; readonly input: Encoded}
  | {readonly type: 'done'; readonly nonce: string}

/** A reply as the child sends it: outputs still encoded. */
export type ChildMessage =
  | {readonly type: 'loaded'; readonly nonce: string; readonly error?: string}
  | {readonly type: 'result'; readonly nonce: string; readonly id: number; readonly output?: Encoded; readonly error?: string; readonly ms: number; readonly printed?: string}

/** A reply once checked and decoded, as the parent uses it. */
export type ChildReply =
  | {readonly type: 'loaded'; readonly nonce: string; readonly error?: string}
  | {readonly type: 'result'; readonly nonce: string; readonly id: number; readonly output?: unknown; readonly error?: string; readonly ms: number; readonly printed?: string}

/** Characters kept of an error message the child reports (learner code chose it). */
export const MAX_REPORTED_ERROR_CHARS = 2_000

const KEYS: Record<ChildMessage['type'], ReadonlySet<string>> = {
  loaded: new Set(['type', 'nonce', 'error']),
  result: new Set(['type', 'nonce', 'id', 'output', 'error', 'ms', 'printed']),
}

function refuse(what: string): never {
  throw new ChannelViolation(`a message that is not the harness's (${what})`)
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') refuse(`\`${name}\` is not text`)
  return value.length > MAX_REPORTED_ERROR_CHARS ? value.slice(0, MAX_REPORTED_ERROR_CHARS) : value
}

/**
 * Checks one frame from the child against the message schema and decodes its output. The frame
 * is refused (ChannelViolation) when it is not JSON, not one of the two message kinds, has a key
 * the kind does not have, a field of the wrong type, or an output `decode` does not accept.
 */
export function parseChildFrame(payload: Buffer): ChildReply {
  let message: unknown
  try {
    message = JSON.parse(payload.toString('utf8'))
  } catch {
    refuse('not JSON')
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) refuse('not an object')
  const fields = message as Record<string, unknown>
  const type = fields.type
  if (type !== 'loaded' && type !== 'result') refuse('an unknown type')
  for (const key of Object.keys(fields)) if (!KEYS[type].has(key)) refuse(`an unknown key`)
  if (typeof fields.nonce !== 'string') refuse('no nonce')
  const error = optionalText(fields.error, 'error')
  if (type === 'loaded') return {type, nonce: fields.nonce, ...(error !== undefined ? {error} : {})}
  if (!Number.isSafeInteger(fields.id) || (fields.id as number) < 0) refuse('a case id that is not a count')
  if (typeof fields.ms !== 'number' || !Number.isFinite(fields.ms)) refuse('a duration that is not a number')
  if ((error === undefined) === (fields.output === undefined)) refuse('neither an output nor an error, or both')
  let output: unknown
  if (error === undefined) {
    try {
      output = decode(fields.output as Encoded)
    } catch (problem) {
      if (problem instanceof MalformedValue) refuse(`an output that is malformed: ${problem.message}`)
      throw problem
    }
  }
  const ms = Math.max(0, fields.ms)
  // What the learner's code printed during the case: their own text, shown back to them for visible cases only.
  const printed = optionalText(fields.printed, 'printed')
  const said = printed ? {printed} : {}
  return error === undefined ? {type, nonce: fields.nonce, id: fields.id as number, output, ms, ...said} : {type, nonce: fields.nonce, id: fields.id as number, error, ms, ...said}
}
