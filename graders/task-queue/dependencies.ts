/**
 * The dependency case: a random DAG submitted in random order, so that dependencies often name
 * ids not submitted yet; no task may be handed out before all its dependencies are done, and one
 * unblocked by a completion is queued from that very moment.
 */
import {integer, pick, shuffle, type Generator} from 'course/kit'
import {dependencyEdges} from './episodes.js'
import type {QueueOptions} from './models.js'
import {labelled, plainBackoff, queue, together} from './workload.js'

/** Repeated ids in `dependsOn` and a few ids that never arrive; completions only. */
export const dependenciesRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: 3, backoff: plainBackoff(random)}
  const w = queue(options)
  const count = integer(random, 25, 40)
  const names = Array.from({length: count}, (_, i) => `n${i}`)
  const specs = names.map((id, rank) => {
    const deps: string[] = []
    const k = rank === 0 ? 0 : pick(random, [0, 1, 1, 2, 2, 3])
    for (let j = 0; j < k; j++) deps.push(names[integer(random, 0, rank - 1)]!)
    if (deps.length > 0 && random() < 0.2) deps.push(deps[0]!)
    if (random() < 0.05) deps.push(`ghost-${rank}`)
    return {id, priority: integer(random, 0, 9), ...(deps.length > 0 || random() < 0.3 ? {dependsOn: deps} : {})}
  })
  const order = shuffle(random, specs)
  let i = 0
  while (i < order.length || w.busy) {
    const roll = random()
    if (roll < 0.35 && i < order.length) {
      const spec = order[i++]!
      w.submit(spec)
      w.state(spec.id)
    } else if (roll < 0.65) w.next()
    else if (roll < 0.9) {
      const running = w.model.ids('running')
      if (running.length > 0) {
        const before = new Set(w.model.ids('waiting'))
        w.complete(pick(random, running))
        // Whoever it unblocked must now be queued, from this very moment.
        for (const id of w.model.ids('waiting').filter((x) => !before.has(x))) w.inspect(id)
      }
    } else {
      w.inspect(pick(random, names))
    }
    w.tick(random, pick(random, [0, 5, 40, 200]))
    if (w.steps.length > 700) break
  }
  for (const id of w.model.ids('blocked')) w.state(id)
  return together(dependencyEdges(options.backoff), labelled(w, 'in the generated dependency graph'))
}
