/**
 * The SLA: each row of `sla_check` is for the scenario's file size, its serial time follows from
 * that file's footage, its total is its queue wait plus processing, the learner's verdict on the SLA
 * follows from those totals, and both the common case and the largest upload (cut into segments that
 * run in parallel) are published within the scenario's promise, in a time the fleet can achieve.
 */
import {designCheck, figure, type DesignReader} from 'course/kit'
import {assumptions, footageMinutes, minutes, slotMinutes, TOLERANCE, type Assumptions} from './assumptions.js'

const ROWS = ['common_case', 'largest'] as const
type Row = (typeof ROWS)[number]

const LABEL: Record<Row, string> = {common_case: 'the common case', largest: 'the largest video'}

/** One row of `sla_check`, durations in minutes. */
function slaRow(design: DesignReader, row: Row) {
  const base = `/sla_check/${row}`
  return {
    base,
    serial: minutes(design, `${base}/serial_processing`),
    processing: minutes(design, `${base}/processing`),
    total: minutes(design, `${base}/total`),
  }
}

/** The scenario's size of a row's file, in bytes. */
const rowBytes = (a: Assumptions, row: Row) => (row === 'largest' ? a.largestBytes : a.commonBytes)

/** Each total is queue wait + processing, and `meets_sla` agrees with the totals. */
export const slaTotals = designCheck((design) => {
  const a = assumptions(design)
  const wait = minutes(design, '/sla_check/expected_queue_wait')
  const rows = ROWS.map((row) => slaRow(design, row))
  for (const r of rows) {
    design.agree({pointer: `${r.base}/total`, stated: r.total, computed: wait + r.processing, tolerance: TOLERANCE, working: `queue wait + processing = ${figure(wait)} + ${figure(r.processing)}`, unit: 'min'})
  }
  const meets = design.value('/sla_check/meets_sla')
  const fits = rows.every((r) => r.total <= a.slaMin * (1 + 1e-9))
  if (meets !== fits) {
    const totals = rows.map((r) => `${figure(r.total)} min`).join(' and ')
    design.flaw('/sla_check/meets_sla', `${String(meets)}, but your totals (${totals}) ${fits ? 'are both within' : 'are not both within'} the SLA of ${figure(a.slaMin)} min`)
  }
})

/** Each row is for the scenario's file size, and its serial time is that file's footage at the measured speed. */
export const slaSerial = designCheck((design) => {
  const a = assumptions(design)
  design.restated('/sla_check/common_case/size', 'common_file')
  design.restated('/sla_check/largest/size', 'largest_file')
  for (const row of ROWS) {
    const bytes = rowBytes(a, row)
    const footage = footageMinutes(a, bytes)
    const serial = slotMinutes(a, footage)
    design.agree({
      pointer: `/sla_check/${row}/serial_processing`,
      stated: minutes(design, `/sla_check/${row}/serial_processing`),
      computed: serial,
      tolerance: TOLERANCE,
      working: `${figure(bytes / 1e9)} GB ÷ ${design.figureText('source_bitrate')} = ${figure(footage)} min of footage, × ${figure(a.processingMin)} min per ${figure(a.meanFootageMin)} min of footage`,
      unit: 'min',
    })
  }
})

/** Both rows meet the SLA, the largest file beats serial processing, and neither is faster than the fleet allows. */
export const slaMet = designCheck((design) => {
  const a = assumptions(design)
  const wait = minutes(design, '/sla_check/expected_queue_wait')
  const segmentMin = minutes(design, '/distribution/chunking/segment_length')
  const segmentWork = slotMinutes(a, segmentMin)
  const instances = design.quantity('/capacity/instances', 'count').value
  const slots = Math.floor(instances * a.slotsPerInstance)
  for (const row of ROWS) {
    const r = slaRow(design, row)
    const total = wait + r.processing
    if (total > a.slaMin * (1 + 1e-9)) {
      design.flaw(`${r.base}/processing`, `queue wait + processing is ${figure(wait)} + ${figure(r.processing)} = ${figure(total)} min for ${LABEL[row]}, over the ${figure(a.slaMin)}-minute SLA`)
    }
    const serial = slotMinutes(a, footageMinutes(a, rowBytes(a, row)))
    // No design beats its own critical path (one segment's work) or the whole fleet working on one video.
    const floor = Math.max(Math.min(segmentWork, serial), slots > 0 ? serial / slots : 0)
    if (r.processing < floor * (1 - TOLERANCE)) {
      const why =
        floor === serial / slots
          ? `${figure(serial)} slot-minutes of work spread over every one of the fleet's ${figure(slots)} job slots take ${figure(floor)} min`
          : `one ${figure(segmentMin * 60)} s segment alone is ${figure(segmentWork)} min of work on one slot, and no segment finishes faster`
      design.flaw(`${r.base}/processing`, `${figure(r.processing)} min for ${LABEL[row]} is faster than the fleet can work: ${why}`)
    }
    if (row === 'largest' && !(r.processing < serial)) {
      design.flaw(`${r.base}/processing`, `${figure(r.processing)} min as designed against ${figure(serial)} min as one job: the largest file's design must beat processing it serially, by cutting it into segments that run in parallel`)
    }
  }
})
