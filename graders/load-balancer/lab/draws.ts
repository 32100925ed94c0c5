/**
 * The random draws both experiments share: arrival gaps, request costs and which user a request
 * belongs to. Each takes the seeded stream it draws from, so a run is the same on every machine.
 */
import type {Random} from 'course/kit/driver'

/** An exponential deviate with this mean: the gap between Poisson arrivals, or a cost that varies a lot. */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random())
}

/** A lognormal deviate with this mean and shape σ (the median is mean · e^(−σ²/2)). */
export function lognormal(random: Random, mean: number, sigma: number): number {
  const u = 1 - random()
  const v = random()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return mean * Math.exp(sigma * normal - (sigma * sigma) / 2)
}

/**
 * Draws user numbers 0 … users − 1 with probability proportional to 1/(rank + 1)^exponent: a
 * few users are busy, most are not, as real traffic is.
 */
export function zipf(users: number, exponent: number): (random: Random) => number {
  const cumulative = new Float64Array(users)
  let total = 0
  for (let i = 0; i < users; i++) {
    total += 1 / (i + 1) ** exponent
    cumulative[i] = total
  }
  return (random) => {
    const target = random() * total
    let lo = 0
    let hi = users - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! < target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
