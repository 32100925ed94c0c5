/**
 * A circuit breaker on C's calls to D, counting the last completed calls. Closed, it lets calls
 * through and opens when enough of the window failed; open, it refuses every call for a while;
 * then it lets a few probe calls through, closes if they all succeed and opens again if one fails.
 */
import type {BreakerPolicy} from './defences.js'

export type Verdict = 'call' | 'probe' | 'refuse'
export type CallOutcome = 'success' | 'timeout' | 'error' | 'rejected_by_bulkhead'

export class CircuitBreaker {
  private readonly outcomes: Uint8Array
  private next = 0
  private recorded = 0
  private failures = 0
  private state: 'closed' | 'open' | 'half-open' = 'closed'
  private openedAt = 0
  private probesOut = 0
  private probesPassed = 0
  /** When the breaker first opened, if it has. */
  firstOpened: number | undefined

  constructor(private readonly policy: BreakerPolicy) {
    this.outcomes = new Uint8Array(Math.max(1, policy.window))
  }

  /** Whether a call may go to D now, and whether it is a probe. */
  admit(now: number): Verdict {
    if (this.state === 'open' && now >= this.openedAt + this.policy.openFor) {
      this.state = 'half-open'
      this.probesOut = 0
      this.probesPassed = 0
    }
    if (this.state === 'closed') return 'call'
    if (this.state === 'open' || this.probesOut >= this.policy.probes) return 'refuse'
    this.probesOut++
    return 'probe'
  }

  /** A call that went through (or a bulkhead's refusal) has ended. */
  record(outcome: CallOutcome, probe: boolean, now: number): void {
    const failed = outcome !== 'success' && this.policy.counts.has(outcome)
    if (probe) {
      if (this.state !== 'half-open') return
      if (failed) this.open(now)
      else if (++this.probesPassed >= this.policy.probes) this.close()
      return
    }
    if (this.state !== 'closed') return
    const slot = this.next
    this.next = (slot + 1) % this.outcomes.length
    if (this.recorded === this.outcomes.length) this.failures -= this.outcomes[slot]!
    else this.recorded++
    this.outcomes[slot] = failed ? 1 : 0
    this.failures += failed ? 1 : 0
    if (this.recorded >= this.policy.minCalls && this.failures >= this.policy.threshold * this.recorded) this.open(now)
  }

  private open(now: number): void {
    this.state = 'open'
    this.openedAt = now
    this.firstOpened ??= now
  }

  private close(): void {
    this.state = 'closed'
    this.outcomes.fill(0)
    this.next = 0
    this.recorded = 0
    this.failures = 0
  }
}
