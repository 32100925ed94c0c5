/**
 * A worker thread of the work stealer's lab (`course run work-stealer`): it runs the tasks of one strategy as busy loops (the CPU is
 * really busy; no timers), taking them from its static block, from the shared queue, or from
 * its own deque and, when that is empty, by stealing half of the fullest other deque.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {Cell, DEQUE_CELLS, views, type Layout, type Strategy} from './layout.js'

interface Job {
  readonly strategy: Strategy
  readonly run: number
}

const {layout, index} = workerData as {layout: Layout; index: number}
const {control, deques, slots, durations, stats} = views(layout)
const {tasks: n, workers: p} = layout
const now = () => performance.now()

/** Spins for `ms` milliseconds of wall time: work that keeps a core busy (no timer, no sleep). */
function spin(ms: number): number {
  const started = now()
  let x = 0
  while (now() - started < ms) x += Math.sqrt(x + 1)
  return x
}

const LOCK = 0
const TOP = 1
const BOTTOM = 2
const cell = (w: number, which: number) => w * DEQUE_CELLS + which

function lock(w: number): void {
  while (Atomics.compareExchange(deques, cell(w, LOCK), 0, 1) !== 0) {
    // Contended only while another thread moves a few indices: spin.
  }
}

function unlock(w: number): void {
  Atomics.store(deques, cell(w, LOCK), 0)
}

/** The owner's end: the newest task (LIFO), or -1. */
function popBottom(w: number): number {
  lock(w)
  const top = deques[cell(w, TOP)]!
  const bottom = deques[cell(w, BOTTOM)]!
  let task = -1
  if (bottom > top) {
    task = slots[w * n + bottom - 1]!
    deques[cell(w, BOTTOM)] = bottom - 1
  }
  unlock(w)
  return task
}

/** The fullest other deque, read without locks (a hint; the steal itself rechecks under the lock). */
function fullestVictim(thief: number): number {
  let best = -1
  let most = 0
  for (let w = 0; w < p; w++) {
    if (w === thief) continue
    const size = Atomics.load(deques, cell(w, BOTTOM)) - Atomics.load(deques, cell(w, TOP))
    if (size > most) {
      most = size
      best = w
    }
  }
  return best
}

/** Moves half (rounded up) of the victim's oldest tasks into the thief's empty deque. */
function stealHalf(thief: number, victim: number): boolean {
  lock(victim)
  const top = deques[cell(victim, TOP)]!
  const size = deques[cell(victim, BOTTOM)]! - top
  if (size <= 0) {
    unlock(victim)
    return false
  }
  const take = Math.ceil(size / 2)
  lock(thief)
  for (let i = 0; i < take; i++) slots[thief * n + i] = slots[victim * n + top + i]!
  deques[cell(thief, TOP)] = 0
  deques[cell(thief, BOTTOM)] = take
  unlock(thief)
  deques[cell(victim, TOP)] = top + take
  unlock(victim)
  return true
}

function run(job: Job): void {
  // Everyone starts together: wait for the main thread's go.
  while (Atomics.load(control, Cell.Go) === 0) Atomics.wait(control, Cell.Go, 0, 5)
  const start = now()
  let busy = 0
  let idle = 0
  let steals = 0
  const execute = (task: number) => {
    const before = now()
    spin(durations[task]!)
    busy += now() - before
    Atomics.sub(control, Cell.Remaining, 1)
    Atomics.add(control, Cell.Finished, 1)
  }
  if (job.strategy === 'static') {
    const base = Math.floor(n / p)
    const extra = n % p
    const from = index * base + Math.min(index, extra)
    for (let t = from; t < from + base + (index < extra ? 1 : 0); t++) execute(t)
  } else if (job.strategy === 'shared-queue') {
    for (;;) {
      const t = Atomics.add(control, Cell.Next, 1)
      if (t >= n) break
      execute(t)
    }
  } else {
    for (;;) {
      const task = popBottom(index)
      if (task >= 0) {
        execute(task)
        continue
      }
      if (Atomics.load(control, Cell.Remaining) === 0) break
      const victim = fullestVictim(index)
      if (victim >= 0 && stealHalf(index, victim)) {
        steals++
        continue
      }
      // Every deque is empty: the others are running their last tasks, and no work can appear
      // any more (tasks only move between deques). Wait for the end.
      if (victim < 0) {
        const before = now()
        while (Atomics.load(control, Cell.Remaining) > 0) Atomics.wait(control, Cell.Remaining, Atomics.load(control, Cell.Remaining), 1)
        idle += now() - before
        break
      }
    }
  }
  stats[4 * index] = now() - start
  stats[4 * index + 1] = busy
  stats[4 * index + 2] = idle
  stats[4 * index + 3] = steals
  Atomics.add(control, Cell.Done, 1)
  Atomics.notify(control, Cell.Done)
}

parentPort!.on('message', (job: Job) => {
  run(job)
  parentPort!.postMessage({done: job.run})
})
