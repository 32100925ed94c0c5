/**
 * The common case and the outliers: large files are cut into segments of a sensible length, and
 * weighted priority lanes keep one huge upload from queueing ahead of everyone else's videos.
 */
import {closest, designCheck, figure} from 'course/kit'
import {assumptions, footageMinutes, slotMinutes} from './assumptions.js'

/** The encodes, the stages that carry most of a video's work. */
const TRANSCODES = ['transcode_1080p', 'transcode_720p', 'transcode_480p']

/** Chunking on, the encodes fanned out per segment, with segments of 10 s to 10 min. */
export const chunking = designCheck((design) => {
  if (design.value('/distribution/chunking/enabled') !== true) {
    const a = assumptions(design)
    const serial = slotMinutes(a, footageMinutes(a, a.largestBytes))
    design.flaw('/distribution/chunking/enabled', `chunking is off: the largest file (${design.figureText('largest_file')}) as one job takes ${figure(serial)} min on one slot, against a ${figure(a.slaMin)}-minute SLA`)
  } else {
    // Cutting the source helps only if the heavy stages run once per segment.
    design.list('/job_graph/stages').forEach((stage, index) => {
      const {id, fan_out: fanOut} = (stage ?? {}) as {id?: unknown; fan_out?: unknown}
      if (typeof id === 'string' && TRANSCODES.includes(id) && fanOut !== 'per_segment') {
        design.flaw(`/job_graph/stages/${index}/fan_out`, `\`${id}\` has fan_out \`${String(fanOut)}\` with chunking on: the encodes are most of the work, and only a per-segment fan-out spreads a large file's encode over many slots`)
      }
    })
  }
  const length = design.inUnit(design.quantity('/distribution/chunking/segment_length', 'duration'), 's')
  if (length < 10 || length > 600) {
    design.flaw('/distribution/chunking/segment_length', `${figure(length)} s: segments must be between 10 s and 10 min; ${length < 10 ? 'shorter ones spend more on start-up and bookkeeping than on encoding' : 'longer ones leave too little parallelism to bring a large file under the SLA'}`)
  }
})

/**
 * At least two distinct lanes with positive weights; outliers sent to one of them, from a threshold at
 * or above the common file size and below the largest file, to the lane with the smallest weight (so
 * under contention the outliers absorb the delay and never take slots from videos that can still
 * keep the promise).
 */
export const priorityLanes = designCheck((design) => {
  const a = assumptions(design)
  const names = new Map<string, number>()
  const weights = new Map<string, number>()
  design.list('/distribution/priority_lanes').forEach((lane, index) => {
    const {name, weight} = (typeof lane === 'object' && lane !== null ? lane : {}) as {name?: unknown; weight?: unknown}
    if (typeof name === 'string') {
      if (names.has(name)) design.flaw(`/distribution/priority_lanes/${index}/name`, `the lane \`${name}\` is declared twice`)
      else names.set(name, index)
      if (typeof weight === 'number' && !weights.has(name)) weights.set(name, weight)
    }
    if (!(typeof weight === 'number' && weight > 0)) design.flaw(`/distribution/priority_lanes/${index}/weight`, "a lane's weight must be positive, or it gets no slots under contention and starves")
  })
  if (names.size < 2) design.flaw('/distribution/priority_lanes', `${names.size === 0 ? 'no lane' : 'one lane'}: with fewer than two lanes, one large upload's thousand tasks queue ahead of everyone else's`)
  const lane = design.text('/distribution/outliers/lane')
  if (!names.has(lane)) {
    const near = closest(lane, names.keys())
    design.flaw('/distribution/outliers/lane', `\`${lane}\` is not one of the lanes (${[...names.keys()].join(', ')})${near ? `; did you mean \`${near}\`?` : ''}`)
  } else {
    const own = weights.get(lane) ?? 0
    const lighter = [...weights].filter(([name, weight]) => name !== lane && weight <= own)
    if (lighter.length > 0) {
      const shown = lighter.map(([name, weight]) => `\`${name}\` (${figure(weight)})`).join(', ')
      design.flaw(`/distribution/priority_lanes/${names.get(lane)}/weight`, `the outliers' lane \`${lane}\` weighs ${figure(own)}, no less than ${shown}: under contention the few huge uploads would take slots from videos that can still keep the promise; give the outliers' lane the smallest weight, still positive`)
    }
  }
  const threshold = design.quantity('/distribution/outliers/threshold', 'data').value
  const gb = (b: number) => `${figure(b / 1e9)} GB`
  if (threshold < a.commonBytes * (1 - 0.01)) {
    design.flaw('/distribution/outliers/threshold', `${gb(threshold)} is below the common case (${design.figureText('common_file')}, 95 % of uploads): ordinary videos would be treated as outliers and queue behind in the outliers' lane`)
  } else if (threshold >= a.largestBytes) {
    design.flaw('/distribution/outliers/threshold', `${gb(threshold)}: no upload reaches it (the largest is ${design.figureText('largest_file')}), so no video is ever an outlier; put it between the common case and the largest file`)
  }
})
