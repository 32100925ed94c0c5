/**
 * The SLA in practice: the design's fleet, segments, lanes and retries run through one simulated
 * day of the scenario's uploads (the learner's variant), with the busiest hour at the scenario's
 * peak factor, and the 99th percentile of the publish times must be within the SLA. The other SLA
 * cases check the learner's own estimates; this one checks what the design would do.
 *
 * The day is drawn from a fixed seed, so a design gets the same verdict on every run, and the
 * same model runs in `course run video-pipeline`, where a learner can watch the day unfold.
 */
import {designCheck, figure, parseQuantity, percent} from 'course/kit'
import {designDay, FIGURE_IDS, type DesignDay} from './day-plan.js'
import {MODEL, simulateDay, type DayOutcome} from './simulate-day.js'

/** The seed of the graded day. */
export const GRADED_SEED = 1
/** A busiest hour at least this busy means the queue, not the work itself, holds the videos up. */
const BUSY = 0.95

const readQuantity = (value: unknown, kind: Parameters<typeof parseQuantity>[1]) => {
  const parsed = parseQuantity(value, kind)
  return parsed.ok ? parsed.quantity.value : undefined
}

/**
 * The graded day of a plan, remembered: the day is a pure function of the plan and the seed, and
 * a class hands in many designs that come to the same plan (the same fleet, segments and retries
 * against the same figures), so each distinct plan is simulated once per grading thread. A few
 * dozen days are kept (each holds its 10,000 publish times), the oldest dropped first.
 */
const graded = new Map<string, DayOutcome>()
const REMEMBERED = 32

function gradedDay(plan: DesignDay['plan']): DayOutcome {
  // Non-finite figures are written out, so that NaN and Infinity do not both become null.
  const key = JSON.stringify(plan, (_name, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value))
  const known = graded.get(key)
  if (known) return known
  const outcome = simulateDay(plan, GRADED_SEED)
  if (graded.size >= REMEMBERED) graded.delete(graded.keys().next().value!)
  graded.set(key, outcome)
  return outcome
}

/** A duration for people: minutes, or hours from two hours up. */
const min = (seconds: number) => (seconds >= 7200 ? `${figure(seconds / 3600, 3)} h` : `${figure(seconds / 60, 3)} min`)

/** Where a missed SLA comes from, said at the field that causes it. */
function diagnosis(day: DesignDay, outcome: DayOutcome): {pointer: string; why: string} {
  const {plan} = day
  if (outcome.deadLettered > outcome.videos / 100) {
    return {pointer: '/failure_handling/max_retries', why: `${figure(outcome.deadLettered)} videos lose a task to the dead-letter queue after ${plan.retry.maxRetries + 1} attempt${plan.retry.maxRetries === 0 ? '' : 's'} and are never published; with ${percent(MODEL.failureRate)} of attempts losing their worker, a task needs a few retries`}
  }
  const perFootage = plan.processingTime / plan.meanFootage
  if (plan.segment === undefined) {
    return {pointer: '/distribution/chunking', why: `Each video runs as one job on one slot, so a ${figure(plan.commonFile / 1e9)} GB upload alone takes ${min((plan.commonFile / plan.bitrate) * perFootage)}; cut videos into segments and fan the transcodes out per segment`}
  }
  const segmentWork = plan.segment * perFootage
  if (segmentWork >= plan.sla / 2) {
    return {pointer: '/distribution/chunking/segment_length', why: `One ${min(plan.segment)} segment holds a slot for ${min(segmentWork)}, too long for the segments of a video to finish within the SLA`}
  }
  // A lost task waits for the lease to lapse and then the backoff: when that alone eats half the
  // SLA, the slow videos are the ones that lost a worker, and the retry timing is to blame.
  const retryWait = plan.retry.detection + Math.min(plan.retry.max, plan.retry.base)
  if (outcome.busiestHourUtilisation < BUSY && retryWait >= plan.sla / 2) {
    const pointer = plan.retry.detection >= plan.sla / 2 ? '/failure_handling/worker_death/lease_timeout' : '/failure_handling/backoff/base'
    return {pointer, why: `The fleet has slots to spare even in the busiest hour, yet a task whose worker dies waits ${min(plan.retry.detection)} for its lease to lapse and ${min(Math.min(plan.retry.max, plan.retry.base))} of backoff before it runs again: a video that loses a worker misses the SLA on that wait alone`}
  }
  if (outcome.busiestHourUtilisation < BUSY) {
    return {pointer: '/distribution/chunking/segment_length', why: `The fleet has slots to spare even in the busiest hour, so the slowest videos are slow on their own: ${min(plan.segment)} segments take ${min(segmentWork)} each on one slot, and a lost one runs again after the lease and the backoff`}
  }
  const queued = Math.max(...outcome.series.queuedTasks)
  return {
    pointer: '/capacity/instances',
    why: `In the busiest hour the slots are ${percent(outcome.busiestHourUtilisation)} busy and up to ${figure(queued)} tasks wait for one: the fleet is short at the peak (size it from the peak arrival rate × the processing time, with headroom)`,
  }
}

export const slaSimulated = designCheck((design) => {
  const figures = Object.fromEntries(FIGURE_IDS.map((id) => [id, design.figure(id)]))
  // The scenario's load, whatever the design declares it departs from (see designDay).
  const day = designDay(design.document, figures, readQuantity, 'ignore')
  const outcome = gradedDay(day.plan)
  if (outcome.declined !== undefined) return design.problem(`the design's day cannot be simulated: ${outcome.declined}`)
  if (outcome.p99 <= day.plan.sla) return
  const {pointer, why} = diagnosis(day, outcome)
  const p99 = Number.isFinite(outcome.p99) ? `the 99th percentile is ${min(outcome.p99)}` : 'more than 1 % of them are never published'
  design.flaw(
    pointer,
    `in a simulated day of ${figure(outcome.videos)} uploads (the busiest hour ${figure(day.plan.peakFactor)} × the average), ${figure(day.instances)} instances with ${figure(day.plan.slots)} job slots publish ${percent(outcome.withinSla / Math.max(1, outcome.videos))} of the videos within the ${min(day.plan.sla)} SLA, and ${p99}. ${why}`,
  )
})
