/**
 * The learner's health tracker as the cluster consults it: which servers may take traffic, what
 * each answer, timeout and probe was. A tracker that throws or answers nonsense is set aside for
 * the rest of the run, and the reason kept, so the strategies still run (without failover) and the
 * lab can say why.
 */
import {attempt, create, LearnerError, reason, type HealthTracker} from './learner.js'

/** The learner's health tracker, set aside for the rest of the run the first time it fails. */
export class Health {
  problem: string | undefined
  private tracker: HealthTracker | undefined
  private readonly known: ReadonlySet<string>

  constructor(
    module: Record<string, unknown>,
    private readonly names: readonly string[],
    options: {readonly failuresToDown: number; readonly probeAfterMs: number; readonly slowMs: number},
  ) {
    this.known = new Set(names)
    try {
      this.tracker = create<HealthTracker>(module, 'createHealthTracker', names, options)
    } catch (error) {
      this.problem = reason(error)
    }
  }

  private guard<T>(call: (tracker: HealthTracker) => T, fallback: T): T {
    if (!this.tracker) return fallback
    try {
      return call(this.tracker)
    } catch (error) {
      this.problem = reason(error)
      this.tracker = undefined
      return fallback
    }
  }

  /** Servers that may take traffic; all of them when none may (a balancer then fails open). */
  available(now: number): readonly string[] {
    return this.guard((tracker) => {
      const list = attempt('createHealthTracker: available()', () => tracker.available(now))
      if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || !this.known.has(s))) {
        throw new LearnerError('createHealthTracker: available() returned something other than a list of its servers')
      }
      return list.length > 0 ? (list as string[]) : this.names
    }, this.names)
  }

  observe(server: string, ok: boolean, latencyMs: number, now: number): void {
    this.guard((tracker) => attempt('createHealthTracker: observe()', () => tracker.observe(server, {ok, latencyMs}, now)), undefined)
  }

  probing(now: number): string[] {
    return this.guard((tracker) => this.names.filter((s) => attempt('createHealthTracker: state()', () => tracker.state(s, now)) === 'probing'), [])
  }
}
