/**
 * Exact comparison of a learner's output with an expected value, numbers within a tolerance.
 * Returns where the two first differ, so a visible case can say what went wrong.
 */
import {graphemeBoundaryAtOrBefore} from '../text/learner-text.js'

export interface Difference {
  /** A readable path such as `results[2][4].value`. */
  readonly path: string
  readonly expected: unknown
  readonly actual: unknown
}

export function firstDifference(actual: unknown, expected: unknown, tolerance = 0, path = ''): Difference | undefined {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return undefined
    const scale = Math.max(1, Math.abs(expected))
    return Math.abs(actual - expected) <= tolerance * scale || actual === expected ? undefined : {path, expected, actual}
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return {path, expected, actual}
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= actual.length) return {path: `${path}[${i}]`, expected: expected[i], actual: '(nothing: the list is too short)'}
      if (i >= expected.length) return {path: `${path}[${i}]`, expected: '(nothing: the list is too long)', actual: actual[i]}
      const difference = firstDifference(actual[i], expected[i], tolerance, `${path}[${i}]`)
      if (difference) return difference
    }
    return undefined
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return {path, expected, actual}
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
    for (const key of keys) {
      const difference = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], tolerance, path ? `${path}.${key}` : key)
      if (difference) return difference
    }
    return undefined
  }
  // JSON cannot say `undefined`, so an expected null in a grader file stands for "nothing" too.
  if (expected === null && actual === undefined) return undefined
  return Object.is(actual, expected) ? undefined : {path, expected, actual}
}

/** A value as a learner should read it in feedback: short JSON, with undefined spelt out. */
export function show(value: unknown, limit = 120): string {
  if (value === undefined) return 'undefined'
  let text: string
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  // A cap on length, not a fit to columns: feedback is stored and shown at widths unknown here.
  return text.length > limit ? `${text.slice(0, graphemeBoundaryAtOrBefore(text, limit - 1))}…` : text
}
