/**
 * Document checks of the hot-partition grader: the rules that relate a remedy's parameters to the
 * scenario and to the load the learner says they leave on a partition. Figures are recomputed from
 * the learner's own parameters; every check returns a verdict, never throws, on any schema-valid
 * document.
 */
import type {DocumentCheck, DocumentCheckContext, Verdict} from '../../src/core/grading/definition.js'
import {valueAt} from '../../src/core/grading/document.js'
import type {QuantityKindName} from '../../src/core/capacity/kinds.js'
import {parseQuantity} from '../../src/core/capacity/quantity.js'

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

const pass: Verdict = {passed: true}
const fail = (detail: string): Verdict => ({passed: false, detail})

function fmt(value: number): string {
  if (value === 0) return '0'
  return Number(value.toPrecision(4)).toLocaleString('en-US', {maximumFractionDigits: 6})
}

type Read = {ok: true; value: number; text: string} | {ok: false; problem: string}

/** A field read as a quantity of `kind`; a missing field names the object it belongs in. */
function read(context: DocumentCheckContext, pointer: string, kind: QuantityKindName): Read {
  const raw = valueAt(context.document, pointer)
  const parent = pointer.slice(0, pointer.lastIndexOf('/'))
  const name = pointer.slice(pointer.lastIndexOf('/') + 1)
  if (raw === undefined || raw === null || raw === '') return {ok: false, problem: `${context.where(parent)} ${pointer}: missing; this choice needs \`${name}\``}
  const parsed = parseQuantity(raw, kind)
  if (!parsed.ok) return {ok: false, problem: `${context.where(pointer)} ${pointer}: ${parsed.message}`}
  return {ok: true, value: parsed.quantity.value, text: parsed.quantity.text}
}

/** Collects located problems; `need` reads a field or records why it cannot. */
function collector(context: DocumentCheckContext) {
  const problems: string[] = []
  return {
    problems,
    need(pointer: string, kind: QuantityKindName): number | undefined {
      const r = read(context, pointer, kind)
      if (r.ok) return r.value
      problems.push(r.problem)
      return undefined
    },
    at: (pointer: string) => `${context.where(pointer)} ${pointer}`,
    verdict: (): Verdict => (problems.length === 0 ? pass : fail(problems.join('\n'))),
  }
}

const choiceAt = (context: DocumentCheckContext, section: string) => String(valueAt(context.document, `/${section}/choice`))

/** A stated load against the one the parameters imply, within 5 %. */
function matches(stated: number, implied: number): boolean {
  return Math.abs(stated - implied) <= TOLERANCE * Math.abs(implied) + 1e-9
}

/**
 * Read remedy: caching with a TTL in [100 ms, 60 s], at least one cache node and `store_reads`
 * equal to cache nodes ÷ TTL within 5 %; replicas or salted copies numerous enough that each
 * serves at most the 1,050 reads/s a partition has to spare.
 */
const readMitigationParameters: DocumentCheck = (context) => {
  const P = '/read_mitigation/parameters'
  const c = collector(context)
  const choice = choiceAt(context, 'read_mitigation')
  switch (choice) {
    case 'caching': {
      const ttl = c.need(`${P}/ttl`, 'duration')
      if (ttl !== undefined && (ttl < TTL_RANGE[0] || ttl > TTL_RANGE[1])) c.problems.push(`${c.at(`${P}/ttl`)}: a TTL of ${fmt(ttl)} s is outside 100 ms to 60 s`)
      const nodes = c.need(`${P}/cache_nodes`, 'count')
      if (nodes !== undefined && nodes < 1) c.problems.push(`${c.at(`${P}/cache_nodes`)}: at least one server must hold the cache`)
      const stated = c.need('/read_mitigation/store_reads', 'rate')
      if (ttl !== undefined && ttl > 0 && nodes !== undefined && nodes >= 1 && stated !== undefined) {
        const implied = nodes / ttl
        if (!matches(stated, implied)) {
          c.problems.push(`${c.at('/read_mitigation/store_reads')}: ${fmt(stated)} reads/s, but your parameters give ${fmt(implied)} reads/s (${fmt(nodes)} cache nodes, one refresh each per ${fmt(ttl)} s TTL; allowed: 5 %)`)
        }
      }
      break
    }
    case 'read_replicas':
    case 'key_salting': {
      const name = choice === 'read_replicas' ? 'replicas' : 'copies'
      const copies = c.need(`${P}/${name}`, 'count')
      if (copies !== undefined) {
        const each = copies > 0 ? CELEBRITY_READS / copies : Number.POSITIVE_INFINITY
        if (each > SPARE_READS * (1 + 1e-9)) {
          c.problems.push(`${c.at(`${P}/${name}`)}: ${fmt(copies)} ${name} leave ${Number.isFinite(each) ? fmt(each) : 'all'} of the celebrity's ${fmt(CELEBRITY_READS)} reads/s on each, more than the ${fmt(SPARE_READS)} reads/s a partition has to spare beside its other traffic`)
        }
      }
      break
    }
    default:
      return fail(`${context.where('/read_mitigation/choice')} /read_mitigation/choice: \`${choice}\` does not serve the key's reads from more than one place`)
  }
  return c.verdict()
}

/** The write rate on one partition that the write remedy's parameters imply, with the working. */
function impliedWrites(context: DocumentCheckContext, c: ReturnType<typeof collector>): {rate: number; working: string} | undefined {
  const P = '/write_mitigation/parameters'
  switch (choiceAt(context, 'write_mitigation')) {
    case 'key_salting': {
      const subKeys = c.need(`${P}/sub_keys`, 'count')
      if (subKeys === undefined) return undefined
      if (!(subKeys >= 1)) {
        c.problems.push(`${c.at(`${P}/sub_keys`)}: a counter needs at least one sub-key`)
        return undefined
      }
      return {rate: CELEBRITY_LIKES / subKeys, working: `${fmt(CELEBRITY_LIKES)} likes/s over ${fmt(subKeys)} sub-keys`}
    }
    case 'write_batching': {
      const interval = c.need(`${P}/interval`, 'duration')
      const writers = c.need(`${P}/writers`, 'count')
      if (interval === undefined || writers === undefined) return undefined
      if (!(interval > 0) || !(writers >= 1)) {
        c.problems.push(`${c.at(P)}: batching needs at least one writer and an interval longer than 0 s`)
        return undefined
      }
      // Each writer sends at most one increment per interval, and never more writes than there are likes.
      return {rate: Math.min(writers / interval, CELEBRITY_LIKES), working: `${fmt(writers)} writers, one increment each per ${fmt(interval)} s`}
    }
    default:
      return undefined
  }
}

/**
 * Write remedy: salting with enough sub-keys that each takes at most 250 likes/s, or batching whose
 * write rate (writers ÷ interval) is at most 250 writes/s.
 */
const writeMitigationParameters: DocumentCheck = (context) => {
  const choice = choiceAt(context, 'write_mitigation')
  if (choice !== 'key_salting' && choice !== 'write_batching') return fail(`${context.where('/write_mitigation/choice')} /write_mitigation/choice: \`${choice}\` neither splits nor combines the key's writes`)
  const c = collector(context)
  const implied = impliedWrites(context, c)
  if (implied && implied.rate > MAX_LIKES_PER_PARTITION * (1 + 1e-9)) {
    const pointer = choice === 'key_salting' ? '/write_mitigation/parameters/sub_keys' : '/write_mitigation/parameters'
    c.problems.push(`${c.at(pointer)}: ${implied.working} is ${fmt(implied.rate)} writes/s on one partition, more than ${MAX_LIKES_PER_PARTITION} (half a partition's write capacity)`)
  }
  return c.verdict()
}

/** `max_partition_writes` equals the write rate the learner's own parameters imply, within 5 %. */
const writeMaxMatchesParameters: DocumentCheck = (context) => {
  const pointer = '/write_mitigation/max_partition_writes'
  const c = collector(context)
  const stated = c.need(pointer, 'rate')
  const implied = impliedWrites(context, c)
  if (stated === undefined || !implied) {
    if (c.problems.length === 0) c.problems.push(`${c.at('/write_mitigation/choice')}: \`${choiceAt(context, 'write_mitigation')}\` has no write rate this rule can compute`)
    return fail(`${c.problems.join('\n')}\nso ${pointer} cannot be checked against your parameters`)
  }
  if (matches(stated, implied.rate)) return pass
  return fail(`${c.at(pointer)}: ${fmt(stated)} writes/s, but your parameters give ${fmt(implied.rate)} writes/s (${implied.working}; allowed: 5 %)`)
}

/** The range proposal answered structurally: hash partitioning, or a hash prefix of at least 450 buckets. */
const rangeSpreadsHotRange: DocumentCheck = (context) => {
  const choice = choiceAt(context, 'range_mitigation')
  if (choice === 'hash_partitioning') return pass
  if (choice === 'hash_prefix') {
    const c = collector(context)
    const buckets = c.need('/range_mitigation/parameters/buckets', 'count')
    if (buckets !== undefined && buckets < BUCKETS_NEEDED) {
      c.problems.push(`${c.at('/range_mitigation/parameters/buckets')}: ${fmt(buckets)} buckets spread the newest ids over at most ${fmt(buckets)} partitions, too few for a hot range that needs ${BUCKETS_NEEDED} partitions' worth of reads`)
    }
    return c.verdict()
  }
  const why = choice === 'adaptive_splitting'
    ? 'splitting chases the newest range, which keeps moving onto fresh partitions as ids grow'
    : 'the newest ids still land together on a few partitions'
  return fail(`${context.where('/range_mitigation/choice')} /range_mitigation/choice: \`${choice}\`: ${why}`)
}

/** Detection by key: a sample rate, a window in [1 s, 5 min], a threshold in (0, 2,000 reads/s]. */
const detectionParameters: DocumentCheck = (context) => {
  const P = '/detection/parameters'
  const choice = choiceAt(context, 'detection')
  if (choice !== 'sampled_key_counts' && choice !== 'count_min_sketch') return fail(`${context.where('/detection/choice')} /detection/choice: \`${choice}\` does not count individual keys`)
  const c = collector(context)
  const rate = c.need(`${P}/sample_rate`, 'ratio')
  if (rate !== undefined && !(rate > 0 && rate <= 1)) c.problems.push(`${c.at(`${P}/sample_rate`)}: a sample rate must lie above 0 % and at most 100 %`)
  const window = c.need(`${P}/window`, 'duration')
  if (window !== undefined && (window < WINDOW_RANGE[0] || window > WINDOW_RANGE[1])) c.problems.push(`${c.at(`${P}/window`)}: a window of ${fmt(window)} s is outside 1 s to 5 min`)
  const threshold = c.need(`${P}/key_threshold`, 'rate')
  if (threshold !== undefined && !(threshold > 0 && threshold <= MAX_KEY_THRESHOLD)) {
    c.problems.push(`${c.at(`${P}/key_threshold`)}: a threshold of ${fmt(threshold)} reads/s is not above 0 and at most ${fmt(MAX_KEY_THRESHOLD)} reads/s (a key must be caught before it fills a partition)`)
  }
  return c.verdict()
}

export const documentChecks: Record<string, DocumentCheck> = {
  readMitigationParameters,
  writeMitigationParameters,
  writeMaxMatchesParameters,
  rangeSpreadsHotRange,
  detectionParameters,
}
