import {readFileSync, statSync} from 'node:fs'
import {CORE_SCHEMA, load as loadYaml} from 'js-yaml'
import {LineCounter, isAlias, isMap, isSeq, parseDocument, visit, type Document} from 'yaml'
import {documentLocator, type LocatedDocument} from '../schema/locate.js'
import {offsetToPosition} from '../schema/json-file.js'

/**
 * Reading a learner's design document (YAML or JSON) without trusting it: every way it can be
 * unreadable becomes a located problem, never an exception. Limits keep a hostile file from
 * costing the grader more than a few milliseconds.
 */
export const MAX_DOCUMENT_BYTES = 1024 * 1024
export const MAX_DOCUMENT_DEPTH = 64
export const MAX_ALIASES = 100

export interface DocumentProblem {
  readonly line: number
  readonly column: number
  /** JSON pointer of the offending value ('' for the document itself). */
  readonly pointer: string
  readonly message: string
  readonly suggestion?: string
}

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
    // Find the first byte that is not valid UTF-8, to point at it.
    let good = 0
    for (let end = 1; end <= bytes.length; end++) {
      try {
        new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, end))
        good = end
      } catch {
        if (end - good > 4) break
      }
    }
    const before = bytes.subarray(0, good).toString('utf8')
    return {problem: {...offsetToPosition(before, before.length), pointer: '', message: 'the file is not valid UTF-8', suggestion: 'save it as UTF-8'}}
  }
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

function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0
  if (limit <= 0) return 1
  let deepest = 0
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit - 1))
  return deepest + 1
}

function firstAlias(document: Document): number {
  let offset = 0
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0
      return visit.BREAK
    },
  })
  return offset
}

/** An anchor or alias token, roughly: a false positive only sends the text down the careful path. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m

/**
 * The fast path: js-yaml reads a typical document about ten times faster than the parser that
 * keeps positions. It is used only for texts without anchors or aliases (js-yaml shares aliased
 * nodes, which an alias bomb turns into an exponential walk later), and positions are computed
 * lazily, by the careful parser, the first time a problem needs one.
 */
function parseFast(text: string): ReadDocument | undefined {
  if (ANCHOR_OR_ALIAS.test(text)) return undefined
  let value: unknown
  try {
    value = loadYaml(text, {schema: CORE_SCHEMA, json: false})
  } catch {
    return undefined
  }
  if (value === null || typeof value !== 'object') return undefined
  if (depthOf(value, MAX_DOCUMENT_DEPTH + 1) > MAX_DOCUMENT_DEPTH) return undefined
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

/** Parses document text (already decoded). */
export function parseDocumentText(text: string): ReadDocument {
  if (text.trim() === '') return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: 'the document is empty', suggestion: 'start from the template `course start` put in your workspace'}]}
  const deep = tooDeep(text)
  if (deep !== undefined) return {ok: false, problems: [at(text, deep, `nested more than ${MAX_DOCUMENT_DEPTH} levels deep`)]}
  const fast = parseFast(text)
  if (fast) return fast
  // The careful path: exact positions for every problem, and limits on aliases.
  const lineCounter = new LineCounter()
  let document: Document
  try {
    document = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false, strict: true})
  } catch (error) {
    return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: `cannot be read: ${(error as Error).message}`}]}
  }
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.slice(0, 20).map((e) => {
        const position = lineCounter.linePos(e.pos[0])
        const message = e.code === 'DUPLICATE_KEY' ? 'a key appears twice in the same mapping' : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
        return {line: position.line, column: position.col, pointer: '', message}
      }),
    }
  }
  let value: unknown
  try {
    value = document.toJS({maxAliasCount: MAX_ALIASES})
  } catch (error) {
    const message = (error as Error).message
    if (/alias/i.test(message)) {
      return {ok: false, problems: [at(text, firstAlias(document), `aliases expand too far (more than ${MAX_ALIASES} copies)`, 'write the values out instead of using & and * aliases')]}
    }
    return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: `cannot be read: ${message}`}]}
  }
  if (depthOf(value, MAX_DOCUMENT_DEPTH + 1) > MAX_DOCUMENT_DEPTH) return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: `nested more than ${MAX_DOCUMENT_DEPTH} levels deep`}]}
  if (!isMap(document.contents) && !isSeq(document.contents) && !isAlias(document.contents)) {
    return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: 'the document is a single value; expected a mapping of sections'}]}
  }
  return {ok: true, value, locate: documentLocator(document, lineCounter), text}
}

/** Reads and parses a document file; a file that cannot be opened is the caller's business (it throws). */
export function readDocumentFile(file: string): ReadDocument {
  const size = statSync(file).size
  if (size > MAX_DOCUMENT_BYTES) return {ok: false, problems: [{line: 1, column: 1, pointer: '', message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB; documents are limited to 1 MB`}]}
  const decoded = decode(readFileSync(file))
  if ('problem' in decoded) return {ok: false, problems: [decoded.problem]}
  return parseDocumentText(decoded.text)
}
