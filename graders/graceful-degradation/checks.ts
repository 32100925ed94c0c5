/**
 * Document checks of the graceful-degradation grader: the timeout rules across the hops
 * (timeouts.ts) and the defences in `mitigations` (mitigations.ts), each judged on its own
 * parameters and, for the bulkhead, on the learner's own C → D timeout. Every check returns a
 * verdict, never throws, on any schema-valid document.
 */
import {defineGrader} from 'course/kit'
import {breakerCountsTimeouts, bulkheadSized, circuitBreaker, deadlinePropagation, fallbackAtC, loadShedding, retriesSkipTimeouts, retryBudget} from './mitigations.js'
import {timeoutsNest, timeoutsNoFalseAlarms, timeoutsPoolSafety} from './timeouts.js'

export default defineGrader({
  documentChecks: {
    timeoutsPoolSafety,
    timeoutsNoFalseAlarms,
    timeoutsNest,
    circuitBreaker,
    breakerCountsTimeouts,
    fallbackAtC,
    retryBudget,
    retriesSkipTimeouts,
    bulkheadSized,
    loadShedding,
    deadlinePropagation,
  },
})
