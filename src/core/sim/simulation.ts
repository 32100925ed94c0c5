import {randomFromSeed, type Random} from '../random.js'
import {EventQueue} from './event-queue.js'

/** What a simulation model reacts to: an event of its own kind, at the simulated time. */
export type Handler<E> = (event: E, simulation: Simulation<E>) => void

/**
 * A deterministic discrete-event simulation: a virtual clock, an agenda of events, and a seeded
 * random stream. The same seed and model give the same run, event for event (ties in time resolve
 * in the order events were scheduled).
 */
export class Simulation<E> {
  readonly random: Random
  private readonly agenda = new EventQueue<E>()
  private clock = 0
  private processed = 0

  constructor(
    private readonly handle: Handler<E>,
    seed = 1,
  ) {
    this.random = randomFromSeed(seed)
  }

  /** The current simulated time. */
  get now(): number {
    return this.clock
  }

  /** Events handled so far. */
  get events(): number {
    return this.processed
  }

  get pending(): number {
    return this.agenda.size
  }

  /** Schedules an event `delay` time units from now (delay ≥ 0). */
  schedule(delay: number, event: E): void {
    if (!(delay >= 0)) throw new RangeError(`cannot schedule an event ${delay} time units into the past`)
    this.agenda.push(this.clock + delay, event)
  }

  /** Schedules an event at an absolute time, not before now. */
  at(time: number, event: E): void {
    this.schedule(time - this.clock, event)
  }

  /**
   * Runs events in time order until the agenda is empty, the clock would pass `until`, or
   * `maxEvents` have been handled (a guard against a model that never settles). Returns the number
   * of events handled by this call.
   */
  run(options: {until?: number; maxEvents?: number} = {}): number {
    const until = options.until ?? Number.POSITIVE_INFINITY
    const limit = options.maxEvents ?? Number.POSITIVE_INFINITY
    let handled = 0
    while (handled < limit) {
      const next = this.agenda.peekTime()
      if (next === undefined || next > until) break
      const item = this.agenda.pop()!
      this.clock = item.time
      this.processed++
      handled++
      this.handle(item.payload, this)
    }
    return handled
  }
}
