/**
 * The little languages the work-stealer's cases are written in, read the same way by the driver
 * (inside the sandbox) and by the checks (which run the model on the same text). Compact on
 * purpose: a long deque case holds hundreds of thousands of operations.
 *
 * Deque operations, comma-separated:
 *   p       pushBottom of the next task (ids count up from 0 across all deques of the case)
 *   b       popBottom
 *   z       size
 *   s<k>    stealTop(k), k any number: s2, s0, s-3, s2.5
 *   d<i>    work on deque i from now on (a new one from createDeque when first used); deque 0 at the start
 * Any of p, b, z and s<k> may end in `*<n>`: the same operation n times in a row (`p*100000`), so
 * a speed case spends its time in the deque, not in reading its own input.
 */

export type DequeOp =
  | {readonly kind: 'push'; readonly times: number}
  | {readonly kind: 'pop'; readonly times: number}
  | {readonly kind: 'size'; readonly times: number}
  | {readonly kind: 'steal'; readonly count: number; readonly times: number}
  | {readonly kind: 'use'; readonly deque: number}

function bad(text: string): never {
  throw new Error(`unknown deque operation ${JSON.stringify(text.slice(0, 12))}`)
}

export function dequeOp(text: string): DequeOp {
  const star = text.indexOf('*')
  const times = star < 0 ? 1 : Number(text.slice(star + 1))
  const op = star < 0 ? text : text.slice(0, star)
  if (!Number.isInteger(times) || times < 0) bad(text)
  if (op === 'p') return {kind: 'push', times}
  if (op === 'b') return {kind: 'pop', times}
  if (op === 'z') return {kind: 'size', times}
  const value = Number(op.slice(1))
  if (op.length > 1 && Number.isFinite(value)) {
    if (op[0] === 's') return {kind: 'steal', count: value, times}
    if (op[0] === 'd' && star < 0 && Number.isInteger(value) && value >= 0) return {kind: 'use', deque: value}
  }
  return bad(text)
}

/**
 * Results folded into one number (FNV-1a over 32 bits), for a speed case: its thousands of
 * results would cost the reference more to send than its deque costs to run, and hide the
 * difference the case measures. Task ids fold as themselves, the other kinds of result as
 * markers no id takes. Not a defence against forgery (a forger can fold as well as we can).
 */
export class ResultDigest {
  private hash = 0x811c9dc5
  count = 0
  private fold(value: number): void {
    this.hash = Math.imul(this.hash ^ (value | 0), 0x01000193)
  }
  /** A task id (≥ 0), -1 for the undefined of an empty popBottom, -2 for anything else. */
  one(value: number): void {
    this.count++
    this.fold(value)
  }
  /** What stealTop returned, each element as `code` gives it, framed by their number. */
  list<T>(values: readonly T[], code: (value: T) => number): void {
    this.count++
    this.fold(-3 - values.length)
    for (let i = 0; i < values.length; i++) this.fold(code(values[i]!))
  }
  get value(): number {
    return this.hash >>> 0
  }
}

/** One situation for `chooseVictim`: `thief=2 failed=0 seed=7 sizes=0,4,0,9`. */
export interface PolicySituation {
  readonly thief: number
  readonly failedAttempts: number
  readonly seed: number
  readonly sizes: number[]
}

export function parseContext(text: string): PolicySituation {
  const fields = new Map(text.trim().split(/\s+/).map((part) => part.split('=') as [string, string]))
  const number = (key: string) => {
    const value = Number(fields.get(key))
    if (!Number.isInteger(value)) throw new Error(`a situation without an integer ${key}: ${text}`)
    return value
  }
  const sizes = (fields.get('sizes') ?? '').split(',').map(Number)
  return {thief: number('thief'), failedAttempts: number('failed'), seed: number('seed'), sizes}
}

/** `1-4,10,99` → 1, 2, 3, 4, 10, 99. */
export function parseCounts(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined]
    if (to === undefined) return [from]
    return Array.from({length: to - from + 1}, (_, i) => from + i)
  })
}
