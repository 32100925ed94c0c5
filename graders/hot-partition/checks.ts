/**
 * Document checks of the hot-partition grader: the rules that relate a remedy's parameters to each
 * other, to the scenario and to the load the learner says they leave on a partition. Scenario
 * figures come from `design.figure` (the learner's variant when grading with variants); a figure the
 * design restates (cache nodes and batching writers are the application servers) is compared with
 * the scenario through `design.restated`, and everything after it is computed from the scenario.
 * Every check returns a verdict, never throws, on any schema-valid document.
 */
import {defineGrader, designCheck, DesignReader, figure} from 'course/kit'

/** Bounds a senior reviewer would hold any design to, whatever the scenario. */
const TTL_RANGE = [0.1, 60] as const
/** A detector must answer within a minute: the overload it looks for starts in seconds. */
const WINDOW_RANGE = [1, 60] as const
/** Likes held back on a server longer than this are lost on a crash and show late. */
const MAX_BATCH_INTERVAL = 10
/** A key at the threshold must leave at least this many samples per window (Poisson noise ≤ ~30 %). */
const MIN_SAMPLES_AT_THRESHOLD = 10
/** A count-min sketch may overcount a key by at most this share of the threshold's sample count. */
const MAX_SKETCH_ERROR_SHARE = 0.5
/** A count-min sketch with fewer rows fails its error bound too often (δ = e^-depth > 5 %). */
const MIN_SKETCH_DEPTH = 3
/** Sub-keys beyond this multiple of what the likes need only multiply every count read. */
const MAX_SUB_KEY_SURPLUS = 4
/** Relative tolerance of a stated load against the one the parameters imply. */
const TOLERANCE = 0.05
const EPSILON = 1e-9

const choiceAt = (design: DesignReader, section: string) => String(design.value(`/${section}/choice`))

/** The scenario's figures that the checks compute with, in canonical units (1/s, s, plain numbers). */
function scenario(design: DesignReader) {
  const partitions = design.figure('partitions')
  const totalReads = design.figure('total_reads')
  const celebrityReads = design.figure('celebrity_reads')
  const readCapacity = design.figure('partition_read_capacity')
  // A partition's read capacity less its even share of everybody else's reads.
  const background = (totalReads - celebrityReads) / partitions
  return {
    partitions,
    totalReads,
    celebrityReads,
    celebrityLikes: design.figure('celebrity_likes'),
    readCapacity,
    background,
    spareReads: readCapacity - background,
    likesLimit: design.figure('sub_key_likes_limit'),
    servers: design.figure('app_servers'),
    hotReads: totalReads * design.figure('hot_read_share'),
  }
}

/** Caching: coalescing on, a TTL in [100 ms, 60 s], one cache per application server, `store_reads` = servers ÷ TTL. */
function cachingParameters(design: DesignReader, parameters: string): void {
  const ttl = design.need(`${parameters}/ttl`, 'duration')
  if (ttl !== undefined && (ttl < TTL_RANGE[0] || ttl > TTL_RANGE[1])) design.flaw(`${parameters}/ttl`, `a TTL of ${figure(ttl)} s is outside 100 ms to 60 s`)
  const coalescing = design.value(`${parameters}/request_coalescing`)
  if (coalescing === undefined) design.missing(`${parameters}/request_coalescing`, 'one refresh per cache per TTL holds only with request coalescing, so say whether the caches coalesce')
  else if (coalescing !== true) {
    design.flaw(
      `${parameters}/request_coalescing`,
      'without coalescing every reader that arrives while a refresh is in flight also goes to the store, so cache nodes ÷ TTL is no bound on the store reads (and an expiry under load becomes a stampede)',
    )
  }
  if (!design.has(`${parameters}/cache_nodes`)) {
    design.missing(`${parameters}/cache_nodes`)
    return
  }
  // The caches live on the application servers: one per server, as the scenario counts them.
  const nodes = design.restated(`${parameters}/cache_nodes`, 'app_servers')
  const stated = design.need('/read_mitigation/store_reads', 'rate')
  if (ttl !== undefined && ttl > 0 && nodes >= 1 && stated !== undefined) {
    design.agree({
      pointer: '/read_mitigation/store_reads',
      stated,
      computed: nodes / ttl,
      tolerance: TOLERANCE,
      working: `${figure(nodes)} caches, one refresh each per ${figure(ttl)} s TTL`,
      unit: 'reads/s',
    })
  }
}

/** Replicas or salted copies: enough that each serves at most what a partition has to spare, and `store_reads` = the celebrity's reads ÷ copies. */
function copiesParameters(design: DesignReader, parameters: string, name: 'replicas' | 'copies'): void {
  const s = scenario(design)
  const copies = design.need(`${parameters}/${name}`, 'count')
  if (copies === undefined) return
  if (!(copies >= 1)) {
    design.flaw(`${parameters}/${name}`, `at least one copy must serve the celebrity's reads`)
    return
  }
  if (copies > s.partitions) design.flaw(`${parameters}/${name}`, `${figure(copies)} ${name} are more than the ${figure(s.partitions)} partitions they must live on`)
  const each = s.celebrityReads / copies
  if (each > s.spareReads * (1 + EPSILON)) {
    design.flaw(
      `${parameters}/${name}`,
      `${figure(copies)} ${name} leave ${figure(each)} of the celebrity's ${figure(s.celebrityReads)} reads/s on each, more than the ${figure(s.spareReads)} reads/s a partition has to spare beside its ${figure(s.background)} reads/s of other traffic`,
    )
  }
  const stated = design.need('/read_mitigation/store_reads', 'rate')
  if (stated !== undefined) {
    design.agree({
      pointer: '/read_mitigation/store_reads',
      stated,
      computed: each,
      tolerance: TOLERANCE,
      working: `${figure(s.celebrityReads)} reads/s of the celebrity's post over ${figure(copies)} ${name}`,
      unit: 'reads/s',
    })
  }
}

/**
 * Read remedy: caching with coalescing, a TTL in [100 ms, 60 s], one cache per application server
 * and `store_reads` = servers ÷ TTL; replicas or salted copies numerous enough that each serves at
 * most a partition's spare read capacity, with `store_reads` = the celebrity's reads ÷ copies.
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

/** `store_reads` fits what one partition has to spare beside its share of the other reads. */
const readStoreReadsFit = designCheck((design) => {
  const s = scenario(design)
  const pointer = '/read_mitigation/store_reads'
  const stated = design.need(pointer, 'rate')
  if (stated !== undefined && stated > s.spareReads * (1 + EPSILON)) {
    design.flaw(
      pointer,
      `${figure(stated)} reads/s is more than the ${figure(s.spareReads)} reads/s a partition has to spare: its ${figure(s.readCapacity)} reads/s less its ${figure(s.background)} reads/s of other traffic`,
    )
  }
})

/** A write rate on one partition, with how it was reached. */
interface Implied {
  readonly rate: number
  readonly working: string
}

/** Salting the counter: sub-keys, how writers pick one, how readers merge them, where they are placed. */
function saltedWrites(design: DesignReader, parameters: string): Implied | undefined {
  const s = scenario(design)
  if (!design.has(`${parameters}/write_to`)) design.missing(`${parameters}/write_to`, 'say how a like picks its sub-key (`random` or `round_robin`)')
  const read = design.value(`${parameters}/read`)
  if (read === undefined) design.missing(`${parameters}/read`, 'a salted counter is only a count again when a reader adds up every sub-key (`sum_all`)')
  else if (read !== 'sum_all') design.flaw(`${parameters}/read`, 'a reader must add up every sub-key (`sum_all`), or the count it shows is a fraction of the likes')
  const placement = design.value(`${parameters}/placement`)
  if (placement === undefined) design.missing(`${parameters}/placement`, 'say whether the sub-keys sit on distinct partitions or are placed by independent hashes')
  const subKeys = design.need(`${parameters}/sub_keys`, 'count')
  if (subKeys === undefined) return undefined
  if (!(subKeys >= 1) || !Number.isInteger(subKeys)) {
    design.flaw(`${parameters}/sub_keys`, 'a counter needs a whole number of sub-keys, at least one')
    return undefined
  }
  const needed = Math.ceil(s.celebrityLikes / s.likesLimit - EPSILON)
  if (placement === 'distinct_partitions' && subKeys > s.partitions) {
    design.flaw(`${parameters}/sub_keys`, `${figure(subKeys)} sub-keys cannot sit on distinct partitions: there are ${figure(s.partitions)}`)
  } else if (subKeys > MAX_SUB_KEY_SURPLUS * needed) {
    design.flaw(
      `${parameters}/sub_keys`,
      `${figure(subKeys)} sub-keys are more than ${MAX_SUB_KEY_SURPLUS} times what ${figure(s.celebrityLikes)} likes/s at ${figure(s.likesLimit)} per partition need; every count read now costs ${figure(subKeys)} store reads for nothing`,
    )
  }
  const share = s.celebrityLikes / subKeys
  if (placement === 'independent_hashes' && subKeys > 1) {
    // Two of k independent hashes into P partitions collide with probability ≈ 1 − exp(−k(k−1)/2P).
    const collision = 1 - Math.exp(-(subKeys * (subKeys - 1)) / 2 / s.partitions)
    return {
      rate: 2 * share,
      working: `${figure(s.celebrityLikes)} likes/s over ${figure(subKeys)} sub-keys, two of them on one partition (independent hashes collide with probability ${figure(100 * collision)} %)`,
    }
  }
  return {rate: share, working: `${figure(s.celebrityLikes)} likes/s over ${figure(subKeys)} sub-keys`}
}

/** Batching on the application servers: one increment per server per interval, the interval at most 10 s. */
function batchedWrites(design: DesignReader, parameters: string): Implied | undefined {
  const s = scenario(design)
  const interval = design.need(`${parameters}/interval`, 'duration')
  if (!design.has(`${parameters}/writers`)) {
    design.missing(`${parameters}/writers`)
    return undefined
  }
  // The writers are the application servers, as the scenario counts them.
  const writers = design.restated(`${parameters}/writers`, 'app_servers')
  if (interval === undefined) return undefined
  if (!(interval > 0)) {
    design.flaw(`${parameters}/interval`, 'batching needs an interval longer than 0 s')
    return undefined
  }
  if (interval > MAX_BATCH_INTERVAL) {
    design.flaw(`${parameters}/interval`, `holding likes for ${figure(interval)} s loses that much on a server crash and shows every like that late; keep it at most ${MAX_BATCH_INTERVAL} s`)
  }
  // Each writer sends at most one increment per interval, and never more writes than there are likes.
  return {rate: Math.min(writers / interval, s.celebrityLikes), working: `${figure(writers)} writers, one increment each per ${figure(interval)} s`}
}

/** The write rate on one partition that the write remedy's parameters imply, or undefined with why recorded. */
function impliedWrites(design: DesignReader): Implied | undefined {
  const parameters = '/write_mitigation/parameters'
  switch (choiceAt(design, 'write_mitigation')) {
    case 'key_salting':
      return saltedWrites(design, parameters)
    case 'write_batching':
      return batchedWrites(design, parameters)
    default:
      return undefined
  }
}

/**
 * Write remedy: salting (sub-keys, `write_to`, the `sum_all` merge, a placement) with at most the
 * per-partition likes limit on any partition, or batching whose write rate (servers ÷ interval) is
 * at most that limit.
 */
const writeMitigationParameters = designCheck((design) => {
  const choice = choiceAt(design, 'write_mitigation')
  if (choice !== 'key_salting' && choice !== 'write_batching') {
    design.flaw('/write_mitigation/choice', `\`${choice}\` neither splits nor combines the key's writes`)
    return
  }
  const limit = design.figure('sub_key_likes_limit')
  const implied = impliedWrites(design)
  if (implied && implied.rate > limit * (1 + EPSILON)) {
    const pointer = choice === 'key_salting' ? '/write_mitigation/parameters/sub_keys' : '/write_mitigation/parameters/interval'
    design.flaw(pointer, `${implied.working} is ${figure(implied.rate)} writes/s on one partition, more than ${figure(limit)} (half a partition's write capacity)`)
  }
})

/** `max_partition_writes` equals the write rate the learner's own parameters imply, within 5 %. */
const writeMaxMatchesParameters = designCheck((design) => {
  const pointer = '/write_mitigation/max_partition_writes'
  const stated = design.need(pointer, 'rate')
  // Only the rate matters here: the parameters' own flaws are the other case's, so a reader of its
  // own collects them and they are dropped.
  const implied = impliedWrites(new DesignReader(design.context))
  if (stated === undefined || !implied) {
    const choice = choiceAt(design, 'write_mitigation')
    if (choice !== 'key_salting' && choice !== 'write_batching') design.flaw('/write_mitigation/choice', `\`${choice}\` has no write rate this rule can compute`)
    else if (!implied) design.flaw('/write_mitigation/parameters', `the parameters \`${choice}\` needs to compute a write rate are missing or unreadable`)
    design.problem(`so ${pointer} cannot be checked against your parameters`)
    return
  }
  design.agree({pointer, stated, computed: implied.rate, tolerance: TOLERANCE, working: implied.working, unit: 'writes/s'})
})

/** The range proposal answered structurally: hash partitioning, or a hash prefix with as many buckets as the hot range needs partitions. */
const rangeSpreadsHotRange = designCheck((design) => {
  const choice = choiceAt(design, 'range_mitigation')
  if (choice === 'hash_partitioning') return
  if (choice === 'hash_prefix') {
    const s = scenario(design)
    const needed = Math.ceil(s.hotReads / s.readCapacity - EPSILON)
    const pointer = '/range_mitigation/parameters/buckets'
    const buckets = design.need(pointer, 'count')
    if (buckets !== undefined && buckets < needed) {
      design.flaw(pointer, `${figure(buckets)} buckets spread the newest ids over at most ${figure(buckets)} partitions, too few for a hot range that needs ${figure(needed)} partitions' worth of reads`)
    }
    return
  }
  const why = choice === 'adaptive_splitting'
    ? 'splitting chases the newest range, which keeps moving onto fresh partitions as ids grow'
    : 'the newest ids still land together on a few partitions'
  design.flaw('/range_mitigation/choice', `\`${choice}\`: ${why}`)
})

/**
 * Detection by key: a sample rate in (0, 100 %], a window in [1 s, 60 s], a key threshold above 0
 * and at most a partition's spare read capacity, counted where a key's traffic can be seen whole,
 * with at least 10 samples at the threshold and a `sample_threshold` that follows from them; a
 * count-min sketch wide enough that its overcount stays under half the threshold count, and deep
 * enough (width and depth not swapped).
 */
const detectionParameters = designCheck((design) => {
  const parameters = '/detection/parameters'
  const choice = choiceAt(design, 'detection')
  if (choice !== 'sampled_key_counts' && choice !== 'count_min_sketch') {
    design.flaw('/detection/choice', `\`${choice}\` does not count individual keys`)
    return
  }
  const s = scenario(design)
  let ok = true
  const rate = design.need(`${parameters}/sample_rate`, 'ratio')
  if (rate !== undefined && !(rate > 0 && rate <= 1)) {
    design.flaw(`${parameters}/sample_rate`, 'a sample rate must lie above 0 % and at most 100 %')
    ok = false
  }
  const window = design.need(`${parameters}/window`, 'duration')
  if (window !== undefined && (window < WINDOW_RANGE[0] || window > WINDOW_RANGE[1])) {
    design.flaw(`${parameters}/window`, `a window of ${figure(window)} s is outside 1 s to 60 s: the partition is overloaded from the first second, and a detector must act within a minute`)
    ok = false
  }
  const threshold = design.need(`${parameters}/key_threshold`, 'rate')
  if (threshold !== undefined && !(threshold > 0 && threshold <= s.spareReads * (1 + EPSILON))) {
    design.flaw(
      `${parameters}/key_threshold`,
      `a threshold of ${figure(threshold)} reads/s is not above 0 and at most the ${figure(s.spareReads)} reads/s a partition has to spare beside its other traffic: a key must be caught before it overloads its partition`,
    )
    ok = false
  }
  const countsAt = design.value(`${parameters}/counts_at`)
  if (countsAt === undefined) design.missing(`${parameters}/counts_at`, 'say where the counts are kept (`storage_partitions`, `application_servers`, `application_servers_merged`)')
  const stated = design.need(`${parameters}/sample_threshold`, 'count')
  if (rate === undefined || window === undefined || threshold === undefined || countsAt === undefined || !ok) return
  // What one counter sees of a key at the threshold: all of it on the key's partition or after
  // merging the servers' counts, a 1/servers share on one server alone.
  const share = countsAt === 'application_servers' ? 1 / s.servers : 1
  const expected = threshold * rate * window * share
  const working = `${figure(threshold)} reads/s × ${figure(100 * rate)} % × ${figure(window)} s${share < 1 ? ` ÷ ${figure(s.servers)} servers` : ''}`
  if (expected < MIN_SAMPLES_AT_THRESHOLD) {
    const where = countsAt === 'application_servers'
      ? `; each application server sees only 1/${figure(s.servers)} of a key's reads, so count on the storage partitions or merge the servers' counts`
      : ''
    design.flaw(
      `${parameters}/sample_rate`,
      `a key at the threshold leaves ${working} = ${figure(expected)} samples per window, fewer than ${MIN_SAMPLES_AT_THRESHOLD}: the count is noise and a hot key can stay unflagged${where}`,
    )
  } else if (stated !== undefined) {
    design.agree({pointer: `${parameters}/sample_threshold`, stated, computed: expected, tolerance: TOLERANCE, working, unit: 'samples'})
  }
  if (choice === 'count_min_sketch') sketchSize(design, parameters, {rate, window, countsAt: String(countsAt), expected}, s)
})

/** A count-min sketch: depth ≥ 3 rows, depth below width, and an overcount e/width × samples per window under half the threshold count. */
function sketchSize(
  design: DesignReader,
  parameters: string,
  {rate, window, countsAt, expected}: {rate: number; window: number; countsAt: string; expected: number},
  s: ReturnType<typeof scenario>,
): void {
  const width = design.need(`${parameters}/width`, 'count', 'a count-min sketch needs its width (counters per row), which sets its error')
  const depth = design.need(`${parameters}/depth`, 'count', 'a count-min sketch needs its depth (rows, one hash each), which sets how often the error bound fails')
  if (width === undefined || depth === undefined) return
  if (!(width >= 1) || !(depth >= 1)) {
    design.flaw(parameters, 'a sketch needs at least one row of at least one counter')
    return
  }
  if (depth > width) {
    design.flaw(
      `${parameters}/depth`,
      `${figure(depth)} rows of ${figure(width)} counters: width and depth look swapped. The width sets the overcount (ε = e / width of the samples counted), the depth only how often that bound fails (δ = e^-depth); a few rows of many counters, not the reverse`,
    )
    return
  }
  if (depth < MIN_SKETCH_DEPTH) design.flaw(`${parameters}/depth`, `${figure(depth)} rows let the error bound fail with probability e^-${figure(depth)} = ${figure(100 * Math.exp(-depth))} %; use at least ${MIN_SKETCH_DEPTH}`)
  // Samples one sketch counts per window: the busiest partition's (the celebrity's), or every
  // request in the store when the servers' sketches are merged, or one server's share alone.
  const load = countsAt === 'storage_partitions' ? s.celebrityReads + s.background : countsAt === 'application_servers' ? s.totalReads / s.servers : s.totalReads
  const counted = load * rate * window
  const overcount = (Math.E / width) * counted
  if (overcount > MAX_SKETCH_ERROR_SHARE * expected * (1 + EPSILON)) {
    design.flaw(
      `${parameters}/width`,
      `${figure(width)} counters per row overcount a key by up to e / ${figure(width)} × ${figure(counted)} samples per window = ${figure(overcount)} samples, more than half the ${figure(expected)} samples that mark a key hot: cold keys would be flagged`,
    )
  }
}

export default defineGrader({
  documentChecks: {
    readMitigationParameters,
    readStoreReadsFit,
    writeMitigationParameters,
    writeMaxMatchesParameters,
    rangeSpreadsHotRange,
    detectionParameters,
  },
})
