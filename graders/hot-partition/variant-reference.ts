/**
 * The reference design solved for a learner's variant: the estimates recomputed from the variant's
 * figures, and every field of the design that follows from them (caches per application server,
 * the store reads they imply, the counter's sub-keys and the write rate each takes, the detector's
 * figures and the sample count they give). The design choices are the reference's own; they stay
 * right across the scenario's ranges (the spare read capacity never falls below the caches' store
 * reads or the hot-key threshold there).
 */

/** What this needs of a scenario: each figure in its kind's canonical unit (1/s, s, fractions, counts). */
export interface ScenarioLike {
  figure(id: string): number
}

const tidy = (value: number) => Number(value.toPrecision(10))

/** The parts of the reference design this rewrites. */
interface Section {
  parameters: Record<string, unknown>
  [field: string]: unknown
}
export interface ReferenceDesign {
  estimates: Record<string, unknown>
  read_mitigation: Section
  write_mitigation: Section
  detection: Section
  [field: string]: unknown
}

export function referenceFor(scenario: ScenarioLike, reference: unknown): ReferenceDesign {
  const f = (id: string) => scenario.figure(id)
  const design = structuredClone(reference) as ReferenceDesign
  const partitions = f('partitions')
  const totalReads = f('total_reads')
  const celebrityReads = f('celebrity_reads')
  const celebrityLikes = f('celebrity_likes')
  const servers = f('app_servers')
  const ttl = f('cache_ttl')
  const hotPosts = f('posts') * f('hot_post_share')
  const hotReads = totalReads * f('hot_read_share')
  const rangeHot = partitions * f('hot_post_share')
  const celebrityPartition = celebrityReads + (totalReads - celebrityReads) / partitions
  const subKeys = Math.ceil(celebrityLikes / f('sub_key_likes_limit') - 1e-9)
  const sampleThreshold = f('hot_key_threshold') * f('sample_rate') * f('detection_window')

  design.estimates = {
    mean_partition_reads: `${tidy(totalReads / partitions)} reads/s`,
    hash_hot_posts_per_partition: `${tidy(hotPosts / partitions)} posts`,
    hash_celebrity_partition_reads: `${tidy(celebrityPartition)} reads/s`,
    hash_celebrity_partition_utilisation: `${tidy((100 * celebrityPartition) / f('partition_read_capacity'))} %`,
    range_hot_partitions: `${tidy(rangeHot)} partitions`,
    range_hot_partition_reads: `${tidy(hotReads / rangeHot + (totalReads - hotReads) / partitions)} reads/s`,
    range_partitions_needed: `${Math.ceil(hotReads / f('partition_read_capacity') - 1e-9)} partitions`,
    celebrity_counter_sub_keys: `${subKeys} sub-keys`,
    counter_read_fanout: `${subKeys} reads`,
    batched_celebrity_writes: `${tidy(servers / f('batch_interval'))} writes/s`,
    cached_celebrity_store_reads: `${tidy(servers / ttl)} reads/s`,
    cache_max_staleness: `${tidy(ttl)} s`,
    detection_sample_threshold: `${tidy(sampleThreshold)} samples`,
  }
  design.read_mitigation.parameters.ttl = `${tidy(ttl)} s`
  design.read_mitigation.parameters.cache_nodes = servers
  design.read_mitigation.store_reads = `${tidy(servers / ttl)} reads/s`
  design.write_mitigation.parameters.sub_keys = subKeys
  design.write_mitigation.max_partition_writes = `${tidy(celebrityLikes / subKeys)} writes/s`
  const detection = design.detection.parameters
  detection.sample_rate = `${tidy(100 * f('sample_rate'))} %`
  detection.window = `${tidy(f('detection_window'))} s`
  detection.key_threshold = `${tidy(f('hot_key_threshold'))} reads/s`
  detection.sample_threshold = `${tidy(sampleThreshold)} samples`
  return design
}
