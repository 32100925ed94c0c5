/**
 * Values crossing the sandbox boundary go as JSON, which cannot say `undefined`, `NaN`, a Map or a
 * typed array. `encode` tags those so the parent sees what the learner's code really returned;
 * `decode` turns the tags back. Anything else (functions, symbols, class instances' prototypes)
 * is reduced to plain data.
 *
 * The parent decodes what the child sends, and the child runs learner code, which can write to
 * the channel itself: so `decode` accepts exactly what `encode` can produce and throws
 * MalformedValue on anything else (an unknown tag, a tag with the wrong shape, nesting deeper
 * than encode ever goes), instead of crashing on it later.
 */
export type Encoded = null | boolean | number | string | Encoded[] | {[key: string]: Encoded}

const TAG = '$course'
const MAX_DEPTH = 64
/** Digits of a BigInt the parent will rebuild (BigInt() of a megabyte of digits is slow). */
const MAX_BIGINT_DIGITS = 1000
/** Tags whose only key is the tag itself. */
const BARE_TAGS = new Set(['undefined', 'function', 'symbol', 'unknown', 'cycle', 'too-deep'])
const NON_FINITE = new Map([
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
])

export class MalformedValue extends Error {}

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
    // A plain object that holds the tag's key would read as a tag on the other side.
    if (Object.hasOwn(value, TAG)) return {[TAG]: 'unknown'}
    // No prototype: a key named `__proto__` must become a property, not a prototype.
    const out: {[key: string]: Encoded} = Object.create(null) as {[key: string]: Encoded}
    for (const key of Object.keys(value)) out[key] = encode((value as Record<string, unknown>)[key], depth + 1, seen)
    return out
  } finally {
    seen.delete(value)
  }
}

function malformed(what: string): never {
  throw new MalformedValue(what)
}

/**
 * Rebuilds a value from its encoding. Values nest at most as deep as `encode` goes (one level
 * more for its `too-deep` tag), which also bounds the recursion here.
 */
export function decode(value: Encoded, depth = 0): unknown {
  if (depth > MAX_DEPTH + 2) malformed('nested deeper than any value the harness sends')
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : malformed('a number JSON cannot hold')
  if (Array.isArray(value)) return value.map((v) => decode(v, depth + 1))
  if (typeof value !== 'object') return malformed(`a ${typeof value}`)
  if (Object.hasOwn(value, TAG)) return decodeTagged(value, depth)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const decoded = decode(value[key]!, depth + 1)
    // Assigning `__proto__` would set the prototype; defined, it stays a plain key.
    if (key === '__proto__') Object.defineProperty(out, key, {value: decoded, enumerable: true, writable: true, configurable: true})
    else out[key] = decoded
  }
  return out
}

function decodeTagged(value: {[key: string]: Encoded}, depth: number): unknown {
  const tag = value[TAG]
  const keys = Object.keys(value)
  if (typeof tag !== 'string') return malformed('a tag that is not a string')
  if (BARE_TAGS.has(tag)) {
    if (keys.length !== 1) malformed(`a \`${tag}\` tag with extra keys`)
    return tag === 'undefined' ? undefined : {[TAG]: tag}
  }
  if (keys.length !== 2 || !Object.hasOwn(value, 'value')) return malformed(`a \`${tag}\` tag without exactly one value`)
  const inner = value.value!
  switch (tag) {
    case 'number': {
      const number = typeof inner === 'string' ? NON_FINITE.get(inner) : undefined
      return number ?? malformed('a non-finite number tag holding something else')
    }
    case 'bigint':
      if (typeof inner !== 'string' || !/^-?\d+$/.test(inner) || inner.length > MAX_BIGINT_DIGITS) malformed('a bigint tag that is not digits')
      return BigInt(inner as string)
    case 'error':
      return typeof inner === 'string' ? new Error(inner) : malformed('an error tag without a message')
    case 'typed-array':
      if (!Array.isArray(inner) || !inner.every((n) => typeof n === 'number')) malformed('a typed-array tag that is not numbers')
      return inner as number[]
    case 'set':
      return Array.isArray(inner) ? new Set(inner.map((v) => decode(v, depth + 1))) : malformed('a set tag that is not a list')
    case 'map':
      if (!Array.isArray(inner) || !inner.every((pair) => Array.isArray(pair) && pair.length === 2)) malformed('a map tag that is not a list of pairs')
      return new Map((inner as Encoded[][]).map(([k, v]) => [decode(k!, depth + 1), decode(v!, depth + 1)]))
    default:
      return malformed(`an unknown tag \`${tag.slice(0, 40)}\``)
  }
}
