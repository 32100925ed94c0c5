/**
 * A fleet of idle workers and the one queue they wait on, request by request. The queue serves
 * receive requests first come, first served on its cores, each at the same CPU cost, so a herd
 * shows up as a backlog that everything else (the producers' enqueues included) waits behind.
 * How an idle worker waits is the design under test; the job arrivals and the restart are the
 * same for every design.
 */
import {randomFromSeed, type Random} from 'course/kit/lab'
import {Agenda} from './agenda.js'

export type Jitter = 'full' | 'equal' | 'none'

/** How an idle worker (or a dispatcher acting for the workers of its host) waits for a job. */
export type Waiting =
  | {readonly kind: 'polling'; readonly interval: number}
  | {readonly kind: 'notify-all'}
  | {readonly kind: 'backoff'; readonly base: number; readonly factor: number; readonly cap: number; readonly jitter: Jitter}
  /** With `dispatchers`, they hold the long polls and hand each job to a local worker, then poll again. */
  | {readonly kind: 'long-poll'; readonly wait: number; readonly wakeups: number; readonly dispatchers?: number}
  | {readonly kind: 'push'; readonly heartbeat: number}

/** How a connection dropped by the queue's restart comes back: a sleep drawn from [0, window] by its jitter. */
export interface Reconnect {
  readonly window: number
  readonly jitter: Jitter
}

export interface Queue {
  readonly workers: number
  /** CPU seconds per request: a receive, a reconnect's first receive, a heartbeat, an enqueue or a push. */
  readonly requestCpu: number
  readonly cores: number
}

export interface Morning {
  /** Seconds simulated and shown. */
  readonly horizon: number
  /** No job arrives before this; the receive rate up to it is the design's idle cost. */
  readonly quietUntil: number
  /** When each job is created, in order. */
  readonly jobs: readonly number[]
  /** When the queue restarts and drops every held connection; undefined for no restart. */
  readonly restartAt: number | undefined
}

export interface FleetRun {
  /** Busy core-seconds of the queue in each step of `CPU_STEP`, up to the horizon. */
  readonly busy: Float64Array
  /** Requests served per second during the quiet start. */
  readonly idleRate: number
  /** Seconds from each job's creation until a worker (or a dispatcher) held it; Infinity when none did. */
  readonly pickups: number[]
}

/** The resolution of the CPU record: a herd lasts a few hundred milliseconds. */
export const CPU_STEP = 0.1
/** Time after the horizon for the last jobs to be picked up. */
export const GRACE = 10

const JOB = 0
const AVAILABLE = 1
const ARRIVE = 2
const DONE = 3
const EXPIRE = 4
const HEARTBEAT = 5
const RESTART = 6

const DONE_LANE = 0
const FOLLOW_LANE = 1
const JOB_LANE = 2
const AVAILABLE_LANE = 3

const WAITING = 0
const IN_FLIGHT = 1
const BUSY = 2
const DROPPED = 3

/** The range a sleep is drawn from for a window. */
function sleepRange(window: number, jitter: Jitter): [number, number] {
  return jitter === 'full' ? [0, window] : jitter === 'equal' ? [window / 2, window] : [window, window]
}

function drawSleep(random: Random, window: number, jitter: Jitter): number {
  const [low, high] = sleepRange(window, jitter)
  return low + random() * (high - low)
}

/**
 * The time to the next request of a worker that has been repeating sleeps uniform on [low, high]
 * for a long while: a point in a long run of sleeps falls in one with a chance proportional to its
 * length, and anywhere inside it. Starting here, the fleet is in its steady idle state at once.
 */
function steadyResidual(random: Random, low: number, high: number): number {
  const length = Math.sqrt(low * low + random() * (high * high - low * low))
  return random() * length
}

/** Agents ordered by when their requests started waiting: the oldest is handed the next job. */
class Waiters {
  private agents: number[] = []
  private since: number[] = []
  private head = 0

  add(agent: number, since: number): void {
    this.agents.push(agent)
    this.since.push(since)
  }

  /** The oldest agent for which `valid` holds, removed; stale entries on the way are dropped. */
  take(valid: (agent: number, since: number) => boolean): number | undefined {
    while (this.head < this.agents.length) {
      const agent = this.agents[this.head]!
      const since = this.since[this.head]!
      this.head++
      if (valid(agent, since)) return agent
    }
    return undefined
  }

  clear(): void {
    this.agents = []
    this.since = []
    this.head = 0
  }
}

export function simulateFleet(waiting: Waiting, reconnect: Reconnect | undefined, queue: Queue, morning: Morning, seed: number): FleetRun {
  const random = randomFromSeed(seed)
  const dispatching = waiting.kind === 'long-poll' && waiting.dispatchers !== undefined
  const agents = dispatching ? Math.max(1, Math.round(waiting.dispatchers!)) : queue.workers
  const holdsConnections = waiting.kind === 'long-poll' || waiting.kind === 'push'

  const busy = new Float64Array(Math.ceil(morning.horizon / CPU_STEP - 1e-9))
  const cores = Math.max(1, Math.round(queue.cores))
  const coreFree = new Float64Array(cores)
  let nextCore = 0
  let idleServed = 0
  /**
   * Serves a request arriving now; returns when it completes. With identical costs, the core that
   * frees first is the one given work longest ago, so cores are taken in turn.
   */
  const serve = (now: number): number => {
    const core = nextCore
    nextCore = (core + 1) % cores
    const start = Math.max(now, coreFree[core]!)
    const end = start + queue.requestCpu
    coreFree[core] = end
    const step = Math.floor(start / CPU_STEP)
    if (step < busy.length) busy[step]! += queue.requestCpu
    if (start < morning.quietUntil) idleServed++
    return end
  }

  const agenda = new Agenda(4)
  const state = new Uint8Array(agents)
  const requestEpoch = new Uint32Array(agents)
  let epoch = 0
  const backoffStep = new Float64Array(agents)
  const heldSince = new Float64Array(agents)
  const expiresAt = new Float64Array(agents)
  const nextBeat = new Float64Array(agents)
  const waiters = new Waiters()
  const jobs = morning.jobs
  const pickedAt = new Float64Array(jobs.length).fill(Number.NaN)
  const ready: number[] = []
  let readyHead = 0

  const send = (agent: number, now: number) => {
    state[agent] = IN_FLIGHT
    requestEpoch[agent] = epoch
    agenda.push(serve(now), DONE, agent, DONE_LANE)
  }
  let unpicked = jobs.length
  const hand = (job: number, agent: number, at: number) => {
    pickedAt[job] = at
    unpicked--
    // A dispatcher passes the job to one of its host's workers and goes straight back to waiting.
    if (dispatching) send(agent, at)
    else state[agent] = BUSY
  }
  const holding = (agent: number, since: number) => state[agent] === WAITING && heldSince[agent] === since
  const hold = (agent: number, now: number, wait: number) => {
    state[agent] = WAITING
    heldSince[agent] = now
    expiresAt[agent] = now + wait
    waiters.add(agent, now)
    agenda.push(now + wait, EXPIRE, agent, FOLLOW_LANE)
  }
  const connect = (agent: number, now: number, heartbeat: number) => {
    state[agent] = WAITING
    heldSince[agent] = now
    nextBeat[agent] = now + heartbeat
    waiters.add(agent, now)
    agenda.push(now + heartbeat, HEARTBEAT, agent, FOLLOW_LANE)
  }

  /** A receive came back with nothing: what the worker does next is the design. */
  const empty = (agent: number, now: number) => {
    switch (waiting.kind) {
      case 'polling':
        state[agent] = WAITING
        agenda.push(now + waiting.interval, ARRIVE, agent, FOLLOW_LANE)
        return
      case 'notify-all':
        state[agent] = WAITING
        return
      case 'backoff': {
        const window = Math.min(waiting.cap, waiting.base * waiting.factor ** backoffStep[agent]!)
        backoffStep[agent]!++
        state[agent] = WAITING
        agenda.push(now + drawSleep(random, window, waiting.jitter), ARRIVE, agent)
        return
      }
      case 'long-poll':
        hold(agent, now, waiting.wait)
        return
      case 'push':
        connect(agent, now, waiting.heartbeat)
        return
    }
  }

  const available = (job: number, now: number) => {
    switch (waiting.kind) {
      case 'notify-all':
        ready.push(job)
        for (let agent = 0; agent < agents; agent++) if (state[agent] === WAITING) send(agent, now)
        return
      case 'long-poll': {
        const first = waiters.take(holding)
        if (first === undefined) {
          ready.push(job)
          return
        }
        hand(job, first, now)
        // More wake-ups per job than one: the others are answered empty and poll again at once.
        for (let extra = 1; extra < waiting.wakeups; extra++) {
          const other = waiters.take(holding)
          if (other === undefined) break
          send(other, now)
        }
        return
      }
      case 'push': {
        const worker = waiters.take((agent, since) => state[agent] === WAITING && heldSince[agent] === since)
        if (worker === undefined) ready.push(job)
        else hand(job, worker, serve(now))
        return
      }
      default:
        ready.push(job)
    }
  }

  const restart = (now: number) => {
    if (!holdsConnections) return
    epoch++
    waiters.clear()
    const window = reconnect?.window ?? 0
    const jitter = reconnect?.jitter ?? 'none'
    for (let agent = 0; agent < agents; agent++) {
      if (state[agent] === BUSY) continue
      state[agent] = DROPPED
      agenda.push(now + drawSleep(random, window, jitter), ARRIVE, agent)
    }
  }

  startIdle(waiting, agents, random, {agenda, state, backoffStep, hold, connect})
  for (let job = 0; job < jobs.length; job++) agenda.push(jobs[job]!, JOB, job, JOB_LANE)
  if (morning.restartAt !== undefined) agenda.push(morning.restartAt, RESTART, 0)

  while (agenda.next(morning.horizon + GRACE)) {
    const now = agenda.time
    // Past the horizon the run goes on only for jobs still waiting.
    if (now > morning.horizon && unpicked === 0) break
    const who = agenda.who
    switch (agenda.kind) {
      case JOB:
        agenda.push(serve(now), AVAILABLE, who, AVAILABLE_LANE)
        break
      case AVAILABLE:
        available(who, now)
        break
      case ARRIVE:
        if (state[who] !== BUSY) send(who, now)
        break
      case DONE: {
        // A request the restart dropped: its reconnect is already on the agenda.
        if (requestEpoch[who] !== epoch) break
        if (readyHead < ready.length) hand(ready[readyHead++]!, who, now)
        else empty(who, now)
        break
      }
      case EXPIRE:
        if (state[who] === WAITING && expiresAt[who] === now) send(who, now)
        break
      case HEARTBEAT:
        if (waiting.kind === 'push' && state[who] === WAITING && nextBeat[who] === now) {
          serve(now)
          nextBeat[who] = now + waiting.heartbeat
          agenda.push(now + waiting.heartbeat, HEARTBEAT, who, FOLLOW_LANE)
        }
        break
      case RESTART:
        restart(now)
        break
    }
  }

  const pickups = Array.from(pickedAt, (at, job) => (Number.isNaN(at) ? Number.POSITIVE_INFINITY : at - jobs[job]!))
  return {busy, idleRate: morning.quietUntil > 0 ? idleServed / morning.quietUntil : Number.NaN, pickups}
}

interface Start {
  readonly agenda: Agenda
  readonly state: Uint8Array
  readonly backoffStep: Float64Array
  readonly hold: (agent: number, now: number, wait: number) => void
  readonly connect: (agent: number, now: number, heartbeat: number) => void
}

/**
 * The fleet after a night of an empty queue: every worker in the steady idle state of its design,
 * at a random phase, so that the first seconds already show the design's idle cost.
 */
function startIdle(waiting: Waiting, agents: number, random: Random, start: Start): void {
  const {agenda, state} = start
  switch (waiting.kind) {
    case 'polling':
      for (let agent = 0; agent < agents; agent++) agenda.push(random() * waiting.interval, ARRIVE, agent)
      return
    case 'notify-all':
      state.fill(WAITING)
      return
    case 'backoff': {
      // After a night of empty receives every window has grown as far as it will.
      const grows = waiting.factor > 1
      const window = grows ? waiting.cap : Math.min(waiting.cap, waiting.base)
      const steps = grows && waiting.cap > waiting.base ? Math.ceil(Math.log(waiting.cap / waiting.base) / Math.log(waiting.factor)) : 0
      const [low, high] = sleepRange(window, waiting.jitter)
      for (let agent = 0; agent < agents; agent++) {
        start.backoffStep[agent] = steps
        agenda.push(steadyResidual(random, low, high), ARRIVE, agent)
      }
      return
    }
    case 'long-poll': {
      // Each held request started at a random moment of its wait; the oldest goes first in line.
      const since = Array.from({length: agents}, () => -random() * waiting.wait)
      const order = since.map((_, agent) => agent).sort((a, b) => since[a]! - since[b]!)
      for (const agent of order) start.hold(agent, since[agent]!, waiting.wait)
      return
    }
    case 'push':
      for (let agent = 0; agent < agents; agent++) start.connect(agent, -random() * waiting.heartbeat, waiting.heartbeat)
      return
  }
}
