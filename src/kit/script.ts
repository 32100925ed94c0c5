/**
 * Writing scripts for the `script` driver and reading what came back. A generator builds a script
 * with these (`create`, `call`, `repeat`, `calls`) and the expectation beside it (`values`,
 * `ok`, `throws`); a check reads the output with `asScript`, `stepValues` and `stepEntries`.
 */
import type {Expected} from '../core/grading/script.js'
import type {Creation, Step} from '../core/sandbox/drivers.js'

/** Create the object the steps act on: call an exported factory with these arguments. */
export function create(exported: string, ...args: unknown[]): Creation {
  return {export: exported, args}
}

/** One call. */
export function call(name: string, ...args: unknown[]): Step {
  return args.length === 0 ? {call: name} : {call: name, args}
}

/** The same call `times` times. */
export function repeat(times: number, name: string, ...args: unknown[]): Step {
  return args.length === 0 ? {repeat: times, call: name} : {repeat: times, call: name, args}
}

/** One call per argument list. */
export function calls(name: string, over: ReadonlyArray<readonly unknown[]>): Step {
  return {map: name, over}
}

/** What a list of calls must return, one value each. */
export function values(list: readonly unknown[]): Expected[] {
  return list.map((value) => ({value}))
}

/** What one call must return. */
export const returns = (value: unknown): Expected => ({value})
/** A call that must return (any value). */
export const ok: Expected = {ok: true}
/** A call that must throw (an error of this kind, when named). */
export const throws = (kind: true | string = true): Expected => ({error: kind})
