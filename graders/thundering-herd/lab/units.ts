/** Times and rates written for people, in the units a reader of this unit expects. */
import {figure} from 'course/kit/lab'

/** A duration given in seconds: "0.5 ms", "212 ms", "2.5 s". */
export function seconds(value: number): string {
  if (value === 0) return '0 s'
  if (Math.abs(value) < 1) return `${figure(value * 1000, 3)} ms`
  return `${figure(value, 3)} s`
}

/** A number kept to a few significant digits, so that --json prints no float noise. */
export function rounded(value: number, significant = 4): number {
  if (!Number.isFinite(value) || value === 0) return value
  return Number(value.toPrecision(significant))
}
