import {createScanner} from 'jsonc-parser'

/**
 * Keeping JSON text within the nesting jsonc-parser can walk. Its parser recurses once per level
 * and overflows the stack between 5,000 and 10,000 levels, while JSON.parse reads any depth and a
 * 64 KiB file can open 32,000 brackets. Values nested deeper than the limit are blanked out (same
 * length, line breaks kept), so every offset, line and column before, inside and after them stays
 * where it was, and a pointer into them finds their outermost bracket.
 */

/** Far deeper than any file course reads (they nest under ten levels); far shallower than the stack allows. */
export const MAX_JSON_DEPTH = 1000

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read from its declarations.
const OPEN_BRACE = 1
const CLOSE_BRACE = 2
const OPEN_BRACKET = 3
const CLOSE_BRACKET = 4
const END = 17

/** Whether `text` holds at most `limit` opening brackets: then nothing in it can nest deeper. */
function fewOpeners(text: string, limit: number): boolean {
  let count = 0
  for (const opener of ['[', '{']) {
    for (let i = text.indexOf(opener); i !== -1; i = text.indexOf(opener, i + 1)) if (++count > limit) return false
  }
  return true
}

/** `text` from `start` to `end` as spaces, keeping its line breaks, with a `0` for the value it held. */
function blank(text: string, start: number, end: number): string {
  return `0${text.slice(start + 1, end).replace(/[^\n\r]/g, ' ')}`
}

/**
 * The text with every value nested deeper than `limit` blanked out, and the offset of the first
 * bracket past the limit (undefined when nothing nests that deep: then the text is returned as it
 * is). Brackets inside strings are not counted: the scanner reads strings as tokens.
 */
export function limitDepth(text: string, limit = MAX_JSON_DEPTH): {text: string; deep?: number} {
  if (fewOpeners(text, limit)) return {text}
  const scanner = createScanner(text, true)
  const parts: string[] = []
  let kept = 0
  let depth = 0
  let start: number | undefined
  let deep: number | undefined
  for (let token = scanner.scan(); token !== END; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > limit && start === undefined) {
        start = scanner.getTokenOffset()
        deep ??= start
      }
    } else if ((token === CLOSE_BRACE || token === CLOSE_BRACKET) && depth > 0) {
      if (--depth === limit && start !== undefined) {
        const end = scanner.getTokenOffset() + 1
        parts.push(text.slice(kept, start), blank(text, start, end))
        kept = end
        start = undefined
      }
    }
  }
  // A value left open to the end of the text (no valid JSON does that) is blanked to the end.
  if (start !== undefined) {
    parts.push(text.slice(kept, start), blank(text, start, text.length))
    kept = text.length
  }
  parts.push(text.slice(kept))
  return deep === undefined ? {text} : {text: parts.join(''), deep}
}
