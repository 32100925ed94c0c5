/**
 * Read and write load per partition, key by key: the hot set placed by a hash of the post id and by
 * ranges of a time-ordered id, then the answer's remedies applied to the hashed placement. The cold
 * posts (ninety-nine million of them, each read about once in twenty minutes) add their even share
 * to every partition; their spread around it is a fraction of a per cent, and no remedy touches
 * them (a cache does nothing for a key read once in twenty minutes).
 */
import type {Random} from 'course/kit/lab'
import type {ReadRemedy, WriteRemedy} from './answer.js'
import {hotKeyRates, type Skew} from './keys.js'
import type {HotScenario} from './scenario.js'

export interface PartitionLoads {
  /** Reads/s of the partition holding the celebrity's post, hashed, before any remedy. */
  readonly celebrityPartition: number
  /** Reads/s of the busiest other partition, hashed: what a hash does with the rest of the hot set. */
  readonly busiestOther: number
  readonly meanReads: number
  readonly overCapacity: number
  /** Placed by ranges of a time-ordered id: the partitions holding the hot set, their mean reads/s, the busiest. */
  readonly rangeHotPartitions: number
  readonly rangeMeanHot: number
  readonly rangeBusiest: number
  /** Hashed, with the answer's read remedy: the celebrity's partition, the busiest one, and reads refused. */
  readonly remediedCelebrityPartition: number
  readonly remediedBusiest: number
  readonly remediedOverCapacity: number
  readonly refusedReads: number
  /** Writes/s on the celebrity's partition: its likes on one counter, and with the answer's write remedy. */
  readonly oneCounterWrites: number
  readonly remediedWrites: number
}

export interface CacheTiming {
  /** A store read's round trip seen by a cache, s: the fixed latency and the partition's service time. */
  readonly storeRead: number
}

/**
 * Store reads a second that `caches` caches with a TTL send for a key read `rate` times a second,
 * spread evenly over them. Each cache goes through a cycle: the entry expires, the next read of the
 * key misses (on average caches ÷ rate later), the refresh takes a store read, and the entry is good
 * for the TTL. With coalescing one store read per cycle; without, every read during the refresh too.
 */
export function cachedStoreReads(rate: number, caches: number, ttl: number, coalescing: boolean, storeRead: number): number {
  if (rate <= 0) return 0
  const perCache = rate / caches
  const cycle = ttl + 1 / perCache + storeRead
  const readsPerCycle = coalescing ? 1 : 1 + perCache * storeRead
  return (caches * readsPerCycle) / cycle
}

function applyRead(remedy: ReadRemedy, rate: number, hotThreshold: number, timing: CacheTiming): {reads: number; copies: number; refused: number} {
  switch (remedy.kind) {
    case 'none':
      return {reads: rate, copies: 1, refused: 0}
    case 'caching':
      return {reads: cachedStoreReads(rate, remedy.caches, remedy.ttl, remedy.coalescing, timing.storeRead), copies: 1, refused: 0}
    case 'copies':
      return {reads: rate, copies: rate >= hotThreshold ? remedy.copies : 1, refused: 0}
    case 'rate-limit':
      return {reads: Math.min(rate, remedy.limit), copies: 1, refused: Math.max(0, rate - remedy.limit)}
  }
}

function writesWith(remedy: WriteRemedy, likes: number, partitions: number, random: Random): number {
  switch (remedy.kind) {
    case 'none':
      return likes
    case 'sub-keys': {
      if (remedy.distinct) return likes / remedy.subKeys
      // Independent hashes: the fullest partition takes as many sub-keys as landed on it.
      const landed = new Map<number, number>()
      for (let i = 0; i < remedy.subKeys; i++) {
        const partition = Math.floor(random() * partitions)
        landed.set(partition, (landed.get(partition) ?? 0) + 1)
      }
      return (Math.max(...landed.values()) * likes) / remedy.subKeys
    }
    case 'batching': {
      // A writer sends one increment per interval, if it had any like in it.
      const perWriter = (likes * remedy.interval) / remedy.writers
      return (remedy.writers * (1 - Math.exp(-perWriter))) / remedy.interval
    }
    case 'rate-limit':
      return Math.min(likes, remedy.limit)
  }
}

export interface Remedies {
  readonly read: ReadRemedy
  readonly write: WriteRemedy
  readonly hotThreshold: number
}

export function partitionLoads(scenario: HotScenario, skew: Skew, remedies: Remedies, timing: CacheTiming, random: Random): PartitionLoads {
  const partitions = Math.max(1, Math.round(scenario.partitions))
  const hotKeys = Math.max(1, Math.round(scenario.posts * scenario.hotPostShare))
  const hotReads = scenario.totalReads * scenario.hotReadShare
  const celebrity = Math.min(scenario.celebrityReads, hotReads)
  const cold = (scenario.totalReads - hotReads) / partitions
  const rates = hotKeyRates(skew, hotKeys - 1, hotReads - celebrity)

  const hashed = new Float64Array(partitions).fill(cold)
  const remedied = new Float64Array(partitions).fill(cold)
  const rangeCount = Math.max(1, Math.round(partitions * scenario.hotPostShare))
  const ranged = new Float64Array(partitions).fill(cold)
  let refused = 0
  const place = (rate: number, home: number) => {
    hashed[home]! += rate
    const {reads, copies, refused: cut} = applyRead(remedies.read, rate, remedies.hotThreshold, timing)
    const spread = Math.min(copies, partitions)
    for (let copy = 0; copy < spread; copy++) remedied[(home + copy) % partitions]! += reads / spread
    refused += cut
    ranged[partitions - rangeCount + Math.floor(random() * rangeCount)]! += rate
  }
  const celebrityHome = Math.floor(random() * partitions)
  place(celebrity, celebrityHome)
  for (const rate of rates) place(rate, Math.floor(random() * partitions))

  const otherWrites = Math.max(0, scenario.totalWrites - scenario.celebrityLikes) / partitions
  const likes = scenario.celebrityLikes
  let busiestOther = 0
  for (let p = 0; p < partitions; p++) if (p !== celebrityHome) busiestOther = Math.max(busiestOther, hashed[p]!)
  const over = (loads: Float64Array) => loads.filter((reads) => reads > scenario.readCapacity).length
  return {
    celebrityPartition: hashed[celebrityHome]!,
    busiestOther,
    meanReads: scenario.totalReads / partitions,
    overCapacity: over(hashed),
    rangeHotPartitions: rangeCount,
    rangeMeanHot: ranged.slice(partitions - rangeCount).reduce((a, b) => a + b, 0) / rangeCount,
    rangeBusiest: Math.max(...ranged),
    remediedCelebrityPartition: remedied[celebrityHome]!,
    remediedBusiest: Math.max(...remedied),
    remediedOverCapacity: over(remedied),
    refusedReads: refused,
    oneCounterWrites: likes + otherWrites,
    remediedWrites: writesWith(remedies.write, likes, partitions, random) + otherWrites,
  }
}
