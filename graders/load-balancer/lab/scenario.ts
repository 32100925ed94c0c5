/**
 * The figures both experiments are built on, in one place: the simulations in the sandbox and the
 * lab that describes them read the same numbers. Nothing here runs anything.
 */

export interface ClusterServer {
  readonly name: string
  /** Requests it runs at once; more wait in its queue. */
  readonly cores: number
  /** Its weight for smooth weighted round robin: proportional to its cores. */
  readonly weight: number
}

/** The ticket shop's application tier, as the unit describes it: four new servers and two old ones. */
export const FLEET: readonly ClusterServer[] = [
  {name: 'app-1', cores: 16, weight: 4},
  {name: 'app-2', cores: 16, weight: 4},
  {name: 'app-3', cores: 16, weight: 4},
  {name: 'app-4', cores: 16, weight: 4},
  {name: 'app-5', cores: 4, weight: 1},
  {name: 'app-6', cores: 4, weight: 1},
]

/** What happens to the fleet in the strategies experiment, and how requests and users look. */
export const CLUSTER = {
  meanCostMs: 40,
  costSigma: 1,
  slowServer: 'app-2',
  slowdown: 5,
  /** Fractions of the run. */
  slowFrom: 1 / 3,
  hungServer: 'app-6',
  hungFrom: 0.5,
  hungUntil: 0.65,
  timeoutMs: 1000,
  health: {failuresToDown: 3, probeAfterMs: 2000, slowMs: 500},
  probeEveryMs: 500,
  probeCostMs: 5,
  users: 5000,
  userSkew: 0.8,
  windows: 40,
} as const

export const STRATEGIES = ['round-robin', 'least-connections', 'smooth-weighted', 'hash-ring', 'least-response-time', 'two-choices'] as const
export type StrategyName = (typeof STRATEGIES)[number]

/** Virtual nodes per server on the hash ring: the unit's balance test uses 100 too. */
export const VIRTUAL_NODES = 100
/** The EWMA's α: the unit's worked example uses 0.3. */
export const ALPHA = 0.3

/** The levels experiment's fleet of identical servers, each with a cache of recent users. */
export const LEVELS_FLEET = {
  meanCostMs: 100,
  usersPerServer: 40,
  userSkew: 0.5,
  cachedUsersPerServer: 50,
  /** Requests at the start left out of the percentiles: the fleet starts empty and its caches cold. */
  warmUp: 0.2,
  bisectionSteps: 8,
} as const

export const LEVEL_STRATEGIES = ['random', 'round-robin', 'least-connections', 'hash-ring', 'slo-affinity'] as const
export type LevelStrategy = (typeof LEVEL_STRATEGIES)[number]
