/**
 * Calling a module that may be wrong: the learner's functions can be missing, throw, or return
 * something that is not a number. Each helper turns that into a short sentence the lab can show,
 * instead of letting it stop the whole run.
 */

/** A module that did not keep its contract; the message is the sentence the view shows. */
export class Misbehaved extends Error {}

/** An error as one short line: a stack trace would not fit the view. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)
  const line = text.split('\n')[0] ?? ''
  return line.length > 100 ? `${line.slice(0, 99)}…` : line
}

/** Why a measurement failed: the lab's own sentence for a misbehaving module, else the error itself. */
export function reason(error: unknown): string {
  return error instanceof Misbehaved ? error.message : oneLine(error)
}

/** The export `name` as a function, or a Misbehaved naming what is missing. */
export function exported(module: Record<string, unknown>, name: string): (...args: unknown[]) => unknown {
  const value = module[name]
  if (typeof value !== 'function') throw new Misbehaved(`the module does not export a function ${name}`)
  return value as (...args: unknown[]) => unknown
}

/** The object `create()` returns, checked to have the methods the lab calls. */
export function made<Methods extends string>(what: string, create: () => unknown, methods: readonly Methods[]): Record<Methods, (...args: unknown[]) => unknown> {
  let sketch: unknown
  try {
    sketch = create()
  } catch (error) {
    throw new Misbehaved(`${what} threw: ${oneLine(error)}`)
  }
  for (const method of methods) {
    if (typeof (sketch as Record<string, unknown> | null)?.[method] !== 'function') throw new Misbehaved(`${what} returned no object with a ${method} method`)
  }
  return sketch as Record<Methods, (...args: unknown[]) => unknown>
}

/** Runs `call` and insists on a finite number back. */
export function numberFrom(what: string, call: () => unknown): number {
  let value: unknown
  try {
    value = call()
  } catch (error) {
    throw new Misbehaved(`${what} threw: ${oneLine(error)}`)
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Misbehaved(`${what} returned ${shown(value)}, not a finite number`)
  return value
}

/** Runs `call` for its effect, naming `what` if it throws. */
export function effect(what: string, call: () => unknown): void {
  try {
    call()
  } catch (error) {
    throw new Misbehaved(`${what} threw: ${oneLine(error)}`)
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 20))
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined || value === null) return String(value)
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`
}
