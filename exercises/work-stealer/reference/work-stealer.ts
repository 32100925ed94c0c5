/**
 * Work stealing: a per-worker double-ended queue and the policy an idle worker follows.
 *
 * Reference solution. The simulated machine that runs it deals the task list out in static
 * blocks, lets each worker pop its own bottom, and consults `stealPolicy` whenever a worker finds
 * its own deque empty. The types and their promises are the unit's contract, in the starter's contract.ts.
 */
import type {StealPolicy, Task, WorkDeque} from '../starter/contract.ts'

export type {StealContext, StealPolicy, Task, WorkDeque} from '../starter/contract.ts'

/**
 * An empty deque. Stored as an array whose live part is items[top …]: popBottom and pushBottom
 * work at the end of the array, stealTop advances `top`. The dead prefix is dropped once it is
 * both large and more than half the array, so every operation is amortised O(1) per task moved.
 */
export function createDeque(): WorkDeque {
  let items: Task[] = []
  let top = 0

  const compact = (): void => {
    if (top === items.length) {
      items = []
      top = 0
    } else if (top > 1024 && top * 2 > items.length) {
      items = items.slice(top)
      top = 0
    }
  }

  return {
    pushBottom(task) {
      items.push(task)
    },
    popBottom() {
      if (top === items.length) return undefined
      const task = items.pop()
      compact()
      return task
    },
    stealTop(count) {
      const n = Math.min(Math.floor(count), items.length - top)
      if (!(n > 0)) return []
      const taken = items.slice(top, top + n)
      top += n
      compact()
      return taken
    },
    size() {
      return items.length - top
    },
  }
}

/**
 * Rob the worker holding the most tasks (ties: the lowest index), and take half of its deque,
 * rounded up. When every other deque is empty there is nothing to take: stay idle.
 *
 * Why the fullest victim: the simulated machine shows every deque size for free, so the best
 * victim is known; a real runtime cannot read all sizes cheaply and picks victims at random
 * (which is what the Blumofe–Leiserson bound assumes). Why half: one steal then moves as much
 * work as the victim keeps, so a worker that starts with all the work spreads it across P workers
 * in about log2 P rounds of steals instead of one steal per task.
 */
export const stealPolicy: StealPolicy = {
  chooseVictim({thief, sizes}) {
    let victim: number | undefined
    for (let i = 0; i < sizes.length; i++) {
      if (i === thief || sizes[i]! <= 0) continue
      if (victim === undefined || sizes[i]! > sizes[victim]!) victim = i
    }
    return victim
  },
  stealAmount(victimSize) {
    return Math.max(1, Math.ceil(victimSize / 2))
  },
}
