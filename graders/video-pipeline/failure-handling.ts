/**
 * Failure handling: bounded retries with a backoff that grows, dead-lettering after exactly the
 * attempts allowed, an idempotency key that names the work and nothing that changes between its
 * attempts, and a lease that outlives the heartbeat.
 */
import {designCheck, figure} from 'course/kit'
import {assumptions, minutes, seconds, slotMinutes} from './assumptions.js'

/** Between 1 and 10 retries. */
export const retriesBounded = designCheck((design) => {
  const retries = design.number('/failure_handling/max_retries')
  if (retries < 1) design.flaw('/failure_handling/max_retries', `${retries}: with no retry a passing network fault fails the video; allow between 1 and 10`)
  else if (retries > 10) design.flaw('/failure_handling/max_retries', `${retries} retries is unbounded in practice: a task that can never succeed keeps a slot busy for hours and its video never reaches the dead-letter path; allow between 1 and 10`)
})

/** The delays of `retries` retries: base, base × factor, …, each capped at `max`. */
export function delays(base: number, factor: number, max: number, retries: number): number[] {
  const out: number[] = []
  for (let i = 0, d = base; i < retries; i++, d *= factor) out.push(Math.min(d, max))
  return out
}

/**
 * A first delay of a second or more, a factor above 1, a cap that lets the delay grow at least once
 * and stays under the SLA, jitter that spreads a batch of failures (above 0, at most 100 %), and all
 * the retries' delays together under the SLA.
 */
export const backoffGrows = designCheck((design) => {
  const a = assumptions(design)
  const slaS = a.slaMin * 60
  const base = seconds(design, '/failure_handling/backoff/base')
  const factor = design.number('/failure_handling/backoff/factor')
  const max = seconds(design, '/failure_handling/backoff/max')
  const jitter = design.quantity('/failure_handling/backoff/jitter', 'ratio').value
  if (!(base >= 1)) design.flaw('/failure_handling/backoff/base', `${figure(base)} s: the first retry must wait at least a second, or it hits the fault that just happened (a worker restarting, a storage throttle) before it can clear`)
  if (!(factor > 1)) design.flaw('/failure_handling/backoff/factor', `${factor}: the delays must grow (factor above 1), or retries keep hammering a dependency that is down`)
  if (!(max >= base * factor * (1 - 1e-9))) {
    design.flaw('/failure_handling/backoff/max', `the cap (${figure(max)} s) is below the second delay (${figure(base)} s × ${factor} = ${figure(base * factor)} s), so the backoff never grows; the cap must be at least base × factor`)
  } else if (!(max < slaS)) {
    design.flaw('/failure_handling/backoff/max', `the cap (${figure(max)} s) is not shorter than the ${figure(a.slaMin)}-minute SLA: a single delay would break the promise on its own`)
  }
  if (!(jitter > 0 && jitter <= 1)) {
    design.flaw('/failure_handling/backoff/jitter', `${figure(jitter * 100)} %: the jitter must be above 0 (tasks that failed together would otherwise retry together) and at most 100 % of the delay`)
  }
  const retries = design.number('/failure_handling/max_retries')
  if (retries >= 1 && retries <= 10 && base >= 1 && factor > 1) {
    const all = delays(base, factor, max, retries)
    const sum = all.reduce((x, y) => x + y, 0)
    if (sum >= slaS) {
      design.flaw('/failure_handling/backoff', `the ${retries} retries wait ${all.map((d) => `${figure(d)} s`).join(' + ')} = ${figure(sum / 60)} min in all, not under the ${figure(a.slaMin)}-minute SLA: a task that needs its last retry misses the promise on waiting alone`)
    }
  }
})

/**
 * The task timeout lets a slow but healthy task finish (at least twice one segment's whole work on
 * one slot, which bounds any one task of that segment) and stops a hung task well inside the SLA.
 */
export const taskTimeout = designCheck((design) => {
  const a = assumptions(design)
  const timeout = minutes(design, '/failure_handling/task_timeout')
  const segmentS = seconds(design, '/distribution/chunking/segment_length')
  const work = slotMinutes(a, segmentS / 60)
  if (!(timeout >= 2 * work * (1 - 1e-9))) {
    design.flaw(
      '/failure_handling/task_timeout',
      `${figure(timeout)} min, but one ${figure(segmentS)} s segment is ${figure(segmentS / 60)} min of footage × ${figure(a.processingMin)} min per ${figure(a.meanFootageMin)} min of footage = ${figure(work)} min of work on one slot: a timeout under twice that (${figure(2 * work)} min) kills slow but healthy tasks and retries them for ever`,
    )
  } else if (!(timeout < a.slaMin)) {
    design.flaw('/failure_handling/task_timeout', `${figure(timeout)} min is not shorter than the ${figure(a.slaMin)}-minute SLA: a hung task would hold its video past the promise before anyone noticed`)
  }
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

/** Key parts that change between attempts of the same work, and why. */
const CHANGING: Record<string, string> = {
  attempt: 'the attempt number grows with every retry',
  worker_id: 'a retry usually runs on another worker',
  started_at: 'every attempt starts at another time',
  enqueued_at: 'a retry or a replay is enqueued again, at another time',
  lease_number: 'every grant of the task carries a new lease number',
  random_uuid: 'a random value is new on every attempt',
}

/**
 * The key names the video and the task (a per-segment stage's task is the stage and the segment:
 * `task`, or `stage` with `segment_index`), and nothing that changes between attempts.
 */
export const idempotencyKey = designCheck((design) => {
  const pointer = '/failure_handling/idempotency_key/derived_from'
  const parts = design.list(pointer).filter((f): f is string => typeof f === 'string')
  const has = (p: string) => parts.includes(p)
  const shown = parts.length === 0 ? 'the key is derived from nothing' : `[${parts.join(', ')}]`
  if (!has('video_id')) {
    design.flaw(pointer, `${shown}: the key must include \`video_id\`${has('source_checksum') ? ' (a checksum of the file is shared by two uploads of the same file, whose outputs would then overwrite each other)' : ''}, or two videos' runs of the same task cannot be told apart`)
  }
  const perSegment = design.list('/job_graph/stages').some((s) => (s as {fan_out?: unknown} | null)?.fan_out === 'per_segment')
  if (!has('task')) {
    if (!has('stage') && !has('segment_index')) {
      design.flaw(pointer, `${shown}: the key must identify the task (\`task\`, or \`stage\` with \`segment_index\`), or every task of a video shares one key and only the first to commit counts`)
    } else if (!has('stage')) {
      design.flaw(pointer, `${shown}: \`segment_index\` without \`stage\` gives the 1080p, 720p and 480p tasks of one segment the same key, so only one rendition is kept`)
    } else if (perSegment && !has('segment_index')) {
      design.flaw(pointer, `${shown}: \`stage\` without \`segment_index\` gives every segment of a per-segment stage the same key, so the first segment to commit stands for all of them`)
    }
  }
  parts.forEach((part, index) => {
    const why = CHANGING[part]
    if (why) design.flaw(`${pointer}/${index}`, `\`${part}\` changes between attempts (${why}), so a retry gets a new key and its output counts as a second result; derive the key from what identifies the work only`)
  })
})

/**
 * A heartbeat of a second or more, a lease that survives one lost heartbeat (at least two intervals),
 * and a lease that expires before the task timeout would, so a dead worker is noticed by its lease.
 */
export const workerDeath = designCheck((design) => {
  const interval = seconds(design, '/failure_handling/worker_death/heartbeat_interval')
  const timeout = seconds(design, '/failure_handling/worker_death/lease_timeout')
  const taskTimeoutS = seconds(design, '/failure_handling/task_timeout')
  if (!(interval >= 1)) {
    design.flaw('/failure_handling/worker_death/heartbeat_interval', `${figure(interval)} s: a heartbeat more often than once a second from every job slot floods the scheduler and detects nothing sooner that matters`)
  }
  if (!(timeout >= 2 * interval)) {
    design.flaw('/failure_handling/worker_death/lease_timeout', `${figure(timeout)} s is under two ${figure(interval)} s heartbeat intervals: one late heartbeat would cost a live worker its task; let at least two, better several, heartbeats fit in one lease`)
  } else if (!(timeout < taskTimeoutS)) {
    design.flaw('/failure_handling/worker_death/lease_timeout', `${figure(timeout)} s is not shorter than the ${figure(taskTimeoutS)} s task timeout: the timeout would notice a dead worker first, and the lease would detect nothing`)
  }
})
