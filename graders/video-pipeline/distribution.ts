/**
 * The common case and the outliers: large files are cut into segments of a sensible length, and
 * weighted priority lanes keep one huge upload from queueing ahead of everyone else's videos.
 */
import {closest, designCheck, figure} from 'course/kit'

/** Chunking on, with segments of 10 s to 10 min. */
export const chunking = designCheck((design) => {
  if (design.value('/distribution/chunking/enabled') !== true) {
    design.flaw('/distribution/chunking/enabled', 'chunking is off: a 1 GB file as one job takes longer than the SLA, and a 10 GB file hours')
  }
  const length = design.inUnit(design.quantity('/distribution/chunking/segment_length', 'duration'), 's')
  if (length < 10 || length > 600) {
    design.flaw('/distribution/chunking/segment_length', `${figure(length)} s: segments must be between 10 s and 10 min; ${length < 10 ? 'shorter ones spend more on start-up and bookkeeping than on encoding' : 'longer ones leave too little parallelism to bring a large file under the SLA'}`)
  }
})

/** At least two distinct lanes with positive weights, outliers sent to one of them, a positive outlier threshold. */
export const priorityLanes = designCheck((design) => {
  const names = new Map<string, number>()
  design.list('/distribution/priority_lanes').forEach((lane, index) => {
    const {name, weight} = (typeof lane === 'object' && lane !== null ? lane : {}) as {name?: unknown; weight?: unknown}
    if (typeof name === 'string') {
      if (names.has(name)) design.flaw(`/distribution/priority_lanes/${index}/name`, `the lane \`${name}\` is declared twice`)
      else names.set(name, index)
    }
    if (!(typeof weight === 'number' && weight > 0)) design.flaw(`/distribution/priority_lanes/${index}/weight`, "a lane's weight must be positive, or it gets no slots under contention and starves")
  })
  if (names.size < 2) design.flaw('/distribution/priority_lanes', `${names.size === 0 ? 'no lane' : 'one lane'}: with fewer than two lanes, one 10 GB upload's thousand tasks queue ahead of everyone else's`)
  const lane = design.text('/distribution/outliers/lane')
  if (!names.has(lane)) {
    const near = closest(lane, names.keys())
    design.flaw('/distribution/outliers/lane', `\`${lane}\` is not one of the lanes (${[...names.keys()].join(', ')})${near ? `; did you mean \`${near}\`?` : ''}`)
  }
  const threshold = design.quantity('/distribution/outliers/threshold', 'data').value
  if (!(threshold > 0)) design.flaw('/distribution/outliers/threshold', 'the outlier threshold must be a positive size')
})
