/**
 * Task lists for work-distribution experiments: costs drawn from a distribution, then ordered.
 * Heavy-tailed costs in an adversarial order are where static partitioning falls over.
 */
import {randomFromSeed, shuffle, type Random} from '../random.js'

export const DISTRIBUTIONS = ['uniform', 'lognormal', 'pareto'] as const
export type Distribution = (typeof DISTRIBUTIONS)[number]
export const ORDERS = ['random', 'asc', 'desc'] as const
export type Order = (typeof ORDERS)[number]

export interface WorkloadSpec {
  readonly tasks: number
  readonly distribution: Distribution
  readonly order: Order
  readonly seed: number
  /** Lognormal σ (default 1.5). */
  readonly sigma?: number
  /** Pareto α (default 1.5). */
  readonly alpha?: number
}

/** A standard normal deviate (Box–Muller), from two uniforms. */
function normal(random: Random): number {
  const u = 1 - random()
  const v = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

export function drawCost(distribution: Distribution, random: Random, spec: Pick<WorkloadSpec, 'sigma' | 'alpha'> = {}): number {
  switch (distribution) {
    case 'uniform':
      return 0.5 + random()
    case 'lognormal':
      return Math.exp((spec.sigma ?? 1.5) * normal(random))
    case 'pareto':
      // Inverse transform with minimum 1: the mean is α/(α−1) = 3 for α = 1.5, the variance infinite.
      return (1 - random()) ** (-1 / (spec.alpha ?? 1.5))
  }
}

/** Costs in abstract time units, in the requested order. */
export function generateWorkload(spec: WorkloadSpec): number[] {
  const random = randomFromSeed(spec.seed)
  const costs = Array.from({length: spec.tasks}, () => drawCost(spec.distribution, random, spec))
  if (spec.order === 'asc') return costs.sort((a, b) => a - b)
  if (spec.order === 'desc') return costs.sort((a, b) => b - a)
  return shuffle(random, costs)
}
