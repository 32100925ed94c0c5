/**
 * The reference design solved for a learner's variant: the restated assumptions become the
 * variant's figures, and every field that follows from them (the capacity section, the serial and
 * chunked times of the SLA check) is computed again the way the reference write-up computes it.
 * The design's own choices (peak factor, headroom, segments, failure policy, lanes) stay as they
 * are; the scenario's ranges are chosen so that they stay right for every variant.
 */
import {parseQuantity, type QuantityKindName} from 'course/kit'

/** Anything that gives a scenario figure in its kind's canonical unit (s, 1/s, B, USD/month, …). */
export interface ScenarioLike {
  figure(id: string): number
}

/** The canonical value of one `unit` of `kind`, to convert a canonical figure back into it. */
function one(text: string, kind: QuantityKindName): number {
  const parsed = parseQuantity(text, kind)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.quantity.value
}

/** A number rounded to 5 significant digits, as a design would write it. */
const r = (n: number) => Number(n.toPrecision(5))

type Doc = Record<string, Record<string, unknown> & {[k: string]: unknown}>

export function referenceFor(scenario: ScenarioLike, reference: unknown): unknown {
  const design = structuredClone(reference) as Doc
  const f = (id: string) => scenario.figure(id)
  const perDay = f('uploads') / one('1 videos/day', 'rate')
  const processingMin = f('processing_time') / 60
  const slot = f('slot_vcpus')
  const vcpus = f('instance_vcpus')
  const pricePerHour = f('price') / one('1 USD/hour', 'money-rate')
  const hours = f('hours_per_month')
  const budget = f('budget')
  const slaMin = f('sla') / 60
  const a = design.assumptions as Record<string, unknown> & {instance: Record<string, unknown>}
  const peakFactor = a.peak_factor as number
  const headroom = a.headroom as number

  a.arrival_rate = `${r(perDay)} videos/day`
  a.processing_time = `${r(processingMin)} min`
  a.cores_per_job = `${r(slot)} vCPU`
  a.instance.vcpus = `${r(vcpus)} vCPU`
  a.instance.physical_cores = `${r(f('instance_cores'))} cores`
  a.instance.price = `${r(pricePerHour)} USD/hour`
  a.hours_per_month = `${r(hours)} hour/month`
  a.budget = `${r(budget)} USD/month`
  a.sla = `${r(slaMin)} min`

  const average = perDay / 24
  const peak = average * peakFactor
  const jobs = (peak * processingMin) / 60
  const busy = jobs * slot
  const provisioned = busy * headroom
  const instances = Math.ceil(provisioned / vcpus - 1e-9)
  const cost = instances * pricePerHour * hours
  design.capacity = {
    ...design.capacity,
    average_arrival_rate: `${r(average)} videos/hour`,
    peak_arrival_rate: `${r(peak)} videos/hour`,
    work_per_video: `${r(processingMin * slot)} vCPU*min`,
    concurrent_jobs: `${r(jobs)} jobs`,
    cores_busy: `${r(busy)} vCPU`,
    cores_provisioned: `${r(provisioned)} vCPU`,
    instances: `${instances} instances`,
    utilisation_at_peak: r(busy / (instances * vcpus)),
    monthly_cost: `${r(cost)} USD/month`,
    within_budget: cost <= budget,
  }

  // Serial time of a file: its footage at the source bitrate, at the measured minutes per minute of footage.
  const serial = (bytes: number) => ((bytes / f('source_bitrate') / 60) * processingMin) / (f('mean_footage') / 60)
  const sla = design.sla_check as Record<string, unknown> & {common_case: Record<string, unknown>; largest: Record<string, unknown>}
  const wait = Number.parseFloat(String(sla.expected_queue_wait))
  const slots = instances * (vcpus / slot)
  // The largest file's segments run on the slots the peak leaves free, plus about 6 min of probing, splitting, merging and publishing.
  const largest = Math.ceil(serial(f('largest_file')) / (slots - jobs) + 6)
  // The common case: its segments in parallel, the reference's 5 min scaled with the processing time.
  const common = Math.ceil((5 * processingMin) / 20)
  sla.common_case = {...sla.common_case, size: `${r(f('common_file') / 1e9)} GB`, serial_processing: `${r(serial(f('common_file')))} min`, processing: `${common} min`, total: `${r(wait + common)} min`}
  sla.largest = {...sla.largest, size: `${r(f('largest_file') / 1e9)} GB`, serial_processing: `${r(serial(f('largest_file')))} min`, processing: `${largest} min`, total: `${r(wait + largest)} min`}
  sla.meets_sla = wait + common <= slaMin && wait + largest <= slaMin
  return design
}
