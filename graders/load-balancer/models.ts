/**
 * Independent models of the load-balancer contracts, written apart from the reference solution so
 * each checks the other. Hidden cases use them to compute, in the grader's own process, what the
 * learner's code must return.
 */
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
  observe(server: string, ok: boolean, latencyMs: number, now: number): void {
    const s = this.status.get(server)!
    const current = this.state(server, now)
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
  allow(now: number): boolean {
    const state = this.state(now)
    if (state === 'closed') return true
    if (state === 'open' || this.trial) return false
    this.trial = true
    return true
  }
  success(): void {
    this.open = false
    this.failures = 0
    this.trial = false
  }
  failure(now: number): void {
    if (this.trial || ++this.failures >= this.options.failureThreshold) {
      this.open = true
      this.openedAt = now
      this.failures = 0
      this.trial = false
    }
  }
}
