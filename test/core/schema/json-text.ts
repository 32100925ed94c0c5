import fc from 'fast-check'

/**
 * JSON documents for property tests that need to know where things are in the text: a document is
 * a tree of nodes (so a key like `__proto__` or a key given twice is just data), written out with
 * chosen whitespace and key escapes, and the writer records the offset of every value and key it
 * writes. Those offsets are the ground truth a locator is held to.
 */
export type JsonNode =
  | {readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonNode]>}
  | {readonly kind: 'array'; readonly items: readonly JsonNode[]}
  /** A scalar as written in the text: `1e400`, `-0`, `"x"`, `true`. */
  | {readonly kind: 'scalar'; readonly text: string}

/**
 * Any text, astral characters and lone surrogates included. (fast-check's `unit: 'binary'` does the
 * same but spends seconds building its tables the first time it is used.)
 */
export function anyText(options: {minLength?: number; maxLength?: number} = {}): fc.Arbitrary<string> {
  const character = fc.oneof(
    fc.integer({min: 0x20, max: 0x7e}).map((code) => String.fromCharCode(code)),
    fc.integer({min: 0, max: 0x10ffff}).map((code) => String.fromCodePoint(code)),
    fc.integer({min: 0xd800, max: 0xdfff}).map((code) => String.fromCharCode(code)),
  )
  return fc.array(character, options).map((parts) => parts.join(''))
}

/** A JavaScript value as a node (own keys in their order, numbers and strings as JSON.stringify writes them). */
export function toNode(value: unknown): JsonNode {
  if (Array.isArray(value)) return {kind: 'array', items: value.map(toNode)}
  if (typeof value === 'object' && value !== null) return {kind: 'object', entries: Object.entries(value).map(([key, inner]) => [key, toNode(inner)] as const)}
  return {kind: 'scalar', text: JSON.stringify(value) ?? 'null'}
}

/** How a document is laid out: the whitespace between tokens (used in turn) and how keys are escaped. */
export interface Layout {
  readonly gaps: readonly string[]
  /** Per key, in turn: as JSON.stringify writes it, every character as `\uXXXX`, or `/` as `\/`. */
  readonly keys: ReadonlyArray<'plain' | 'unicode' | 'slash'>
}

/** Layouts from compact to sprawling: spaces, tabs, `\n` and `\r\n` between any two tokens. */
export const layouts: fc.Arbitrary<Layout> = fc.record({
  gaps: fc.array(fc.constantFrom('', '', ' ', '  ', '\n', '\n  ', '\t', '\r\n', ' \n\t '), {minLength: 1, maxLength: 8}),
  keys: fc.array(fc.constantFrom('plain' as const, 'plain' as const, 'unicode' as const, 'slash' as const), {minLength: 1, maxLength: 4}),
})

/** The escaped pointer segment of a key (RFC 6901), written out here so tests do not trust the code's. */
export function segment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1')
}

/** Where the writer put a value: its first character, and for a member its key's opening quote. */
export interface Spot {
  readonly value: number
  readonly key?: number
}

function writeKey(key: string, style: Layout['keys'][number]): string {
  // Every UTF-16 unit escaped, in upper case (JSON.stringify writes lone surrogates in lower case).
  if (style === 'unicode') return `"${Array.from({length: key.length}, (_, i) => `\\u${key.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`).join('')}"`
  if (style === 'slash') return JSON.stringify(key).replaceAll('/', '\\/')
  return JSON.stringify(key)
}

/**
 * Writes `node` out in `layout`, returning the text and the spot of every node by its escaped
 * pointer. A key given twice is recorded where it was written last, the occurrence JSON.parse keeps.
 */
export function writeJson(node: JsonNode, layout: Layout): {text: string; spots: Map<string, Spot>} {
  const spots = new Map<string, Spot>()
  let text = ''
  let gap = 0
  let key = 0
  const space = () => (text += layout.gaps[gap++ % layout.gaps.length]!)
  const write = (current: JsonNode, pointer: string, keyAt?: number) => {
    spots.set(pointer, keyAt === undefined ? {value: text.length} : {value: text.length, key: keyAt})
    if (current.kind === 'scalar') {
      text += current.text
      return
    }
    const [open, close] = current.kind === 'object' ? ['{', '}'] : ['[', ']']
    text += open
    const members: ReadonlyArray<readonly [string | undefined, JsonNode]> = current.kind === 'object' ? current.entries : current.items.map((item) => [undefined, item] as const)
    members.forEach(([name, inner], index) => {
      if (index > 0) text += ','
      space()
      if (name === undefined) return write(inner, `${pointer}/${index}`)
      const at = text.length
      text += writeKey(name, layout.keys[key++ % layout.keys.length]!)
      space()
      text += ':'
      space()
      write(inner, `${pointer}/${segment(name)}`, at)
    })
    space()
    text += close
  }
  space()
  write(node, '')
  space()
  return {text, spots}
}
