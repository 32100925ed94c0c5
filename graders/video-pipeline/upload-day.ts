/**
 * A day of uploads as the scenario describes it: how many arrive, when (a smooth day whose busiest
 * hour brings the scenario's peak factor times the average hour), and how large each file is (95 %
 * at most the common size, a thinning tail up to the largest upload, with the mean upload holding
 * the scenario's mean footage). Shared by the lab and the grader, so it imports only the light kit.
 */
import type {Random} from 'course/kit/driver'

export const HOUR = 3600
export const DAY = 24 * HOUR
/** The share of uploads at most the common file's size, as the scenario states it. */
export const COMMON_SHARE = 0.95

/** Where the day's busiest moment falls: the window starts at the quietest moment, so a fleet starts the day idle. */
const BUSIEST_AT = DAY / 2
/** Resolution of the day's arrival curve, fine enough that the busiest hour's factor holds to a few parts in a thousand. */
const BINS = 1440

/**
 * The day's arrival curve, exp(κ · cos θ) with θ going once round the day (a von Mises shape): one
 * smooth peak and one trough, and any peak factor reachable by choosing κ.
 */
function curve(kappa: number, time: number): number {
  return Math.exp(kappa * Math.cos((2 * Math.PI * (time - BUSIEST_AT)) / DAY))
}

/** The busiest hour's arrivals over the average hour's, for a curve of steepness κ. */
function busiestHourFactor(kappa: number): number {
  const samples = 240
  let hour = 0
  let day = 0
  for (let i = 0; i < samples; i++) {
    hour += curve(kappa, BUSIEST_AT - HOUR / 2 + ((i + 0.5) * HOUR) / samples)
    day += curve(kappa, ((i + 0.5) * DAY) / samples)
  }
  return hour / day
}

/** The steepness κ whose busiest hour brings `factor` times the average hour (a flat day below 1). */
export function steepnessFor(factor: number): number {
  if (!(factor > 1)) return 0
  let low = 0
  let high = 1
  while (busiestHourFactor(high) < factor && high < 200) high *= 2
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2
    if (busiestHourFactor(middle) < factor) low = middle
    else high = middle
  }
  return (low + high) / 2
}

/** Upload times over the day, ascending, in seconds from the quietest moment: `count` draws from the day's curve. */
export function uploadTimes(count: number, peakFactor: number, random: Random): Float64Array {
  const kappa = steepnessFor(peakFactor)
  const width = DAY / BINS
  const cumulative = new Float64Array(BINS)
  let total = 0
  for (let i = 0; i < BINS; i++) {
    total += curve(kappa, (i + 0.5) * width)
    cumulative[i] = total
  }
  const times = new Float64Array(Math.max(0, Math.round(count)))
  for (let n = 0; n < times.length; n++) {
    const target = random() * total
    let low = 0
    let high = BINS - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    times[n] = (low + random()) * width
  }
  return times.sort()
}

/** The sizes of the upload mix, in bytes. */
export interface SizeMix {
  readonly smallest: number
  readonly common: number
  readonly largest: number
  /** The mean upload, bytes: the mean footage at the source bitrate. */
  readonly mean: number
}

/** ∫ x^k dx over [a, b]. */
function moment(k: number, a: number, b: number): number {
  return Math.abs(k + 1) < 1e-12 ? Math.log(b / a) : (b ** (k + 1) - a ** (k + 1)) / (k + 1)
}

/** The mean of a density proportional to x^β on [a, b]. */
function powerMean(beta: number, a: number, b: number): number {
  return moment(beta + 1, a, b) / moment(beta, a, b)
}

/** A draw from a density proportional to x^β on [a, b]. */
function powerDraw(beta: number, a: number, b: number, u: number): number {
  if (Math.abs(beta + 1) < 1e-12) return a * (b / a) ** u
  const k = beta + 1
  return (a ** k + u * (b ** k - a ** k)) ** (1 / k)
}

/**
 * How the mix is drawn: the tail above the common size thins as 1/x² (a 10 GB upload is a hundred
 * times rarer than a 1 GB one per gigabyte of size), and the body's slope β is chosen so that the
 * whole mix has the scenario's mean. When no slope reaches that mean, the nearest one is used and
 * `mean` says what the mix really holds.
 */
export function sizeMix(mix: SizeMix): {readonly beta: number; readonly mean: number; readonly draw: (random: Random) => number} {
  const a = Math.max(1, Math.min(mix.smallest, mix.common))
  const b = Math.max(a * 1.000001, mix.common)
  const hasTail = mix.largest > b
  const tailMean = hasTail ? powerMean(-2, b, mix.largest) : b
  const bodyShare = hasTail ? COMMON_SHARE : 1
  const wantBody = (mix.mean - (1 - bodyShare) * tailMean) / bodyShare
  let low = -8
  let high = 8
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2
    if (powerMean(middle, a, b) < wantBody) low = middle
    else high = middle
  }
  const beta = (low + high) / 2
  const mean = bodyShare * powerMean(beta, a, b) + (1 - bodyShare) * tailMean
  const draw = (random: Random) => {
    if (hasTail && random() >= bodyShare) return 1 / (1 / b - random() * (1 / b - 1 / mix.largest))
    return powerDraw(beta, a, b, random())
  }
  return {beta, mean, draw}
}
