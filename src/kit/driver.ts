/**
 * The kit's part for a unit's own driver (`graders/<unit>/driver.ts`), which is bundled with each
 * submission and runs inside the sandbox next to the learner's module. It may import this, files
 * of its own folder and types of its unit's contract; nothing that loads the rest of the course.
 *
 * A driver turns one case input into calls on the learner's module and returns what came back,
 * as plain data. It judges nothing: the checks, in the grader's process, do, and they trust
 * nothing it reports (the learner's code shares its process).
 */
export type {Driver} from '../core/sandbox/drivers.js'
export {integer, pick, randomFromSeed, shuffle, type Random} from '../core/random.js'
// The deterministic simulation core: a unit's machine runs on it, in the sandbox and in its lab.
export {EventQueue} from '../core/sim/event-queue.js'
export {Simulation, type Handler} from '../core/sim/simulation.js'
export {DISTRIBUTIONS, drawCost, generateWorkload, ORDERS, type Distribution, type Order, type WorkloadSpec} from '../core/sim/workloads.js'
export {mean, percentile, percentileOfSorted, TimeSeries} from '../core/sim/stats.js'

import type {Driver} from '../core/sandbox/drivers.js'

/** Declares a unit's driver; the identity, for its type. The file's default export. */
export function defineDriver(driver: Driver): Driver {
  return driver
}
