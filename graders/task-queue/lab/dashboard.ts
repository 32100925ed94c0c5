/**
 * The monitoring dashboard's run, inside the sandbox: the shop's traffic meets a pool of workers
 * through the module's queue (which decides the order, the retries and the dead letters) and its
 * token bucket (which gates every start). The queue is a model with time passed in, so the
 * simulation's clock is the `now` of every call; nothing here reads a real clock.
 *
 * The dispatcher keeps its own list of the tasks it has handed to the queue and not yet seen come
 * back, with the time the queue said each becomes ready. It needs that list to know when to ask
 * again (a retry's backoff ending), and it lets the run notice a queue that contradicts itself.
 */
import {randomFromSeed, Simulation} from 'course/kit/driver'
import {Gauges} from './gauges.js'
import {bindParts, describeError, describeValue, type Parts} from './parts.js'
import type {DashboardInput, DashboardOutput, Note} from './report.js'
import {Throttle} from './throttle.js'
import {arrivals, attemptOf, type Arrival, type Attempt} from './workload.js'

type Event =
  | {readonly type: 'arrive'; readonly arrival: Arrival}
  | {readonly type: 'end'; readonly id: string; readonly attempt: Attempt}
  | {readonly type: 'wake'}
  | {readonly type: 'sample'}

/** Raised inside the run when a call of the module makes going on meaningless. */
class Stop extends Error {}

/** How long after the window the run keeps draining before it calls the rest unfinished. */
const DRAIN_LIMIT_MS = 3_600_000
/** How often the dispatcher asks again when the module gave it no time to wait for. */
const POLL_MS = 1000

export function runDashboard(module: Record<string, unknown>, input: DashboardInput): DashboardOutput {
  const parts = bindParts(module, input, randomFromSeed(input.seed ^ 0x6a09e667))
  return new Dashboard(parts, input).run()
}

class Dashboard {
  private readonly sim: Simulation<Event>
  private readonly notes: Note[]
  private readonly gauges: Gauges
  private readonly tasks = new Map<string, {readonly arrival: Arrival; attempts: number}>()
  /** Handed to the queue and not running, done or dead: id → when the queue said it is ready. */
  private readonly waiting = new Map<string, number>()
  /** The waiting tasks whose ready time was still ahead when last looked at (retries in backoff): few, so cheap to scan. */
  private readonly later = new Map<string, number>()
  private readonly running = new Set<string>()
  private idle: number
  private tokenWakeAt = Number.NEGATIVE_INFINITY
  private readonly throttle = new Throttle()
  private readonly everHeld = new Set<string>()
  private longestHoldMs = 0
  private lastFinishMs = 0
  private readonly anomalies = {early: 0, idleWhileReady: 0, refusedToken: 0}

  constructor(
    private readonly parts: Parts,
    private readonly input: DashboardInput,
  ) {
    this.sim = new Simulation<Event>((event, sim) => this.handle(event, sim.now), input.seed)
    this.notes = [...parts.notes]
    this.gauges = new Gauges(input)
    this.idle = input.workers
  }

  run(): DashboardOutput {
    for (const arrival of arrivals(this.input)) this.sim.at(arrival.atMs, {type: 'arrive', arrival})
    // Sampled a millisecond before each step ends, so that every sample falls inside the step it describes.
    for (let i = 1; i <= this.input.steps; i++) this.sim.at(i * this.gauges.stepMs - 1, {type: 'sample'})
    const limit = this.input.windowMs + DRAIN_LIMIT_MS
    let stoppedAtMs: number | null = null
    try {
      for (;;) {
        this.sim.run({until: limit})
        if (this.sim.pending > 0 || this.waiting.size === 0 || this.sim.now + POLL_MS > limit) break
        // Tasks wait but nothing is due: the queue gave no usable ready time. Ask again later.
        this.sim.schedule(POLL_MS, {type: 'wake'})
      }
    } catch (error) {
      if (!(error instanceof Stop)) throw error
      stoppedAtMs = this.sim.now
    }
    return this.report(stoppedAtMs)
  }

  private handle(event: Event, now: number): void {
    switch (event.type) {
      case 'arrive':
        return this.arrive(event.arrival, now)
      case 'end':
        return this.end(event.id, event.attempt, now)
      case 'wake':
        return this.dispatch(now)
      case 'sample':
        return this.sample(now)
    }
  }

  /** Calls the module; a throw stops the run with a note naming the call and the time. */
  private call<T>(name: string, now: number, fn: () => T): T {
    try {
      return fn()
    } catch (error) {
      return this.stop(name, `threw “${describeError(error)}”`, now)
    }
  }

  private stop(name: string, problem: string, now: number): never {
    this.notes.push({call: name, problem, outcome: 'stopped', atMs: now})
    throw new Stop(problem)
  }

  private arrive(arrival: Arrival, now: number): void {
    const kind = this.input.kinds[arrival.kind]!
    const id = `${kind.name}-${arrival.index}`
    this.call('submit', now, () => this.parts.queue.submit({id, priority: kind.priority}, now))
    this.tasks.set(id, {arrival, attempts: 0})
    this.waiting.set(id, now)
    this.gauges.submitted(arrival.kind)
    this.dispatch(now)
  }

  private end(id: string, attempt: Attempt, now: number): void {
    const task = this.tasks.get(id)!
    const kind = task.arrival.kind
    this.running.delete(id)
    this.idle++
    if (!attempt.fails) {
      this.call('complete', now, () => this.parts.queue.complete(id, now))
      this.gauges.done(kind, now - task.arrival.atMs)
      this.lastFinishMs = now
    } else {
      this.call('fail', now, () => this.parts.queue.fail(id, now))
      // The queue decides whether the task dies or is retried; the dashboard reports what it decided.
      const state = this.call('state', now, () => this.parts.queue.state(id))
      if (state === 'dead') {
        this.gauges.died(kind, now)
        this.lastFinishMs = now
      } else if (state === 'retrying' || state === 'queued') {
        this.gauges.retried(kind, now)
        const info = this.call('inspect', now, () => this.parts.queue.inspect(id)) as {readyAt?: unknown} | undefined
        const readyAt = typeof info?.readyAt === 'number' && Number.isFinite(info.readyAt) ? info.readyAt : now
        this.waiting.set(id, readyAt)
        if (readyAt > now) {
          this.later.set(id, readyAt)
          // A whole millisecond at or after the ready time: jitter makes it fractional, and a wake a
          // rounding error early would find the task not yet ready.
          this.sim.at(Math.ceil(readyAt), {type: 'wake'})
        }
      } else {
        this.stop('state', `said ${describeValue(state)} for ${id} after its attempt ${task.attempts} failed`, now)
      }
    }
    this.dispatch(now)
  }

  private anyReady(now: number): boolean {
    for (const [id, readyAt] of this.later) if (readyAt <= now) this.later.delete(id)
    return this.waiting.size > this.later.size
  }

  /** Starts tasks while a worker is free, the bucket holds a whole token and the queue has one to give. */
  private dispatch(now: number): void {
    while (this.idle > 0) {
      const tokens = this.call('available', now, () => this.parts.bucket.available(now))
      if (!(typeof tokens === 'number' && tokens >= 1)) {
        this.holdBack(now, tokens)
        return
      }
      const id = this.call('next', now, () => this.parts.queue.next(now))
      if (id === undefined || id === null) {
        if (this.anyReady(now)) this.anomalies.idleWhileReady++
        this.throttle.end(now)
        return
      }
      if (typeof id !== 'string' || !this.waiting.has(id)) this.stop('next', `handed out ${typeof id === 'string' ? id : describeValue(id)}, which was not waiting`, now)
      if (this.waiting.get(id)! > now) this.anomalies.early++
      if (this.call('tryTake', now, () => this.parts.bucket.tryTake(now)) !== true) this.anomalies.refusedToken++
      this.start(id, now)
    }
  }

  private start(id: string, now: number): void {
    const held = this.throttle.heldFor(this.waiting.get(id)!, now)
    if (held > 0) {
      this.everHeld.add(id)
      this.longestHoldMs = Math.max(this.longestHoldMs, held)
    }
    this.throttle.end(now)
    const task = this.tasks.get(id)!
    if (task.attempts === 0) this.gauges.firstStart(task.arrival.kind, now - task.arrival.atMs)
    task.attempts++
    const attempt = attemptOf(this.input, task.arrival, task.attempts)
    this.waiting.delete(id)
    this.later.delete(id)
    this.running.add(id)
    this.idle--
    this.sim.schedule(attempt.ms, {type: 'end', id, attempt})
  }

  /** The bucket is short of a whole token: if work is ready, the bucket is what holds it back; come back when a token is due. */
  private holdBack(now: number, tokens: unknown): void {
    if (!this.anyReady(now)) return this.throttle.end(now)
    this.throttle.begin(now)
    const short = typeof tokens === 'number' && Number.isFinite(tokens) ? 1 - tokens : Number.NaN
    const wait = short > 0 ? Math.ceil((short * 1000) / this.input.bucket.refillPerSecond) : POLL_MS
    const at = now + Math.min(Math.max(1, wait), POLL_MS)
    if (this.tokenWakeAt > now && this.tokenWakeAt <= at) return
    this.tokenWakeAt = at
    this.sim.at(at, {type: 'wake'})
  }

  private sample(now: number): void {
    const tokens = this.call('available', now, () => this.parts.bucket.available(now))
    this.gauges.sample(now, {waiting: this.waiting.size, running: this.running.size, tokens: typeof tokens === 'number' && Number.isFinite(tokens) ? tokens : 0})
  }

  private report(stoppedAtMs: number | null): DashboardOutput {
    const {maxRetries, backoff} = this.input
    const waitsMs = Array.from({length: maxRetries}, (_, i) => {
      try {
        const wait = this.parts.backoff(i + 1, {...backoff, jitter: 0})
        return typeof wait === 'number' && Number.isFinite(wait) ? Math.round(wait) : null
      } catch {
        return null
      }
    })
    // A run that stopped has no levels after the stop: keep the steps it completed rather than carry the last level on.
    const steps = stoppedAtMs === null ? this.input.steps : Math.max(1, Math.min(this.input.steps, Math.floor(stoppedAtMs / this.gauges.stepMs)))
    return {
      used: this.parts.used,
      notes: this.notes,
      stoppedAtMs,
      waitsMs,
      stepMs: this.gauges.stepMs,
      ...this.gauges.summary(steps),
      drainedAtMs: Math.round(this.lastFinishMs),
      endedAtMs: Math.round(this.sim.now),
      bucket: {heldTasks: this.everHeld.size, throttledMs: Math.round(this.throttle.total(this.sim.now)), longestHoldMs: Math.round(this.longestHoldMs)},
      anomalies: this.anomalies,
    }
  }
}
