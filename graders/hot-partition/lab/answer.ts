/**
 * The remedies an answer file chooses for the hot key, turned into what the partition model and
 * the cache model can run: one for its reads, one for its likes, and the threshold at which its
 * detector calls a key hot. What the answer leaves out or states oddly is replaced by a stated
 * default, and the reader records each replacement.
 */
import {AnswerReader, type LabContext} from 'course/kit/lab'
import type {HotScenario} from './scenario.js'
import {seconds} from './units.js'

export type ReadRemedy =
  | {readonly kind: 'none'}
  | {readonly kind: 'caching'; readonly ttl: number; readonly caches: number; readonly coalescing: boolean}
  /** Read replicas or salted copies: a hot key's reads split evenly over copies on distinct partitions. */
  | {readonly kind: 'copies'; readonly copies: number}
  | {readonly kind: 'rate-limit'; readonly limit: number}

export type WriteRemedy =
  | {readonly kind: 'none'}
  | {readonly kind: 'sub-keys'; readonly subKeys: number; readonly distinct: boolean}
  | {readonly kind: 'batching'; readonly interval: number; readonly writers: number}
  | {readonly kind: 'rate-limit'; readonly limit: number}

export interface HotAnswer {
  readonly read: ReadRemedy
  /** The read remedy in a word or two ("caching") and with its parameters. */
  readonly readShort: string
  readonly readLabel: string
  readonly write: WriteRemedy
  readonly writeShort: string
  readonly writeLabel: string
  /** The true read rate from which the answer's detector treats a key as hot, reads/s. */
  readonly hotThreshold: number
  readonly notes: string[]
}

const R = 'read_mitigation.parameters'
const W = 'write_mitigation.parameters'

/** A count of at least one, whole; with a note when the answer's was not. */
function wholeAtLeastOne(reader: AnswerReader, path: string, value: number): number {
  const whole = Math.max(1, Math.round(value))
  if (whole !== value) reader.note(`${path} of ${value}: used ${whole}`)
  return whole
}

/** A rate or time that must be above zero; with a note and the fallback otherwise. */
function positive(reader: AnswerReader, path: string, value: number, fallback: number, shown: string): number {
  if (value > 0) return value
  reader.note(`${path} must be above zero: used ${shown}`)
  return fallback
}

function readRemedyOf(reader: AnswerReader, scenario: HotScenario): {read: ReadRemedy; readShort: string; readLabel: string} {
  const choice = reader.value('read_mitigation.choice')
  switch (choice) {
    case 'caching': {
      const ttl = positive(reader, `${R}.ttl`, reader.number(`${R}.ttl`, 'duration', scenario.cacheTtl, `${seconds(scenario.cacheTtl)}, the scenario's`), scenario.cacheTtl, seconds(scenario.cacheTtl))
      const caches = wholeAtLeastOne(reader, `${R}.cache_nodes`, reader.number(`${R}.cache_nodes`, 'count', scenario.appServers, `${scenario.appServers}, one per server`))
      const stated = reader.value(`${R}.request_coalescing`)
      if (typeof stated !== 'boolean') reader.note(`${R}.request_coalescing is not true or false: used false`)
      const coalescing = stated === true
      return {
        read: {kind: 'caching', ttl, caches, coalescing},
        readShort: 'caching',
        readLabel: `caching (${seconds(ttl)} TTL, ${caches} servers, ${coalescing ? 'coalescing' : 'no coalescing'})`,
      }
    }
    case 'read_replicas':
    case 'key_salting': {
      const field = choice === 'read_replicas' ? 'replicas' : 'copies'
      const copies = wholeAtLeastOne(reader, `${R}.${field}`, reader.number(`${R}.${field}`, 'count', 1, '1, no copy'))
      const what = choice === 'read_replicas' ? 'replicas' : 'salted copies'
      return {read: {kind: 'copies', copies}, readShort: choice === 'read_replicas' ? 'replicas' : 'salted copies', readLabel: `${copies} ${what} of each hot key`}
    }
    case 'rate_limiting': {
      const limit = positive(reader, `${R}.limit`, reader.number(`${R}.limit`, 'rate', scenario.readCapacity, `${scenario.readCapacity} reads/s`), scenario.readCapacity, `${scenario.readCapacity} reads/s`)
      return {read: {kind: 'rate-limit', limit}, readShort: 'rate limit', readLabel: `reads limited to ${Math.round(limit)}/s a key`}
    }
    case 'none':
    case 'more_partitions':
    case 'consistent_hashing':
      return {read: {kind: 'none'}, readShort: String(choice).replace('_', ' '), readLabel: `${String(choice).replace('_', ' ')}, which leaves one key on one partition`}
    default:
      reader.note(`read_mitigation.choice ${choice === undefined || choice === null ? 'is missing' : 'is not one of the listed remedies'}: no read remedy`)
      return {read: {kind: 'none'}, readShort: 'no remedy', readLabel: 'no read remedy'}
  }
}

function writeRemedyOf(reader: AnswerReader, scenario: HotScenario): {write: WriteRemedy; writeShort: string; writeLabel: string} {
  const choice = reader.value('write_mitigation.choice')
  switch (choice) {
    case 'key_salting': {
      const subKeys = wholeAtLeastOne(reader, `${W}.sub_keys`, reader.number(`${W}.sub_keys`, 'count', 1, '1, one counter'))
      const placement = reader.choice(`${W}.placement`, ['distinct_partitions', 'independent_hashes'] as const, 'independent_hashes')
      const distinct = placement === 'distinct_partitions'
      return {write: {kind: 'sub-keys', subKeys, distinct}, writeShort: `${subKeys} sub-keys`, writeLabel: `${subKeys} sub-keys (${distinct ? 'distinct' : 'hashed'})`}
    }
    case 'write_batching': {
      const interval = positive(reader, `${W}.interval`, reader.number(`${W}.interval`, 'duration', scenario.batchInterval, `${seconds(scenario.batchInterval)}, the scenario's`), scenario.batchInterval, seconds(scenario.batchInterval))
      const writers = wholeAtLeastOne(reader, `${W}.writers`, reader.number(`${W}.writers`, 'count', scenario.appServers, `${scenario.appServers}, one per server`))
      return {write: {kind: 'batching', interval, writers}, writeShort: 'batching', writeLabel: `likes batched on ${writers} servers every ${seconds(interval)}`}
    }
    case 'rate_limiting': {
      const limit = positive(reader, `${W}.limit`, reader.number(`${W}.limit`, 'rate', scenario.writeCapacity, `${scenario.writeCapacity} writes/s`), scenario.writeCapacity, `${scenario.writeCapacity} writes/s`)
      return {write: {kind: 'rate-limit', limit}, writeShort: 'rate limit', writeLabel: `likes limited to ${Math.round(limit)}/s`}
    }
    case 'none':
    case 'more_partitions':
    case 'consistent_hashing':
      return {write: {kind: 'none'}, writeShort: String(choice).replace('_', ' '), writeLabel: `${String(choice).replace('_', ' ')} for the likes`}
    default:
      reader.note(`write_mitigation.choice ${choice === undefined || choice === null ? 'is missing' : 'is not one of the listed remedies'}: no write remedy`)
      return {write: {kind: 'none'}, writeShort: 'no remedy', writeLabel: 'no write remedy'}
  }
}

export function readAnswer(document: unknown, quantity: LabContext['quantity'], scenario: HotScenario): HotAnswer {
  const reader = new AnswerReader(document, quantity)
  const read = readRemedyOf(reader, scenario)
  const write = writeRemedyOf(reader, scenario)
  // Copies are made of the keys the detector finds; without a readable threshold, the scenario's.
  const threshold = reader.stated('detection.parameters.key_threshold', 'rate')
  const hotThreshold = threshold !== undefined && threshold > 0 ? threshold : scenario.hotKeyThreshold
  if (read.read.kind === 'copies' && hotThreshold !== threshold) reader.note(`detection.parameters.key_threshold cannot be read: copies made of keys above ${scenario.hotKeyThreshold} reads/s`)
  return {...read, ...write, hotThreshold, notes: reader.notes}
}
