/**
 * The one feedback format of every grader. A verdict that fails says why in terms of the property;
 * several problems are one per line, under the case's failure text; one problem stays on its line.
 * Figures in messages are written the same way in every unit.
 */
import {formatNumber} from '../core/capacity/worked.js'
import type {Verdict} from '../core/grading/definition.js'

export const pass: Verdict = {passed: true}

/** A failed verdict; a hidden case may leave the detail out (its failure text says enough). */
export function fail(detail?: string): Verdict {
  return detail === undefined || detail === '' ? {passed: false} : {passed: false, detail}
}

/** The verdict of a list of problems: passed when there are none. */
export function verdict(problems: readonly string[]): Verdict {
  if (problems.length === 0) return pass
  return fail(problems.length === 1 ? problems[0]! : `\n${problems.join('\n')}`)
}

/**
 * A figure for people, as the calculators write them: `significant` digits (4 by default),
 * thousands separated, no float noise, no exponent for everyday sizes ("12,351", "0.0125", "3.333").
 */
export function figure(value: number, significant = 4): string {
  return formatNumber(value, significant)
}

/** A share as a percentage for people ("12.5 %", "40 %"). */
export function percent(share: number): string {
  const value = 100 * share
  return `${Math.abs(value) < 10 ? Number(value.toFixed(1)) : Math.round(value)} %`
}

/** True when `got` is within a relative `tolerance` of `want` (an absolute hair around 0). */
export function within(got: number, want: number, tolerance: number): boolean {
  if (!Number.isFinite(got) || !Number.isFinite(want)) return false
  if (want === 0) return Math.abs(got) <= 1e-9
  return Math.abs(got - want) <= tolerance * Math.abs(want) + 1e-12
}

/** How far `got` is from `want`, in words: "12 % too high; allowed: 2 %". */
export function howFarOff(got: number, want: number, tolerance: number): string {
  if (want === 0) return 'it should be 0'
  const share = Math.abs(got - want) / Math.abs(want)
  return `${percent(share)} too ${got > want ? 'high' : 'low'}; allowed: ${percent(tolerance)}`
}
