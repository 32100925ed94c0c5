/**
 * The executable model of the deque contract (contract.ts): what every operation of a case's
 * operation list must return, and which stated rule each result tests, so a hidden case can name
 * the rule it found broken without quoting its inputs. test/grading/work-stealer-model.test.ts
 * runs it against the reference.
 */
import type {DequeResult} from './driver.js'
import {dequeOp, ResultDigest} from './ops.js'

/** The deque rules of grader.json a single result can break. */
export type DequeRule =
  | 'pop-newest'
  | 'pop-empty-undefined'
  | 'steal-oldest-first'
  | 'steal-fewer-when-fewer'
  | 'steal-fraction-floor'
  | 'steal-nonpositive-nothing'
  | 'steal-empty-nothing'
  | 'size-held'

/** The rules in words, for feedback: the property, never the case's numbers. */
export const DEQUE_RULE_TEXT: Record<DequeRule, string> = {
  'pop-newest': 'popBottom must return the newest task held (the one pushed most recently)',
  'pop-empty-undefined': 'popBottom on an empty deque must return undefined',
  'steal-oldest-first': 'stealTop(k) must remove and return the k oldest tasks, oldest first',
  'steal-fewer-when-fewer': 'stealTop(k) with k above the size must return every task held, oldest first',
  'steal-fraction-floor': 'stealTop with a fractional count must round it down',
  'steal-nonpositive-nothing': 'stealTop with a count of 0 or less must return [] and change nothing',
  'steal-empty-nothing': 'stealTop on an empty deque must return []',
  'size-held': 'size() must return the number of tasks held',
}

/** One result of the model, with what it tests. */
export interface ModelResult {
  readonly result: DequeResult
  readonly rule: DequeRule
  /** The operation, in words, for visible feedback: `stealTop(2.5) on deque 1`. */
  readonly call: string
  /** True when more than one deque has been made by then (a wrong result may come from shared state). */
  readonly shared: boolean
  /** The deque the operation was on. */
  readonly deque: number
}

type Visit = (result: number | null | number[], rule: DequeRule, call: () => string, shared: boolean, deque: number) => void

/**
 * Replays operations on plain arrays and hands each result to `visit`. The live tasks of a deque
 * are items[head …]: taking from the top moves head, so the model stays fast on the long cases
 * (a splice per steal would make it the quadratic deque those cases look for).
 */
function replayModel(ops: string, visit: Visit, owners?: number[]): void {
  const deques: Array<{items: number[]; head: number}> = []
  let made = 0
  let current = 0
  let next = 0
  for (const text of ops.split(',')) {
    const op = dequeOp(text)
    if (op.kind === 'use') {
      current = op.deque
      continue
    }
    if (!deques[current]) {
      deques[current] = {items: [], head: 0}
      made++
    }
    const deque = deques[current]!
    const where = current
    const shared = made > 1
    for (let k = 0; k < op.times; k++) {
      const held = deque.items.length - deque.head
      if (op.kind === 'push') {
        if (owners) owners[next] = where
        deque.items.push(next++)
      }
      else if (op.kind === 'pop') {
        visit(held === 0 ? null : deque.items.pop()!, held === 0 ? 'pop-empty-undefined' : 'pop-newest', () => `popBottom() on deque ${where}`, shared, where)
      } else if (op.kind === 'size') visit(held, 'size-held', () => `size() on deque ${where}`, shared, where)
      else {
        const count = op.count
        const n = Math.min(held, Math.max(0, Math.floor(count)))
        const taken = deque.items.slice(deque.head, deque.head + n)
        deque.head += n
        const rule: DequeRule =
          !(count > 0) ? 'steal-nonpositive-nothing'
          : held === 0 ? 'steal-empty-nothing'
          : !Number.isInteger(count) ? 'steal-fraction-floor'
          : count > held ? 'steal-fewer-when-fewer'
          : 'steal-oldest-first'
        visit(taken, rule, () => `stealTop(${count}) on deque ${where}`, shared, where)
      }
    }
  }
}

/** Every result a correct deque gives, each with the rule it tests, and the deque each task was pushed on. */
export function modelDeque(ops: string): ModelResult[] & {owners: number[]} {
  const out: ModelResult[] = []
  const owners: number[] = []
  replayModel(ops, (result, rule, call, shared, deque) => out.push({result, rule, call: call(), shared, deque}), owners)
  return Object.assign(out, {owners})
}

/** The results alone: a case's expected value. */
export function expectedResults(ops: string): DequeResult[] {
  const out: DequeResult[] = []
  replayModel(ops, (result) => out.push(result))
  return out
}

/** The digest a correct deque's results fold into (what the driver sends for a speed case). */
export function expectedDigest(ops: string): {digest: number; count: number} {
  const digest = new ResultDigest()
  replayModel(ops, (result) => {
    if (result === null) digest.one(-1)
    else if (Array.isArray(result)) digest.list(result, (id) => id)
    else digest.one(result)
  })
  return {digest: digest.value, count: digest.count}
}
