/**
 * The shop's traffic for the dashboard: when tasks arrive and what each attempt does. Every draw
 * comes from a stream of its own (arrivals from one, each attempt from one seeded by the task and
 * the attempt number), so two queues that order the same tasks differently still face exactly the
 * same work: a difference in the dashboard is the queue's doing, not the dice's.
 */
import {randomFromSeed, type Random} from 'course/kit/driver'
import type {DashboardInput, TaskKind} from './report.js'

export interface Arrival {
  readonly index: number
  readonly atMs: number
  readonly kind: number
  /** Fails on every attempt, whatever the queue does (malformed input, say). */
  readonly poison: boolean
}

export interface Attempt {
  /** How long the attempt runs before it completes or fails, whole ms. */
  readonly ms: number
  readonly fails: boolean
}

export function rateAt(input: DashboardInput, ms: number): number {
  const inBurst = input.bursts.some((b) => ms >= b.fromMs && ms < b.fromMs + b.lengthMs)
  return inBurst ? input.ratePerSecond * input.burstFactor : input.ratePerSecond
}

function pickKind(kinds: readonly TaskKind[], random: Random): number {
  let u = random()
  for (const [i, kind] of kinds.entries()) {
    u -= kind.share
    if (u < 0) return i
  }
  return kinds.length - 1
}

/**
 * Arrivals as a Poisson stream whose rate steps up during the bursts, drawn by thinning: candidates
 * at the peak rate, each kept with probability rate(t) / peak. Times are whole milliseconds, so a
 * token bucket fed these times can count exactly, as the README asks.
 */
export function arrivals(input: DashboardInput): Arrival[] {
  const random = randomFromSeed(input.seed)
  const peak = input.ratePerSecond * Math.max(1, input.burstFactor)
  const out: Arrival[] = []
  let t = 0
  for (;;) {
    t += (-Math.log(1 - random()) * 1000) / peak
    if (t >= input.windowMs) return out
    if (random() >= rateAt(input, t) / peak) continue
    const kind = pickKind(input.kinds, random)
    const poison = random() < input.poisonPerMille / 1000
    out.push({index: out.length, atMs: Math.floor(t), kind, poison})
  }
}

/** A 32-bit seed for one (run, task, attempt), mixed so that neighbouring indices give unrelated streams. */
function attemptSeed(seed: number, task: number, attempt: number): number {
  let h = Math.imul(seed ^ 0x2545f491, 0x9e3779b1)
  h = Math.imul(h ^ (task + 1), 0x85ebca6b)
  h = Math.imul(h ^ (attempt + 1), 0xc2b2ae35)
  return (h ^ (h >>> 15)) >>> 0
}

/** Attempt `attempt` (1 for the first) of a task: exponential running time, and whether it fails partway. */
export function attemptOf(input: DashboardInput, arrival: Arrival, attempt: number): Attempt {
  const random = randomFromSeed(attemptSeed(input.seed, arrival.index, attempt))
  const mean = input.kinds[arrival.kind]!.meanMs
  const full = Math.max(1, Math.round(-Math.log(1 - random()) * mean))
  const fails = arrival.poison || random() < input.failurePercent / 100
  // A failure shows partway through: a timeout or an error reply cuts the attempt short.
  return {ms: fails ? Math.max(1, Math.round(full * random())) : full, fails}
}
