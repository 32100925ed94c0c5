/**
 * The refusals case: duplicates, bad priorities and ids, malformed dependsOn, self-dependencies
 * and cycles closed through forward references, `complete`/`fail` on tasks that are not running.
 * Each must throw and leave the queue (its clock included) as it was, which the calls after them
 * show. Before it, scripted episodes (episodes.ts): reports about tasks that are not running, ids
 * submitted twice, refused submissions that named other tasks, and every kind of invalid option
 * next to options at the edge of what is allowed.
 */
import {integer, pick, shuffle, type Generator} from 'course/kit'
import {diamondPipeline, duplicateSubmissions, lateReports, optionEdges, refusalsLeaveNoTrace} from './episodes.js'
import type {QueueOptions} from './models.js'
import {finish, labelled, queue, together} from './workload.js'

export const refusalsRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: 2, backoff: {baseMs: 1000, factor: 2, maxMs: 60_000}}
  const w = queue(options)
  // A chain a0 ← a1 ← … named before it exists, so a cycle can close on any later submission.
  const chain = Array.from({length: integer(random, 3, 6)}, (_, i) => `c${i}`)
  for (let i = 1; i < chain.length; i++) w.submit({id: chain[i]!, priority: integer(random, 0, 9), dependsOn: [chain[i - 1]!]})
  w.submit({id: 'solo', priority: 4})
  w.submit({id: 'other', priority: 6})
  const attempts: Array<() => void> = [
    // Cycles: one closed by a direct link, one through the whole chain of forward references.
    () => w.refused('submit', [{id: chain[0]!, priority: 3, dependsOn: [chain[1]!]}, w.now + 5000]),
    () => w.refused('submit', [{id: chain[0]!, priority: 3, dependsOn: ['solo', chain[chain.length - 1]!]}, w.now + 5000]),
    () => w.refused('submit', [{id: 'self', priority: 3, dependsOn: ['x', 'self']}, w.now + 5000]),
    () => w.refused('submit', [{id: 'solo', priority: 2}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-low', priority: -1}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-high', priority: 10}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-frac', priority: integer(random, 0, 8) + 0.5}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-text', priority: String(integer(random, 0, 9))}, w.now + 5000]),
    () => w.refused('submit', [{id: '', priority: 1}, w.now + 5000]),
    () => w.refused('submit', [{id: 42, priority: 1}, w.now + 5000]),
    () => w.refused('submit', [{id: 'deps-text', priority: 1, dependsOn: 'solo'}, w.now + 5000]),
    () => w.refused('submit', [{id: 'deps-number', priority: 1, dependsOn: ['solo', 7]}, w.now + 5000]),
    () => w.refused('complete', ['other', w.now + 5000]),
    () => w.refused('fail', ['nobody', w.now + 5000]),
    () => w.refused('complete', [chain[1]!, w.now + 5000]),
  ]
  // Make one task retrying first: a refused call with a later `now` must not move the clock on.
  const first = w.next()
  if (first) w.fail(first)
  w.state(first ?? 'solo')
  for (const attempt of shuffle(random, attempts)) {
    attempt()
    if (first) w.state(first)
  }
  for (const id of ['self', 'p-low', 'p-high', 'p-frac', 'p-text', 'deps-text', 'deps-number', chain[0]!]) w.state(id)
  // As if the refused calls never happened: the ids are free, and the order is unchanged.
  w.tick(random, 100)
  w.submit({id: 'p-low', priority: integer(random, 0, 9)})
  w.submit({id: chain[0]!, priority: integer(random, 0, 9)})
  for (let i = 0; i < 4; i++) w.next()
  const running = w.model.ids('running')
  if (running.length > 0) {
    const id = pick(random, running)
    w.complete(id)
    w.refused('complete', [id, w.now])
    w.refused('fail', [id, w.now])
  }
  w.now += 60_000
  while (w.busy) {
    if (!w.next()) finish(w, random, 0)
    w.tick(random, 1000)
    if (w.steps.length > 200) break
  }
  for (const id of w.model.all()) w.inspect(id)
  // The scripted episodes come first, so that feedback names the situation they stage.
  return together(lateReports(), duplicateSubmissions(), refusalsLeaveNoTrace(), diamondPipeline(), ...optionEdges(), labelled(w, 'in the generated workload of refused calls'))
}
