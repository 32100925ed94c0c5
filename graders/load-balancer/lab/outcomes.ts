/**
 * From the sandbox back to the lab: runs the driver on a list of inputs and reads what came back.
 * The learner's code shares the sandbox with the driver, so an output is read defensively: a
 * malformed one becomes an error line, never a crash of the lab.
 */
import type {CodeOutcome, LabContext} from 'course/kit/lab'
import type {LabInput} from './driver.js'

/**
 * Runs the inputs in two sandboxed children at once, `inChildA` deciding which input goes to which,
 * and returns the outcomes in the order of the inputs. The simulations are independent, so on a
 * machine with two cores two halves of about equal work finish in about half the time.
 */
export async function runInputs(context: LabContext, inputs: readonly LabInput[], inChildA: (input: LabInput, index: number) => boolean): Promise<CodeOutcome[]> {
  const runCode = context.runCode
  if (!runCode) throw new Error('this lab runs code, but it was started without a way to run it')
  const a = inputs.map((_, i) => i).filter((i) => inChildA(inputs[i]!, i))
  const b = inputs.map((_, i) => i).filter((i) => !a.includes(i))
  const run = (indices: number[]) => (indices.length > 0 ? runCode(indices.map((i) => inputs[i]!)) : Promise.resolve([]))
  const [fromA, fromB] = await Promise.all([run(a), run(b)])
  const outcomes: CodeOutcome[] = new Array(inputs.length)
  a.forEach((i, k) => (outcomes[i] = fromA[k]!))
  b.forEach((i, k) => (outcomes[i] = fromB[k]!))
  return outcomes
}

/**
 * An output's fields, or the reason it cannot be used: `byCode` when the driver reports what the
 * module's code did (its message starts with the function's name), not a failed run.
 */
export type Read<T> = {readonly ok: true; readonly value: T} | {readonly ok: false; readonly error: string; readonly byCode: boolean}

export function readOutcome<T>(outcome: CodeOutcome | undefined, looksRight: (output: Record<string, unknown>) => boolean): Read<T> {
  if (!outcome) return {ok: false, error: 'did not run', byCode: false}
  if (!outcome.ok) return {ok: false, error: `did not finish: ${outcome.error.split('\n')[0]}`, byCode: false}
  const output = outcome.output
  if (typeof output !== 'object' || output === null) return {ok: false, error: 'returned nothing usable', byCode: false}
  const fields = output as Record<string, unknown>
  if (typeof fields.error === 'string') return {ok: false, error: fields.error, byCode: true}
  if (!looksRight(fields)) return {ok: false, error: 'returned something the lab cannot read', byCode: false}
  return {ok: true, value: output as T}
}

export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
export const isNumberList = (value: unknown, length?: number): value is number[] => Array.isArray(value) && (length === undefined || value.length === length) && value.every(isNumber)

/** Rounds to three significant figures: what a latency or a rate is worth printing. */
export function significant(value: number, digits = 3): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits))
}

/** The line that says why a strategy has no figures: "your createRoundRobin threw: …". */
export function failureLine(source: LabContext['source'], label: string, failure: {readonly error: string; readonly byCode: boolean}): string {
  if (!failure.byCode) return `${label}: the run ${failure.error}`
  return `${source === 'mine' ? 'your' : "the reference's"} ${failure.error}`
}
