/**
 * Document checks of the video-pipeline grader. Each check takes the scenario's figures (the
 * learner's own variant when grading with variants) and the design's own choices, recomputes what
 * follows from them and names every field that disagrees, with its location and the working.
 * Sizing is recomputed step by step from the learner's previous stated result, so one wrong step
 * costs the case about that step and not every case downstream of it.
 *
 * The checks live by concern: the job graph, sizing, cost, the SLA (estimated, and simulated over
 * a day), failure handling and the distribution of work; this file names them as grader.json does.
 */
import {defineGrader} from 'course/kit'
import {budget, capacityCost} from './cost.js'
import {chunking, priorityLanes} from './distribution.js'
import {backoffGrows, deadLetter, idempotencyKey, retriesBounded, taskTimeout, workerDeath} from './failure-handling.js'
import {jobGraphAcyclic, jobGraphBranchesMeet, jobGraphStages} from './job-graph.js'
import {capacityFleet, capacityInputs, capacityLittlesLaw} from './sizing.js'
import {assumptionsScenario} from './scenario.js'
import {slaMet, slaSerial, slaTotals} from './sla.js'
import {slaSimulated} from './simulated-sla.js'

export default defineGrader({
  documentChecks: {
    'job-graph-acyclic': jobGraphAcyclic,
    'job-graph-stages': jobGraphStages,
    'job-graph-branches-meet': jobGraphBranchesMeet,
    'assumptions-scenario': assumptionsScenario,
    'capacity-inputs': capacityInputs,
    'capacity-littles-law': capacityLittlesLaw,
    'capacity-fleet': capacityFleet,
    'capacity-cost': capacityCost,
    budget,
    'sla-totals': slaTotals,
    'sla-serial': slaSerial,
    'sla-met': slaMet,
    'sla-simulated': slaSimulated,
    'retries-bounded': retriesBounded,
    'backoff-grows': backoffGrows,
    'task-timeout': taskTimeout,
    'dead-letter': deadLetter,
    'idempotency-key': idempotencyKey,
    'worker-death': workerDeath,
    chunking,
    'priority-lanes': priorityLanes,
  },
})
