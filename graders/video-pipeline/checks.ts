/**
 * Document checks of the video-pipeline grader. Each check reads the learner's own figures,
 * recomputes what follows from them and names every field that disagrees, with its location and
 * the working. Sizing is recomputed step by step from the learner's previous stated result, so
 * one wrong step costs the case about that step and not every case downstream of it.
 *
 * The checks live by concern: the job graph, sizing, cost, the SLA, failure handling and the
 * distribution of work; this file names them as grader.json does.
 */
import {defineGrader} from 'course/kit'
import {budget, capacityCost} from './cost.js'
import {chunking, priorityLanes} from './distribution.js'
import {backoffGrows, deadLetter, idempotencyKey, retriesBounded, workerDeath} from './failure-handling.js'
import {jobGraphAcyclic, jobGraphBranchesMeet, jobGraphStages} from './job-graph.js'
import {capacityFleet, capacityInputs, capacityLittlesLaw} from './sizing.js'
import {slaMet, slaTotals} from './sla.js'

export default defineGrader({
  documentChecks: {
    'job-graph-acyclic': jobGraphAcyclic,
    'job-graph-stages': jobGraphStages,
    'job-graph-branches-meet': jobGraphBranchesMeet,
    'capacity-inputs': capacityInputs,
    'capacity-littles-law': capacityLittlesLaw,
    'capacity-fleet': capacityFleet,
    'capacity-cost': capacityCost,
    budget,
    'sla-totals': slaTotals,
    'sla-met': slaMet,
    'retries-bounded': retriesBounded,
    'backoff-grows': backoffGrows,
    'dead-letter': deadLetter,
    'idempotency-key': idempotencyKey,
    'worker-death': workerDeath,
    chunking,
    'priority-lanes': priorityLanes,
  },
})
