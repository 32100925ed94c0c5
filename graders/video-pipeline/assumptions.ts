/**
 * The video-pipeline scenario and the learner's own assumptions, read once in the units the
 * sizing, cost and SLA checks work in (per hour, minutes, cores, USD). Those checks recompute each
 * figure from the learner's previous stated one, so one wrong step costs about that step.
 */
import type {DesignReader} from 'course/kit'

/** Relative tolerance of every recomputed figure. */
export const TOLERANCE = 0.02
/** The scenario's figures. */
export const SCENARIO = {sla: 30, budget: 50_000, peakFactor: 2, largestBytes: 10e9, maxUtilisation: 0.9}

/** Which cores a figure counts: hyper-threads or physical cores. */
export type CoreKind = 'vCPU' | 'cores'

/** Which cores `cores_per_job` counts, read from its unit word. */
function coreKind(written: string): CoreKind {
  return /v\s*cpu/i.test(written) ? 'vCPU' : 'cores'
}

/** `vCPU` or `physical cores`, for messages. */
export function which(kind: CoreKind): string {
  return kind === 'vCPU' ? 'vCPU' : 'physical cores'
}

/** A rate field in videos (or anything) per hour. */
export function perHour(design: DesignReader, pointer: string): number {
  return design.inUnit(design.quantity(pointer, 'rate'), 'hour^-1')
}

/** A duration field in minutes. */
export function minutes(design: DesignReader, pointer: string): number {
  return design.inUnit(design.quantity(pointer, 'duration'), 'min')
}

/** The learner's assumptions; a field that cannot be read ends the check. */
export function assumptions(design: DesignReader) {
  const kind = coreKind(design.text('/assumptions/cores_per_job'))
  const instanceCoresPointer = kind === 'vCPU' ? '/assumptions/instance/vcpus' : '/assumptions/instance/physical_cores'
  // Read in the document's order, so that the first unreadable field is the one reported.
  return {
    arrivalPerHour: perHour(design, '/assumptions/arrival_rate'),
    peakFactor: design.number('/assumptions/peak_factor'),
    processingMin: minutes(design, '/assumptions/processing_time'),
    coresPerJob: design.quantity('/assumptions/cores_per_job', 'cores').value,
    coreKind: kind,
    headroom: design.number('/assumptions/headroom'),
    instanceCores: design.quantity(instanceCoresPointer, 'cores').value,
    instanceCoresPointer,
    pricePerHour: design.inUnit(design.quantity('/assumptions/instance/price', 'money-rate'), 'USD/hour'),
    hoursPerMonth: design.quantity('/assumptions/hours_per_month', 'hours-per-month').value,
    budget: design.inUnit(design.quantity('/assumptions/budget', 'money-rate'), 'USD/month'),
    slaMin: minutes(design, '/assumptions/sla'),
  }
}

export type Assumptions = ReturnType<typeof assumptions>
