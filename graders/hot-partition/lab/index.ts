/**
 * The hot partition's lab (`course run hot-partition`): the hot set's load on each partition under
 * a hash and under ranges of a time-ordered id, the celebrity's reads and likes before and after
 * the answer's remedies, and the moment every cached copy of the celebrity's post expires, with and
 * without request coalescing. The remedies come from the answer file, so they can be tried before
 * they are graded.
 */
import {defineLab, randomFromSeed, type LabBlock} from 'course/kit/lab'
import {readAnswer} from './answer.js'
import type {Skew} from './keys.js'
import {partitionLoads} from './partitions.js'
import {scenarioFrom} from './scenario.js'
import {type Expiry, simulateExpiry} from './stampede.js'
import {rounded} from './units.js'
import {hotView} from './view.js'

/** When the cached copies expire, how long after that the run goes on, and the chart's step, s. */
const EXPIRES_AT = 0.5
const AFTER_EXPIRY = 4
const STEP = 0.1

export interface ExpiryOutcome {
  readonly coalescing: boolean
  readonly from_answer: boolean
  readonly store_reads_per_s: number[]
  readonly post_reads_first_second: number
  readonly peak_store_reads_per_s: number
  readonly worst_other_wait_ms: number
  readonly worst_reader_wait_ms: number
  /** Seconds after the expiry when the partition last had over 100 ms of reads queued; null if never. */
  readonly backlog_until_s: number | null
  readonly backlog_at_end: boolean
}

export interface HotRun {
  readonly seed: number
  readonly skew: Skew
  readonly expiry: Expiry
  readonly store_latency_ms: number
  readonly scenario: {
    readonly partitions: number
    readonly read_capacity: number
    readonly write_capacity: number
    readonly celebrity_reads: number
    readonly celebrity_likes: number
  }
  readonly answer: {
    readonly source: 'reference' | 'mine'
    readonly reads: string
    readonly reads_short: string
    readonly writes: string
    readonly writes_short: string
    /** Keys read at least this often get the answer's copies, reads/s. */
    readonly hot_threshold: number
    /** What the lab had to assume because the answer did not say it, or said it oddly. */
    readonly notes: string[]
  }
  /** Reads/s and writes/s of the partitions that matter, before and after the answer's remedies. */
  readonly partitions: {
    readonly mean_reads: number
    readonly celebrity_partition_reads: number
    readonly busiest_other_reads: number
    readonly over_capacity: number
    readonly range_hot_partitions: number
    readonly range_mean_hot_reads: number
    readonly range_busiest_reads: number
    readonly remedied_celebrity_partition_reads: number
    readonly remedied_busiest_reads: number
    readonly remedied_over_capacity: number
    readonly refused_reads: number
    readonly one_counter_writes: number
    readonly remedied_writes: number
  }
  readonly cache: {
    readonly caches: number
    readonly ttl_s: number
    /** Whether the caches are the answer's; otherwise the scenario's. */
    readonly from_answer: boolean
    readonly expires_at_s: number
    readonly step_s: number
    readonly runs: ExpiryOutcome[]
  }
}

export default defineLab<HotRun>({
  async run(values, context) {
    const seed = Number(values.seed)
    const skew = values.skew as Skew
    const expiry = values.expiry as Expiry
    const latency = Number(values['store-latency'])
    const scenario = scenarioFrom(context.figures)
    const answer = readAnswer(context.document, context.quantity, scenario)
    const service = 1 / scenario.readCapacity

    context.progress?.('placing the hot set')
    const loads = partitionLoads(scenario, skew, answer, {storeRead: latency + service}, randomFromSeed(seed))

    const caching = answer.read.kind === 'caching' ? answer.read : undefined
    const caches = caching?.caches ?? scenario.appServers
    const ttl = caching?.ttl ?? scenario.cacheTtl
    const partitions = Math.max(1, Math.round(scenario.partitions))
    const runs = [false, true].map((coalescing): ExpiryOutcome => {
      context.progress?.(`cache expiry, ${coalescing ? 'with' : 'without'} coalescing`)
      const run = simulateExpiry(
        {
          caches,
          ttl,
          coalescing,
          postReads: scenario.celebrityReads,
          otherReads: (scenario.totalReads - scenario.celebrityReads) / partitions,
          capacity: scenario.readCapacity,
          latency,
          expiry,
          expiresAt: EXPIRES_AT,
          horizon: EXPIRES_AT + AFTER_EXPIRY,
          step: STEP,
        },
        seed * 7 + (coalescing ? 2 : 1),
      )
      return {
        coalescing,
        from_answer: caching !== undefined && caching.coalescing === coalescing,
        store_reads_per_s: run.storeReads.map((reads) => rounded(reads)),
        post_reads_first_second: run.postReadsFirstSecond,
        peak_store_reads_per_s: rounded(run.peakStoreReads),
        worst_other_wait_ms: rounded(run.worstOtherWait * 1000, 3),
        worst_reader_wait_ms: rounded(run.worstReaderWait * 1000, 3),
        backlog_until_s: run.backlogUntil === null ? null : rounded(run.backlogUntil, 3),
        backlog_at_end: run.backlogAtEnd,
      }
    })

    return {
      seed,
      skew,
      expiry,
      store_latency_ms: rounded(latency * 1000),
      scenario: {
        partitions,
        read_capacity: scenario.readCapacity,
        write_capacity: scenario.writeCapacity,
        celebrity_reads: scenario.celebrityReads,
        celebrity_likes: scenario.celebrityLikes,
      },
      answer: {
        source: context.source,
        reads: answer.readLabel,
        reads_short: answer.readShort,
        writes: answer.writeLabel,
        writes_short: answer.writeShort,
        hot_threshold: rounded(answer.hotThreshold),
        notes: answer.notes,
      },
      partitions: {
        mean_reads: rounded(loads.meanReads),
        celebrity_partition_reads: rounded(loads.celebrityPartition, 5),
        busiest_other_reads: rounded(loads.busiestOther),
        over_capacity: loads.overCapacity,
        range_hot_partitions: loads.rangeHotPartitions,
        range_mean_hot_reads: rounded(loads.rangeMeanHot, 5),
        range_busiest_reads: rounded(loads.rangeBusiest, 5),
        remedied_celebrity_partition_reads: rounded(loads.remediedCelebrityPartition),
        remedied_busiest_reads: rounded(loads.remediedBusiest),
        remedied_over_capacity: loads.remediedOverCapacity,
        refused_reads: rounded(loads.refusedReads),
        one_counter_writes: rounded(loads.oneCounterWrites),
        remedied_writes: rounded(loads.remediedWrites),
      },
      cache: {caches, ttl_s: ttl, from_answer: caching !== undefined, expires_at_s: EXPIRES_AT, step_s: STEP, runs},
    }
  },

  view(run): LabBlock[] {
    return hotView(run)
  },
})
