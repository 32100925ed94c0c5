/**
 * Reading a learner's design document (YAML or JSON) without trusting it: every way it can be
 * unreadable becomes a located problem, never an exception. Limits on its size, its nesting and
 * what its aliases expand to keep what a hostile file costs the grader in proportion to the size
 * of the file, which is capped; every message quotes the learner's text capped too.
 */
import {closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs'
import {CORE_SCHEMA, load as loadYaml} from 'js-yaml'
import {LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document} from 'yaml'
import {documentLocator, type LocatedDocument} from '../schema/locate.js'
import type {LocatedProblem} from '../schema/problems.js'
import {findJsonSyntaxProblem} from '../schema/json-syntax.js'
import {offsetToPosition} from '../schema/text-position.js'
import {showPointer} from './quote-value.js'
import {quote} from '../text/learner-text.js'

export const MAX_DOCUMENT_BYTES = 1024 * 1024
export const MAX_DOCUMENT_DEPTH = 64
export const MAX_ALIASES = 100
/**
 * Keys and values a document may hold once its aliases are expanded (a key counts as one value).
 * The largest reference design holds under 400; the limit keeps a document that is small on disk
 * (100,000 one-letter keys fit in 1 MB) or that aliases one large mapping many times from costing
 * the schema check, which reports every copy, more than a fraction of a second.
 */
export const MAX_DOCUMENT_VALUES = 20_000
/**
 * Characters of keys and strings a document may hold once its aliases are expanded. The largest
 * reference design holds under 10,000; a 1 MB file without aliases cannot pass this, one that
 * aliases a long string many times can.
 */
export const MAX_DOCUMENT_TEXT = 4 * 1024 * 1024

/**
 * One thing wrong with a document, located: a problem of reading it, or a schema problem. Its
 * pointer is for display (it holds the learner's keys, so it is printable and cut at
 * MAX_POINTER_CHARS), '' for the document itself.
 */
export type DocumentProblem = LocatedProblem

export type ReadDocument =
  | {readonly ok: true; readonly value: unknown; readonly locate: LocatedDocument['locate']; readonly text: string}
  | {readonly ok: false; readonly problems: DocumentProblem[]}

const at = (text: string, offset: number, message: string, suggestion?: string): DocumentProblem => ({
  ...offsetToPosition(text, offset),
  pointer: '',
  message,
  ...(suggestion ? {suggestion} : {}),
})

/** Bytes to text: UTF-8 only, no binary, no UTF-16. */
function decode(bytes: Buffer): {text: string} | {problem: DocumentProblem} {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {problem: {line: 1, column: 1, pointer: '', message: 'the file is UTF-16', suggestion: 'save it as UTF-8'}}
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const before = bytes.subarray(0, nul).toString('utf8')
    return {problem: {...offsetToPosition(before, before.length), pointer: '', message: 'the file holds binary data (a NUL byte), not YAML or JSON text'}}
  }
  try {
    const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    return {text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text}
  } catch {
    const good = firstInvalidUtf8(bytes)
    const before = bytes.subarray(0, good).toString('utf8')
    return {problem: {...offsetToPosition(before, before.length), pointer: '', message: 'the file is not valid UTF-8', suggestion: 'save it as UTF-8'}}
  }
}

/**
 * The offset of the first byte that is not valid UTF-8, in one pass: the lenient decoder replaces
 * each invalid sequence with U+FFFD, so walking its output beside the bytes finds the first
 * replacement that the file did not spell out itself. Decoding ever longer prefixes until one
 * fails is quadratic: minutes for a 1 MB file whose last byte is bad.
 */
function firstInvalidUtf8(bytes: Buffer): number {
  const text = new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes)
  let offset = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset
    offset += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return offset
}

/** Whether the text holds at most `limit` opening brackets: then nothing in it can nest deeper. */
function fewOpeners(text: string, limit: number): boolean {
  let count = 0
  for (const opener of ['[', '{']) {
    for (let i = text.indexOf(opener); i !== -1; i = text.indexOf(opener, i + 1)) if (++count > limit) return false
  }
  return true
}

/**
 * Flow collections nested deeper than the limit, found before the parser recurses into them.
 * Most documents have a handful of brackets, and counting them is far cheaper than the scan.
 */
function tooDeep(text: string): number | undefined {
  if (fewOpeners(text, MAX_DOCUMENT_DEPTH)) return undefined
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = undefined
      continue
    }
    if (c === '"' || c === "'") quote = c
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DOCUMENT_DEPTH) return i
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1)
  }
  return undefined
}

/** What makes a parsed value too big to grade, and the JSON pointer of the value where it showed. */
interface Excess {
  readonly kind: 'values' | 'text' | 'depth' | 'number'
  readonly pointer: string
}

/** A value met while measuring, with the way back to the root (pointers are built only for a refusal). */
interface Visit {
  readonly value: unknown
  readonly depth: number
  readonly parent?: Visit
  readonly key?: string
}

function pointerOf(visit: Visit): string {
  const keys: string[] = []
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) keys.push(v.key!.replaceAll('~', '~0').replaceAll('/', '~1'))
  return keys.length === 0 ? '' : `/${keys.reverse().join('/')}`
}

/**
 * Walks a parsed value once, without recursion, and stops at the first limit it passes: values
 * (keys included), characters of keys and strings, nesting, and numbers that are not finite
 * (`1e999`, `.inf`, `.nan`: no check can compare them). Values are counted as they are found, so
 * the walk does at most MAX_DOCUMENT_VALUES steps even when aliases share one mapping a hundred
 * times or make a cycle.
 */
function measure(root: unknown): Excess | undefined {
  let values = 1
  let text = 0
  const stack: Visit[] = [{value: root, depth: 0}]
  const excess = (kind: Excess['kind'], visit: Visit): Excess => ({kind, pointer: pointerOf(visit)})
  while (stack.length > 0) {
    const visit = stack.pop()!
    const {value, depth} = visit
    if (typeof value === 'string') {
      text += value.length
      if (text > MAX_DOCUMENT_TEXT) return excess('text', visit)
      continue
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return excess('number', visit)
      continue
    }
    if (value === null || typeof value !== 'object') continue
    // The top mapping is the first level: an object met at depth 64 is the 65th.
    if (depth >= MAX_DOCUMENT_DEPTH) return excess('depth', visit)
    const children: Visit[] = []
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: Visit = {value: value[i], depth: depth + 1, parent: visit, key: String(i)}
        if (++values > MAX_DOCUMENT_VALUES) return excess('values', child)
        children.push(child)
      }
    } else {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue
        const child: Visit = {value: (value as Record<string, unknown>)[key], depth: depth + 1, parent: visit, key}
        values += 2
        text += key.length
        if (values > MAX_DOCUMENT_VALUES) return excess('values', child)
        if (text > MAX_DOCUMENT_TEXT) return excess('text', child)
        children.push(child)
      }
    }
    // In document order, so a refusal points at the first value past the limit.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
  return undefined
}

function excessMessage(excess: Excess): {message: string; suggestion?: string} {
  switch (excess.kind) {
    case 'values':
      return {message: `the document holds more than ${MAX_DOCUMENT_VALUES} keys and values`, suggestion: 'a design document needs a few hundred'}
    case 'text':
      return {message: `the document holds more than ${MAX_DOCUMENT_TEXT} characters of text`, suggestion: 'a design document needs a few thousand'}
    case 'depth':
      return {message: `nested more than ${MAX_DOCUMENT_DEPTH} levels deep`}
    case 'number':
      return {message: 'this number is not finite (it reads as infinity or as not a number)', suggestion: 'write a number within range, or a quantity with a unit'}
  }
}

/** The first alias, by offset, or undefined when the document has none. */
function firstAlias(document: Document): number | undefined {
  let offset: number | undefined
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0
      return visit.BREAK
    },
  })
  return offset
}

/** The first alias whose anchor is not set before it, with its name. */
function unresolvedAlias(document: Document): {offset: number; name: string} | undefined {
  const anchors = new Set<string>()
  let found: {offset: number; name: string} | undefined
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (anchors.has(node.source)) return undefined
        found = {offset: node.range?.[0] ?? 0, name: node.source}
        return visit.BREAK
      }
      if (node.anchor) anchors.add(node.anchor)
      return undefined
    },
  })
  return found
}

/**
 * Keys that appear twice in one mapping, by offset. The `yaml` parser's own check compares every key
 * with every earlier key of its mapping (40,000 keys took a minute); a set per mapping is linear.
 * Keys are compared as the parser compares them, by their scalar values.
 */
function duplicateKeys(document: Document, limit: number): number[] {
  const offsets: number[] = []
  visit(document, {
    Map(_key, map) {
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue
        if (!seen.has(pair.key.value)) {
          seen.add(pair.key.value)
          continue
        }
        offsets.push(pair.key.range?.[0] ?? 0)
        if (offsets.length >= limit) return visit.BREAK
      }
      return undefined
    },
  })
  return offsets
}

/** An anchor or alias token, roughly: a false positive only sends the text down the careful path. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m

/** Thrown from js-yaml's listener to stop reading a document that holds too many values. */
class TooManyValues {
  constructor(readonly offset: number) {}
}

/** js-yaml announces each node (key or value) as it starts it: a count that stops the read early. */
function countingListener(): (event: string, state: {position: number}) => void {
  let values = 0
  return (event, state) => {
    if (event === 'open' && ++values > MAX_DOCUMENT_VALUES) throw new TooManyValues(state.position)
  }
}

/** The first character at or after `offset` that is not white space: where a value starts. */
function skipSpace(text: string, offset: number): number {
  let i = offset
  while (i < text.length && /\s/.test(text[i]!)) i++
  return i
}

/**
 * The fast path: js-yaml reads a typical document about ten times faster than the parser that
 * keeps positions. It is used only for texts without anchors or aliases (js-yaml shares aliased
 * nodes, so only the careful path can say where aliases are), and positions are computed lazily,
 * by the careful parser, the first time a problem needs one. It still reads anchored texts, only
 * to count their values: a document too big to read carefully is refused here, at the value past
 * the limit, before the slower parser spends seconds on it.
 */
function parseFast(text: string): ReadDocument | undefined {
  let value: unknown
  try {
    value = loadYaml(text, {schema: CORE_SCHEMA, json: false, listener: countingListener()})
  } catch (error) {
    if (error instanceof TooManyValues) {
      const {message, suggestion} = excessMessage({kind: 'values', pointer: ''})
      return {ok: false, problems: [at(text, skipSpace(text, error.offset), message, suggestion)]}
    }
    return undefined
  }
  if (ANCHOR_OR_ALIAS.test(text)) return undefined
  if (value === null || typeof value !== 'object') return undefined
  // Too deep, too much text, a number out of range: the careful path says where.
  if (measure(value)) return undefined
  let locate: LocatedDocument['locate'] | undefined
  return {
    ok: true,
    value,
    text,
    locate: (pointer, options) => {
      locate ??= locatorFor(text)
      return locate(pointer, options)
    },
  }
}

function locatorFor(text: string): LocatedDocument['locate'] {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, uniqueKeys: false, prettyErrors: false})
  return documentLocator(document, lineCounter)
}

/** Problems reported for a document the parser cannot read: the first few are enough to act on. */
const MAX_SYNTAX_PROBLEMS = 20

/** How a document's text is read: YAML (a superset of JSON), or strict JSON for a `.json` file. */
export type DocumentFormat = 'yaml' | 'json'

/** The format a file's name says: `.json` is strict JSON, anything else YAML. */
export function formatOf(file: string): DocumentFormat {
  return /\.json$/i.test(file) ? 'json' : 'yaml'
}

/**
 * A `.json` document must be JSON, not merely YAML that looks like it: YAML would accept its
 * trailing commas and `#` comments, which every other reader of the file refuses. Once it is
 * strict JSON it is read like any document (YAML reads JSON as JSON), with every limit and check.
 */
function strictJsonProblem(text: string): DocumentProblem | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch {
    const problem = findJsonSyntaxProblem(text)
    return problem ? at(text, problem.offset, `invalid JSON: ${problem.message}`, 'fix the JSON there, or write the document as YAML') : undefined
  }
}

/** Parses document text (already decoded). */
export function parseDocumentText(text: string, format: DocumentFormat = 'yaml'): ReadDocument {
  if (text.trim() === '') return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: 'the document is empty', suggestion: 'start from the template `course start` put in your workspace'}]}
  const notJson = format === 'json' ? strictJsonProblem(text) : undefined
  if (notJson) return {ok: false, problems: [notJson]}
  const deep = tooDeep(text)
  if (deep !== undefined) return {ok: false, problems: [at(text, deep, `nested more than ${MAX_DOCUMENT_DEPTH} levels deep`)]}
  const fast = parseFast(text)
  if (fast) return fast
  // The careful path: exact positions for every problem, and limits on aliases.
  const lineCounter = new LineCounter()
  let document: Document
  try {
    // Duplicate keys are found by `duplicateKeys`, in linear time.
    document = parseDocument(text, {lineCounter, uniqueKeys: false, prettyErrors: false, strict: true})
  } catch (error) {
    return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: `cannot be read: ${quote((error as Error).message, 200)}`}]}
  }
  const errors = document.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((e) => ({offset: e.pos[0], message: quote(e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), 200)}))
  const duplicates = duplicateKeys(document, MAX_SYNTAX_PROBLEMS).map((offset) => ({offset, message: 'a key appears twice in the same mapping'}))
  if (errors.length + duplicates.length > 0) {
    return {
      ok: false,
      problems: [...errors, ...duplicates]
        .sort((a, b) => a.offset - b.offset)
        .slice(0, MAX_SYNTAX_PROBLEMS)
        .map((e) => {
          const position = lineCounter.linePos(e.offset)
          return {line: position.line, column: position.col, pointer: '', message: e.message}
        }),
    }
  }
  let value: unknown
  try {
    value = document.toJS({maxAliasCount: MAX_ALIASES})
  } catch (error) {
    const message = (error as Error).message
    const unresolved = /^Unresolved alias/.test(message) ? unresolvedAlias(document) : undefined
    if (unresolved) {
      return {ok: false, problems: [at(text, unresolved.offset, `\`*${quote(unresolved.name)}\` names no anchor set before it`, 'set the anchor with & before the first * that uses it')]}
    }
    if (/alias/i.test(message)) {
      return {ok: false, problems: [at(text, firstAlias(document) ?? 0, `aliases expand too far (more than ${MAX_ALIASES} copies)`, 'write the values out instead of using & and * aliases')]}
    }
    return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: `cannot be read: ${quote(message, 200)}`}]}
  }
  if (!isMap(document.contents) && !isSeq(document.contents) && !isAlias(document.contents)) {
    return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: 'the document is a single value; expected a mapping of sections'}]}
  }
  const locate = documentLocator(document, lineCounter)
  const excess = measure(value)
  if (excess) {
    const alias = excess.kind === 'values' || excess.kind === 'text' ? firstAlias(document) : undefined
    if (alias !== undefined) {
      const what = excess.kind === 'values' ? `${MAX_DOCUMENT_VALUES} keys and values` : `${MAX_DOCUMENT_TEXT} characters of text`
      return {ok: false, problems: [at(text, alias, `aliases expand this document to more than ${what}`, 'write the values out instead of using & and * aliases')]}
    }
    const {message, suggestion} = excessMessage(excess)
    return {ok: false, problems: [{...locate(excess.pointer), pointer: showPointer(excess.pointer), message, ...(suggestion ? {suggestion} : {})}]}
  }
  return {ok: true, value, locate, text}
}

const tooBig = (size: number): ReadDocument => ({ok: false, problems: [{line: 1, column: 1, pointer: '', message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB; documents are limited to 1 MB`}]})

/**
 * Parses a document from its bytes (a grading copy): size first, then the encoding, then the text,
 * in the format its file name says (formatOf).
 */
export function readDocumentBytes(bytes: Buffer, format: DocumentFormat = 'yaml'): ReadDocument {
  if (bytes.length > MAX_DOCUMENT_BYTES) return tooBig(bytes.length)
  const decoded = decode(bytes)
  if ('problem' in decoded) return {ok: false, problems: [decoded.problem]}
  return parseDocumentText(decoded.text, format)
}

/**
 * Reads and parses a document file. It is opened without blocking and checked on the open
 * descriptor (a named pipe would otherwise wait forever, a device never end); a file that cannot
 * be opened, or is not a regular file, is the caller's business (it throws).
 */
export function readDocumentFile(file: string): ReadDocument {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), {code: 'ENOTFILE'})
    if (stat.size > MAX_DOCUMENT_BYTES) return tooBig(stat.size)
    return readDocumentBytes(readFileSync(fd), formatOf(file))
  } finally {
    closeSync(fd)
  }
}
