/**
 * The unit's scenario as the lab uses it, in reads and writes per second, seconds, shares and
 * plain counts: the figures the course hands the lab (the learner's own variant when their
 * workspace has one), or the base scenario's when none are given.
 */
export interface HotScenario {
  readonly posts: number
  readonly partitions: number
  readonly readCapacity: number
  readonly writeCapacity: number
  readonly totalReads: number
  readonly totalWrites: number
  readonly appServers: number
  readonly hotPostShare: number
  readonly hotReadShare: number
  readonly celebrityReads: number
  readonly celebrityLikes: number
  readonly batchInterval: number
  readonly cacheTtl: number
  readonly hotKeyThreshold: number
}

/** The base scenario of the unit's scenario.json, for a run given no figures. */
export const BASE_SCENARIO: HotScenario = {
  posts: 100_000_000,
  partitions: 1000,
  readCapacity: 2000,
  writeCapacity: 500,
  totalReads: 1_000_000,
  totalWrites: 20_000,
  appServers: 200,
  hotPostShare: 0.01,
  hotReadShare: 0.9,
  celebrityReads: 50_000,
  celebrityLikes: 5000,
  batchInterval: 1,
  cacheTtl: 1,
  hotKeyThreshold: 400,
}

const IDS: Record<keyof HotScenario, string> = {
  posts: 'posts',
  partitions: 'partitions',
  readCapacity: 'partition_read_capacity',
  writeCapacity: 'partition_write_capacity',
  totalReads: 'total_reads',
  totalWrites: 'total_writes',
  appServers: 'app_servers',
  hotPostShare: 'hot_post_share',
  hotReadShare: 'hot_read_share',
  celebrityReads: 'celebrity_reads',
  celebrityLikes: 'celebrity_likes',
  batchInterval: 'batch_interval',
  cacheTtl: 'cache_ttl',
  hotKeyThreshold: 'hot_key_threshold',
}

export function scenarioFrom(figures: Readonly<Record<string, number>> | undefined): HotScenario {
  const entries = Object.entries(IDS).map(([key, id]) => {
    const given = figures?.[id]
    return [key, given !== undefined && Number.isFinite(given) && given > 0 ? given : BASE_SCENARIO[key as keyof HotScenario]]
  })
  return Object.fromEntries(entries) as unknown as HotScenario
}
