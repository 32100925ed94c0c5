/**
 * The chain A → B → C → D, request by request. A, B and C each hold a thread from a fixed pool for
 * the whole of a request, their own work and the wait downstream, and queue what they cannot start
 * yet; D (with E behind it) is a latency, slow or not, with room for every call. A caller that
 * times out stops waiting, but without deadline propagation its callee goes on working for nobody,
 * holding its thread: that is how a slow D exhausts three healthy services.
 */
import {type Random, randomFromSeed} from 'course/kit/lab'
import {Agenda} from './agenda.js'
import {CircuitBreaker} from './breaker.js'
import type {Defences, Failure, RetryPolicy} from './defences.js'
import type {ChainScenario} from './scenario.js'

/** When D is slow. */
export interface Incident {
  readonly from: number
  readonly until: number
}

export const OUTCOMES = ['pending', 'full', 'degraded', 'error', 'refused'] as const
export type Outcome = (typeof OUTCOMES)[number]

/** The users' requests, by arrival: when each arrived, when A answered (Infinity if not by the end) and how. */
export interface Users {
  readonly count: number
  readonly arrived: Float64Array
  readonly answered: Float64Array
  /** Indexes into OUTCOMES. */
  readonly outcome: Uint8Array
}

export interface ChainRun {
  readonly users: Users
  /** Seconds after the incident began when each pool (A, B, C) was first full; undefined if never. */
  readonly poolsFullAfter: Array<number | undefined>
  /** The most threads busy at each service while D was slow. */
  readonly peakThreads: [number, number, number]
  /** Calls that reached D, while D was slow. */
  readonly dCallsInIncident: number
  /** Requests C finished with (answered, degraded or failed) while D was slow: its throughput. */
  readonly cFinishedInIncident: number
  readonly breakerOpenedAfter: number | undefined
}

/**
 * A request at one service, and its own event on the agenda (the work done, a retry's wait over,
 * the fallback's answer ready), one at a time. A request at B or C is also its caller's attempt:
 * `settled` once the caller has its answer or has stopped waiting.
 */
interface Visit {
  readonly kind: 'visit'
  due: 'worked' | 'retry' | 'fallback'
  readonly service: 0 | 1 | 2
  /** The user's index in `Users`. */
  readonly user: number
  /** When the caller stops waiting, with deadline propagation; Infinity without. */
  readonly deadline: number
  /** The request that called this one; undefined for a user's request at A. */
  readonly caller: Visit | undefined
  settled: boolean
  attempts: number
  holding: boolean
}

/** A call from C to D, and its event: C's timer, or D's answer, whichever comes first. */
interface DCall {
  readonly kind: 'd-call'
  readonly due: 'timeout' | 'answer'
  readonly visit: Visit
  /** Whether it holds a bulkhead slot, and whether it is a breaker's probe. */
  readonly bulkhead: boolean
  readonly probe: boolean
}

/** A caller's timer that could not go on its hop's lane (a deadline cut it short). */
interface Timer {
  readonly kind: 'timer'
  readonly callee: Visit
}

const ARRIVALS = {kind: 'arrivals'} as const
type Item = Visit | DCall | Timer | typeof ARRIVALS

/** The z-score of the 99th percentile of a normal distribution. */
const Z99 = 2.3263

/** The spread σ of a lognormal with this median and 99th percentile. */
export const sigmaOf = (p50: number, p99: number) => (p99 > p50 ? Math.log(p99 / p50) / Z99 : 0)

/** Unit normal deviates, made in pairs (Box–Muller gives two for one logarithm). */
function normals(random: Random): () => number {
  let spare: number | undefined
  return () => {
    if (spare !== undefined) {
      const z = spare
      spare = undefined
      return z
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()))
    const angle = 2 * Math.PI * random()
    spare = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }
}

/** A lognormal duration: its median, and its σ from `sigmaOf`. */
type Duration = readonly [median: number, sigma: number]

/**
 * The agenda's lanes: the timers of A → B and B → C, set with a fixed timeout (the item is the
 * callee's request), and of C → D (the item is the call).
 */
const TIMER_LANES = 3

/** Room after the horizon for requests still in the chain to finish, so their latency is known. */
const DRAIN = 120

class UserLog implements Users {
  count = 0
  arrived = new Float64Array(1024)
  answered = new Float64Array(1024)
  outcome = new Uint8Array(1024)

  add(now: number): number {
    if (this.count === this.arrived.length) {
      const grow = <A extends Float64Array | Uint8Array>(from: A, to: A) => {
        to.set(from)
        return to
      }
      this.arrived = grow(this.arrived, new Float64Array(this.count * 2))
      this.answered = grow(this.answered, new Float64Array(this.count * 2))
      this.outcome = grow(this.outcome, new Uint8Array(this.count * 2))
    }
    this.arrived[this.count] = now
    this.answered[this.count] = Number.POSITIVE_INFINITY
    return this.count++
  }
}

export function simulateChain(scenario: ChainScenario, defences: Defences, incident: Incident, horizon: number, seed: number): ChainRun {
  const ownWork: Duration[] = [
    [scenario.aOwnP50, sigmaOf(scenario.aOwnP50, scenario.aOwnP99)],
    [scenario.bOwnP50, sigmaOf(scenario.bOwnP50, scenario.bOwnP99)],
    [scenario.cOwnP50, sigmaOf(scenario.cOwnP50, scenario.cOwnP99)],
  ]
  const dNormal: Duration = [scenario.dSeenP50, sigmaOf(scenario.dSeenP50, scenario.dSeenP99)]
  const dSlow: Duration = [scenario.dIncidentP50, sigmaOf(scenario.dIncidentP50, scenario.dIncidentP99)]
  const pools = defences.pools.map((p) => Math.max(1, Math.round(p)))
  const reserve = defences.deadline?.reserve ?? 0
  const busy = [0, 0, 0]
  const waiting: Visit[][] = [[], [], []]
  const waitingHead = [0, 0, 0]
  const users = new UserLog()
  const poolsFullAfter: Array<number | undefined> = [undefined, undefined, undefined]
  const peakThreads: [number, number, number] = [0, 0, 0]
  const tokens = [0, 0, 0]
  let bulkheadInUse = 0
  let dCallsInIncident = 0
  let cFinishedInIncident = 0
  const breaker = defences.breaker ? new CircuitBreaker(defences.breaker) : undefined
  const slow = (t: number) => t >= incident.from && t < incident.until

  const random = randomFromSeed(seed)
  const normal = normals(random)
  const draw = ([median, sigma]: Duration) => median * Math.exp(sigma * normal())
  const agenda = new Agenda<Item>(TIMER_LANES)

  function handle(item: Item, now: number): void {
    switch (item.kind) {
      case 'arrivals': {
        // Users stop arriving at the horizon; what is in the chain then is left to finish.
        if (now >= horizon) return
        agenda.schedule(-Math.log(1 - random()) / scenario.arrivals, ARRIVALS)
        const deadline = defences.deadline ? now + defences.deadline.budget : Number.POSITIVE_INFINITY
        arrive(visitOf(0, users.add(now), deadline, undefined), now)
        return
      }
      case 'visit':
        // On a timer lane the item is a callee whose caller's timer has come due.
        if (agenda.lane === 0 || agenda.lane === 1) timedOut(item, now)
        else if (item.due === 'worked') worked(item, now)
        else if (item.due === 'retry') callDown(item, now)
        else respond(item, 'degraded', now)
        return
      case 'timer':
        timedOut(item.callee, now)
        return
      case 'd-call':
        dCallEnded(item, now)
        return
    }
  }

  const visitOf = (service: 0 | 1 | 2, user: number, deadline: number, caller: Visit | undefined): Visit => ({
    kind: 'visit',
    due: 'worked',
    service,
    user,
    deadline,
    caller,
    settled: false,
    attempts: 0,
    holding: false,
  })

  function arrive(visit: Visit, now: number): void {
    const s = visit.service
    if (defences.shedding?.service === s && busy[s]! >= defences.shedding.above) {
      respond(visit, 'refused', now)
      return
    }
    if (busy[s]! < pools[s]!) start(visit, now)
    else waiting[s]!.push(visit)
  }

  function start(visit: Visit, now: number): void {
    const s = visit.service
    busy[s]!++
    visit.holding = true
    if (slow(now)) {
      peakThreads[s] = Math.max(peakThreads[s]!, busy[s]!)
      if (busy[s] === pools[s] && poolsFullAfter[s] === undefined) poolsFullAfter[s] = now - incident.from
    }
    visit.due = 'worked'
    agenda.schedule(draw(ownWork[s]!), visit)
  }

  /** A thread is free: the next waiting request takes it, unless its caller has already given up. */
  function release(s: 0 | 1 | 2, now: number): void {
    busy[s]!--
    const queue = waiting[s]!
    while (waitingHead[s]! < queue.length) {
      const next = queue[waitingHead[s]!]!
      waitingHead[s]!++
      if (next.deadline <= now) {
        respond(next, 'error', now)
        continue
      }
      start(next, now)
      break
    }
    if (waitingHead[s]! > 4096 && waitingHead[s]! * 2 > queue.length) {
      waiting[s] = queue.slice(waitingHead[s])
      waitingHead[s] = 0
    }
  }

  function worked(visit: Visit, now: number): void {
    if (visit.deadline <= now) respond(visit, 'error', now)
    else callDown(visit, now)
  }

  function callDown(visit: Visit, now: number): void {
    visit.attempts++
    const s = visit.service
    if (visit.attempts === 1) tokens[s] = Math.min(100, tokens[s]! + (defences.retries[s].budget ?? 0))
    // The caller waits for its timeout, or less if its deadline comes first.
    const wait = Math.min(defences.timeouts[s], visit.deadline - reserve - now)
    if (wait <= 0) {
      failed(visit, 'timeout', now)
      return
    }
    if (s === 2) {
      callD(visit, wait, now)
      return
    }
    const callee = visitOf((s + 1) as 1 | 2, visit.user, visit.deadline - reserve, visit)
    arrive(callee, now)
    if (!callee.settled && !agenda.scheduleOnLane(wait, callee, s)) agenda.schedule(wait, {kind: 'timer', callee})
  }

  function timedOut(callee: Visit, now: number): void {
    if (callee.settled) return
    callee.settled = true
    failed(callee.caller!, 'timeout', now)
  }

  function callD(visit: Visit, wait: number, now: number): void {
    const verdict = breaker ? breaker.admit(now) : 'call'
    if (verdict === 'refuse') {
      failed(visit, 'breaker_open', now)
      return
    }
    if (defences.bulkhead !== undefined && bulkheadInUse >= defences.bulkhead) {
      breaker?.record('rejected_by_bulkhead', verdict === 'probe', now)
      failed(visit, 'bulkhead_full', now)
      return
    }
    const bulkhead = defences.bulkhead !== undefined
    if (bulkhead) bulkheadInUse++
    if (slow(now)) dCallsInIncident++
    const latency = draw(slow(now) ? dSlow : dNormal)
    const probe = verdict === 'probe'
    if (latency <= wait) agenda.schedule(latency, {kind: 'd-call', due: 'answer', visit, bulkhead, probe})
    else {
      const call: DCall = {kind: 'd-call', due: 'timeout', visit, bulkhead, probe}
      if (!agenda.scheduleOnLane(wait, call, 2)) agenda.schedule(wait, call)
    }
  }

  function dCallEnded(call: DCall, now: number): void {
    if (call.bulkhead) bulkheadInUse--
    breaker?.record(call.due === 'answer' ? 'success' : 'timeout', call.probe, now)
    if (call.due === 'answer') respond(call.visit, 'full', now)
    else failed(call.visit, 'timeout', now)
  }

  function mayRetry(policy: RetryPolicy, s: number, visit: Visit, failure: Failure): boolean {
    if (visit.attempts >= policy.attempts || !policy.retryOn.has(failure)) return false
    if (policy.budget === undefined) return true
    if (tokens[s]! < 1) return false
    tokens[s]!--
    return true
  }

  function backoff(policy: RetryPolicy, attempts: number): number {
    const window = policy.backoffBase * policy.backoffFactor ** (attempts - 1)
    switch (policy.jitter) {
      case 'none':
        return window
      case 'full':
        return random() * window
      case 'equal':
        return window / 2 + (random() * window) / 2
      case 'decorrelated':
        return policy.backoffBase + random() * Math.max(0, 3 * window - policy.backoffBase)
    }
  }

  /** A call downstream failed: retry it, answer from the fallback at C, or pass the failure up. */
  function failed(visit: Visit, failure: Failure, now: number): void {
    const s = visit.service
    const policy = defences.retries[s]
    if (mayRetry(policy, s, visit, failure)) {
      visit.due = 'retry'
      agenda.schedule(backoff(policy, visit.attempts), visit)
      return
    }
    if (s === 2 && defences.fallback?.has(failure)) {
      visit.due = 'fallback'
      agenda.schedule(scenario.fallbackTime, visit)
      return
    }
    respond(visit, 'error', now)
  }

  function respond(visit: Visit, outcome: Exclude<Outcome, 'pending'>, now: number): void {
    if (visit.holding) {
      if (visit.service === 2 && slow(now)) cFinishedInIncident++
      visit.holding = false
      release(visit.service, now)
    }
    const caller = visit.caller
    if (!caller) {
      users.answered[visit.user] = now
      users.outcome[visit.user] = OUTCOMES.indexOf(outcome)
      return
    }
    if (visit.settled) return
    visit.settled = true
    if (outcome === 'full' || outcome === 'degraded') respond(caller, outcome, now)
    else failed(caller, outcome === 'refused' ? 'overloaded_reply' : 'error', now)
  }

  agenda.schedule(0, ARRIVALS)
  for (let item = agenda.next(horizon + DRAIN); item !== undefined; item = agenda.next(horizon + DRAIN)) handle(item, agenda.now)
  return {
    users,
    poolsFullAfter,
    peakThreads,
    dCallsInIncident,
    cFinishedInIncident,
    breakerOpenedAfter: breaker?.firstOpened === undefined ? undefined : breaker.firstOpened - incident.from,
  }
}
