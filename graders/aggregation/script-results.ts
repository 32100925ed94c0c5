/**
 * Reading what the script driver brought back, for the aggregation checks that judge a property
 * rather than exact values. The kit's readers quote the learner's errors; these name only what
 * broke, so that hidden cases can use them too.
 */
import {fail, pass, stepEntries, type ExpectedScript, type ScriptOutput, type StepResult, type Verdict} from 'course/kit'

/** What a sketch created with invalid options must do: refuse with a RangeError. */
export const refusedCreation: ExpectedScript = {createError: 'RangeError'}

/** The value of a single-call step; throws the reason it cannot be read. */
export function valueOf(script: ScriptOutput, index: number, what: string): unknown {
  if (script.createError !== undefined) throw new Error('creating the sketch failed')
  const entry = script.results[index] as {value?: unknown; error?: string} | undefined
  if (!entry || typeof entry !== 'object') throw new Error(`${what} gave no result`)
  if ('error' in entry) throw new Error(`${what} threw an error`)
  return entry.value
}

/** The values of a `map` step whose every call returned; throws the reason otherwise. */
export function valuesOf(script: ScriptOutput, index: number, what: string): unknown[] {
  if (script.createError !== undefined) throw new Error('creating the sketch failed')
  const entries = stepEntries(script.results[index] as StepResult | undefined)
  if (!entries) throw new Error(`${what} gave no result`)
  return entries.map((entry) => {
    if ('error' in entry) throw new Error(`${what} threw an error`)
    return entry.value
  })
}

/**
 * Judges each script of a `{scripts}` output in turn; the first failure is the verdict. A result
 * that cannot be read (a reader above threw) fails with the reason.
 */
export function eachScript(output: unknown, judge: (script: ScriptOutput, index: number) => Verdict | undefined): Verdict {
  const scripts = (output as {scripts?: ScriptOutput[]}).scripts
  if (!Array.isArray(scripts)) return fail('no result came back')
  for (let i = 0; i < scripts.length; i++) {
    try {
      const verdict = judge(scripts[i]!, i)
      if (verdict) return verdict
    } catch (error) {
      return fail((error as Error).message)
    }
  }
  return pass
}
