import type {Encoded} from './values.js'

/**
 * Messages between the grader (parent) and the sandboxed child. The parent sends the learner's
 * bundled code once, then one case input at a time; the child answers each with the encoded
 * output or the error it threw. Every message carries the run's nonce: it ties replies to this run
 * (a stray or replayed message is ignored); it is not a secret, since learner code shares the process.
 */
export type ParentMessage =
  | {readonly type: 'load'; readonly nonce: string; readonly code: string; readonly driver: string}
  | {readonly type: 'case'; readonly nonce: string; readonly id: number; readonly input: Encoded}
  | {readonly type: 'done'; readonly nonce: string}

export type ChildMessage =
  | {readonly type: 'ready'; readonly nonce: string}
  | {readonly type: 'loaded'; readonly nonce: string; readonly error?: string}
  | {readonly type: 'result'; readonly nonce: string; readonly id: number; readonly output?: Encoded; readonly error?: string; readonly ms: number}

export function isChildMessage(value: unknown, nonce: string): value is ChildMessage {
  if (typeof value !== 'object' || value === null) return false
  const message = value as {type?: unknown; nonce?: unknown}
  return message.nonce === nonce && (message.type === 'ready' || message.type === 'loaded' || message.type === 'result')
}
