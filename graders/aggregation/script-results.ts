/**
 * Reading what the script driver brought back, for the aggregation checks that judge a property
 * rather than exact values. The kit's readers quote the learner's errors; these name only what
 * broke, so that hidden cases can use them too.
 */
import {fail, pass, scriptCheck, stepEntries, type Check, type ExpectedScript, type ScriptInput, type ScriptOutput, type StepResult, type Verdict} from 'course/kit'

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

/** One script's expectation and the rule it shows, named in the feedback when the script fails. */
export interface LabelledScript extends ExpectedScript {
  readonly label: string
}

/**
 * Scripts judged one by one with the kit's script check, each failure prefixed with the label of
 * the rule its script exercises: a case that holds several scripted episodes then says which rule
 * broke, not just which call. Labels are fixed text, so hidden cases quote no input.
 */
export const labelled: Check = (context) => {
  const inputs = (context.input as {scripts?: ScriptInput[]}).scripts
  const wants = (context.expected as {scripts?: LabelledScript[]}).scripts
  const outputs = (context.output as {scripts?: ScriptOutput[]}).scripts
  if (!Array.isArray(inputs) || !Array.isArray(wants)) throw new Error('grader bug: a labelled case needs {scripts} in its input and expectation')
  if (!Array.isArray(outputs)) return fail('no result came back')
  for (let i = 0; i < wants.length; i++) {
    const {label, ...want} = wants[i]!
    const verdict = scriptCheck({...context, input: inputs[i], output: outputs[i], expected: want})
    if (!verdict.passed) return fail(verdict.detail ? `${label}: ${verdict.detail}` : label)
  }
  return pass
}
