/**
 * Reading what the `script` driver returned, in the grader's process, and the built-in `script`
 * check. What each call must give: `{value}` exactly (numbers within the case's tolerance),
 * `{nan: true}`, `{error: true}` or `{error: 'RangeError'}` for a call that must throw (that
 * kind), `{ok: true}` for one that must not (one `{ok: true}` for a whole `map` step covers every
 * call). A script may also expect its creation to throw: `{createError: true | 'RangeError'}`.
 */
import type {CallResult, ScriptOutput, Step, StepResult} from '../sandbox/drivers.js'
import {firstDifference, show} from './compare.js'
import type {Check, Verdict} from './definition.js'

export type Expected = {readonly value: unknown} | {readonly nan: true} | {readonly error: true | string} | {readonly ok: true}
export interface ExpectedScript {
  readonly createError?: true | string
  readonly results?: ReadonlyArray<Expected | readonly Expected[]>
  /**
   * The situation the script stages or the rule it checks ("ids submitted twice"), and per step
   * the rule that step exercises: a failure is reported under the label of its step (else the
   * script's), so a case that owns several rules says which one broke. Labels stay in the grader's
   * process and must name no hidden input.
   */
  readonly about?: string
  readonly labels?: ReadonlyArray<string | undefined>
}

interface ScriptInput {
  readonly steps: readonly Step[]
}

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

const fail = (detail?: string): Verdict => ({passed: false, detail})

export function stepName(step: Step | undefined): string {
  if (!step) return 'a call'
  return `\`${'map' in step ? step.map : step.call}\``
}

/** The label a failure at step `s` is reported under (see ExpectedScript), as a prefix. */
function about(want: ExpectedScript, s?: number): string {
  const label = (s === undefined ? undefined : want.labels?.[s]) ?? want.about
  return label ? `${label}: ` : ''
}

/** Compares one script's results with what it must give; returns a problem or undefined. */
function compareScript(input: ScriptInput, actual: ScriptOutput, want: ExpectedScript, tolerance: number, visible: boolean, objectLabel: string): string | undefined {
  // A script with labels is named by them; its position among the case's scripts adds nothing.
  const label = want.about !== undefined || want.labels !== undefined ? '' : objectLabel
  if (!actual || typeof actual !== 'object') return `${label}no result came back`
  if (want.createError !== undefined) {
    if (actual.createError === undefined) return `${label}${about(want)}creating it with invalid options must throw, and it did not`
    if (typeof want.createError === 'string' && !actual.createError.startsWith(want.createError)) {
      return `${label}${about(want)}creating it with invalid options must throw a ${want.createError}${visible ? `; it threw: ${actual.createError}` : ''}`
    }
    return undefined
  }
  if (actual.createError !== undefined) return `${label}${about(want)}creating it failed${visible ? `: ${actual.createError}` : ''}`
  const wanted = want.results ?? []
  for (let s = 0; s < wanted.length; s++) {
    const w = wanted[s]!
    const got = actual.results?.[s]
    const step = input.steps[s]
    // `map` and `repeat` steps give a list of calls.
    const many = step !== undefined && ('map' in step || 'repeat' in step)
    const calls = many || Array.isArray(w) ? stepEntries(got as StepResult | undefined) : undefined
    // One `{ok: true}` for a whole `map` step: every call must return (adding many values, say).
    const each: Expected[] | undefined = Array.isArray(w) ? w : many && 'ok' in w ? (calls ?? [undefined]).map(() => w) : undefined
    const pairs: Array<[Expected, unknown, string]> = each
      ? each.map((x, i) => [x, calls?.[i], `call ${i + 1} of step ${s + 1}`])
      : [[w as Expected, got, `step ${s + 1}`]]
    for (const [x, g, where] of pairs) {
      const entry = g as {value?: unknown; error?: string} | undefined
      let problem: string | undefined
      if (entry === undefined || entry === null || typeof entry !== 'object') problem = 'no result'
      else if ('error' in x) {
        if (!('error' in entry)) problem = `it must throw${visible ? `, got ${show(entry.value)}` : ', and it did not'}`
        else if (typeof x.error === 'string' && !String(entry.error).startsWith(x.error)) problem = `it must throw a ${x.error}${visible ? `; it threw: ${entry.error}` : ''}`
      } else if ('error' in entry) problem = visible ? `it threw: ${entry.error}` : 'it threw an error'
      else if ('nan' in x) {
        if (!Number.isNaN(entry.value)) problem = `it must return NaN${visible ? `, got ${show(entry.value)}` : ''}`
      } else if ('value' in x) {
        const difference = firstDifference(entry.value, x.value, tolerance)
        if (difference) problem = visible ? `expected ${show(difference.expected)}${difference.path ? ` at ${difference.path}` : ''}, got ${show(difference.actual)}` : 'it gave a wrong result'
      }
      if (problem) {
        const call = stepName(input.steps[s])
        const rule = about(want, s)
        return visible ? `${label}${rule}${where} (${call}): ${problem}` : `${label}${rule}the first wrong answer came from ${call}: ${problem}`
      }
    }
  }
  return undefined
}

/**
 * Script results against expectations: one script, or `{scripts: [...]}` for several. Values are
 * compared exactly (numbers within the tolerance); `{error: true}` marks calls that must throw
 * (`{error: 'RangeError'}`: throw that kind), `{ok: true}` calls that must not.
 */
export const scriptCheck: Check = ({input, output, expected, tolerance, visible}) => {
  const many = expected as {scripts?: ExpectedScript[]}
  if (Array.isArray(many.scripts)) {
    const inputs = (input as {scripts: ScriptInput[]}).scripts
    const outputs = (output as {scripts?: ScriptOutput[]}).scripts
    if (!Array.isArray(outputs)) return fail('no result came back')
    for (let i = 0; i < many.scripts.length; i++) {
      const problem = compareScript(inputs[i]!, outputs[i]!, many.scripts[i]!, tolerance, visible, many.scripts.length > 1 ? `object ${i + 1}: ` : '')
      if (problem) return fail(problem)
    }
    return {passed: true}
  }
  const problem = compareScript(input as ScriptInput, output as ScriptOutput, expected as ExpectedScript, tolerance, visible, '')
  return problem ? fail(problem) : {passed: true}
}
