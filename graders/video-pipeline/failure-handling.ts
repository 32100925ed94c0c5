/**
 * Failure handling: bounded retries with a backoff that grows, dead-lettering after exactly the
 * attempts allowed, an idempotency key that names the work and nothing that changes between its
 * attempts, and a lease that outlives the heartbeat.
 */
import {designCheck, figure, type DesignReader} from 'course/kit'

/** A duration field in seconds. */
const seconds = (design: DesignReader, pointer: string) => design.inUnit(design.quantity(pointer, 'duration'), 's')

/** Between 1 and 10 retries. */
export const retriesBounded = designCheck((design) => {
  const retries = design.number('/failure_handling/max_retries')
  if (retries < 1) design.flaw('/failure_handling/max_retries', `${retries}: with no retry a passing network fault fails the video; allow between 1 and 10`)
  else if (retries > 10) design.flaw('/failure_handling/max_retries', `${retries} retries is unbounded in practice: a task that can never succeed keeps a slot busy for hours and its video never reaches the dead-letter path; allow between 1 and 10`)
})

/** A first delay above zero, a factor above 1 and a cap no lower than the first delay. */
export const backoffGrows = designCheck((design) => {
  const base = seconds(design, '/failure_handling/backoff/base')
  const factor = design.number('/failure_handling/backoff/factor')
  const max = seconds(design, '/failure_handling/backoff/max')
  if (!(base > 0)) design.flaw('/failure_handling/backoff/base', 'the first delay must be longer than zero, or the first retry hits the fault that just happened')
  if (!(factor > 1)) design.flaw('/failure_handling/backoff/factor', `${factor}: the delays must grow (factor above 1), or retries keep hammering a dependency that is down`)
  if (!(max >= base)) design.flaw('/failure_handling/backoff/max', `the cap (${figure(max)} s) is below the first delay (${figure(base)} s); the cap must be at least the base`)
})

/** Dead-lettered after exactly max_retries + 1 attempts, with an action. */
export const deadLetter = designCheck((design) => {
  const retries = design.number('/failure_handling/max_retries')
  const after = design.quantity('/failure_handling/dead_letter/after', 'count').value
  if (after !== retries + 1) {
    design.flaw('/failure_handling/dead_letter/after', `${figure(after)} attempts, but the first attempt plus ${retries} retries is ${retries + 1} attempts: the task must be dead-lettered after exactly max_retries + 1 attempts`)
  }
  if (design.text('/failure_handling/dead_letter/action').trim() === '') design.flaw('/failure_handling/dead_letter/action', 'say what happens to a dead-lettered task')
})

/** Words of a field name: `videoId`, `video-id` and `video_id` all give video, id. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
}

/** Words naming something that changes between attempts of the same work. */
const CHANGING = new Set([
  'attempt', 'attempts', 'retry', 'retries', 'try', 'tries', 'worker', 'workers', 'host', 'hostname', 'pod', 'pid',
  'timestamp', 'clock', 'now', 'date', 'datetime', 'epoch', 'lease', 'fencing', 'random', 'rand', 'uuid', 'guid', 'nonce', 'run',
])
/** Words that make a `time` field a position in the footage rather than a clock reading. */
const FOOTAGE = new Set(['segment', 'offset', 'footage', 'position', 'media', 'pts'])

/** The key names the video and the task, and nothing that changes between attempts. */
export const idempotencyKey = designCheck((design) => {
  const pointer = '/failure_handling/idempotency_key/derived_from'
  const fields = design.list(pointer).filter((f): f is string => typeof f === 'string')
  const split = fields.map(words)
  const video = split.some((w) => w.includes('video'))
  const task = split.some((w) => w.includes('task') || w.includes('stage'))
  if (!video || !task) {
    const lacking = [video ? '' : 'the video (video_id)', task ? '' : 'the task (task or stage)'].filter((x) => x !== '').join(' and ')
    design.flaw(pointer, `${fields.length === 0 ? 'the key is derived from nothing' : `[${fields.join(', ')}]`}: the key must identify ${lacking}, or two runs of the same work cannot be recognised as one`)
  }
  fields.forEach((field, index) => {
    const w = split[index]!
    const changing = w.some((x) => CHANGING.has(x)) || (w.includes('time') && !w.some((x) => FOOTAGE.has(x)))
    if (changing) design.flaw(`${pointer}/${index}`, `\`${field}\` changes between attempts, so a retry gets a new key and its output counts as a second result; derive the key from what identifies the work only`)
  })
})

/** A heartbeat above zero and a lease longer than it. */
export const workerDeath = designCheck((design) => {
  const interval = seconds(design, '/failure_handling/worker_death/heartbeat_interval')
  const timeout = seconds(design, '/failure_handling/worker_death/lease_timeout')
  if (!(interval > 0)) design.flaw('/failure_handling/worker_death/heartbeat_interval', 'the heartbeat interval must be longer than zero')
  if (!(timeout > interval)) {
    design.flaw('/failure_handling/worker_death/lease_timeout', `${figure(timeout)} s is not longer than the ${figure(interval)} s heartbeat interval: a live worker would lose its task between two heartbeats; let several heartbeats fit in one timeout`)
  }
})
