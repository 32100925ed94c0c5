/**
 * The course's own queue, bucket and backoff, used in place of a learner's function that cannot
 * even be created (an untouched starter throws `TODO`). A learner who has written the bucket and
 * the backoff but not yet the queue still sees their two functions at work. Only what the
 * dashboard needs is here: priorities, retries and dead letters, no dependencies and no aging.
 */
import {BucketModel, delayBefore, jitteredDelay} from '../models.js'
import type {DashboardInput} from './report.js'

export type Backoff = DashboardInput['backoff']

/** The parts of a task queue the dashboard calls; a learner's queue offers them all. */
export interface QueuePort {
  submit(task: {readonly id: string; readonly priority: number}, now: number): unknown
  next(now: number): unknown
  complete(id: string, now: number): unknown
  fail(id: string, now: number): unknown
  state(id: string): unknown
  inspect(id: string): unknown
}

export interface BucketPort {
  available(now: number): unknown
  tryTake(now: number): unknown
}

export type BackoffFunction = (retry: number, backoff: Backoff, random?: () => number) => unknown

/** The grader's own backoff model: the reference's delays, jittered when a random stream is given. */
export const courseBackoff: BackoffFunction = (retry, backoff, random) => (random ? jitteredDelay(retry, backoff, random) : delayBefore(retry, backoff))

/** The grader's own bucket model, which the learner's bucket is graded against. */
export function courseBucket(limit: DashboardInput['bucket']): BucketPort {
  return new BucketModel(limit)
}

interface Entry {
  readonly priority: number
  readonly seq: number
  state: 'waiting' | 'running' | 'done' | 'dead'
  readyAt: number
  attempts: number
}

export function courseQueue(options: {maxRetries: number; backoff: Backoff; random: () => number}, backoff: BackoffFunction): QueuePort {
  const tasks = new Map<string, Entry>()
  const waiting = new Set<string>()
  let clock = 0
  let seq = 0
  const running = (id: string): Entry => {
    const task = tasks.get(id)
    if (task?.state !== 'running') throw new Error(`task ${id} is not running`)
    return task
  }
  return {
    submit({id, priority}, now) {
      clock = Math.max(clock, now)
      tasks.set(id, {priority, seq: seq++, state: 'waiting', readyAt: now, attempts: 0})
      waiting.add(id)
    },
    next(now) {
      clock = Math.max(clock, now)
      let best: string | undefined
      let chosen: Entry | undefined
      for (const id of waiting) {
        const task = tasks.get(id)!
        if (task.readyAt > now) continue
        const better = !chosen || task.priority < chosen.priority || (task.priority === chosen.priority && (task.readyAt < chosen.readyAt || (task.readyAt === chosen.readyAt && task.seq < chosen.seq)))
        if (better) {
          best = id
          chosen = task
        }
      }
      if (best === undefined || !chosen) return undefined
      waiting.delete(best)
      chosen.state = 'running'
      chosen.attempts += 1
      return best
    },
    complete(id, now) {
      running(id).state = 'done'
      clock = Math.max(clock, now)
    },
    fail(id, now) {
      const task = running(id)
      clock = Math.max(clock, now)
      if (task.attempts > options.maxRetries) {
        task.state = 'dead'
        return
      }
      task.state = 'waiting'
      task.readyAt = now + Number(backoff(task.attempts, options.backoff, options.random))
      waiting.add(id)
    },
    state(id) {
      const task = tasks.get(id)
      if (!task) return undefined
      return task.state === 'waiting' ? (task.readyAt > clock ? 'retrying' : 'queued') : task.state
    },
    inspect(id) {
      const task = tasks.get(id)
      return task && {id, priority: task.priority, attempts: task.attempts, readyAt: task.state === 'waiting' ? task.readyAt : null}
    },
  }
}
