import {pointerSegments} from './json-pointer.js'

/**
 * Finding where a JSON pointer sits in JSON text by walking the text itself. Commands that read a
 * JSON file on every start (the workspace state) locate their problems with this instead of a
 * parser that keeps positions (the `yaml` package costs ~20 ms to load). The walk reads only what
 * it must: the members of each object on the way, skipping every value it does not enter.
 *
 * The text should be JSON that has already parsed (JSON.parse, or parseJson). On anything else
 * the walk stops where it cannot go on and never throws, so the worst it does is point too early.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

/** A JSON array index as a pointer writes it: no sign, no leading zero. */
const INDEX = /^(?:0|[1-9]\d*)$/

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++
  return at
}

/** The offset just past the string that opens at `at`. */
function endOfString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === BACKSLASH) i++
    else if (code === QUOTE) return i + 1
  }
  return text.length
}

/** The offset just past the value that starts at `at`; nested values are counted, not recursed into. */
function endOfValue(text: string, at: number): number {
  let depth = 0
  let i = at
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      i = endOfString(text, i)
      if (depth === 0) return i
      continue
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth++
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      if (depth === 0) return i
      if (--depth === 0) return i + 1
    } else if (depth === 0 && (code === COMMA || isSpace(code))) return i
    i++
  }
  return i
}

/** A key as JSON.parse reads it: escapes (`\u006c`, `\/`) decoded, so it compares with a pointer's segment. */
function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end)
  if (!raw.includes('\\')) return raw.slice(1, -1)
  try {
    return JSON.parse(raw) as string
  } catch {
    return raw.slice(1, -1)
  }
}

interface Found {
  /** Offset of the member's key; undefined for an array element. */
  readonly key: number | undefined
  readonly value: number
}

/**
 * The member named `name` of the object opening at `at`. A name given twice is found at its last
 * occurrence, the one JSON.parse keeps (and so the one a problem is about).
 */
function findMember(text: string, at: number, name: string): Found | undefined {
  let found: Found | undefined
  let i = skipSpace(text, at + 1)
  while (text.charCodeAt(i) === QUOTE) {
    const key = i
    const keyEnd = endOfString(text, key)
    i = skipSpace(text, keyEnd)
    if (text.charCodeAt(i) !== COLON) break
    const value = skipSpace(text, i + 1)
    if (keyText(text, key, keyEnd) === name) found = {key, value}
    i = skipSpace(text, endOfValue(text, value))
    if (text.charCodeAt(i) !== COMMA) break
    i = skipSpace(text, i + 1)
  }
  return found
}

/** Element `segment` of the array opening at `at`, when the segment is an index it has. */
function findElement(text: string, at: number, segment: string): Found | undefined {
  if (!INDEX.test(segment)) return undefined
  const wanted = Number(segment)
  let i = skipSpace(text, at + 1)
  if (text.charCodeAt(i) === CLOSE_ARRAY) return undefined
  for (let index = 0; i < text.length; index++) {
    if (index === wanted) return {key: undefined, value: i}
    i = skipSpace(text, endOfValue(text, i))
    if (text.charCodeAt(i) !== COMMA) return undefined
    i = skipSpace(text, i + 1)
  }
  return undefined
}

/**
 * The 0-based offset in `text` of the value at `pointer`, or with `key` of the key naming it (the
 * place to point at for an unknown field). A pointer that leads nowhere gives its nearest existing
 * ancestor, and with `key` the key of the last member found on the way, as the YAML-based locator
 * in locate.ts does. Turn the offset into a line and column with offsetToPosition (json-file.ts).
 */
export function locatePointer(text: string, pointer: string, options: {key?: boolean} = {}): number {
  let at = skipSpace(text, 0)
  let key: number | undefined
  for (const segment of pointerSegments(pointer)) {
    const open = text.charCodeAt(at)
    const found = open === OPEN_OBJECT ? findMember(text, at, segment) : open === OPEN_ARRAY ? findElement(text, at, segment) : undefined
    if (!found) break
    at = found.value
    key = found.key
  }
  return options.key && key !== undefined ? key : at
}
