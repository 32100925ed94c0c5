/**
 * A pool of fetch workers through one simulated day. The crawl releases pages at its daily
 * target's pace; a free worker takes the next due page from a host that is ready (no request in
 * flight to it, and its delay since the last request has passed), holds it for the fetch, and a
 * page that needs JavaScript then waits for a browser slot. Some fetches fail and come back on
 * their class's retry schedule. For a while the pool can be disturbed: a lost machine's hosts and
 * pages moved onto it, or its own workers gone. Everything is plain numbers in seconds, so the lab
 * and any check run the same model.
 */
import {EventQueue, Simulation} from 'course/kit/driver'

export const DAY = 86_400

/** The model's own figures, none of them stated by the scenario. */
export const CRAWL_MODEL = {
  /** Spread of fetch and render times around their means (a lognormal's σ). */
  spread: 0.5,
  /** Shares of fetch attempts that fail, by the retry class that handles them (about 5 % in all, as the README puts retries). */
  failures: {timeout: 0.02, http_5xx: 0.02, http_429: 0.01},
  /** How often the crawl releases its next pages. */
  tick: 1,
  /** Width of one step of the day's series. */
  step: 15 * 60,
} as const

export type FailureClass = keyof typeof CRAWL_MODEL.failures

/** Bounds on one simulated day, far above the scenario's crawl, so that absurd figures end the day early instead of never. */
const LIMITS = {events: 8_000_000, pool: 1_000_000} as const

export interface CrawlPlan {
  /** The daily target as a pace. */
  readonly pagesPerSecond: number
  readonly fetchLatency: number
  /** Between the starts of two requests to one host. */
  readonly hostDelay: number
  /** Hosts with pages in the day's frontier. */
  readonly hosts: number
  readonly workers: number
  /**
   * From `start`, for `duration` seconds: the pace and the hosts multiplied by `loadFactor` (the
   * share of a lost machine taken over), and `workersLost` of the pool's own workers gone.
   */
  readonly disturbance?: {readonly start: number; readonly duration: number; readonly loadFactor: number; readonly workersLost: number}
  /** Delays before each retry, by failure class; empty when the class is not retried. */
  readonly retries: Readonly<Record<FailureClass, readonly number[]>>
  readonly jsShare: number
  readonly renderTime: number
  readonly renderSlots: number
}

export interface CrawlOutcome {
  /** Pages the target asks for over the day. */
  readonly target: number
  /** Pages fetched and, when they need it, rendered, within the day. */
  readonly completed: number
  readonly attempts: number
  readonly failedForGood: number
  /** Pages due but not yet started when the day ends. */
  readonly behindAtEnd: number
  /** True when the day hit the simulation's bound on events before its end (absurd figures). */
  readonly stoppedEarly: boolean
  readonly workerUtilisation: number
  readonly renderUtilisation: number
  /** Hosts inside their delay window or with a request in flight, on average (Little's law predicts rate × delay). */
  readonly hostsInRotation: number
  /** Per step: pages completed per second, most pages behind, mean busy workers, most pages waiting for a browser. */
  readonly series: {
    readonly pagesPerSecond: number[]
    readonly behind: number[]
    readonly busyWorkers: number[]
    readonly renderQueue: number[]
  }
}

type Event =
  | {readonly kind: 'tick'}
  | {readonly kind: 'fetched'; readonly start: number; readonly retry: number}
  | {readonly kind: 'rendered'}
  | {readonly kind: 'retry'; readonly retry: number}
  | {readonly kind: 'wake'}
  | {readonly kind: 'disturbance'; readonly begins: boolean}

/** A draw with mean `mean` from a lognormal of spread σ. */
function lognormal(random: () => number, mean: number, sigma: number): number {
  const u = 1 - random()
  const v = random()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return mean * Math.exp(sigma * normal - (sigma * sigma) / 2)
}

/** `value`, or `floor` when it is below it or not a number. */
const atLeast = (value: number, floor: number) => (Number.isNaN(value) ? floor : Math.max(value, floor))

export function simulateCrawl(plan: CrawlPlan, seed = 1): CrawlOutcome {
  const fetchLatency = atLeast(plan.fetchLatency, 0)
  const renderTime = atLeast(plan.renderTime, 0)
  const hostDelay = atLeast(plan.hostDelay, 0)
  const steps = Math.ceil(DAY / CRAWL_MODEL.step)
  const classes = Object.entries(CRAWL_MODEL.failures) as Array<[FailureClass, number]>
  let capacity = Math.min(LIMITS.pool, Math.max(0, Math.floor(plan.workers) || 0))
  const workers = capacity
  const slots = Math.min(LIMITS.pool, Math.max(0, Math.floor(plan.renderSlots) || 0))
  let busy = 0
  let due = 0
  /** Retries that came due, served before fresh pages (each remembers which retry it is); read from `retryHead` on. */
  const retriesDue: number[] = []
  let retryHead = 0
  const retriesWaiting = () => retriesDue.length - retryHead
  const hosts = Math.min(LIMITS.pool, Math.max(0, Math.round(plan.hosts) || 0))
  let readyHosts = hosts
  /** Hosts handed back when a disturbance ends, taken out of rotation as they come free. */
  let hostsOwed = 0
  let pace = plan.pagesPerSecond
  const resting = new EventQueue<null>()
  let wakeAt = Number.POSITIVE_INFINITY
  let rendering = 0
  let renderQueue = 0
  let completed = 0
  let attempts = 0
  let failedForGood = 0

  const busyByStep = new Float64Array(steps)
  const renderBusy = {total: 0}
  const behindByStep = new Float64Array(steps)
  const renderQueueByStep = new Float64Array(steps)
  const completedByStep = new Float64Array(steps)
  let hostTime = 0
  let accountedTo = 0
  const stepOf = (time: number) => Math.min(steps - 1, Math.floor(time / CRAWL_MODEL.step))

  /** Busy worker-time and render-time counted up to `now` (within the day). */
  const account = (now: number) => {
    const to = Math.min(now, DAY)
    let from = accountedTo
    while (from < to) {
      const step = stepOf(from)
      const end = Math.min(to, (step + 1) * CRAWL_MODEL.step)
      busyByStep[step]! += busy * (end - from)
      renderBusy.total += rendering * (end - from)
      from = end
    }
    accountedTo = Math.max(accountedTo, to)
  }

  const behind = () => Math.floor(due) + retriesWaiting()
  const note = (now: number) => {
    if (now >= DAY) return
    const step = stepOf(now)
    behindByStep[step] = Math.max(behindByStep[step]!, behind())
    renderQueueByStep[step] = Math.max(renderQueueByStep[step]!, renderQueue)
  }

  const complete = (now: number) => {
    if (now > DAY) return
    completed++
    completedByStep[stepOf(now)]!++
  }

  const simulation = new Simulation<Event>(handle, seed)

  function dispatch(sim: Simulation<Event>): void {
    account(sim.now)
    while (resting.size > 0 && resting.peekTime()! <= sim.now) {
      resting.pop()
      release()
    }
    while (busy < capacity && readyHosts > 0 && (retriesWaiting() > 0 || due >= 1)) {
      const retry = retriesWaiting() > 0 ? retriesDue[retryHead++]! : 0
      if (retry === 0) due--
      busy++
      readyHosts--
      attempts++
      sim.schedule(lognormal(sim.random, fetchLatency, CRAWL_MODEL.spread), {kind: 'fetched', start: sim.now, retry})
    }
    // Pages and workers wait for a host: wake when the next one's delay is over.
    if (busy < capacity && readyHosts === 0 && (retriesWaiting() > 0 || due >= 1) && resting.size > 0) {
      const next = resting.peekTime()!
      if (next < wakeAt) {
        wakeAt = next
        sim.at(next, {kind: 'wake'})
      }
    }
    note(sim.now)
  }

  /** A host comes free: back into rotation, unless it belongs to a machine that has come back. */
  function release(): void {
    if (hostsOwed > 0) hostsOwed--
    else readyHosts++
  }

  function startRender(sim: Simulation<Event>): void {
    while (rendering < slots && renderQueue > 0) {
      renderQueue--
      rendering++
      sim.schedule(lognormal(sim.random, renderTime, CRAWL_MODEL.spread), {kind: 'rendered'})
    }
  }

  function handle(event: Event, sim: Simulation<Event>): void {
    switch (event.kind) {
      case 'tick':
        due += pace * CRAWL_MODEL.tick
        if (sim.now + CRAWL_MODEL.tick < DAY) sim.schedule(CRAWL_MODEL.tick, {kind: 'tick'})
        return dispatch(sim)
      case 'fetched': {
        account(sim.now)
        busy--
        const free = Math.max(event.start + hostDelay, sim.now)
        hostTime += Math.min(free, DAY) - Math.min(event.start, DAY)
        if (free <= sim.now) release()
        else resting.push(free, null)
        let u = sim.random()
        const failed = classes.find(([, share]) => (u -= share) < 0)
        if (failed) {
          const schedule = plan.retries[failed[0]]
          const delay = schedule[event.retry]
          if (delay === undefined) failedForGood++
          else sim.schedule(delay, {kind: 'retry', retry: event.retry + 1})
        } else if (sim.random() < plan.jsShare) {
          renderQueue++
          startRender(sim)
        } else complete(sim.now)
        return dispatch(sim)
      }
      case 'rendered':
        account(sim.now)
        rendering--
        complete(sim.now)
        startRender(sim)
        return note(sim.now)
      case 'retry':
        retriesDue.push(event.retry)
        return dispatch(sim)
      case 'wake':
        wakeAt = Number.POSITIVE_INFINITY
        return dispatch(sim)
      case 'disturbance': {
        account(sim.now)
        const d = plan.disturbance!
        const extra = Math.round(hosts * (d.loadFactor - 1))
        const lost = Math.min(workers, Math.max(0, Math.floor(d.workersLost)))
        if (event.begins) {
          pace = plan.pagesPerSecond * d.loadFactor
          capacity -= lost
          readyHosts += extra
        } else {
          pace = plan.pagesPerSecond
          capacity += lost
          const back = Math.min(readyHosts, extra)
          readyHosts -= back
          hostsOwed += extra - back
        }
        return dispatch(sim)
      }
    }
  }

  simulation.schedule(0, {kind: 'tick'})
  if (plan.disturbance && plan.disturbance.duration > 0) {
    simulation.at(plan.disturbance.start, {kind: 'disturbance', begins: true})
    simulation.at(plan.disturbance.start + plan.disturbance.duration, {kind: 'disturbance', begins: false})
  }
  const stoppedEarly = simulation.run({until: DAY, maxEvents: LIMITS.events}) >= LIMITS.events
  account(DAY)

  const disturbed = plan.disturbance ? Math.max(0, Math.min(DAY, plan.disturbance.start + plan.disturbance.duration) - Math.min(DAY, plan.disturbance.start)) : 0
  const target = plan.pagesPerSecond * (DAY + disturbed * ((plan.disturbance?.loadFactor ?? 1) - 1))
  return {
    target,
    completed,
    attempts,
    failedForGood,
    behindAtEnd: behind(),
    stoppedEarly,
    workerUtilisation: workers > 0 ? busyByStep.reduce((a, b) => a + b, 0) / (workers * DAY) : 0,
    renderUtilisation: slots > 0 ? renderBusy.total / (slots * DAY) : 0,
    hostsInRotation: hostTime / DAY,
    series: {
      pagesPerSecond: Array.from(completedByStep, (n) => n / CRAWL_MODEL.step),
      behind: Array.from(behindByStep),
      busyWorkers: Array.from(busyByStep, (b) => b / CRAWL_MODEL.step),
      renderQueue: Array.from(renderQueueByStep),
    },
  }
}
