/**
 * The video pipeline's lab (`course run video-pipeline`): the reference design, or the learner's,
 * through one simulated day of the scenario's uploads, beside the same design sized with the SLA
 * in Little's law (more machines than the work needs) and for a flat day (too few for the busiest
 * hour). The grader's `sla-simulated` case runs the same model on the same day.
 */
import {defineLab} from 'course/kit/lab'
import {designDay, instancesFor, monthlyCost, withInstances} from '../day-plan.js'
import {MODEL, simulateDay} from '../simulate-day.js'
import {daySeries, fleetRun, publishBuckets, type FleetRun, type VideoPipelineDay} from './result.js'
import {dayView} from './view.js'

export default defineLab<VideoPipelineDay>({
  async run(values, context) {
    if (!context.figures) throw new Error("the video-pipeline lab needs the unit's scenario figures")
    const seed = Number(values.seed)
    const asked = Number(values.instances)
    const day = designDay(context.document, context.figures, context.quantity)
    const f = day.figures
    const littlesLaw = instancesFor(day, day.peakFactor, f.processing_time)
    const fleets: Array<{sizing: FleetRun['sizing']; instances: number}> = [
      asked > 0 ? {sizing: 'instances-flag', instances: asked} : {sizing: 'as-designed', instances: day.instances},
      {sizing: 'sla-as-w', instances: instancesFor(day, day.peakFactor, f.sla)},
      {sizing: 'flat-day', instances: instancesFor(day, 1, f.processing_time)},
    ]
    const outcomes = fleets.map(({sizing, instances}) => {
      context.progress?.(`simulating the day on ${instances} instances (${sizing})`)
      return simulateDay(withInstances(day, instances), seed)
    })
    const first = outcomes[0]!
    return {
      source: context.source,
      seed,
      assumed: day.assumed,
      scenario: {
        uploads_per_day: Math.round(day.plan.uploadsPerDay),
        busiest_hour_factor: day.plan.peakFactor,
        processing_time_min: f.processing_time / 60,
        sla_min: f.sla / 60,
        slots_per_instance: day.slotsPerInstance,
        budget_usd_per_month: f.budget,
      },
      design: {
        peak_factor: day.peakFactor,
        headroom: day.headroom,
        segment_s: day.plan.segment ?? null,
        outliers: day.plan.outliers ? {from_gb: day.plan.outliers.threshold / 1e9, share_of_slots: Number(day.plan.outliers.share.toFixed(3))} : null,
        max_retries: day.plan.retry.maxRetries,
        lease_s: day.plan.retry.detection,
      },
      model: {
        failure_rate: MODEL.failureRate,
        split: `${MODEL.splitFixed} s + ${MODEL.splitPerGB} s per GB`,
        merge: `${MODEL.mergeFixed} s + ${MODEL.mergePerGB} s per GB`,
        mean_work_min: Number((first.meanWork / 60).toFixed(2)),
      },
      declined: first.declined ?? null,
      littles_law: {instances: littlesLaw, monthly_cost_usd: Math.round(monthlyCost(day, littlesLaw) * 100) / 100},
      fleets: fleets.map(({sizing, instances}, i) => fleetRun(sizing, instances, outcomes[i]!, day, monthlyCost(day, instances), littlesLaw)),
      day: daySeries(first),
      publish_times: publishBuckets(first, f.sla / 60),
    }
  },

  view: dayView,
})
