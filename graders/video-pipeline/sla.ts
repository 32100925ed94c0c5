/**
 * The SLA: each row's total is its queue wait plus processing, the learner's verdict on the SLA
 * follows from those totals, and both the common case and the largest upload (cut into segments
 * that run in parallel) are published within the scenario's 30 minutes.
 */
import {designCheck, figure, within, type DesignReader} from 'course/kit'
import {assumptions, minutes, SCENARIO, TOLERANCE} from './assumptions.js'

const ROWS = ['common_case', 'largest'] as const

/** One row of `sla_check`, durations in minutes. */
function slaRow(design: DesignReader, row: (typeof ROWS)[number]) {
  const base = `/sla_check/${row}`
  return {
    base,
    size: design.quantity(`${base}/size`, 'data').value,
    serial: minutes(design, `${base}/serial_processing`),
    processing: minutes(design, `${base}/processing`),
    total: minutes(design, `${base}/total`),
  }
}

/** Each total is queue wait + processing, and `meets_sla` agrees with the totals. */
export const slaTotals = designCheck((design) => {
  const a = assumptions(design)
  const wait = minutes(design, '/sla_check/expected_queue_wait')
  const rows = ROWS.map((row) => slaRow(design, row))
  for (const r of rows) {
    design.agree({pointer: `${r.base}/total`, stated: r.total, computed: wait + r.processing, tolerance: TOLERANCE, working: `queue wait + processing = ${figure(wait)} + ${figure(r.processing)}`, unit: 'min'})
  }
  const meets = design.value('/sla_check/meets_sla')
  const fits = rows.every((r) => r.total <= a.slaMin)
  if (meets !== fits) {
    const totals = rows.map((r) => `${figure(r.total)} min`).join(' and ')
    design.flaw('/sla_check/meets_sla', `${String(meets)}, but your totals (${totals}) ${fits ? 'are both within' : 'are not both within'} your SLA of ${figure(a.slaMin)} min`)
  }
})

/** The SLA is the scenario's 30 minutes, both rows meet it, and the largest file is checked and beats serial processing. */
export const slaMet = designCheck((design) => {
  const slaMin = minutes(design, '/assumptions/sla')
  if (!within(slaMin, SCENARIO.sla, 0.001)) design.flaw('/assumptions/sla', `${figure(slaMin)} min, but the scenario promises publication within ${SCENARIO.sla} min`)
  const wait = minutes(design, '/sla_check/expected_queue_wait')
  for (const row of ROWS) {
    const r = slaRow(design, row)
    const total = wait + r.processing
    if (total > SCENARIO.sla * (1 + 1e-9)) {
      design.flaw(`${r.base}/processing`, `queue wait + processing is ${figure(wait)} + ${figure(r.processing)} = ${figure(total)} min for ${row === 'largest' ? 'the largest video' : 'the common case'}, over the ${SCENARIO.sla}-minute SLA`)
    }
  }
  const largest = slaRow(design, 'largest')
  if (largest.size < SCENARIO.largestBytes * (1 - TOLERANCE)) {
    design.flaw('/sla_check/largest/size', `${figure(largest.size / 1e9)} GB, but the scenario accepts files up to 10 GB: check the largest one`)
  }
  if (!(largest.serial > largest.processing)) {
    design.flaw('/sla_check/largest/serial_processing', `${figure(largest.serial)} min as one job against ${figure(largest.processing)} min as designed: the largest file's design must beat processing it serially, by cutting it into segments that run in parallel`)
  }
})
