/**
 * The check of normalizeUrl and isAllowed: one `map` step of calls, compared call by call with
 * the values the models computed. A visible case shows the call, what it must give and what it
 * gave; a hidden one only the rule behind the first wrong answer, so it never quotes the input,
 * the expected value or the learner's output.
 */
import {fail, pass, show, stepEntries, type Check, type ScriptOutput, type StepResult} from 'course/kit'

/** The arguments of a call, short enough for one line of feedback. */
export function argsText(args: readonly unknown[]): string {
  return args.map((a) => show(a, 80)).join(', ')
}

/**
 * Names the rule a wrong answer broke, from the learner's answer against the expected one and the
 * label the generator gave the call (the rule it meant the call to exercise).
 */
export type Explain = (want: unknown, got: unknown, label: string | undefined, args?: readonly unknown[], visible?: boolean) => string

/**
 * What a generator expects of a `map` step: a value per call, and optionally a rule per call.
 * A call marked `certain` was scripted for its rule alone, so a wrong answer there is named by
 * that rule rather than by guessing from the shape of the answer.
 */
export interface MappedValues {
  readonly values: unknown[]
  readonly labels?: string[]
  readonly certain?: boolean[]
}

/** Which way a scripted answer went wrong, in words that quote neither input nor output. */
function wrongWay(want: unknown, got: unknown): string {
  if (want === null && got !== null) return ' (a URL that must give null did not)'
  if (want !== null && got === null && typeof want === 'string') return ' (a URL that can be crawled gave null)'
  if (want === true && got === false) return ' (an allowed path was refused)'
  if (want === false && got === true) return ' (a disallowed path was allowed)'
  return ''
}

export function callByCall(explain: Explain): Check {
  return ({input, output, expected, visible}) => {
    const step = (input as {steps: Array<{map: string; over: unknown[][]}>}).steps[0]!
    const {values, labels, certain} = expected as MappedValues
    const script = output as ScriptOutput | undefined
    if (script?.createError) return fail(visible ? script.createError : 'the module could not be used')
    const entries = Array.isArray(script?.results) ? stepEntries(script.results[0] as StepResult | undefined) : undefined
    if (!entries) return fail('no results came back')
    for (let i = 0; i < values.length; i++) {
      const entry = entries[i] as {value?: unknown; error?: string} | undefined
      const want = values[i]
      const call = `${step.map}(${argsText(step.over[i]!)})`
      if (entry === undefined) return fail(visible ? `${call}: no result` : `\`${step.map}\` gave no result for some call`)
      if (entry.error !== undefined) return fail(visible ? `${call} threw: ${entry.error}` : `\`${step.map}\` threw an error (it must return a value for every input)`)
      if (Object.is(entry.value, want)) continue
      if (visible) {
        // What decided comes before the quoted call: a long argument is cut when quoted, the reason never.
        return fail(`call ${i + 1} must give ${show(want)}, got ${show(entry.value)}: ${explain(want, entry.value, labels?.[i], step.over[i], true)}. The call: ${call}`)
      }
      const problem = certain?.[i] && labels?.[i] !== undefined ? `${labels[i]}${wrongWay(want, entry.value)}` : explain(want, entry.value, labels?.[i])
      return fail(`the first wrong answer broke this rule: ${problem}`)
    }
    return pass
  }
}
