/**
 * Scripted episodes: fixed situations that every learner's hidden cases stage, whatever their
 * seed, because the random workloads produce them only now and then (a late report, a cascade
 * whose submission order differs from the order a walk finds its tasks, a fractional aging step).
 * Each is played on the model like any workload, so its expected answers come from the model, and
 * each carries a label the `episodes` check names when it goes wrong. Labels and feedback name the
 * situation, never the ids or times.
 */
import type {QueueOptions} from './models.js'
import {jitterQueue, labelled, queue, refusedQueue, type Episode} from './workload.js'

const BACKOFF = {baseMs: 1000, factor: 2, maxMs: 60_000}

/**
 * Reports that arrive when the task is not running: a late success or a repeated failure while it
 * waits for its retry, reports about a blocked, a finished or a dead task, and a refused report
 * whose later `now` must not move the clock (the waiting task still reads `retrying`).
 */
export function lateReports(): Episode {
  const w = queue({maxRetries: 1, backoff: BACKOFF})
  w.submit({id: 'upload', priority: 1})
  w.submit({id: 'thumbnail', priority: 2})
  w.submit({id: 'notify', priority: 3, dependsOn: ['upload']})
  w.next()
  w.at(100).fail('upload')
  w.at(200)
  w.refused('complete', ['upload', 200])
  w.refused('fail', ['upload', 200])
  w.inspect('upload')
  w.at(300).next()
  w.refused('complete', ['notify', 300])
  w.refused('fail', ['notify', 300])
  w.at(400).complete('thumbnail')
  w.refused('complete', ['thumbnail', 400])
  w.refused('fail', ['thumbnail', 400])
  // The retry time has come, but only a refused call says so: the clock stays at 400.
  w.refused('complete', ['upload', 1100])
  w.inspect('upload')
  w.at(1100).next()
  w.at(1200).fail('upload')
  w.refused('fail', ['upload', 1300])
  w.refused('complete', ['upload', 1300])
  w.refused('complete', ['notify', 1300])
  w.refused('fail', ['never-submitted', 1300])
  w.inspect('upload')
  w.inspect('notify')
  w.deadLetters()
  return labelled(w, 'in the episode of reports about tasks that are not running')
}

/** Submitting ids that were already submitted, whatever their state: dead (a redrive), running, done, blocked, queued. */
export function duplicateSubmissions(): Episode {
  const w = queue({maxRetries: 0, backoff: BACKOFF})
  w.submit({id: 'charge', priority: 1})
  w.submit({id: 'receipt', priority: 2})
  w.submit({id: 'ledger', priority: 3, dependsOn: ['not-yet']})
  w.at(10).next()
  w.at(20).fail('charge')
  w.at(30)
  w.refused('submit', [{id: 'charge', priority: 0}, 30])
  w.next()
  w.refused('submit', [{id: 'receipt', priority: 0}, 30])
  w.at(40).complete('receipt')
  w.refused('submit', [{id: 'receipt', priority: 0}, 40])
  w.refused('submit', [{id: 'ledger', priority: 0}, 40])
  w.submit({id: 'audit', priority: 5})
  w.refused('submit', [{id: 'audit', priority: 0, dependsOn: ['receipt']}, 40])
  for (const id of ['charge', 'receipt', 'ledger', 'audit']) w.inspect(id)
  w.deadLetters()
  w.at(50).next()
  w.next()
  return labelled(w, 'in the episode of ids submitted twice')
}

/**
 * Refused submissions that named real tasks (a cycle through a forward reference, a
 * self-dependency, a dependsOn with a number in it) must leave no trace: when the tasks they named
 * complete or die, nothing may happen to the ids that were refused.
 */
export function refusalsLeaveNoTrace(): Episode {
  const w = queue({maxRetries: 0, backoff: BACKOFF})
  w.submit({id: 'publish', priority: 1, dependsOn: ['render']})
  w.submit({id: 'export', priority: 2})
  w.submit({id: 'refunds', priority: 3})
  w.refused('submit', [{id: 'render', priority: 0, dependsOn: ['export', 'publish']}, 0])
  w.refused('submit', [{id: 'totals', priority: 0, dependsOn: ['refunds', 'totals']}, 0])
  w.refused('submit', [{id: 'mixed', priority: 0, dependsOn: ['export', 7]}, 0])
  w.at(10).next()
  w.at(20).complete('export')
  w.next()
  w.at(30).fail('refunds')
  for (const id of ['render', 'totals', 'mixed', 'publish']) w.state(id)
  w.deadLetters()
  // The refused id is free: submitted for real it runs, and frees the task that waited for it.
  w.at(40).submit({id: 'render', priority: 0})
  w.next()
  w.at(50).complete('render')
  w.inspect('publish')
  w.next()
  w.at(60).complete('publish')
  w.deadLetters()
  return labelled(w, 'in the episode of refused submissions that named other tasks')
}

/** Options at the edge of what the contract allows, which must be accepted, and every kind it refuses. */
export function optionEdges(): Episode[] {
  // No retries and no delay: the first failure kills the task.
  const edge = queue({maxRetries: 0, backoff: {baseMs: 0, factor: 1, maxMs: 0}})
  edge.submit({id: 'once', priority: 9})
  edge.next()
  edge.at(5).fail('once')
  edge.deadLetters()
  // No delay: a failed task is queued again at once (its readyAt is the clock), and it goes before
  // a task submitted at that very moment, having been submitted first.
  const zero = queue({maxRetries: 2, backoff: {baseMs: 0, factor: 3, maxMs: 0}})
  zero.at(10).submit({id: 'retry-now', priority: 2})
  zero.next()
  zero.fail('retry-now')
  zero.inspect('retry-now')
  zero.submit({id: 'fresh', priority: 2})
  zero.next()
  zero.at(20).fail('retry-now')
  zero.state('retry-now')
  zero.next()
  zero.next()
  zero.fail('retry-now')
  zero.inspect('retry-now')
  zero.deadLetters()
  // A fractional refill rate, a tiny agingMs, jitter 0 without a random function, a cap equal to the base.
  const slow = queue({maxRetries: 1, backoff: {baseMs: 500, factor: 1, maxMs: 500, jitter: 0}, agingMs: 0.5, rateLimit: {capacity: 1, refillPerSecond: 0.5}})
  slow.submit({id: 'first', priority: 0})
  slow.next()
  slow.fail('first')
  slow.at(500).next()
  slow.at(2000).next()
  const backoff = {baseMs: 100, factor: 2, maxMs: 1000}
  const refused: Array<[QueueOptions, string]> = [
    [{maxRetries: -1, backoff}, 'a negative maxRetries'],
    [{maxRetries: 1.5, backoff}, 'a fractional maxRetries'],
    [{maxRetries: 2, backoff: {...backoff, baseMs: -1}}, 'a negative baseMs'],
    [{maxRetries: 2, backoff: {...backoff, factor: 0.5}}, 'a factor below one'],
    [{maxRetries: 2, backoff: {...backoff, maxMs: 50}}, 'a cap below the base'],
    // A random function is given, so that only the jitter's range can be the reason to refuse.
    [{maxRetries: 2, backoff: {...backoff, jitter: 1}, random: () => 0.5}, 'a jitter of one'],
    [{maxRetries: 2, backoff: {...backoff, jitter: -0.1}, random: () => 0.5}, 'a negative jitter'],
    [{maxRetries: 2, backoff: {...backoff, jitter: 0.2}}, 'jitter without a random function'],
    [{maxRetries: 2, backoff, agingMs: 0}, 'an agingMs of zero'],
    [{maxRetries: 2, backoff, agingMs: -500}, 'a negative agingMs'],
    // One invalid rate limit: that the queue validates its bucket at all. Which limits a bucket
    // refuses is the token bucket's cases' business, so one mistake there is not charged twice.
    [{maxRetries: 2, backoff, rateLimit: {capacity: 0, refillPerSecond: 1}}, 'a rate limit of capacity zero'],
  ]
  return [
    labelled(edge, 'a queue without retries and with no delay must be accepted'),
    labelled(zero, 'a queue with no delay must be accepted, and retry at once'),
    labelled(slow, 'a queue with zero jitter and no random function, a cap equal to the base, a small agingMs and a fractional refill rate must be accepted'),
    ...refused.map(([options, what]) => refusedQueue(options, `creating a queue with ${what} must throw`)),
  ]
}

/**
 * Dependencies at submission: all done already (queued at once, repeated ids or not), an empty
 * list, an id never submitted next to a done one (blocked, and the unknown id reads as unknown);
 * then several tasks waiting on one (each is freed by its completion, except the one that also
 * waits on an unknown id), and a join freed only by the completion of its last dependency.
 */
export function dependencyEdges(backoff: QueueOptions['backoff']): Episode {
  const w = queue({maxRetries: 3, backoff})
  w.submit({id: 'base', priority: 4})
  w.next()
  w.at(10).complete('base')
  w.at(20)
  w.submit({id: 'after-done', priority: 4, dependsOn: ['base']})
  w.submit({id: 'after-done-twice', priority: 4, dependsOn: ['base', 'base']})
  w.submit({id: 'no-deps', priority: 4, dependsOn: []})
  w.submit({id: 'waits-for-ghost', priority: 4, dependsOn: ['base', 'ghost']})
  for (const id of ['after-done', 'after-done-twice', 'no-deps', 'waits-for-ghost', 'ghost']) w.inspect(id)
  w.state('ghost')
  w.submit({id: 'left', priority: 1})
  w.submit({id: 'right', priority: 2})
  w.submit({id: 'join', priority: 0, dependsOn: ['left', 'right', 'left']})
  // Three tasks wait on the same unfinished one (fan-out), one of them on an unknown id besides.
  w.submit({id: 'left-copy', priority: 6, dependsOn: ['left']})
  w.submit({id: 'left-and-ghost', priority: 6, dependsOn: ['left', 'ghost']})
  w.next()
  w.next()
  w.at(30).complete('left')
  for (const id of ['join', 'left-copy', 'left-and-ghost']) w.inspect(id)
  w.at(45).complete('right')
  w.inspect('join')
  w.at(50)
  for (let i = 0; i < 5; i++) w.next()
  w.state('waits-for-ghost')
  w.state('left-and-ghost')
  return labelled(w, 'in the episode of dependencies that are done, repeated, empty or unknown')
}

/**
 * The clock is the latest `now` of any call: `next` moves it when it hands out a task, so a task
 * whose retry time it passed reads `queued` although `next` chose another. (That it moves it also
 * when it hands out nothing for want of a token is staged with the rate-limit episodes.)
 */
export function clockEpisodes(): Episode[] {
  const w = queue({maxRetries: 2, backoff: BACKOFF})
  w.submit({id: 'resize', priority: 3})
  w.next()
  w.fail('resize')
  w.at(500).submit({id: 'urgent', priority: 0})
  w.inspect('resize')
  w.at(1500).next()
  w.inspect('resize')
  w.state('resize')
  w.at(1600).complete('urgent')
  w.next()
  w.at(1700).fail('resize')
  w.state('resize')
  w.at(3700).submit({id: 'other', priority: 1})
  w.inspect('resize')
  w.next()
  w.next()
  w.inspect('resize')
  return [labelled(w, 'in the episode where next() moves the clock past a retry time')]
}

/**
 * A rate-limited queue: `next` with nothing eligible spends no token, and one that finds a task
 * hands it out only with a whole token in the bucket (the boundary at exactly one token included);
 * a call to next() that hands out nothing for want of a token still moves the clock.
 */
export function rateLimitEpisodes(): Episode[] {
  return [rateLimitEpisode(), starvedEpisode()]
}

function starvedEpisode(): Episode {
  const w = queue({maxRetries: 1, backoff: {baseMs: 100, factor: 2, maxMs: 1000}, rateLimit: {capacity: 1, refillPerSecond: 1}})
  w.submit({id: 'send', priority: 1})
  w.next()
  w.fail('send')
  w.state('send')
  w.at(100).next()
  w.inspect('send')
  w.state('send')
  return labelled(w, 'in the episode where next() hands out nothing but moves the clock')
}

function rateLimitEpisode(): Episode {
  const w = queue({maxRetries: 1, backoff: {baseMs: 100, factor: 2, maxMs: 1000}, rateLimit: {capacity: 2, refillPerSecond: 1}})
  w.submit({id: 'mail-1', priority: 1})
  w.next()
  w.next()
  w.submit({id: 'mail-2', priority: 2})
  w.next()
  w.fail('mail-1')
  w.at(100).next()
  w.at(999).next()
  w.at(1000).next()
  w.complete('mail-1')
  w.complete('mail-2')
  w.at(1500).next()
  w.at(2000).submit({id: 'mail-3', priority: 0})
  w.next()
  w.at(2500).submit({id: 'mail-4', priority: 0})
  w.next()
  return labelled(w, 'in the episode of calls to next() that find nothing or too few tokens')
}

/**
 * Deaths and their cascades, one retry-less queue: a workflow submitted out of order (the order a
 * walk from the dead task finds its dependents is not the order of submission), a diamond, a task
 * that is already dead when a second dependency dies, and submissions onto dead dependencies whose
 * root causes differ (the first dead id in dependsOn order decides, not the earliest death).
 */
export function cascadeEpisode(): Episode {
  const w = queue({maxRetries: 0, backoff: {baseMs: 100, factor: 2, maxMs: 1000}})
  w.submit({id: 'publish', priority: 5, dependsOn: ['render']})
  w.submit({id: 'summary', priority: 5, dependsOn: ['refunds']})
  w.submit({id: 'orders', priority: 5, dependsOn: ['extract']})
  w.submit({id: 'render', priority: 5, dependsOn: ['orders', 'summary']})
  w.submit({id: 'refunds', priority: 5, dependsOn: ['extract']})
  w.submit({id: 'extract', priority: 5})
  w.at(10).next()
  w.at(20).fail('extract')
  w.deadLetters()
  w.at(30).submit({id: 'left', priority: 0})
  w.submit({id: 'right', priority: 1})
  w.submit({id: 'both', priority: 2, dependsOn: ['left', 'right']})
  w.submit({id: 'right-or-ghost', priority: 2, dependsOn: ['ghost', 'right']})
  w.next()
  w.at(40).fail('left')
  w.next()
  w.at(50).fail('right')
  w.deadLetters()
  w.at(60).submit({id: 'done-first', priority: 0})
  w.next()
  w.complete('done-first')
  w.at(70)
  // Waiting on an id that will die on arrival.
  w.submit({id: 'waits-1', priority: 3, dependsOn: ['late']})
  w.submit({id: 'waits-2', priority: 3, dependsOn: ['waits-1', 'done-first']})
  w.at(80).submit({id: 'late', priority: 3, dependsOn: ['done-first', 'right', 'render']})
  w.at(90).submit({id: 'onto-cascade', priority: 3, dependsOn: ['both', 'extract']})
  w.submit({id: 'onto-root', priority: 3, dependsOn: ['left']})
  for (const id of ['extract', 'render', 'both', 'late', 'waits-2', 'onto-cascade']) w.inspect(id)
  w.deadLetters()
  return labelled(w, 'in the episode of cascades, diamonds and submissions onto dead tasks')
}

/**
 * Aging, agingMs 1000: a step of aging counts only whole periods (0.9 and 1.1 periods make a tie
 * that readyAt settles; half a period is no step), the aged priority stops at 0 (then readyAt
 * decides), and aging restarts from readyAt after a retry and after an unblocking completion.
 */
export function agingEdges(): Episode {
  const w = queue({maxRetries: 2, backoff: {baseMs: 100, factor: 2, maxMs: 1000}, agingMs: 1000})
  w.submit({id: 'older', priority: 2})
  w.at(200).submit({id: 'newer', priority: 1})
  w.at(1100).next()
  w.next()
  w.complete('older')
  w.complete('newer')
  w.at(2000).submit({id: 'half-aged', priority: 2})
  w.at(2500).submit({id: 'fresh', priority: 1})
  w.next()
  w.next()
  w.complete('half-aged')
  w.complete('fresh')
  w.at(3000).submit({id: 'batch', priority: 5})
  w.at(4000).submit({id: 'payment', priority: 0})
  w.at(10_000).inspect('batch')
  w.next()
  w.next()
  w.complete('batch')
  w.complete('payment')
  w.at(20_000).submit({id: 'flaky', priority: 6})
  w.next()
  w.at(23_000).fail('flaky')
  w.at(23_100).submit({id: 'steady', priority: 4})
  w.at(25_100).inspect('flaky')
  w.next()
  w.next()
  w.complete('flaky')
  w.complete('steady')
  w.at(30_000).submit({id: 'gate', priority: 0})
  w.submit({id: 'gated', priority: 7, dependsOn: ['gate']})
  w.next()
  w.at(36_000).complete('gate')
  w.submit({id: 'plain', priority: 5})
  w.at(37_000).next()
  w.inspect('gated')
  w.next()
  return labelled(w, 'in the episode of tasks aged by fractions of agingMs, to below zero, and after a retry or an unblocking')
}

/**
 * A queue with jitter in which failures that kill a task fall between retries: only a failure that
 * is retried may take a number from the random function.
 */
export function jitterDeathEpisode(seed: number): Episode {
  const w = jitterQueue({maxRetries: 1, backoff: {baseMs: 1000, factor: 2, maxMs: 4000, jitter: 0.5}}, seed)
  w.submit({id: 'a', priority: 1})
  w.submit({id: 'b', priority: 2})
  w.next()
  w.at(10).fail('a')
  w.next()
  w.at(20).fail('b')
  w.inspect('a')
  w.inspect('b')
  w.at(5000).next()
  w.fail('a')
  w.next()
  w.fail('b')
  w.submit({id: 'c', priority: 0})
  w.next()
  w.at(5100).fail('c')
  w.inspect('c')
  w.at(9000).next()
  w.fail('c')
  w.submit({id: 'd', priority: 0})
  w.next()
  w.fail('d')
  w.inspect('d')
  w.deadLetters()
  return labelled(w, 'in the episode where tasks die between retries')
}

/**
 * A pipeline of diamond-shaped stages (each stage: two tasks on the previous join, and a join on
 * both), the shape of the nightly report repeated, then a submission that would close a cycle
 * through all of it. A depth-first search that remembers what it visited answers every cycle check
 * at once; one that does not follows every path, twice as many with each stage, and never finishes.
 */
export function diamondPipeline(): Episode {
  const w = queue({maxRetries: 0, backoff: BACKOFF})
  const stages = 40
  w.submit({id: 'join-0', priority: 5, dependsOn: ['start']})
  for (let i = 1; i <= stages; i++) {
    w.submit({id: `left-${i}`, priority: 5, dependsOn: [`join-${i - 1}`]})
    w.submit({id: `right-${i}`, priority: 5, dependsOn: [`join-${i - 1}`]})
    w.submit({id: `join-${i}`, priority: 5, dependsOn: [`left-${i}`, `right-${i}`]})
  }
  w.refused('submit', [{id: 'start', priority: 0, dependsOn: [`join-${stages}`]}, 0])
  w.state('start')
  w.submit({id: 'start', priority: 0})
  w.inspect(`join-${stages}`)
  return labelled(w, 'in the episode of a long pipeline of diamond-shaped stages')
}
