import {all, create, type MathJsInstance} from 'mathjs'

/**
 * The one mathjs instance of course: units for money (USD), processors (core, with vCPU as an
 * alias) and countable things (videos, jobs, requests… defined as dimensionless), so "10000
 * videos/day" and "0.68 USD/hour" are quantities mathjs can multiply and convert. Built on first
 * use: mathjs is the heaviest module course loads, and only calculators and design checks need it.
 */
let instance: MathJsInstance | undefined

/** Nouns that count things: dimensionless units, so "42 instances" is the number 42. */
export const COUNT_NOUNS = [
  'video', 'job', 'instance', 'page', 'request', 'req', 'task', 'worker', 'url', 'fetch', 'host', 'render', 'slot',
  'attempt', 'retry', 'partition', 'post', 'read', 'write', 'connection', 'thread', 'wakeup', 'sample', 'key',
  'subkey', 'message', 'poll', 'item', 'event', 'document', 'server', 'machine', 'record', 'replica', 'shard',
  'chunk', 'segment', 'file', 'user', 'node', 'mapper', 'reducer', 'query', 'call', 'packet', 'op', 'operation',
  'receive', 'response', 'transaction', 'order', 'word', 'edge', 'vertex', 'row', 'error', 'timeout', 'step',
  'pass', 'batch', 'unit', 'copy', 'probe', 'check', 'token', 'credit', 'entry', 'failure', 'success', 'lookup',
]

const PLURALS: Record<string, string> = {fetch: 'fetches', retry: 'retries', replica: 'replicas', query: 'queries', copy: 'copies', vertex: 'vertices', entry: 'entries', pass: 'passes', batch: 'batches'}

/** Nouns people write in capitals (mathjs units are case-sensitive). */
const CAPITALISED: Record<string, string[]> = {url: ['URL', 'URLs']}

export function plural(noun: string): string {
  return PLURALS[noun] ?? `${noun}s`
}

export function math(): MathJsInstance {
  if (instance) return instance
  const m = create(all!, {number: 'number', precision: 64})
  // One call for all of them: unit by unit took twice as long (about 55 against 30 ms).
  m.createUnit({
    USD: {aliases: ['usd', 'dollar', 'dollars']},
    core: {aliases: ['cores', 'vCPU', 'vCPUs', 'vcpu', 'vcpus', 'cpu', 'cpus', 'CPU', 'CPUs']},
    ...Object.fromEntries(COUNT_NOUNS.map((noun) => [noun, {definition: '1', aliases: [plural(noun), ...(CAPITALISED[noun] ?? [])]}])),
  })
  instance = m
  return m
}
