/**
 * Independent models of the task-queue contract (the TSDoc of the unit's starter), written apart
 * from the reference solution so that each checks the other. Hidden cases replay their generated
 * calls here, in the grader's own process, to know what the learner's code must answer.
 */

export interface Backoff {
  readonly baseMs: number
  readonly factor: number
  readonly maxMs: number
  readonly jitter?: number
}

export interface Limit {
  readonly capacity: number
  readonly refillPerSecond: number
}

export interface QueueOptions {
  readonly maxRetries: number
  readonly backoff: Backoff
  readonly rateLimit?: Limit
  readonly agingMs?: number
  /** The same seeded generator the learner's queue is given, for jitter. */
  readonly random?: () => number
}

/** The wait before retry number `retry`, without jitter: the exponential delay, then the cap. */
export function delayBefore(retry: number, backoff: Backoff): number {
  const grown = backoff.baseMs * backoff.factor ** (retry - 1)
  return Math.min(grown , backoff.maxMs)
}

/**
 * The wait with jitter as the contract states it: the capped delay d, then one draw r of `random`
 * (none when the jitter is 0) spreading it to d · (1 + j · (2r − 1)).
 */
export function jitteredDelay(retry: number, backoff: Backoff, random?: () => number): number {
  const d = delayBefore(retry, backoff)
  const j = backoff.jitter ?? 0
  if (j === 0) return d
  if (!random) throw new Error('grader bug: jitter without a random function')
  return d * (1 + j * (2 * random() - 1))
}

/** True when the contract says `createTokenBucket` (and a queue with this rate limit) must throw. */
export function refusesLimit(limit: Limit): boolean {
  return !Number.isInteger(limit.capacity) || limit.capacity < 1 || !(limit.refillPerSecond > 0)
}

/** True when the contract says `createTaskQueue` must throw for these options. */
export function refusesOptions(options: QueueOptions): boolean {
  const {maxRetries, backoff, agingMs, rateLimit, random} = options
  const jitter = backoff.jitter ?? 0
  if (!Number.isInteger(maxRetries) || maxRetries < 0) return true
  if (!(backoff.baseMs >= 0) || !(backoff.factor >= 1) || !(backoff.maxMs >= backoff.baseMs)) return true
  if (!(jitter >= 0 && jitter < 1) || (jitter > 0 && typeof random !== 'function')) return true
  if (agingMs !== undefined && !(agingMs > 0)) return true
  return rateLimit !== undefined && refusesLimit(rateLimit)
}

/**
 * A token bucket kept in thousandths of a token, so integer times and rates never round. When it
 * is brought up to date does not matter: refilling is linear and the cap only ever cuts.
 */
export class BucketModel {
  private milli: number
  private last: number | undefined
  constructor(private readonly limit: Limit) {
    this.milli = limit.capacity * 1000
  }
  private refill(now: number): void {
    if (this.last !== undefined && now > this.last) {
      this.milli = Math.min(this.limit.capacity * 1000, this.milli + (now - this.last) * this.limit.refillPerSecond)
    }
    this.last = now
  }
  available(now: number): number {
    this.refill(now)
    return this.milli / 1000
  }
  tryTake(now: number): boolean {
    this.refill(now)
    if (this.milli < 1000) return false
    this.milli -= 1000
    return true
  }
}

export type PublicState = 'blocked' | 'queued' | 'running' | 'retrying' | 'done' | 'dead'

export interface Letter {
  readonly id: string
  readonly reason: 'retries-exhausted' | 'dependency-dead'
  readonly cause: string | null
  readonly attempts: number
  readonly at: number
}

export interface Info {
  readonly id: string
  readonly priority: number
  readonly state: PublicState
  readonly attempts: number
  readonly readyAt: number | null
}

interface Entry {
  readonly id: string
  readonly priority: number
  readonly order: number
  readonly needs: string[]
  phase: 'blocked' | 'waiting' | 'running' | 'done' | 'dead'
  attempts: number
  eligibleFrom: number
  /** For a dead task, the task whose exhausted retries doomed it (itself, if it was that task). */
  root: string
}

/**
 * The queue as the contract states it. Every method returns what the learner's must; calls the
 * contract says must throw return `{threw: true}` and leave the model untouched.
 */
export class QueueModel {
  private readonly entries: Entry[] = []
  private readonly byId = new Map<string, Entry>()
  private readonly letters: Letter[] = []
  private readonly bucket: BucketModel | undefined
  private clock = Number.NEGATIVE_INFINITY

  constructor(private readonly options: QueueOptions) {
    this.bucket = options.rateLimit ? new BucketModel(options.rateLimit) : undefined
  }

  /** Would accepting `id` with these dependencies close a cycle? */
  private closesCycle(id: string, needs: readonly string[]): boolean {
    const visited = new Set<string>()
    const pending = [...needs]
    while (pending.length > 0) {
      const current = pending.pop()!
      if (current === id) return true
      if (visited.has(current)) continue
      visited.add(current)
      const entry = this.byId.get(current)
      if (entry) pending.push(...entry.needs)
    }
    return false
  }

  /** True when the contract says `submit` must throw for this task. */
  refuses(spec: {id?: unknown; priority?: unknown; dependsOn?: unknown}): boolean {
    const {id, priority, dependsOn} = spec
    if (typeof id !== 'string' || id.length === 0 || this.byId.has(id)) return true
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 9) return true
    if (dependsOn !== undefined && (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string'))) return true
    const needs = [...new Set((dependsOn as string[] | undefined) ?? [])]
    return this.closesCycle(id, needs)
  }

  submit(spec: {id: string; priority: number; dependsOn?: string[]}, now: number): {threw: boolean} {
    if (this.refuses(spec)) return {threw: true}
    this.clock = Math.max(this.clock, now)
    const needs: string[] = []
    for (const need of spec.dependsOn ?? []) if (!needs.includes(need)) needs.push(need)
    const entry: Entry = {id: spec.id, priority: spec.priority, order: this.entries.length, needs, phase: 'blocked', attempts: 0, eligibleFrom: 0, root: ''}
    this.entries.push(entry)
    this.byId.set(entry.id, entry)
    const deadNeed = needs.map((n) => this.byId.get(n)).find((e) => e !== undefined && e.phase === 'dead')
    if (deadNeed) {
      this.bury(entry, deadNeed.root, now, 'dependency-dead')
    } else if (needs.every((n) => this.byId.get(n)?.phase === 'done')) {
      entry.phase = 'waiting'
      entry.eligibleFrom = now
    }
    return {threw: false}
  }

  /** Kills `first` (for the given reason) and every live task downstream of it, in submission order. */
  private bury(first: Entry, root: string, now: number, reason: Letter['reason']): void {
    const doomed = new Set<string>([first.id])
    let grew = true
    while (grew) {
      grew = false
      for (const entry of this.entries) {
        if (doomed.has(entry.id) || entry.phase === 'dead') continue
        if (entry.needs.some((n) => doomed.has(n))) {
          doomed.add(entry.id)
          grew = true
        }
      }
    }
    const kill = (entry: Entry, why: Letter['reason'], cause: string | null) => {
      entry.phase = 'dead'
      entry.root = root
      this.letters.push({id: entry.id, reason: why, cause, attempts: entry.attempts, at: now})
    }
    kill(first, reason, reason === 'retries-exhausted' ? null : root)
    for (const entry of this.entries) if (entry !== first && doomed.has(entry.id)) kill(entry, 'dependency-dead', root)
  }

  private effective(entry: Entry, now: number): number {
    if (this.options.agingMs === undefined) return entry.priority
    return Math.max(0, entry.priority - Math.floor((now - entry.eligibleFrom) / this.options.agingMs))
  }

  next(now: number): string | undefined {
    this.clock = Math.max(this.clock, now)
    let best: Entry | undefined
    for (const entry of this.entries) {
      if (entry.phase !== 'waiting' || entry.eligibleFrom > now) continue
      if (best === undefined) {
        best = entry
        continue
      }
      const [a, b] = [this.effective(entry, now), this.effective(best, now)]
      if (a < b || (a === b && entry.eligibleFrom < best.eligibleFrom)) best = entry
    }
    if (best === undefined) return undefined
    if (this.bucket && !this.bucket.tryTake(now)) return undefined
    best.phase = 'running'
    best.attempts++
    return best.id
  }

  /** Is `id` a running task (the only kind `complete` and `fail` accept)? */
  isRunning(id: string): boolean {
    return this.byId.get(id)?.phase === 'running'
  }

  complete(id: string, now: number): {threw: boolean} {
    const entry = this.byId.get(id)
    if (entry?.phase !== 'running') return {threw: true}
    this.clock = Math.max(this.clock, now)
    entry.phase = 'done'
    for (const other of this.entries) {
      if (other.phase === 'blocked' && other.needs.every((n) => this.byId.get(n)?.phase === 'done')) {
        other.phase = 'waiting'
        other.eligibleFrom = now
      }
    }
    return {threw: false}
  }

  fail(id: string, now: number): {threw: boolean} {
    const entry = this.byId.get(id)
    if (entry?.phase !== 'running') return {threw: true}
    this.clock = Math.max(this.clock, now)
    if (entry.attempts <= this.options.maxRetries) {
      entry.phase = 'waiting'
      entry.eligibleFrom = now + jitteredDelay(entry.attempts, this.options.backoff, this.options.random)
    } else {
      this.bury(entry, entry.id, now, 'retries-exhausted')
    }
    return {threw: false}
  }

  state(id: string): PublicState | undefined {
    const entry = this.byId.get(id)
    if (!entry) return undefined
    if (entry.phase === 'waiting') return entry.eligibleFrom > this.clock ? 'retrying' : 'queued'
    return entry.phase
  }

  inspect(id: string): Info | undefined {
    const entry = this.byId.get(id)
    if (!entry) return undefined
    return {id, priority: entry.priority, state: this.state(id)!, attempts: entry.attempts, readyAt: entry.phase === 'waiting' ? entry.eligibleFrom : null}
  }

  deadLetters(): Letter[] {
    return this.letters.map((l) => ({...l}))
  }

  /** Ids in each phase, for generators choosing their next call. */
  ids(phase: Entry['phase']): string[] {
    return this.entries.filter((e) => e.phase === phase).map((e) => e.id)
  }

  /** Every submitted id, in submission order. */
  all(): string[] {
    return this.entries.map((e) => e.id)
  }
}
