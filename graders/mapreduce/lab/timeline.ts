/**
 * The job's timeline on a small simulated cluster: map tasks on the workers (one of them a
 * straggler), each map output sent over one shared network as soon as its task finishes, a
 * barrier, then the reduce tasks. Every few seconds the master may ask `speculate` which running
 * tasks deserve a backup copy; it asks only when a worker is free and no task of the phase is
 * still waiting, since a copy needs a worker and fresh work comes first. The first copy of a task
 * to finish wins and the other is stopped.
 */
import {randomFromSeed, Simulation} from 'course/kit/driver'
import type {JobInput, Note, Span, SpeculationPolicy} from './report.js'

type Phase = 'map' | 'reduce'

interface Task {
  readonly phase: Phase
  readonly index: number
  /** Its time on an ordinary worker before noise, ms. */
  readonly workMs: number
  readonly attempts: Attempt[]
  finishedAt?: number
}

interface Attempt {
  readonly task: Task
  readonly worker: number
  readonly startMs: number
  readonly durationMs: number
  readonly backup: boolean
  endMs?: number
  killed: boolean
}

type Event = {readonly type: 'done'; readonly attempt: Attempt} | {readonly type: 'beat'} | {readonly type: 'reduce'}

/** The module's speculate, as the timeline calls it. */
export type Speculate = (tasks: ReadonlyArray<{id: string; progress: number; elapsedMs: number; speculated?: boolean}>, policy: SpeculationPolicy) => unknown

export interface TimelineWork {
  /** Each map task's and each reduce task's time on an ordinary worker, ms; each map output's size, bytes. */
  readonly mapMs: readonly number[]
  readonly reduceMs: readonly number[]
  readonly outputBytes: readonly number[]
}

export interface Timeline {
  readonly makespanMs: number
  readonly mapEndMs: number
  readonly shuffleEndMs: number
  readonly spans: Span[]
  readonly speculate: {asked: number; launched: number; wonByCopy: number; ignored: number}
  readonly notes: Note[]
}

const idOf = (task: Task) => `${task.phase === 'map' ? 'm' : 'r'}${task.index}`

/** A 32-bit seed per attempt, so noise does not depend on the order in which attempts start. */
function attemptSeed(seed: number, phase: Phase, task: number, attempt: number): number {
  let h = Math.imul(seed ^ (phase === 'map' ? 0x3c6ef372 : 0xa54ff53a), 0x9e3779b1)
  h = Math.imul(h ^ (task + 1), 0x85ebca6b)
  h = Math.imul(h ^ (attempt + 1), 0xc2b2ae35)
  return (h ^ (h >>> 15)) >>> 0
}

/** The most events a run may take: far more than any job here needs, a guard against a loop. */
const MAX_EVENTS = 1_000_000

export function runTimeline(input: JobInput, work: TimelineWork, speculate: Speculate | undefined): Timeline {
  const sim = new Simulation<Event>((event, s) => handle(event, s.now), input.seed)
  const workers: Array<Attempt | undefined> = new Array(input.workers).fill(undefined)
  const tasks = {map: work.mapMs.map((workMs, index): Task => ({phase: 'map', index, workMs, attempts: []})), reduce: work.reduceMs.map((workMs, index): Task => ({phase: 'reduce', index, workMs, attempts: []}))}
  const spans: Span[] = []
  const notes: Note[] = []
  const counts = {asked: 0, launched: 0, wonByCopy: 0, ignored: 0}
  let phase: Phase | 'over' = 'map'
  let pending = [...tasks.map]
  let networkFreeAt = 0
  let mapEndMs = 0
  let shuffleEndMs = 0
  let makespanMs = 0
  let asking = input.speculation && speculate !== undefined

  function launch(task: Task, worker: number, now: number, backup: boolean): void {
    const random = randomFromSeed(attemptSeed(input.seed, task.phase, task.index, task.attempts.length))
    const noise = 1 + input.costs.noise * (2 * random() - 1)
    const slow = worker === input.slowWorker ? input.slowdown : 1
    const attempt: Attempt = {task, worker, startMs: now, durationMs: Math.max(1, Math.round((input.costs.startMs + task.workMs * noise) * slow)), backup, killed: false}
    task.attempts.push(attempt)
    workers[worker] = attempt
    sim.schedule(attempt.durationMs, {type: 'done', attempt})
  }

  function assign(now: number): void {
    for (let w = 0; w < workers.length && pending.length > 0; w++) if (!workers[w]) launch(pending.shift()!, w, now, false)
  }

  function close(attempt: Attempt, now: number, killed: boolean): void {
    attempt.endMs = now
    attempt.killed = killed
    workers[attempt.worker] = undefined
    spans.push({lane: attempt.worker, kind: attempt.task.phase, task: attempt.task.index, startMs: attempt.startMs, endMs: now, backup: attempt.backup, killed})
  }

  function finish(attempt: Attempt, now: number): void {
    const task = attempt.task
    task.finishedAt = now
    if (attempt.backup) counts.wonByCopy++
    close(attempt, now, false)
    for (const other of task.attempts) if (other !== attempt && other.endMs === undefined) close(other, now, true)
    if (task.phase === 'map') {
      // The reducers fetch this output at once; transfers share the network one after another.
      const start = Math.max(networkFreeAt, now)
      networkFreeAt = start + Math.round(work.outputBytes[task.index]! / input.costs.bytesPerMs)
      spans.push({lane: -1, kind: 'shuffle', task: task.index, startMs: start, endMs: networkFreeAt, backup: false, killed: false})
      if (tasks.map.every((t) => t.finishedAt !== undefined)) {
        mapEndMs = now
        shuffleEndMs = networkFreeAt
        sim.at(shuffleEndMs, {type: 'reduce'})
      }
    } else if (tasks.reduce.every((t) => t.finishedAt !== undefined)) {
      makespanMs = now
      phase = 'over'
    }
  }

  /** The master's table of the phase's started tasks, as `speculate` reads it: each task's first attempt. */
  function table(now: number) {
    return tasks[phase as Phase]
      .filter((task) => task.attempts.length > 0)
      .map((task) => {
        const first = task.attempts[0]!
        if (task.finishedAt !== undefined) return {id: idOf(task), progress: 1, elapsedMs: task.finishedAt - first.startMs}
        const elapsedMs = now - first.startMs
        return {id: idOf(task), progress: Math.min(1, elapsedMs / first.durationMs), elapsedMs, speculated: task.attempts.length > 1}
      })
  }

  function ask(now: number): void {
    if (!asking || phase === 'over' || pending.length > 0 || !speculate) return
    const running = tasks[phase].filter((t) => t.attempts.length > 0 && t.finishedAt === undefined)
    if (running.length === 0 || workers.every((w) => w !== undefined)) return
    counts.asked++
    let chosen: unknown
    try {
      chosen = speculate(table(now), {...input.policy})
    } catch (error) {
      asking = false
      notes.push({call: 'speculate', problem: `threw “${error instanceof Error ? error.message : String(error)}”`, consequence: 'no more backup copies', atMs: now})
      return
    }
    if (!Array.isArray(chosen)) {
      asking = false
      notes.push({call: 'speculate', problem: `returned ${chosen === null || chosen === undefined ? String(chosen) : `a ${typeof chosen}`}, not a list of ids`, consequence: 'no more backup copies', atMs: now})
      return
    }
    for (const id of chosen) {
      const task = running.find((t) => idOf(t) === id)
      const idle = workers.indexOf(undefined)
      if (!task || task.attempts.length > 1 || idle < 0) {
        counts.ignored++
        continue
      }
      counts.launched++
      launch(task, idle, now, true)
    }
  }

  function handle(event: Event, now: number): void {
    if (event.type === 'done') {
      // A stopped attempt's own end is no event any more.
      if (event.attempt.endMs !== undefined) return
      finish(event.attempt, now)
      assign(now)
    } else if (event.type === 'reduce') {
      phase = 'reduce'
      pending = [...tasks.reduce]
      assign(now)
    } else {
      ask(now)
      if (phase !== 'over') sim.schedule(input.heartbeatMs, {type: 'beat'})
    }
  }

  assign(0)
  sim.schedule(input.heartbeatMs, {type: 'beat'})
  sim.run({maxEvents: MAX_EVENTS})
  spans.sort((a, b) => a.lane - b.lane || a.startMs - b.startMs)
  return {makespanMs, mapEndMs, shuffleEndMs, spans, speculate: counts, notes}
}
