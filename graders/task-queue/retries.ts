/**
 * The retry cases: attempts, readyAt and state after every call while tasks fail often, and what
 * happens when the retries run out: the dead-letter list, with failures cascading down the
 * dependency tree and new tasks submitted onto dead ones.
 */
import {integer, pick, shuffle, type Generator} from 'course/kit'
import {cascadeEpisode, clockEpisodes} from './episodes.js'
import type {QueueOptions} from './models.js'
import {labelled, plainBackoff, queue, taskId, together} from './workload.js'

/** Frequent failures: attempts, readyAt and retrying/queued after every call; exactly maxRetries + 1 attempts. */
export const retriesRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 0, 4), backoff: plainBackoff(random)}
  const w = queue(options)
  const count = integer(random, 6, 12)
  for (let i = 0; i < count; i++) w.submit({id: taskId(random, i), priority: integer(random, 0, 9)})
  while (w.busy) {
    const id = w.next()
    if (id) {
      w.inspect(id)
      if (random() < 0.7) w.fail(id)
      else w.complete(id)
      w.inspect(id)
      w.state(id)
    }
    w.tick(random, pick(random, [0, 10, 100, 500, 1000, 4000]))
    if (random() < 0.3) w.inspect(pick(random, w.model.all()))
    if (w.steps.length > 700) break
  }
  w.deadLetters()
  return together(...clockEpisodes(), labelled(w, 'in the generated failure sequence'))
}

/** Dependency trees whose roots fail for good: cascades over several levels, and submissions onto dead tasks. */
export const deadLettersRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 0, 1), backoff: {baseMs: 100, factor: 2, maxMs: 1000}}
  const w = queue(options)
  const count = integer(random, 20, 30)
  const names = Array.from({length: count}, (_, i) => `d${i}`)
  const specs = names.map((id, rank) => {
    const deps: string[] = []
    const k = rank === 0 ? 0 : pick(random, [0, 1, 1, 1, 2])
    for (let j = 0; j < k; j++) deps.push(names[integer(random, Math.max(0, rank - 6), rank - 1)]!)
    return {id, priority: integer(random, 0, 9), ...(deps.length > 0 ? {dependsOn: deps} : {})}
  })
  const order = shuffle(random, specs)
  const early = order.slice(0, Math.ceil(order.length * 0.7))
  const late = order.slice(early.length)
  for (const spec of early) w.submit(spec)
  while (w.busy) {
    const id = w.next()
    if (id) {
      if (random() < 0.45) w.fail(id)
      else w.complete(id)
    }
    w.tick(random, pick(random, [0, 50, 200, 1500]))
    if (random() < 0.15) w.deadLetters()
    if (late.length > 0 && random() < 0.15) w.submit(late.shift()!)
    if (w.steps.length > 500) break
  }
  // Late submissions: some onto tasks that are already dead, some that other tasks were waiting for.
  for (const spec of late) w.submit(spec)
  for (const id of names) w.inspect(id)
  w.deadLetters()
  return together(cascadeEpisode(), labelled(w, 'in the generated dependency trees'))
}
