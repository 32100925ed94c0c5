/**
 * The cases on who `next` hands out: priority, then readyAt, then submission order; with aging,
 * where a task's effective priority improves with the time it has been eligible; and with a rate
 * limit, where only a call that hands out a task may take a token.
 */
import {integer, pick, type Generator, type Random} from 'course/kit'
import {agingEdges, rateLimitEpisodes} from './episodes.js'
import type {QueueOptions} from './models.js'
import {finish, labelled, plainBackoff, queue, taskId, together, type Workload} from './workload.js'

/** Priorities and FIFO by readyAt, no dependencies: submissions, retries and completions at random times. */
function orderWorkload(random: Random, options: QueueOptions, tasks: number, failRate: number): Workload {
  const w = queue(options)
  let submitted = 0
  const submitMore = () => {
    const burst = integer(random, 1, 4)
    for (let i = 0; i < burst && submitted < tasks; i++) w.submit({id: taskId(random, submitted++), priority: integer(random, 0, 9)})
  }
  // Reads name submitted ids only: unknown ids are the dependency cases' business, and drawn here
  // now and then, a mistake with them would cost some learners twice.
  const anyId = () => pick(random, w.model.all())
  while (submitted < tasks || w.busy) {
    const roll = random()
    if (roll < 0.3 && submitted < tasks) submitMore()
    else if (roll < 0.65) w.next()
    else if (roll < 0.9) finish(w, random, failRate)
    else if (w.model.all().length === 0) w.next()
    else if (random() < 0.5) w.inspect(anyId())
    else w.state(anyId())
    w.tick(random, pick(random, [0, 0, 50, 300, 1500]))
    if (w.steps.length > 600) break
  }
  w.deadLetters()
  return w
}

export const orderRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 1, 4), backoff: plainBackoff(random)}
  return orderWorkload(random, options, 60, 0.3).generated()
}

export const agingRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 2, 5), backoff: plainBackoff(random), agingMs: pick(random, [200, 500, 1000, 1500])}
  const w = queue(options)
  // A backlog that outpaces the workers, so that old low-priority tasks age past fresh urgent ones;
  // retries and dependencies make many tasks eligible long after their submission.
  let submitted = 0
  for (let round = 0; round < 250; round++) {
    for (let i = integer(random, 0, 2); i > 0; i--) {
      const priority = random() < 0.5 ? integer(random, 0, 2) : integer(random, 6, 9)
      const waits = submitted > 2 && random() < 0.25 ? {dependsOn: [pick(random, w.model.all())]} : {}
      w.submit({id: `t${submitted++}`, priority, ...waits})
    }
    if (random() < 0.7) w.next()
    if (random() < 0.6) finish(w, random, 0.5)
    if (random() < 0.1) w.inspect(pick(random, w.model.all()))
    w.tick(random, pick(random, [0, 100, 250, 400, 800]))
    if (round % 100 === 99) agingEpisode(w, random, options.agingMs!)
  }
  w.deadLetters()
  return together(agingEdges(), labelled(w, 'in the generated backlog'))
}

/**
 * Drains the queue, then: a low-priority task waits a long time behind a dependency; once that
 * completes, it has only just become eligible and must not outrank a fresh, more urgent task.
 */
function agingEpisode(w: Workload, random: Random, agingMs: number): void {
  for (let guard = 0; guard < 200 && w.busy; guard++) {
    if (!w.next()) finish(w, random, 0)
    w.tick(random, agingMs)
  }
  const n = w.model.all().length
  const [gate, late, fresh] = [`gate-${n}`, `late-${n}`, `fresh-${n}`]
  const lowPriority = integer(random, 7, 9)
  const urgent = integer(random, 1, 5)
  w.submit({id: gate, priority: 0})
  w.submit({id: late, priority: lowPriority, dependsOn: [gate]})
  w.next()
  w.tick(random, (lowPriority - urgent + 1 + integer(random, 0, 3)) * agingMs)
  w.complete(gate)
  w.submit({id: fresh, priority: urgent})
  w.next()
  w.inspect(late)
  w.tick(random, agingMs)
}

/**
 * Bursts of work separated by idle spells in which `next` finds nothing eligible: a bucket that is
 * charged for those calls hands out fewer tasks in the next burst. Completions only.
 */
export const rateLimitedOrder: Generator = (random) => {
  const options: QueueOptions = {
    maxRetries: 1,
    backoff: plainBackoff(random),
    rateLimit: {capacity: integer(random, 2, 4), refillPerSecond: pick(random, [1, 2, 4, 10])},
  }
  const w = queue(options)
  let submitted = 0
  for (let cycle = 0; cycle < 12; cycle++) {
    for (let i = integer(random, 3, 10); i > 0; i--) w.submit({id: `task-${submitted++}`, priority: integer(random, 0, 9)})
    for (let i = integer(random, 3, 8); i > 0; i--) {
      w.next()
      if (random() < 0.5) finish(w, random, 0)
      w.tick(random, pick(random, [0, 0, 10, 100, 250]))
    }
    // Drain: finish what runs and hand out what is left, as tokens allow.
    for (let guard = 0; guard < 40 && w.busy; guard++) {
      if (!w.next()) finish(w, random, 0)
      w.tick(random, pick(random, [50, 250, 600]))
    }
    // Idle while the bucket refills: nothing is eligible, so these calls must not cost a token,
    // and the next burst starts right after them.
    w.tick(random, 4000)
    for (let i = integer(random, 1, 4); i > 0; i--) w.next()
  }
  w.deadLetters()
  return together(...rateLimitEpisodes(), labelled(w, 'in the generated bursts'))
}
