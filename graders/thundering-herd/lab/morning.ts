/**
 * The morning the designs are tried on: a quiet start, then jobs arriving at random (a Poisson
 * stream) at a rate that climbs in a straight line from nothing to the peak by the end of the run.
 */
import {randomFromSeed} from 'course/kit/lab'

/**
 * Job creation times, in order. With the rate r(t) = peak × (t − quiet) / (horizon − quiet), the
 * expected jobs by t are Λ(t) = peak × (t − quiet)² / (2 (horizon − quiet)); unit-rate exponential
 * steps in Λ, mapped back through its inverse, are exactly such a stream.
 */
export function jobTimes(seed: number, quietUntil: number, horizon: number, peakRate: number): number[] {
  const random = randomFromSeed(seed)
  const ramp = horizon - quietUntil
  const times: number[] = []
  let expected = 0
  for (;;) {
    expected += -Math.log(1 - random())
    const t = quietUntil + Math.sqrt((2 * ramp * expected) / peakRate)
    if (t >= horizon) return times
    times.push(t)
  }
}

/** When the rate passes `rate`, on the same ramp. */
export function rampReaches(rate: number, quietUntil: number, horizon: number, peakRate: number): number {
  return quietUntil + ((horizon - quietUntil) * rate) / peakRate
}
