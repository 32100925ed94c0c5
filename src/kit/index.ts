/**
 * The grader kit: everything a grader's `checks.ts` needs, from one place. A unit's grader imports
 * from `course/kit` and from its own folder, nothing else of the course, so the engine behind
 * these names can change without touching any grader.
 *
 *   import {designCheck, defineGrader, type Generator} from 'course/kit'
 *
 * See docs/authoring.md for a walk through a new unit.
 */
import type {GraderModule} from '../core/grading/definition.js'

export type {
  CaseDefinition,
  Check,
  CheckContext,
  DocumentCheck,
  DocumentCheckContext,
  Generated,
  Generator,
  GraderModule,
  Verdict,
  Visibility,
} from '../core/grading/definition.js'

// Feedback: one format for every unit.
export {fail, figure, howFarOff, pass, percent, verdict, within} from './feedback.js'

// Design documents.
export {designCheck, DesignReader, Unreadable, type Agreement} from './design.js'
export type {QuantityKindName} from '../core/capacity/kinds.js'
export {parseQuantity, inUnit, type Quantity} from '../core/capacity/quantity.js'
export {valueAt} from '../core/grading/document.js'
export {closest} from '../core/text/suggest.js'

// Scripts for the `script` driver, and reading their results.
export type {CallResult, Creation, ScriptInput, ScriptOutput, Step, StepResult} from '../core/sandbox/drivers.js'
export {asScript, scriptCheck, stepEntries, stepName, stepValues, type Expected, type ExpectedScript} from '../core/grading/script.js'
export {firstDifference, show, type Difference} from '../core/grading/compare.js'
export {call, calls, create, ok, repeat, returns, throws, values} from './script.js'

// Seeded randomness: a generator gets its case's own stream; these draw from it. The simulation
// core and task-cost workloads are the same as a driver's (course/kit/driver).
export {integer, pick, randomFromSeed, shuffle, type Random} from '../core/random.js'
export {EventQueue} from '../core/sim/event-queue.js'
export {Simulation, type Handler} from '../core/sim/simulation.js'
export {DISTRIBUTIONS, drawCost, generateWorkload, ORDERS, type Distribution, type Order, type WorkloadSpec} from '../core/sim/workloads.js'

/** Declares a grader's code part; the identity, for its types. */
export function defineGrader<const M extends GraderModule>(module: M): M {
  return module
}
