/**
 * The video-pipeline scenario, read once in the units the sizing, cost and SLA checks work in (per
 * hour, minutes, cores, USD). Every figure the scenario states comes from the scenario (the
 * learner's own variant when grading with variants), never from the design's restatement of it:
 * a design that halves its render time and recomputes everything must not pass. Only the design's
 * own choices (peak factor, headroom, whether a slot is counted in vCPU or physical cores) come from
 * the document. A figure the design lists under `departures`, with a reason, is used as stated.
 *
 * The restatements themselves are compared with the scenario in one case (`assumptions-scenario`),
 * so that one wrong figure is charged once; the other checks read the scenario's values quietly.
 */
import {parseQuantity, type DesignReader, type QuantityKindName} from 'course/kit'

/** Relative tolerance of every recomputed figure. */
export const TOLERANCE = 0.02
/** The utilisation at the peak a fleet must stay under. */
export const MAX_UTILISATION = 0.9

/** Which cores a figure counts: hyper-threads or physical cores. */
export type CoreKind = 'vCPU' | 'cores'

/** Which cores `cores_per_job` counts, read from its unit word. */
export function coreKind(written: unknown): CoreKind {
  return /v\s*cpu/i.test(String(written ?? '')) ? 'vCPU' : 'cores'
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

/** A duration field in seconds. */
export function seconds(design: DesignReader, pointer: string): number {
  return design.inUnit(design.quantity(pointer, 'duration'), 's')
}

/** The departures the design declares with a reason: figure id → the value it states. */
function departures(design: DesignReader): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const item of design.list('/departures')) {
    const {figure, value, reason} = (item ?? {}) as Record<string, unknown>
    if (typeof figure === 'string' && typeof reason === 'string' && reason.trim() !== '') out.set(figure, value)
  }
  return out
}

/**
 * A scenario figure in `unit` (`min`, `USD/hour`, `hour^-1`…), or the design's departure from it
 * when the design lists one with a reason and its value reads as the same kind.
 */
export function scenario(design: DesignReader, id: string, kind: QuantityKindName, unit?: string): number {
  const departed = departures(design)
  if (departed.has(id)) {
    const own = parseQuantity(departed.get(id), kind)
    if (own.ok) return unit ? design.inUnit(own.quantity, unit) : own.quantity.value
  }
  const parsed = parseQuantity(design.figureText(id), kind)
  if (!parsed.ok) throw new Error(`the scenario figure \`${id}\` does not read as ${kind}: ${parsed.message}`)
  return unit ? design.inUnit(parsed.quantity, unit) : parsed.quantity.value
}

/** The figures the checks compute with: the scenario's, and the design's own choices. */
export function assumptions(design: DesignReader) {
  const kind = coreKind(design.value('/assumptions/cores_per_job'))
  const instanceVcpus = scenario(design, 'instance_vcpus', 'cores')
  const instancePhysical = scenario(design, 'instance_cores', 'cores')
  const slotVcpus = scenario(design, 'slot_vcpus', 'cores')
  // The same job slot, counted in the unit the design chose: 4 vCPU are 2 cores on 2 threads per core.
  const coresPerJob = kind === 'vCPU' ? slotVcpus : (slotVcpus * instancePhysical) / instanceVcpus
  return {
    arrivalPerHour: scenario(design, 'uploads', 'rate', 'hour^-1'),
    scenarioPeakFactor: scenario(design, 'peak_factor', 'ratio'),
    peakFactor: design.number('/assumptions/peak_factor'),
    processingMin: scenario(design, 'processing_time', 'duration', 'min'),
    coresPerJob,
    coreKind: kind,
    headroom: design.number('/assumptions/headroom'),
    instanceCores: kind === 'vCPU' ? instanceVcpus : instancePhysical,
    instanceVcpus,
    instancePhysical,
    instanceCoresPointer: kind === 'vCPU' ? '/assumptions/instance/vcpus' : '/assumptions/instance/physical_cores',
    slotsPerInstance: instanceVcpus / slotVcpus,
    pricePerHour: scenario(design, 'price', 'money-rate', 'USD/hour'),
    hoursPerMonth: scenario(design, 'hours_per_month', 'hours-per-month'),
    budget: scenario(design, 'budget', 'money-rate', 'USD/month'),
    slaMin: scenario(design, 'sla', 'duration', 'min'),
    meanFootageMin: scenario(design, 'mean_footage', 'duration', 'min'),
    bytesPerSecond: scenario(design, 'source_bitrate', 'data-rate'),
    commonBytes: scenario(design, 'common_file', 'data'),
    largestBytes: scenario(design, 'largest_file', 'data'),
  }
}

export type Assumptions = ReturnType<typeof assumptions>

/** Minutes one slot needs for `footageMin` minutes of footage: processing time per minute of mean footage. */
export function slotMinutes(a: Assumptions, footageMin: number): number {
  return (footageMin * a.processingMin) / a.meanFootageMin
}

/** Minutes of footage in a file of `bytes` at the source bitrate. */
export function footageMinutes(a: Assumptions, bytes: number): number {
  return bytes / a.bytesPerSecond / 60
}
