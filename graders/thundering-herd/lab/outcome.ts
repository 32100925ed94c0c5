/**
 * What a design's run comes to: the queue's CPU over time (means per chart step, and the busiest
 * tenth of a second), its idle request rate, and how long jobs waited to be picked up.
 */
import {mean, percentile} from 'course/kit/lab'
import type {Design} from './designs.js'
import {CPU_STEP, type FleetRun} from './fleet.js'
import {rounded} from './units.js'

export interface DesignOutcome {
  readonly id: Design['id']
  readonly name: string
  readonly label: string
  readonly setting: string
  readonly from_answer: boolean
  /** Requests served per second before the first job: the design's idle cost. */
  readonly idle_requests_per_s: number
  /** The busiest 100 ms, in cores. */
  readonly peak_cpu_cores: number
  readonly mean_cpu_cores: number
  /** Chart steps whose mean CPU was above the receive budget. */
  readonly steps_over_budget: number
  /** Pick-up delays in ms; null when more jobs than the percentile allows were never picked up. */
  readonly pickup_p50_ms: number | null
  readonly pickup_p99_ms: number | null
  readonly pickup_mean_ms: number | null
  readonly jobs_not_picked_up: number
  /** Mean cores in each chart step. */
  readonly cpu_cores: number[]
  /** The busiest 100 ms of each chart step, in cores: a herd is over in a fraction of a second. */
  readonly cpu_peak_cores: number[]
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? rounded(value * 1000, 3) : null)

export function outcomeOf(design: Design, run: FleetRun, chartStep: number, budgetCores: number): DesignOutcome {
  const perStep = Math.round(chartStep / CPU_STEP)
  const cpu: number[] = []
  const peaks: number[] = []
  for (let i = 0; i < run.busy.length; i += perStep) {
    let sum = 0
    let peak = 0
    for (let j = i; j < Math.min(run.busy.length, i + perStep); j++) {
      sum += run.busy[j]!
      peak = Math.max(peak, run.busy[j]!)
    }
    cpu.push(sum / chartStep)
    peaks.push(peak / CPU_STEP)
  }
  const total = run.busy.reduce((a, b) => a + b, 0)
  const picked = run.pickups.filter(Number.isFinite)
  return {
    id: design.id,
    name: design.name,
    label: design.label,
    setting: design.setting,
    from_answer: design.fromAnswer,
    idle_requests_per_s: rounded(run.idleRate),
    peak_cpu_cores: rounded(Math.max(0, ...run.busy) / CPU_STEP, 3),
    mean_cpu_cores: rounded(total / (run.busy.length * CPU_STEP), 3),
    steps_over_budget: cpu.filter((cores) => cores > budgetCores).length,
    pickup_p50_ms: finiteOrNull(percentile(run.pickups, 50)),
    pickup_p99_ms: finiteOrNull(percentile(run.pickups, 99)),
    pickup_mean_ms: picked.length === run.pickups.length && picked.length > 0 ? finiteOrNull(mean(picked)) : null,
    jobs_not_picked_up: run.pickups.length - picked.length,
    cpu_cores: cpu.map((cores) => rounded(cores, 3)),
    cpu_peak_cores: peaks.map((cores) => rounded(cores, 3)),
  }
}
