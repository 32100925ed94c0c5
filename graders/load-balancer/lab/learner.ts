/**
 * The learner's module as the simulations call it. Their code may be unfinished, throw, or return
 * something that is not a server; every way it can go wrong becomes a `LearnerError` whose
 * message starts with the function's name and says what it did, so the lab can print one clear
 * line ("your createRoundRobin threw: …") instead of failing.
 */

/** The parts of the unit's contract the lab uses, as loose shapes: nothing here is trusted. */
export interface Balancer {
  pick(): unknown
}
export interface LeastConnections {
  acquire(): unknown
  release(server: string): void
}
export interface HashRing {
  add(server: string): void
  remove(server: string): void
  lookup(key: string): unknown
}
export interface ResponseTimes {
  record(server: string, ms: number): void
  estimate(server: string): unknown
  pick(): unknown
}
export interface HealthTracker {
  observe(server: string, result: {readonly ok: boolean; readonly latencyMs: number}, now: number): void
  state(server: string, now: number): unknown
  available(now: number): unknown
}

export class LearnerError extends Error {}

/** What went wrong, in a line: the error's own message, without a stack. */
export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.split('\n')[0] ?? ''
  return line.length > 120 ? `${line.slice(0, 119)}…` : line
}

/** Runs one call on the learner's code and names it in any error it throws. */
export function attempt<T>(what: string, call: () => T): T {
  try {
    return call()
  } catch (error) {
    if (error instanceof LearnerError) throw error
    throw new LearnerError(`${what} threw: ${reason(error)}`)
  }
}

/** Calls an exported factory of the learner's module, which must exist and return an object. */
export function create<T>(module: Record<string, unknown>, name: string, ...args: unknown[]): T {
  const factory = module[name]
  if (typeof factory !== 'function') throw new LearnerError(`${name} is not a function the module exports`)
  const made = attempt(name, () => factory(...args) as unknown)
  if (typeof made !== 'object' || made === null) throw new LearnerError(`${name} returned ${describe(made)}, not an object`)
  return made as T
}

/** A server the learner's code chose, checked against the servers it may choose from. */
export function chosen(what: string, value: unknown, allowed: ReadonlySet<string>): string {
  if (typeof value === 'string' && allowed.has(value)) return value
  throw new LearnerError(`${what} returned ${describe(value)}, which is not one of the servers it was given`)
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 29)}…` : value)
  if (value === null || value === undefined || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}
