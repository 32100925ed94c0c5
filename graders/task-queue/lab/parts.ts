/**
 * Picks the functions the dashboard runs: the module's own where they can be created and answer a
 * first call sensibly, the course's stand-ins where not, with a note saying which and why. A
 * module's function that fails later, mid-run, is not replaced: the run stops and says where.
 */
import type {DashboardInput, Note, Origin} from './report.js'
import {courseBackoff, courseBucket, courseQueue, type BackoffFunction, type BucketPort, type QueuePort} from './stand-ins.js'

export interface Parts {
  readonly queue: QueuePort
  readonly bucket: BucketPort
  readonly backoff: BackoffFunction
  readonly used: {readonly queue: Origin; readonly bucket: Origin; readonly backoff: Origin}
  readonly notes: Note[]
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.length > 120 ? `${text.slice(0, 117)}…` : text
}

/** A value as a short phrase for a note ("undefined", "a string", "NaN"). */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) return String(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`
}

const hasMethods = (value: unknown, names: readonly string[]): boolean =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')

const QUEUE_METHODS = ['submit', 'next', 'complete', 'fail', 'state', 'inspect']

type Attempt<T> = {readonly ok: true; readonly value: T} | {readonly ok: false; readonly problem: string}

function attempt<T>(name: string, module: Record<string, unknown>, use: (fn: (...args: unknown[]) => unknown) => Attempt<T>): Attempt<T> {
  const fn = module[name]
  if (typeof fn !== 'function') return {ok: false, problem: fn === undefined ? 'is missing' : `is ${describeValue(fn)}, not a function`}
  try {
    return use((...args) => fn.apply(module, args))
  } catch (error) {
    return {ok: false, problem: `threw “${describeError(error)}”`}
  }
}

export function bindParts(module: Record<string, unknown>, input: DashboardInput, random: () => number): Parts {
  const notes: Note[] = []

  const backoff = attempt<BackoffFunction>('backoffDelay', module, (call) => {
    const first = call(1, {...input.backoff, jitter: 0})
    if (typeof first !== 'number' || !Number.isFinite(first) || first < 0) return {ok: false, problem: `returned ${describeValue(first)} for the first retry`}
    return {ok: true, value: (retry, policy, draw) => call(retry, policy, draw)}
  })
  if (!backoff.ok) notes.push({call: 'backoffDelay', problem: backoff.problem, outcome: 'replaced'})

  const bucket = attempt<BucketPort>('createTokenBucket', module, (call) => {
    const made = call({...input.bucket})
    return hasMethods(made, ['available', 'tryTake']) ? {ok: true, value: made as BucketPort} : {ok: false, problem: `returned ${describeValue(made)} without available and tryTake`}
  })
  if (!bucket.ok) notes.push({call: 'createTokenBucket', problem: bucket.problem, outcome: 'replaced'})

  const chosenBackoff = backoff.ok ? backoff.value : courseBackoff
  const options = {maxRetries: input.maxRetries, backoff: {...input.backoff}, random}
  const queue = attempt<QueuePort>('createTaskQueue', module, (call) => {
    const made = call(options)
    return hasMethods(made, QUEUE_METHODS) ? {ok: true, value: made as QueuePort} : {ok: false, problem: `returned ${describeValue(made)} without ${QUEUE_METHODS.join(', ')}`}
  })
  if (!queue.ok) notes.push({call: 'createTaskQueue', problem: queue.problem, outcome: 'replaced'})

  return {
    queue: queue.ok ? queue.value : courseQueue(options, chosenBackoff),
    bucket: bucket.ok ? bucket.value : courseBucket(input.bucket),
    backoff: chosenBackoff,
    used: {queue: queue.ok ? 'module' : 'course', bucket: bucket.ok ? 'module' : 'course', backoff: backoff.ok ? 'module' : 'course'},
    notes,
  }
}
