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
 *
 * Several objects: `objects: {a: {export, args}, b: …}` creates named objects (after `create`);
 * a step with `on: 'a'` acts on one of them. In arguments, `{$object: 'a'}` stands for a named
 * object (to merge two sketches, say) and `{$random: 42}` for a seeded random function in [0, 1),
 * so code that takes randomness as a parameter can be driven reproducibly.
 *
 * `watchArguments: true` (set by the grader for cases whose contract leaves arguments unchanged)
 * makes the driver fingerprint every argument before each call and again after it, and the
 * creation's arguments again after the last step (a factory may keep a list and sort it later);
 * each change is reported in `changed`. The arguments are rebuilt for every call, so without this a
 * write to them could never show in any result.
 */
import {randomFromSeed} from '../random.js'

/** The built-in driver's name in grader.json (`code.driver`); any other value names a file of the grader's folder. */
export const SCRIPT_DRIVER = 'script'
/** What the harness is told when the bundle brings the unit's own driver. */
export const UNIT_DRIVER = 'unit'

/** The object a step acts on, when the script has named objects. */
type On = {readonly on?: string}

export type Step =
  | ({readonly call: string; readonly args?: readonly unknown[]} & On)
  | ({readonly repeat: number; readonly call: string; readonly args?: readonly unknown[]} & On)
  | ({readonly map: string; readonly over: ReadonlyArray<readonly unknown[]>} & On)

export interface Creation {
  readonly export: string
  readonly args?: readonly unknown[]
}

export interface ScriptInput {
  /** Report calls that change their arguments (see above). */
  readonly watchArguments?: boolean
  /** An export to call (with args) or read (without) to get the object the steps act on. */
  readonly create?: Creation
  /** Named objects, created in order after `create`. */
  readonly objects?: Readonly<Record<string, Creation>>
  readonly steps: readonly Step[]
}

export type CallResult = {readonly value: unknown} | {readonly error: string}
export type StepResult = CallResult | {readonly values: unknown[]} | readonly CallResult[]

/** A call that changed one of its arguments: the step (absent for the creation) and the argument's position (from 1). */
export interface ArgumentChange {
  readonly call: string
  readonly step?: number
  readonly argument: number
}

export interface ScriptOutput {
  readonly createError?: string
  readonly results: StepResult[]
  /** Calls that changed an argument, when the input asked (at most a few). */
  readonly changed?: ArgumentChange[]
}

/** Enough changes to name the first; more would only make the reply longer. */
const MAX_CHANGES = 5

export type Driver = (module: Record<string, unknown>, input: unknown) => unknown

function message(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
  return String(error)
}

// Taken when the driver loads, before any learner code: a patched JSON, prototype lookup or Set
// method must not hide a change. `has` is uncurried, so patching Set.prototype.has later changes
// nothing here; the watch itself uses plain loops and index writes, not Array methods.
const stringify = JSON.stringify
const prototypeOf = Object.getPrototypeOf
const has = Function.prototype.call.bind(Set.prototype.has) as (set: ReadonlySet<unknown>, value: unknown) => boolean
const OBJECT_PROTOTYPE = Object.prototype
const ARRAY_PROTOTYPE = Array.prototype

function plain(value: object): boolean {
  const prototype: unknown = prototypeOf(value)
  return prototype === OBJECT_PROTOTYPE || prototype === ARRAY_PROTOTYPE || prototype === null
}

/**
 * What an argument holds, as text: plain data in full; an object the script made (a sketch passed
 * to merge) or any non-plain object only as a mark, since its state is the learner's to change.
 */
function fingerprint(value: unknown, opaque: ReadonlySet<unknown>): string {
  try {
    const text = stringify(value, (_key, v: unknown) =>
      typeof v === 'object' && v !== null && (has(opaque, v) || !plain(v)) ? '<object>' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    )
    return text ?? 'undefined'
  } catch {
    // A cycle the learner made: it cannot be compared, so it is not reported as changed.
    return '<unreadable>'
  }
}

/** Watches the arguments of calls for changes, when asked to. */
class ArgumentWatch {
  readonly changed: ArgumentChange[] = []
  constructor(
    private readonly on: boolean,
    private readonly opaque: ReadonlySet<unknown>,
  ) {}

  before(args: readonly unknown[]): string[] | undefined {
    if (!this.on) return undefined
    const prints: string[] = []
    for (let i = 0; i < args.length; i++) prints[i] = fingerprint(args[i], this.opaque)
    return prints
  }

  after(args: readonly unknown[], before: string[] | undefined, call: string, step?: number): void {
    if (!before || this.changed.length >= MAX_CHANGES) return
    for (let i = 0; i < args.length; i++) {
      if (fingerprint(args[i], this.opaque) === before[i]) continue
      this.changed[this.changed.length] = {call, ...(step === undefined ? {} : {step}), argument: i + 1}
      return
    }
  }
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

/** Replaces `{$object}` and `{$random}` placeholders in arguments (a few levels deep). */
function resolve(value: unknown, objects: ReadonlyMap<string, unknown>, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => resolve(v, objects, depth + 1))
  const record = value as Record<string, unknown>
  if (typeof record.$object === 'string') {
    if (!objects.has(record.$object)) throw new Error(`the script names an unknown object ${record.$object}`)
    return objects.get(record.$object)
  }
  if (typeof record.$random === 'number') return randomFromSeed(record.$random)
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, resolve(v, objects, depth + 1)]))
}

function compact(calls: CallResult[]): StepResult {
  return calls.every((c) => 'value' in c) ? {values: calls.map((c) => (c as {value: unknown}).value)} : calls
}

function createObject(module: Record<string, unknown>, creation: Creation, args: unknown[]): {object: Record<string, unknown>} | {error: string} {
  const exported = module[creation.export]
  if (exported === undefined) return {error: `the module does not export \`${creation.export}\``}
  let object = exported as Record<string, unknown>
  if (creation.args !== undefined || typeof exported === 'function') {
    const created = invoke(module, creation.export, args)
    if ('error' in created) return {error: created.error}
    object = created.value as Record<string, unknown>
  }
  if (typeof object !== 'object' || object === null) return {error: `\`${creation.export}\` did not give an object`}
  return {object}
}

export function runScript(module: Record<string, unknown>, input: ScriptInput): ScriptOutput {
  const objects = new Map<string, unknown>()
  const made = new Set<unknown>()
  const watch = new ArgumentWatch(input.watchArguments === true, made)
  let target: Record<string, unknown> = module
  let creation: {args: unknown[]; before: string[] | undefined} | undefined
  if (input.create) {
    const args = resolve(input.create.args ?? [], objects) as unknown[]
    creation = {args, before: watch.before(args)}
    const created = createObject(module, input.create, args)
    if ('error' in created) return {createError: created.error, results: []}
    target = created.object
    made.add(target)
  }
  for (const [name, spec] of Object.entries(input.objects ?? {})) {
    const created = createObject(module, spec, resolve(spec.args ?? [], objects) as unknown[])
    if ('error' in created) return {createError: `${name}: ${created.error}`, results: []}
    objects.set(name, created.object)
    made.add(created.object)
  }
  const results: StepResult[] = []
  input.steps.forEach((step, index) => {
    const on = step.on === undefined ? target : (objects.get(step.on) as Record<string, unknown> | undefined)
    if (!on) {
      results.push({error: `the script names an unknown object ${String(step.on)}`})
      return
    }
    const name = 'map' in step ? step.map : step.call
    const watched = (list: readonly unknown[] | undefined): CallResult => {
      const args = resolve(list ?? [], objects) as unknown[]
      const before = watch.before(args)
      const result = invoke(on, name, args)
      watch.after(args, before, name, index + 1)
      return result
    }
    if ('map' in step) results.push(compact(step.over.map((a) => watched(a))))
    else if ('repeat' in step) results.push(compact(Array.from({length: step.repeat}, () => watched(step.args))))
    else results.push(watched(step.args))
  })
  if (creation && input.create) watch.after(creation.args, creation.before, input.create.export)
  return watch.changed.length > 0 ? {results, changed: watch.changed} : {results}
}

/**
 * The built-in driver, for every unit whose cases are scripts. A unit that needs more brings its
 * own (`graders/<unit>/driver.ts`), which is bundled with each submission; the harness knows no unit.
 */
export const scriptDriver: Driver = (module, input) => {
  const many = input as {scripts?: ScriptInput[]; watchArguments?: boolean}
  if (Array.isArray(many.scripts)) return {scripts: many.scripts.map((script) => runScript(module, many.watchArguments ? {...script, watchArguments: true} : script))}
  return runScript(module, input as ScriptInput)
}
