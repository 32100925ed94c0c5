/**
 * Independent models of the load-balancer contracts (the comments of the starter), written apart
 * from the reference solution so each checks the other (test/grading/load-balancer-model.test.ts
 * replays random call sequences on both). Hidden cases use them to compute, in the grader's own
 * process, what every call of the learner's code must return.
 */
import {hash} from 'node:crypto'

export function roundRobin(servers: readonly string[], picks: number): string[] {
  return Array.from({length: picks}, (_, i) => servers[i % servers.length]!)
}

export function smoothWeighted(servers: ReadonlyArray<{id: string; weight: number}>, picks: number): string[] {
  const total = servers.reduce((sum, s) => sum + s.weight, 0)
  const current = servers.map(() => 0)
  const out: string[] = []
  for (let p = 0; p < picks; p++) {
    servers.forEach((s, i) => (current[i]! += s.weight))
    let best = 0
    current.forEach((c, i) => {
      if (c > current[best]!) best = i
    })
    current[best]! -= total
    out.push(servers[best]!.id)
  }
  return out
}

export class LeastConnectionsModel {
  readonly counts: Map<string, number>
  constructor(private readonly servers: readonly string[]) {
    this.counts = new Map(servers.map((s) => [s, 0]))
  }
  acquire(): string {
    const best = this.servers.reduce((a, b) => (this.counts.get(b)! < this.counts.get(a)! ? b : a))
    this.counts.set(best, this.counts.get(best)! + 1)
    return best
  }
  release(server: string): void {
    this.counts.set(server, this.counts.get(server)! - 1)
  }
  active(server: string): number {
    return this.counts.get(server)!
  }
}

export class ResponseTimeModel {
  readonly estimates = new Map<string, number>()
  constructor(
    private readonly servers: readonly string[],
    private readonly alpha: number,
  ) {}
  record(server: string, ms: number): void {
    const previous = this.estimates.get(server)
    this.estimates.set(server, previous === undefined ? ms : this.alpha * ms + (1 - this.alpha) * previous)
  }
  estimate(server: string): number | undefined {
    return this.estimates.get(server)
  }
  pick(): string {
    const unmeasured = this.servers.find((s) => !this.estimates.has(s))
    if (unmeasured !== undefined) return unmeasured
    return this.servers.reduce((a, b) => (this.estimates.get(b)! < this.estimates.get(a)! ? b : a))
  }
}

export type Health = 'healthy' | 'degraded' | 'down' | 'probing'

export class HealthModel {
  private readonly status = new Map<string, {state: 'healthy' | 'degraded' | 'down'; failures: number; since: number}>()
  constructor(
    readonly servers: readonly string[],
    private readonly options: {failuresToDown: number; probeAfterMs: number; slowMs: number},
  ) {
    for (const s of servers) this.status.set(s, {state: 'healthy', failures: 0, since: 0})
  }
  state(server: string, now: number): Health {
    const s = this.status.get(server)!
    return s.state === 'down' && now - s.since >= this.options.probeAfterMs ? 'probing' : s.state
  }
  /** When the server, now down, turns to probing (undefined when it is not down). */
  probeAt(server: string): number | undefined {
    const s = this.status.get(server)!
    return s.state === 'down' ? s.since + this.options.probeAfterMs : undefined
  }
  observe(server: string, ok: boolean, latencyMs: number, now: number): void {
    const s = this.status.get(server)!
    const current = this.state(server, now)
    // Before its probe time a down server hears only late answers to requests sent earlier.
    if (current === 'down') return
    if (ok) {
      s.failures = 0
      s.state = latencyMs > this.options.slowMs ? 'degraded' : 'healthy'
    } else if (current === 'probing') {
      s.state = 'down'
      s.since = now
    } else if (++s.failures >= this.options.failuresToDown) {
      s.state = 'down'
      s.since = now
      s.failures = 0
    }
  }
  available(now: number): string[] {
    return this.servers.filter((s) => ['healthy', 'degraded'].includes(this.state(s, now)))
  }
}

export type Breaker = 'closed' | 'open' | 'half-open'

export class BreakerModel {
  private open = false
  private failures = 0
  private openedAt = 0
  /** A half-open trial has been let through and not yet reported. */
  trial = false
  constructor(private readonly options: {failureThreshold: number; cooldownMs: number}) {}
  state(now: number): Breaker {
    if (!this.open) return 'closed'
    return now - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open'
  }
  /** When an open breaker turns half-open (undefined when closed). */
  halfOpenAt(): number | undefined {
    return this.open ? this.openedAt + this.options.cooldownMs : undefined
  }
  allow(now: number): boolean {
    const state = this.state(now)
    if (state === 'closed') return true
    if (state === 'open' || this.trial) return false
    this.trial = true
    return true
  }
  success(now: number): void {
    // While open, a report answers a request sent before it opened: ignored.
    if (this.state(now) === 'open') return
    this.open = false
    this.failures = 0
    this.trial = false
  }
  failure(now: number): void {
    const state = this.state(now)
    if (state === 'open') return
    if (state === 'half-open' || ++this.failures >= this.options.failureThreshold) {
      this.open = true
      this.openedAt = now
      this.failures = 0
      this.trial = false
    }
  }
}

// ------------------------------------------------------------------ the hash ring

/** The starter's `ringPosition`: the first 4 bytes of the MD5 digest, big-endian, unsigned. */
export function md5Position(text: string): number {
  return hash('md5', text, 'buffer').readUInt32BE(0)
}

interface RingPoint {
  readonly at: number
  readonly server: string
  /** The text hashed for it, `server#i`: looked up as a key, it lands exactly on the point. */
  readonly label: string
}

/**
 * The ring the starter suggests: server s at md5Position(`s#0`) … md5Position(`s#V−1`); equal
 * positions ordered by server id (plain string comparison, smaller first); a key goes to the
 * first point at or after md5Position(key), past the top back to the lowest point.
 */
export class RingModel {
  private points: RingPoint[] = []
  private readonly members = new Set<string>()
  constructor(
    servers: readonly string[],
    private readonly virtualNodes: number,
  ) {
    for (const s of servers) this.add(s)
  }
  add(server: string): void {
    this.members.add(server)
    for (let i = 0; i < this.virtualNodes; i++) {
      const label = `${server}#${i}`
      this.points.push({at: md5Position(label), server, label})
    }
    this.points.sort((a, b) => a.at - b.at || (a.server < b.server ? -1 : a.server > b.server ? 1 : 0))
  }
  remove(server: string): void {
    this.members.delete(server)
    this.points = this.points.filter((p) => p.server !== server)
  }
  servers(): string[] {
    return [...this.members].sort()
  }
  /** The sorted positions (with owners), lowest first. */
  get sorted(): readonly RingPoint[] {
    return this.points
  }
  lookup(key: string): string {
    const at = md5Position(key)
    let lo = 0
    let hi = this.points.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.points[mid]!.at < at) lo = mid + 1
      else hi = mid
    }
    return this.points[lo === this.points.length ? 0 : lo]!.server
  }
  /** True when two different servers share a position (their order would then rest on the tie rule). */
  hasCollision(): boolean {
    return this.points.some((p, i) => i > 0 && p.at === this.points[i - 1]!.at && p.server !== this.points[i - 1]!.server)
  }
}

/**
 * Two server ids whose first points share a position: md5Position('node-18416#0') ===
 * md5Position('node-93271#0') (found by a birthday search over `node-<n>#0`). A ring holding both
 * shows whether collisions are broken by id or by the order servers arrived in.
 */
export const COLLIDING_SERVERS = ['node-18416', 'node-93271'] as const
