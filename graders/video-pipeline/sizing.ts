/**
 * Sizing the fleet: the rates and the work per video that follow from the scenario and the design's
 * peak factor, the jobs in progress at the peak by Little's law, and the cores, instances and
 * utilisation that carry them. Each step is recomputed from the learner's previous stated figure,
 * with the scenario's inputs (never the design's restatement of them).
 */
import {designCheck, figure, howFarOff, within} from 'course/kit'
import {assumptions, MAX_UTILISATION, perHour, TOLERANCE, which} from './assumptions.js'

/** The average and peak rates and the work per video follow from the scenario; the peak factor is at least the scenario's. */
export const capacityInputs = designCheck((design) => {
  const a = assumptions(design)
  const average = perHour(design, '/capacity/average_arrival_rate')
  design.agree({pointer: '/capacity/average_arrival_rate', stated: average, computed: a.arrivalPerHour, tolerance: TOLERANCE, working: `the scenario's ${figure(a.arrivalPerHour * 24)} videos/day ÷ 24 h`, unit: 'videos/hour'})
  if (a.peakFactor < a.scenarioPeakFactor * (1 - 1e-9)) {
    design.flaw('/assumptions/peak_factor', `${a.peakFactor}: the busiest hour brings ${figure(a.scenarioPeakFactor)} times the day's average rate, so the peak factor must be at least ${figure(a.scenarioPeakFactor)}; a fleet sized for a flatter day falls behind every busy hour`)
  }
  design.agree({
    pointer: '/capacity/peak_arrival_rate',
    stated: perHour(design, '/capacity/peak_arrival_rate'),
    computed: a.arrivalPerHour * a.peakFactor,
    tolerance: TOLERANCE,
    working: `the scenario's arrival rate × your peak factor = ${figure(a.arrivalPerHour)} × ${a.peakFactor}`,
    unit: 'videos/hour',
  })
  design.agree({
    pointer: '/capacity/work_per_video',
    stated: design.quantity('/capacity/work_per_video', 'core-time').value,
    computed: a.processingMin * a.coresPerJob,
    tolerance: TOLERANCE,
    working: `the scenario's processing time × the slot's cores = ${figure(a.processingMin)} min × ${figure(a.coresPerJob)} ${a.coreKind}`,
    unit: `${a.coreKind}*min`,
  })
})

/**
 * Little's law at the peak with the processing time. The usual slips (the SLA in place of the
 * processing time, the average rate in place of the peak) are named as such.
 */
export const capacityLittlesLaw = designCheck((design) => {
  const a = assumptions(design)
  const peak = perHour(design, '/capacity/peak_arrival_rate')
  const average = perHour(design, '/capacity/average_arrival_rate')
  const jobs = design.quantity('/capacity/concurrent_jobs', 'count').value
  const want = (peak * a.processingMin) / 60
  if (within(jobs, want, TOLERANCE)) return
  const pointer = '/capacity/concurrent_jobs'
  const right = `Little's law needs the time a video holds its cores, the scenario's processing time: ${figure(peak)} videos/hour × ${figure(a.processingMin)} min = ${figure(want)} jobs`
  const sla = "The SLA is the limit a video's wait plus processing must stay under, checked in sla_check; it is not how long a job occupies a slot"
  if (within(jobs, (peak * a.slaMin) / 60, TOLERANCE) && a.slaMin !== a.processingMin) {
    design.flaw(pointer, `${figure(jobs)} jobs is your peak rate × the SLA (${figure(peak)} videos/hour × ${figure(a.slaMin)} min): the SLA was used where the processing time belongs. ${right}. ${sla}.`)
  } else if (within(jobs, (average * a.slaMin) / 60, TOLERANCE) && a.slaMin !== a.processingMin) {
    design.flaw(pointer, `${figure(jobs)} jobs is the average rate × the SLA (${figure(average)} videos/hour × ${figure(a.slaMin)} min): the SLA was used where the processing time belongs, and the average rate where the peak rate belongs. ${right}. ${sla}.`)
  } else if (within(jobs, (average * a.processingMin) / 60, TOLERANCE) && average !== peak) {
    design.flaw(pointer, `${figure(jobs)} jobs is the average rate × processing time (${figure(average)} videos/hour × ${figure(a.processingMin)} min); the fleet is sized for the jobs in progress at the peak: ${figure(peak)} videos/hour × ${figure(a.processingMin)} min = ${figure(want)} jobs`)
  } else {
    design.flaw(pointer, `${figure(jobs)} jobs, but your peak rate × processing time gives ${figure(peak)} videos/hour × ${figure(a.processingMin)} min = ${figure(want)} jobs (${howFarOff(jobs, want, TOLERANCE)}). ${right}.`)
  }
})

/** Whole instances for `cores`, `per` cores each (a hair of slack for figures rounded onto a whole number). */
const instancesFor = (cores: number, per: number) => Math.ceil(cores / per - 1e-9)

/** Cores busy, cores provisioned, instances and utilisation each follow from the step before, and the peak stays below 0.9 of the fleet. */
export const capacityFleet = designCheck((design) => {
  const a = assumptions(design)
  const jobs = design.quantity('/capacity/concurrent_jobs', 'count').value
  const busy = design.quantity('/capacity/cores_busy', 'cores').value
  design.agree({pointer: '/capacity/cores_busy', stated: busy, computed: jobs * a.coresPerJob, tolerance: TOLERANCE, working: `concurrent jobs × cores per job = ${figure(jobs)} × ${figure(a.coresPerJob)}`, unit: a.coreKind})
  const provisioned = design.quantity('/capacity/cores_provisioned', 'cores').value
  const provisionedWant = busy * a.headroom
  design.agree({pointer: '/capacity/cores_provisioned', stated: provisioned, computed: provisionedWant, tolerance: TOLERANCE, working: `cores busy × headroom = ${figure(busy)} × ${a.headroom}`, unit: a.coreKind})
  const instances = design.quantity('/capacity/instances', 'count').value
  if (!(a.instanceCores > 0)) {
    design.flaw(a.instanceCoresPointer, `an instance with no ${a.coreKind} cannot run a job`)
    return
  }
  // The quotient of the stated figure, or of the exact product when rounding moved it across a whole number.
  const instancesWant = instancesFor(provisioned, a.instanceCores)
  const instancesRight = instances === instancesWant || instances === instancesFor(provisionedWant, a.instanceCores)
  if (!instancesRight) {
    const other = a.coreKind === 'vCPU' ? a.instancePhysical : a.instanceVcpus
    const mixed = other > 0 && other !== a.instanceCores && instances === instancesFor(provisioned, other)
    const note = !mixed
      ? ''
      : a.coreKind === 'cores'
        ? `: cores_per_job counts physical cores, so divide by the instance's ${figure(a.instanceCores)} physical cores, not by its ${figure(other)} vCPU`
        : `: cores_per_job counts vCPU, so divide by the instance's ${figure(a.instanceCores)} vCPU, not by its ${figure(other)} physical cores`
    design.flaw('/capacity/instances', `${figure(instances)} instances, but cores provisioned / ${which(a.coreKind)} per instance, rounded up, is ⌈${figure(provisioned)} / ${figure(a.instanceCores)}⌉ = ${figure(instancesWant)}${note}`)
  }
  const utilisationWant = instances > 0 ? busy / (instances * a.instanceCores) : Number.POSITIVE_INFINITY
  design.agree({
    pointer: '/capacity/utilisation_at_peak',
    stated: design.number('/capacity/utilisation_at_peak'),
    computed: utilisationWant,
    tolerance: TOLERANCE,
    working: `cores busy / ${which(a.coreKind)} of all instances = ${figure(busy)} / (${figure(instances)} × ${figure(a.instanceCores)})`,
  })
  if (instancesRight && utilisationWant >= MAX_UTILISATION) {
    design.flaw('/capacity/utilisation_at_peak', `${figure(utilisationWant)}: at the peak the utilisation must stay below ${MAX_UTILISATION}, or the queue grows without bound at the first burst above the design peak; raise the headroom`)
  }
})
