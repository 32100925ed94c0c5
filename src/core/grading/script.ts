import type {CallResult, ScriptOutput, StepResult} from '../sandbox/drivers.js'
import {firstDifference, show} from './compare.js'
import type {Check} from './definition.js'

/**
 * Reading what the `script` driver returned, in the grader's process, and the built-in `script`
 * check. Expectations per call: `{value}` exactly (numbers within the case's tolerance),
 * `{error: true}` for a call that must throw, `{ok: true}` for one that must not (methods that
 * return nothing).
 */
export type Expected = {readonly value: unknown} | {readonly error: true} | {readonly ok: true}
export type ExpectedStep = Expected | readonly Expected[]

export function asScript(output: unknown): ScriptOutput {
  const script = output as ScriptOutput
  if (!script || !Array.isArray(script.results)) throw new Error('the output is not a script result')
  return script
}

function compactValues(step: StepResult | undefined): unknown[] | undefined {
  if (step === undefined || Array.isArray(step) || !('values' in step)) return undefined
  return (step as {values: unknown[]}).values
}

/** The calls of a `repeat` or `map` step, whichever form the driver used. */
export function stepEntries(step: StepResult | undefined): CallResult[] | undefined {
  if (step === undefined) return undefined
  if (Array.isArray(step)) return step as CallResult[]
  return compactValues(step)?.map((value) => ({value}))
}

/** The values of a `repeat` or `map` step; throws (with a reason) when a call threw. */
export function stepValues(script: ScriptOutput, index: number): unknown[] {
  if (script.createError) throw new Error(`creating the object failed: ${script.createError}`)
  const step = script.results[index]
  const compact = compactValues(step)
  if (compact) return compact
  const entries = stepEntries(step)
  if (!entries) throw new Error(`step ${index + 1} did not give a list`)
  return entries.map((entry) => {
    if ('error' in entry) throw new Error(`a call threw: ${entry.error}`)
    return entry.value
  })
}

function compareCall(want: Expected, got: CallResult | undefined, tolerance: number): string | undefined {
  if (got === undefined) return 'no result'
  if ('error' in want) return 'error' in got ? undefined : `expected an error, got ${show(got.value)}`
  if ('error' in got) return `it threw: ${got.error}`
  if ('value' in want) {
    const difference = firstDifference(got.value, want.value, tolerance)
    return difference ? `expected ${show(difference.expected)}, got ${show(difference.actual)}` : undefined
  }
  return undefined
}

export const scriptCheck: Check = ({output, expected, tolerance, visible}) => {
  const actual = asScript(output)
  if (actual.createError) return {passed: false, detail: visible ? `creating the object failed: ${actual.createError}` : 'creating the object failed'}
  const wanted = (expected as {results: ExpectedStep[]}).results
  for (let s = 0; s < wanted.length; s++) {
    const want = wanted[s]!
    const got = actual.results[s]
    if (Array.isArray(want)) {
      const entries = stepEntries(got) ?? []
      for (let i = 0; i < want.length; i++) {
        const problem = compareCall(want[i]!, entries[i], tolerance)
        if (problem) return {passed: false, detail: visible ? `step ${s + 1}, call ${i + 1}: ${problem}` : undefined}
      }
      if (entries.length > want.length) return {passed: false, detail: visible ? `step ${s + 1}: more results than calls` : undefined}
    } else {
      const problem = compareCall(want as Expected, got as CallResult | undefined, tolerance)
      if (problem) return {passed: false, detail: visible ? `step ${s + 1}: ${problem}` : undefined}
    }
  }
  return {passed: true}
}
