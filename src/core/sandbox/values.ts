/**
 * Values crossing the sandbox boundary go as JSON, which cannot say `undefined`, `NaN`, a Map or a
 * typed array. `encode` tags those so the parent sees what the learner's code really returned;
 * `decode` turns the tags back. Anything else (functions, symbols, class instances' prototypes)
 * is reduced to plain data.
 */
export type Encoded = null | boolean | number | string | Encoded[] | {[key: string]: Encoded}

const TAG = '$course'
const MAX_DEPTH = 64

export function encode(value: unknown, depth = 0, seen = new Set<object>()): Encoded {
  if (depth > MAX_DEPTH) return {[TAG]: 'too-deep'}
  if (value === undefined) return {[TAG]: 'undefined'}
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : {[TAG]: 'number', value: String(value)}
  if (typeof value === 'bigint') return {[TAG]: 'bigint', value: value.toString()}
  if (typeof value === 'function' || typeof value === 'symbol') return {[TAG]: typeof value}
  if (typeof value !== 'object') return {[TAG]: 'unknown'}
  if (seen.has(value)) return {[TAG]: 'cycle'}
  seen.add(value)
  try {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return {[TAG]: 'typed-array', value: Array.from(value as unknown as ArrayLike<number>, Number)}
    if (Array.isArray(value)) return value.map((v) => encode(v, depth + 1, seen))
    if (value instanceof Map) return {[TAG]: 'map', value: [...value].map(([k, v]) => [encode(k, depth + 1, seen), encode(v, depth + 1, seen)])}
    if (value instanceof Set) return {[TAG]: 'set', value: [...value].map((v) => encode(v, depth + 1, seen))}
    if (value instanceof Error) return {[TAG]: 'error', value: String(value.message)}
    // No prototype: a key named `__proto__` must become a property, not a prototype.
    const out: {[key: string]: Encoded} = Object.create(null) as {[key: string]: Encoded}
    for (const key of Object.keys(value)) out[key] = encode((value as Record<string, unknown>)[key], depth + 1, seen)
    return out
  } finally {
    seen.delete(value)
  }
}

export function decode(value: Encoded): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value === null || typeof value !== 'object') return value
  const tag = value[TAG]
  if (typeof tag === 'string') {
    switch (tag) {
      case 'undefined':
        return undefined
      case 'number':
        return Number(value.value)
      case 'bigint':
        return BigInt(String(value.value))
      case 'typed-array':
        return (value.value as Encoded[]).map(Number)
      case 'map':
        return new Map((value.value as Encoded[][]).map(([k, v]) => [decode(k!), decode(v!)]))
      case 'set':
        return new Set((value.value as Encoded[]).map(decode))
      case 'error':
        return new Error(String(value.value))
      default:
        return {[TAG]: tag}
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
}
