/**
 * A design's fleet through one simulated day of uploads. Each video is probed and split, its
 * segments wait in a queue for a job slot, each segment holds one slot for its share of the
 * video's work, and the pieces are merged and published; the SLA is measured from upload to
 * publication. Workers die now and then, are noticed after the design's lease, and their tasks are
 * retried with the design's backoff.
 *
 * Everything here is plain numbers in seconds and bytes, so the lab and the grader run the same
 * model on the same inputs and get the same day.
 */
import {percentileOfSorted, Simulation} from 'course/kit/driver'
import {DAY, HOUR, sizeMix, uploadTimes} from './upload-day.js'

/** The model's own figures, none of them stated by the scenario. */
export const MODEL = {
  /** Share of task attempts whose worker dies partway through. */
  failureRate: 0.01,
  /** Probe and split before the segments exist: a fixed part and a stream copy of the source (the reference write-up's own estimates). */
  splitFixed: 30,
  splitPerGB: 12,
  /** Merge and publish once every segment is done. */
  mergeFixed: 45,
  mergePerGB: 12,
  /** Width of one step of the day's series. */
  step: 15 * 60,
} as const

/**
 * Bounds on one simulated day, far above any day the scenario describes (at most 11,000 uploads,
 * under a million tasks even in 10 s segments), so that a design departing to absurd figures is
 * declined instead of exhausting the grader's time or memory.
 */
const LIMITS = {videos: 100_000, tasks: 3_000_000, piecesPerVideo: 20_000, slots: 10_000_000, events: 8_000_000} as const

export interface RetryPolicy {
  /** Retries after the first attempt; past them the task is dead-lettered and its video never published. */
  readonly maxRetries: number
  /** Backoff before retry k: min(base × factor^(k−1), max), spread by ± jitter. */
  readonly base: number
  readonly factor: number
  readonly max: number
  readonly jitter: number
  /** How long a dead worker goes unnoticed (its lease). */
  readonly detection: number
}

/** What the simulation runs: the scenario's load and the design's fleet and policies, in seconds and bytes. */
export interface DayPlan {
  readonly uploadsPerDay: number
  /** The busiest hour's uploads over the average hour's. */
  readonly peakFactor: number
  /** The mean upload's whole work on one job slot. */
  readonly processingTime: number
  readonly meanFootage: number
  /** Bytes of source per second of footage. */
  readonly bitrate: number
  readonly smallestFile: number
  readonly commonFile: number
  readonly largestFile: number
  readonly sla: number
  /** Job slots in the whole fleet. */
  readonly slots: number
  /** Footage per segment; undefined when each video runs as one job on one slot. */
  readonly segment?: number
  /** Videos from `threshold` bytes go to their own lane, which gets `share` of the slots under contention. */
  readonly outliers?: {readonly threshold: number; readonly share: number}
  readonly retry: RetryPolicy
}

export interface DayOutcome {
  readonly videos: number
  readonly published: number
  /** Videos whose task was dead-lettered: never published. */
  readonly deadLettered: number
  readonly withinSla: number
  /** Publish times (upload to published) of every video, ascending; Infinity for one never published. */
  readonly publishTimes: Float64Array
  readonly p50: number
  readonly p99: number
  /** Busy slot-time over the day's slot-time, and the same over the busiest hour. */
  readonly utilisation: number
  readonly busiestHourUtilisation: number
  /** The mean upload's work on one slot in this day's mix (the scenario's processing time, give or take the draw). */
  readonly meanWork: number
  readonly lostAttempts: number
  /** Why the day was not simulated (figures no day can hold); every count is then 0 and the p99 infinite. */
  readonly declined?: string
  /** Per step of MODEL.step over the day: uploads, mean busy slots, most tasks queued, p99 publish time of the step's uploads. */
  readonly series: {
    readonly uploads: number[]
    readonly busySlots: number[]
    readonly queuedTasks: number[]
    readonly p99Publish: number[]
  }
}

type Event =
  | {readonly kind: 'upload'; readonly video: number}
  | {readonly kind: 'split'; readonly video: number}
  | {readonly kind: 'done'; readonly task: Task}
  | {readonly kind: 'lost'; readonly task: Task}
  | {readonly kind: 'retry'; readonly task: Task}
  | {readonly kind: 'merged'; readonly video: number}
  | {readonly kind: 'sample'; readonly step: number}

interface Task {
  readonly video: number
  readonly work: number
  readonly lane: 0 | 1
  attempt: number
}

/** A first-in, first-out queue that never shifts its array. */
class Fifo<T> {
  private items: T[] = []
  private head = 0
  get size(): number {
    return this.items.length - this.head
  }
  push(item: T): void {
    this.items.push(item)
  }
  shift(): T {
    const item = this.items[this.head++]!
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}

/** The segments' footage for a video of `footage` seconds: whole segments and the remainder. */
function segmentsOf(footage: number, segment: number | undefined): number[] {
  if (segment === undefined || !(segment > 0) || footage <= segment) return [footage]
  const whole = Math.floor(footage / segment)
  const rest = footage - whole * segment
  const pieces = new Array<number>(whole).fill(segment)
  if (rest > 1e-9) pieces.push(rest)
  return pieces
}

/** The backoff before retry `k` (1 for the first retry), spread by the jitter. */
function backoff(policy: RetryPolicy, k: number, u: number): number {
  const delay = Math.min(policy.base * policy.factor ** (k - 1), policy.max)
  return Math.max(0, delay * (1 + policy.jitter * (2 * u - 1)))
}

/** Why a plan cannot be simulated, if it cannot: a figure that is not a positive number, or a day too large to hold. */
export function declineReason(plan: DayPlan): string | undefined {
  const positive: Array<[string, number]> = [
    ['the processing time', plan.processingTime],
    ['the mean footage', plan.meanFootage],
    ['the source bitrate', plan.bitrate],
    ['the smallest file', plan.smallestFile],
    ['the common file', plan.commonFile],
    ['the largest file', plan.largestFile],
    ['the SLA', plan.sla],
  ]
  for (const [name, value] of positive) if (!(value > 0 && Number.isFinite(value))) return `${name} is not a positive figure`
  const r = plan.retry
  if (![plan.uploadsPerDay, plan.peakFactor, plan.slots, r.maxRetries, r.base, r.factor, r.max, r.jitter, r.detection].every((v) => v >= 0 && Number.isFinite(v))) return 'a figure of the load, the fleet or the retries is not a finite number'
  if (plan.segment !== undefined && !(plan.segment > 0 && Number.isFinite(plan.segment))) return 'the segment length is not a positive figure'
  if (plan.uploadsPerDay > LIMITS.videos) return `the simulation holds at most ${LIMITS.videos} uploads a day`
  const pieces = (footage: number) => (plan.segment === undefined ? 1 : Math.ceil(footage / plan.segment))
  if (pieces(plan.largestFile / plan.bitrate) > LIMITS.piecesPerVideo) return `the largest upload would be cut into more than ${LIMITS.piecesPerVideo} segments`
  if (plan.uploadsPerDay * (pieces(plan.meanFootage) + 1) > LIMITS.tasks) return `the day would hold more than ${LIMITS.tasks} tasks`
  return undefined
}

/** The outcome of a day that was not simulated. */
function declined(why: string): DayOutcome {
  const steps = Math.ceil(DAY / MODEL.step)
  const zeros = () => new Array<number>(steps).fill(0)
  return {
    videos: 0,
    published: 0,
    deadLettered: 0,
    withinSla: 0,
    publishTimes: new Float64Array(0),
    p50: Number.POSITIVE_INFINITY,
    p99: Number.POSITIVE_INFINITY,
    utilisation: 0,
    busiestHourUtilisation: 0,
    meanWork: 0,
    lostAttempts: 0,
    declined: why,
    series: {uploads: zeros(), busySlots: zeros(), queuedTasks: zeros(), p99Publish: zeros()},
  }
}

export function simulateDay(plan: DayPlan, seed = 1): DayOutcome {
  const why = declineReason(plan)
  if (why !== undefined) return declined(why)
  const steps = Math.ceil(DAY / MODEL.step)
  const slots = Math.min(LIMITS.slots, Math.floor(plan.slots))
  const workPerFootage = plan.processingTime / plan.meanFootage
  const mix = sizeMix({smallest: plan.smallestFile, common: plan.commonFile, largest: plan.largestFile, mean: plan.meanFootage * plan.bitrate})

  const simulation = new Simulation<Event>(handle, seed)
  const random = simulation.random
  const arrivals = uploadTimes(plan.uploadsPerDay, plan.peakFactor, random)
  const videos = arrivals.length
  const bytes = Float64Array.from({length: videos}, () => mix.draw(random))
  const remaining = new Int32Array(videos)
  const publishedAt = new Float64Array(videos).fill(Number.POSITIVE_INFINITY)
  const dead = new Uint8Array(videos)

  // Two lanes: everything else (0) and the outliers (1), shared by stride scheduling on work when both wait.
  const lanes = [new Fifo<Task>(), new Fifo<Task>()] as const
  const weights = plan.outliers ? [1 - plan.outliers.share, plan.outliers.share] : [1, 0]
  const pass = [0, 0]
  let free = slots
  let queued = 0
  let lostAttempts = 0
  let deadLettered = 0

  // Busy slot-time, counted into the steps of the day as it accrues.
  const busyByStep = new Float64Array(steps)
  const queuedByStep = new Float64Array(steps)
  let accountedTo = 0
  const account = (now: number) => {
    const busy = slots - free
    let from = accountedTo
    const to = Math.min(now, DAY)
    while (from < to) {
      const step = Math.floor(from / MODEL.step)
      const end = Math.min(to, (step + 1) * MODEL.step)
      busyByStep[step]! += busy * (end - from)
      from = end
    }
    accountedTo = Math.max(accountedTo, to)
  }

  const noteQueue = (now: number) => {
    if (now < DAY) {
      const step = Math.floor(now / MODEL.step)
      queuedByStep[step] = Math.max(queuedByStep[step]!, queued)
    }
  }

  const enqueue = (task: Task, now: number) => {
    const lane = lanes[task.lane]
    // A lane that was idle rejoins at the other lane's progress, so it cannot claim the slots it left unused.
    if (lane.size === 0) pass[task.lane] = Math.max(pass[task.lane]!, pass[1 - task.lane]!)
    lane.push(task)
    queued++
    noteQueue(now)
  }

  const start = (task: Task, sim: Simulation<Event>) => {
    free--
    if (sim.random() < MODEL.failureRate) {
      sim.schedule(task.work * sim.random(), {kind: 'lost', task})
    } else sim.schedule(task.work, {kind: 'done', task})
  }

  const dispatch = (sim: Simulation<Event>) => {
    account(sim.now)
    while (free > 0 && queued > 0) {
      const [normal, outlier] = lanes
      const lane: 0 | 1 = outlier.size === 0 ? 0 : normal.size === 0 ? 1 : pass[1]! < pass[0]! ? 1 : 0
      const task = lanes[lane].shift()
      queued--
      pass[lane]! += task.work / Math.max(1e-9, weights[lane]!)
      start(task, sim)
    }
  }

  const mergeTime = (video: number) => MODEL.mergeFixed + (MODEL.mergePerGB * bytes[video]!) / 1e9

  function handle(event: Event, sim: Simulation<Event>): void {
    switch (event.kind) {
      case 'upload': {
        const video = event.video
        if (video + 1 < videos) sim.at(arrivals[video + 1]!, {kind: 'upload', video: video + 1})
        if (plan.segment === undefined) split(video, sim)
        else sim.schedule(MODEL.splitFixed + (MODEL.splitPerGB * bytes[video]!) / 1e9, {kind: 'split', video})
        return
      }
      case 'split':
        return split(event.video, sim)
      case 'done': {
        account(sim.now)
        free++
        const video = event.task.video
        if (--remaining[video]! === 0 && !dead[video]) {
          if (plan.segment === undefined) publishedAt[video] = sim.now
          else sim.schedule(mergeTime(video), {kind: 'merged', video})
        }
        return dispatch(sim)
      }
      case 'lost': {
        account(sim.now)
        // The worker is replaced at once; its task waits for the lease to expire and then for its backoff.
        free++
        lostAttempts++
        const task = event.task
        task.attempt++
        if (task.attempt > plan.retry.maxRetries) {
          if (!dead[task.video]) deadLettered++
          dead[task.video] = 1
        } else sim.schedule(plan.retry.detection + backoff(plan.retry, task.attempt, sim.random()), {kind: 'retry', task})
        return dispatch(sim)
      }
      case 'retry':
        enqueue(event.task, sim.now)
        return dispatch(sim)
      case 'merged':
        publishedAt[event.video] = sim.now
        return
      case 'sample':
        // A step in which nothing is queued or started still shows the queue it began with.
        noteQueue(sim.now)
        if (event.step + 1 < steps) sim.schedule(MODEL.step, {kind: 'sample', step: event.step + 1})
        return
    }
  }

  function split(video: number, sim: Simulation<Event>): void {
    const footage = bytes[video]! / plan.bitrate
    const pieces = segmentsOf(footage, plan.segment)
    const lane: 0 | 1 = plan.outliers && bytes[video]! >= plan.outliers.threshold ? 1 : 0
    remaining[video] = pieces.length
    for (const piece of pieces) enqueue({video, work: piece * workPerFootage, lane, attempt: 0}, sim.now)
    dispatch(sim)
  }

  if (videos > 0) simulation.at(arrivals[0]!, {kind: 'upload', video: 0})
  simulation.schedule(0, {kind: 'sample', step: 0})
  simulation.run({maxEvents: LIMITS.events})
  account(DAY)

  const publishTimes = Float64Array.from(publishedAt, (at, i) => at - arrivals[i]!).sort()
  const withinSla = publishTimes.filter((t) => t <= plan.sla).length
  const busySlots = Array.from(busyByStep, (b) => b / MODEL.step)
  const hourly = Math.round(HOUR / MODEL.step)
  let busiest = 0
  for (let i = 0; i + hourly <= steps; i++) busiest = Math.max(busiest, busySlots.slice(i, i + hourly).reduce((x, y) => x + y, 0) / hourly)

  // Per step of upload time: how many arrived, and the p99 of their publish times.
  const byStep: number[][] = Array.from({length: steps}, () => [])
  for (let i = 0; i < videos; i++) byStep[Math.min(steps - 1, Math.floor(arrivals[i]! / MODEL.step))]!.push(publishedAt[i]! - arrivals[i]!)
  const work = Array.from(bytes, (b) => (b / plan.bitrate) * workPerFootage)

  return {
    videos,
    published: publishTimes.filter(Number.isFinite).length,
    deadLettered,
    withinSla,
    publishTimes,
    // A day without uploads keeps every promise it made.
    p50: videos > 0 ? percentileOfSorted(publishTimes, 50) : 0,
    p99: videos > 0 ? percentileOfSorted(publishTimes, 99) : 0,
    utilisation: slots > 0 ? busyByStep.reduce((x, y) => x + y, 0) / (slots * DAY) : 0,
    busiestHourUtilisation: slots > 0 ? busiest / slots : 0,
    meanWork: work.reduce((x, y) => x + y, 0) / Math.max(1, videos),
    lostAttempts,
    series: {
      uploads: byStep.map((s) => s.length),
      busySlots,
      queuedTasks: Array.from(queuedByStep),
      p99Publish: byStep.map((s) => (s.length === 0 ? 0 : percentileOfSorted(Float64Array.from(s).sort(), 99))),
    },
  }
}
