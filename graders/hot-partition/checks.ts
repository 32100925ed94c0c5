/**
 * Document checks of the hot-partition grader: the rules that relate a remedy's parameters to the
 * scenario and to the load the learner says they leave on a partition. Figures are recomputed from
 * the learner's own parameters; every check returns a verdict, never throws, on any schema-valid
 * document.
 */
import {defineGrader, designCheck, figure, type DesignReader} from 'course/kit'

/** The scenario. */
const CELEBRITY_READS = 50_000
const CELEBRITY_LIKES = 5_000
/** A partition's 2,000 reads/s less its even share (950 reads/s) of the other traffic. */
const SPARE_READS = 1_050
/** Half a partition's write capacity. */
const MAX_LIKES_PER_PARTITION = 250
const TTL_RANGE = [0.1, 60] as const
const WINDOW_RANGE = [1, 300] as const
const MAX_KEY_THRESHOLD = 2_000
const BUCKETS_NEEDED = 450
/** Relative tolerance of a stated load against the one the parameters imply. */
const TOLERANCE = 0.05

const choiceAt = (design: DesignReader, section: string) => String(design.value(`/${section}/choice`))

/** Caching: a TTL in [100 ms, 60 s], at least one cache node, and `store_reads` = cache nodes ÷ TTL. */
function cachingParameters(design: DesignReader, parameters: string): void {
  const ttl = design.need(`${parameters}/ttl`, 'duration')
  if (ttl !== undefined && (ttl < TTL_RANGE[0] || ttl > TTL_RANGE[1])) design.flaw(`${parameters}/ttl`, `a TTL of ${figure(ttl)} s is outside 100 ms to 60 s`)
  const nodes = design.need(`${parameters}/cache_nodes`, 'count')
  if (nodes !== undefined && nodes < 1) design.flaw(`${parameters}/cache_nodes`, 'at least one server must hold the cache')
  const stated = design.need('/read_mitigation/store_reads', 'rate')
  if (ttl !== undefined && ttl > 0 && nodes !== undefined && nodes >= 1 && stated !== undefined) {
    design.agree({
      pointer: '/read_mitigation/store_reads',
      stated,
      computed: nodes / ttl,
      tolerance: TOLERANCE,
      working: `${figure(nodes)} cache nodes, one refresh each per ${figure(ttl)} s TTL`,
      unit: 'reads/s',
    })
  }
}

/** Replicas or salted copies, enough that each serves at most what a partition has to spare. */
function copiesParameters(design: DesignReader, parameters: string, name: 'replicas' | 'copies'): void {
  const copies = design.need(`${parameters}/${name}`, 'count')
  if (copies === undefined) return
  const each = copies > 0 ? CELEBRITY_READS / copies : Number.POSITIVE_INFINITY
  if (each <= SPARE_READS * (1 + 1e-9)) return
  design.flaw(
    `${parameters}/${name}`,
    `${figure(copies)} ${name} leave ${Number.isFinite(each) ? figure(each) : 'all'} of the celebrity's ${figure(CELEBRITY_READS)} reads/s on each, more than the ${figure(SPARE_READS)} reads/s a partition has to spare beside its other traffic`,
  )
}

/**
 * Read remedy: caching with a TTL in [100 ms, 60 s], at least one cache node and `store_reads`
 * equal to cache nodes ÷ TTL within 5 %; replicas or salted copies numerous enough that each
 * serves at most the 1,050 reads/s a partition has to spare.
 */
const readMitigationParameters = designCheck((design) => {
  const parameters = '/read_mitigation/parameters'
  const choice = choiceAt(design, 'read_mitigation')
  switch (choice) {
    case 'caching':
      return cachingParameters(design, parameters)
    case 'read_replicas':
      return copiesParameters(design, parameters, 'replicas')
    case 'key_salting':
      return copiesParameters(design, parameters, 'copies')
    default:
      design.flaw('/read_mitigation/choice', `\`${choice}\` does not serve the key's reads from more than one place`)
  }
})

/** A write rate on one partition, with how it was reached. */
interface Implied {
  readonly rate: number
  readonly working: string
}

/** The write rate on one partition that the write remedy's parameters imply, or undefined with why recorded. */
function impliedWrites(design: DesignReader): Implied | undefined {
  const parameters = '/write_mitigation/parameters'
  switch (choiceAt(design, 'write_mitigation')) {
    case 'key_salting': {
      const subKeys = design.need(`${parameters}/sub_keys`, 'count')
      if (subKeys === undefined) return undefined
      if (!(subKeys >= 1)) {
        design.flaw(`${parameters}/sub_keys`, 'a counter needs at least one sub-key')
        return undefined
      }
      return {rate: CELEBRITY_LIKES / subKeys, working: `${figure(CELEBRITY_LIKES)} likes/s over ${figure(subKeys)} sub-keys`}
    }
    case 'write_batching': {
      const interval = design.need(`${parameters}/interval`, 'duration')
      const writers = design.need(`${parameters}/writers`, 'count')
      if (interval === undefined || writers === undefined) return undefined
      if (!(interval > 0) || !(writers >= 1)) {
        design.flaw(parameters, 'batching needs at least one writer and an interval longer than 0 s')
        return undefined
      }
      // Each writer sends at most one increment per interval, and never more writes than there are likes.
      return {rate: Math.min(writers / interval, CELEBRITY_LIKES), working: `${figure(writers)} writers, one increment each per ${figure(interval)} s`}
    }
    default:
      return undefined
  }
}

/**
 * Write remedy: salting with enough sub-keys that each takes at most 250 likes/s, or batching whose
 * write rate (writers ÷ interval) is at most 250 writes/s.
 */
const writeMitigationParameters = designCheck((design) => {
  const choice = choiceAt(design, 'write_mitigation')
  if (choice !== 'key_salting' && choice !== 'write_batching') {
    design.flaw('/write_mitigation/choice', `\`${choice}\` neither splits nor combines the key's writes`)
    return
  }
  const implied = impliedWrites(design)
  if (implied && implied.rate > MAX_LIKES_PER_PARTITION * (1 + 1e-9)) {
    const pointer = choice === 'key_salting' ? '/write_mitigation/parameters/sub_keys' : '/write_mitigation/parameters'
    design.flaw(pointer, `${implied.working} is ${figure(implied.rate)} writes/s on one partition, more than ${MAX_LIKES_PER_PARTITION} (half a partition's write capacity)`)
  }
})

/** `max_partition_writes` equals the write rate the learner's own parameters imply, within 5 %. */
const writeMaxMatchesParameters = designCheck((design) => {
  const pointer = '/write_mitigation/max_partition_writes'
  const stated = design.need(pointer, 'rate')
  const implied = impliedWrites(design)
  if (stated === undefined || !implied) {
    if (design.problems.length === 0) design.flaw('/write_mitigation/choice', `\`${choiceAt(design, 'write_mitigation')}\` has no write rate this rule can compute`)
    design.problem(`so ${pointer} cannot be checked against your parameters`)
    return
  }
  design.agree({pointer, stated, computed: implied.rate, tolerance: TOLERANCE, working: implied.working, unit: 'writes/s'})
})

/** The range proposal answered structurally: hash partitioning, or a hash prefix of at least 450 buckets. */
const rangeSpreadsHotRange = designCheck((design) => {
  const choice = choiceAt(design, 'range_mitigation')
  if (choice === 'hash_partitioning') return
  if (choice === 'hash_prefix') {
    const pointer = '/range_mitigation/parameters/buckets'
    const buckets = design.need(pointer, 'count')
    if (buckets !== undefined && buckets < BUCKETS_NEEDED) {
      design.flaw(pointer, `${figure(buckets)} buckets spread the newest ids over at most ${figure(buckets)} partitions, too few for a hot range that needs ${BUCKETS_NEEDED} partitions' worth of reads`)
    }
    return
  }
  const why = choice === 'adaptive_splitting'
    ? 'splitting chases the newest range, which keeps moving onto fresh partitions as ids grow'
    : 'the newest ids still land together on a few partitions'
  design.flaw('/range_mitigation/choice', `\`${choice}\`: ${why}`)
})

/** Detection by key: a sample rate, a window in [1 s, 5 min], a threshold in (0, 2,000 reads/s]. */
const detectionParameters = designCheck((design) => {
  const parameters = '/detection/parameters'
  const choice = choiceAt(design, 'detection')
  if (choice !== 'sampled_key_counts' && choice !== 'count_min_sketch') {
    design.flaw('/detection/choice', `\`${choice}\` does not count individual keys`)
    return
  }
  const rate = design.need(`${parameters}/sample_rate`, 'ratio')
  if (rate !== undefined && !(rate > 0 && rate <= 1)) design.flaw(`${parameters}/sample_rate`, 'a sample rate must lie above 0 % and at most 100 %')
  const window = design.need(`${parameters}/window`, 'duration')
  if (window !== undefined && (window < WINDOW_RANGE[0] || window > WINDOW_RANGE[1])) design.flaw(`${parameters}/window`, `a window of ${figure(window)} s is outside 1 s to 5 min`)
  const threshold = design.need(`${parameters}/key_threshold`, 'rate')
  if (threshold !== undefined && !(threshold > 0 && threshold <= MAX_KEY_THRESHOLD)) {
    design.flaw(`${parameters}/key_threshold`, `a threshold of ${figure(threshold)} reads/s is not above 0 and at most ${figure(MAX_KEY_THRESHOLD)} reads/s (a key must be caught before it fills a partition)`)
  }
})

export default defineGrader({
  documentChecks: {
    readMitigationParameters,
    writeMitigationParameters,
    writeMaxMatchesParameters,
    rangeSpreadsHotRange,
    detectionParameters,
  },
})
