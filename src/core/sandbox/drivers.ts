/**
 * Drivers run inside the sandbox, next to the learner's module: they turn a case input into calls
 * on the module and return what came back. They judge nothing; the parent does.
 *
 * The `script` driver covers most units as data: optionally create an object with an exported
 * factory, then run steps against it (or against the module's exports):
 *   {call: 'pick', args?: [...]}           one call
 *   {repeat: 7, call: 'pick', args?: [...]} the same call n times
 *   {map: 'lookup', over: [[k1], [k2]]}     one call per argument list
 * Each step yields {value} or {error}; a step that throws does not stop the script. A `repeat`
 * or `map` step whose calls all returned gives {values: [...]} (half the bytes of one entry per call).
 * `{scripts: [...]}` runs several independent scripts (say, two rings built differently).
 */
import {workStealerDriver} from '../../../graders/work-stealer/driver.js'

export type Step =
  | {readonly call: string; readonly args?: readonly unknown[]}
  | {readonly repeat: number; readonly call: string; readonly args?: readonly unknown[]}
  | {readonly map: string; readonly over: ReadonlyArray<readonly unknown[]>}

export interface ScriptInput {
  /** An export to call (with args) or read (without) to get the object the steps act on. */
  readonly create?: {readonly export: string; readonly args?: readonly unknown[]}
  readonly steps: readonly Step[]
}

export type CallResult = {readonly value: unknown} | {readonly error: string}
export type StepResult = CallResult | {readonly values: unknown[]} | readonly CallResult[]

export interface ScriptOutput {
  readonly createError?: string
  readonly results: StepResult[]
}

export type Driver = (module: Record<string, unknown>, input: unknown) => unknown

function message(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
  return String(error)
}

function invoke(target: Record<string, unknown>, name: string, args: readonly unknown[] = []): CallResult {
  const fn = target[name]
  if (typeof fn !== 'function') return {error: `\`${name}\` is not a function (it is ${fn === undefined ? 'missing' : typeof fn})`}
  try {
    const value: unknown = fn.apply(target, args)
    if (value instanceof Promise) return {error: `\`${name}\` returned a Promise; it must return its result directly`}
    return {value}
  } catch (error) {
    return {error: message(error)}
  }
}

function compact(calls: CallResult[]): StepResult {
  return calls.every((c) => 'value' in c) ? {values: calls.map((c) => (c as {value: unknown}).value)} : calls
}

export function runScript(module: Record<string, unknown>, input: ScriptInput): ScriptOutput {
  let target: Record<string, unknown> = module
  if (input.create) {
    const exported = module[input.create.export]
    if (exported === undefined) return {createError: `the module does not export \`${input.create.export}\``, results: []}
    if (input.create.args !== undefined || typeof exported === 'function') {
      const created = invoke(module, input.create.export, input.create.args ?? [])
      if ('error' in created) return {createError: created.error, results: []}
      target = created.value as Record<string, unknown>
    } else {
      target = exported as Record<string, unknown>
    }
    if (typeof target !== 'object' || target === null) return {createError: `\`${input.create.export}\` did not give an object`, results: []}
  }
  const results: StepResult[] = []
  for (const step of input.steps) {
    if ('map' in step) results.push(compact(step.over.map((args) => invoke(target, step.map, args))))
    else if ('repeat' in step) results.push(compact(Array.from({length: step.repeat}, () => invoke(target, step.call, step.args))))
    else results.push(invoke(target, step.call, step.args))
  }
  return {results}
}

/** Drivers by name; graders name theirs in grader.json (`script` when they do not). */
export const DRIVERS: Record<string, Driver> = {
  // Unit drivers live with their graders; the harness bundle includes them.
  'work-stealer': workStealerDriver,
  script: (module, input) => {
    const many = input as {scripts?: ScriptInput[]}
    if (Array.isArray(many.scripts)) return {scripts: many.scripts.map((script) => runScript(module, script))}
    return runScript(module, input as ScriptInput)
  },
}
