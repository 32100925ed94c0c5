/**
 * A simulated P-worker machine running a task list with work stealing. It deals the list out in
 * static blocks (block sizes differ by at most one), each worker runs its own deque from the bottom,
 * and an idle worker consults a steal policy; the deque and the policy are given, so the same
 * machine runs a learner's code (inside the sandbox) and the course's own strategies.
 *
 * The machine keeps its own account of which tasks each deque holds, so a deque that loses,
 * duplicates or invents a task is caught where it happens.
 *
 * It runs in two places: inside the sandbox (bundled with the driver), and in the grader's process
 * and the lab, so it imports only the driver's kit and the unit's contract.
 */
import {Simulation} from 'course/kit/driver'
import type {StealContext, StealPolicy, Task, WorkDeque} from '../../exercises/work-stealer/starter/contract.js'

export type {StealContext, StealPolicy, Task}
/** The machine's name for the learner's deque. */
export type Deque = WorkDeque

export interface MachineOptions {
  readonly costs: readonly number[]
  readonly workers: number
  readonly seed: number
  /** Time a successful steal takes before the thief starts a stolen task. */
  readonly stealCost?: number
  /** First wait after a failed attempt; it doubles with each failure in a row, up to 64 times. */
  readonly retryDelay?: number
  /** A guard against a policy that never lets the run end. */
  readonly maxEvents?: number
}

export interface MachineRun {
  readonly makespan: number
  /** Per task (by id): the worker that ran it and when it started. */
  readonly worker: number[]
  readonly start: number[]
  readonly steals: number
  readonly failedSteals: number
  readonly events: number
  /** Why the run stopped early, when it did: the policy or the deque broke a rule. */
  readonly error?: string
}

type MachineEvent = {readonly kind: 'done'; readonly worker: number} | {readonly kind: 'idle'; readonly worker: number}

/** Block w of n tasks over p workers: the first n mod p blocks get one more. */
export function blockBounds(n: number, p: number, w: number): [number, number] {
  const base = Math.floor(n / p)
  const extra = n % p
  const start = w * base + Math.min(w, extra)
  return [start, start + base + (w < extra ? 1 : 0)]
}

class RuleBroken extends Error {}

/**
 * The machine's messages as a hidden case may show them. A run's error comes back from the
 * learner's process, so every byte of it is the learner's to choose: a hidden case shows only
 * the fixed sentence of the rule whose message it matches, never the message itself (whose ids
 * and sizes describe the hidden input).
 */
const RULES_IN_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^popBottom returned .*, which deque \d+ does not hold$/, 'popBottom returned a task its own deque does not hold'],
  [/^stealTop returned .*, which deque \d+ does not hold$/, 'stealTop returned a task the victim\'s deque does not hold'],
  [/^task \d+ would run twice$/, 'a task would run twice'],
  [/^chooseVictim returned .*; expected another worker's index or undefined$/, "chooseVictim returned something other than another worker's index or undefined"],
  [/^stealAmount\(\d+\) returned .*; expected an integer from 1 to \d+$/, "stealAmount returned something other than a whole number from one to the victim's size"],
  [/^stealTop\(\d+\) returned .* tasks from a deque of \d+$/, 'stealTop returned no tasks, or more than it was asked for'],
  [/^popBottom returned .*, but the newest task its deque holds is .*$/, 'popBottom did not return the newest task its deque holds'],
  [/^stealTop\(\d+\) returned .*, but the oldest tasks its deque holds, oldest first, are .*$/, 'stealTop did not return the oldest tasks its deque holds, oldest first'],
  [/^\d+ tasks? never ran \(the run did not settle\)$/, 'some tasks never ran (the run did not settle)'],
  [/^the policy or the deque threw: /s, 'the policy or the deque threw an error'],
]

/** A run's error as a hidden case shows it: the broken rule in fixed words, nothing the learner wrote. */
export function machineErrorInWords(error: string): string {
  for (const [pattern, words] of RULES_IN_WORDS) if (pattern.test(error)) return words
  return 'the machine stopped early'
}

export function runMachine(options: MachineOptions, createDeque: () => Deque, policy: StealPolicy): MachineRun {
  const {costs, workers: p} = options
  const stealCost = options.stealCost ?? 0.01
  const retryDelay = options.retryDelay ?? 0.01
  const n = costs.length
  const worker = new Array<number>(n).fill(-1)
  const start = new Array<number>(n).fill(-1)
  const deques = Array.from({length: p}, () => createDeque())
  const held = Array.from({length: p}, () => new Set<number>())
  const failed = new Array<number>(p).fill(0)
  let remaining = n
  let makespan = 0
  let steals = 0
  let failedSteals = 0
  let error: string | undefined

  const take = (task: Task | undefined, from: number, via: string): Task => {
    if (!task || typeof task.id !== 'number' || !held[from]!.has(task.id)) {
      throw new RuleBroken(`${via} returned ${task === undefined ? 'nothing' : `task ${String(task?.id)}`}, which deque ${from} does not hold`)
    }
    held[from]!.delete(task.id)
    return costs[task.id] === task.cost ? task : {id: task.id, cost: costs[task.id]!}
  }

  const run = (w: number, task: Task, sim: Simulation<MachineEvent>, delay = 0) => {
    if (worker[task.id] !== -1) throw new RuleBroken(`task ${task.id} would run twice`)
    worker[task.id] = w
    start[task.id] = sim.now + delay
    sim.schedule(delay + task.cost, {kind: 'done', worker: w})
  }

  const next = (w: number, sim: Simulation<MachineEvent>) => {
    const own = deques[w]!
    if (held[w]!.size > 0) {
      run(w, take(own.popBottom(), w, 'popBottom'), sim)
      return
    }
    const sizes = held.map((h) => h.size)
    if (sizes.every((s) => s === 0)) return // nothing left to steal: this worker is done
    const victim = policy.chooseVictim({thief: w, sizes, random: sim.random, failedAttempts: failed[w]!})
    if (victim !== undefined && (!Number.isInteger(victim) || victim < 0 || victim >= p || victim === w)) {
      throw new RuleBroken(`chooseVictim returned ${String(victim)}; expected another worker's index or undefined`)
    }
    if (victim === undefined || sizes[victim] === 0) {
      failedSteals++
      failed[w]!++
      sim.schedule(retryDelay * Math.min(2 ** (failed[w]! - 1), 64), {kind: 'idle', worker: w})
      return
    }
    const amount = policy.stealAmount(sizes[victim]!)
    if (!Number.isInteger(amount) || amount < 1 || amount > sizes[victim]!) {
      throw new RuleBroken(`stealAmount(${sizes[victim]}) returned ${String(amount)}; expected an integer from 1 to ${sizes[victim]}`)
    }
    const stolen = deques[victim]!.stealTop(amount)
    if (!Array.isArray(stolen) || stolen.length === 0 || stolen.length > amount) {
      throw new RuleBroken(`stealTop(${amount}) returned ${Array.isArray(stolen) ? stolen.length : 'no'} tasks from a deque of ${sizes[victim]}`)
    }
    for (const task of stolen) {
      const moved = take(task, victim, 'stealTop')
      own.pushBottom(moved)
      held[w]!.add(moved.id)
    }
    steals++
    failed[w] = 0
    run(w, take(own.popBottom(), w, 'popBottom'), sim, stealCost)
  }

  const sim = new Simulation<MachineEvent>((event, s) => {
    if (event.kind === 'done') {
      remaining--
      makespan = s.now
    }
    next(event.worker, s)
  }, options.seed)

  try {
    for (let w = 0; w < p; w++) {
      const [from, to] = blockBounds(n, p, w)
      for (let id = from; id < to; id++) {
        deques[w]!.pushBottom({id, cost: costs[id]!})
        held[w]!.add(id)
      }
    }
    for (let w = 0; w < p; w++) sim.schedule(0, {kind: 'idle', worker: w})
    sim.run({maxEvents: options.maxEvents ?? 50 * n + 100_000})
    if (remaining > 0) error = `${remaining} task${remaining === 1 ? '' : 's'} never ran (the run did not settle)`
  } catch (broken) {
    if (!(broken instanceof RuleBroken)) throw broken
    error = broken.message
  }
  return {makespan, worker, start, steals, failedSteals, events: sim.events, ...(error ? {error} : {})}
}

/** The physical lower bound of any schedule: max(total work / P, longest task). */
export function lowerBound(costs: readonly number[], workers: number): number {
  let total = 0
  let longest = 0
  for (const c of costs) {
    total += c
    if (c > longest) longest = c
  }
  return Math.max(total / workers, longest)
}

/** The course's own deque: a ring buffer, O(1) at both ends. */
export function ringDeque(): Deque {
  let items: Array<Task | undefined> = new Array(16)
  let head = 0
  let count = 0
  const grow = () => {
    const next = new Array<Task | undefined>(items.length * 2)
    for (let i = 0; i < count; i++) next[i] = items[(head + i) % items.length]
    items = next
    head = 0
  }
  return {
    pushBottom(task) {
      if (count === items.length) grow()
      items[(head + count) % items.length] = task
      count++
    },
    popBottom() {
      if (count === 0) return undefined
      count--
      const index = (head + count) % items.length
      const task = items[index]
      items[index] = undefined
      return task
    },
    stealTop(amount) {
      const taken: Task[] = []
      for (let i = 0; i < Math.min(Math.floor(amount), count); i++) {
        taken.push(items[head]!)
        items[head] = undefined
        head = (head + 1) % items.length
      }
      count -= taken.length
      return taken
    },
    size: () => count,
  }
}

/**
 * Wraps a deque factory so that each deque it makes is shadowed by the course's own: every task
 * popBottom or stealTop hands out is compared with what a correct deque holding the same tasks
 * hands out, and a difference stops the run right there. The machine's own account (`held`)
 * only notices a task the deque does not hold; this also notices one taken from the wrong end or
 * in the wrong order, which would otherwise surface much later, if at all, as a schedule that
 * parts from the grader's replay.
 */
export function checkedDeques(createDeque: () => Deque): () => Deque {
  // A few ids say what went wrong; a steal of thousands would only bury it.
  const ids = (tasks: readonly Task[]) => `[${tasks.slice(0, 8).map((t) => String(t?.id)).join(', ')}${tasks.length > 8 ? `, … (${tasks.length} tasks)` : ''}]`
  return () => {
    const deque = createDeque()
    const shadow = ringDeque()
    return {
      pushBottom(task) {
        shadow.pushBottom(task)
        deque.pushBottom(task)
      },
      popBottom() {
        const task = deque.popBottom()
        const want = shadow.popBottom()
        if (task?.id !== want?.id) {
          throw new RuleBroken(`popBottom returned ${task === undefined ? 'nothing' : `task ${String(task?.id)}`}, but the newest task its deque holds is ${want === undefined ? 'none' : `task ${want.id}`}`)
        }
        return task
      },
      stealTop(count) {
        const taken = deque.stealTop(count)
        const want = shadow.stealTop(count)
        if (!Array.isArray(taken) || taken.length !== want.length || taken.some((t, i) => t?.id !== want[i]!.id)) {
          throw new RuleBroken(`stealTop(${count}) returned ${Array.isArray(taken) ? `tasks ${ids(taken)}` : 'no array'}, but the oldest tasks its deque holds, oldest first, are ${ids(want)}`)
        }
        return taken
      },
      size: () => deque.size(),
    }
  }
}

/** Never steal: the machine then runs static block partitioning. */
export const noStealing: StealPolicy = {chooseVictim: () => undefined, stealAmount: () => 1}

/** Rob the fullest deque (ties: lowest index) of half its tasks, rounded up. */
export const stealHalfFromFullest: StealPolicy = {
  chooseVictim({thief, sizes}) {
    let best: number | undefined
    sizes.forEach((size, w) => {
      if (w !== thief && size > 0 && (best === undefined || size > sizes[best]!)) best = w
    })
    return best
  },
  stealAmount: (size) => Math.ceil(size / 2),
}
