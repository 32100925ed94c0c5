/**
 * The first syntax error of a JSON text, where it is and what it is in words. jsonc-parser finds
 * it; this module only words it. V8's JSON.parse messages carry a position on some Node versions
 * and not on others, so located errors cannot rely on them.
 */
import {getLocation, parseTree, type ParseError, type ParseOptions} from 'jsonc-parser'
import {limitDepth, MAX_JSON_DEPTH} from './json-depth.js'

export interface JsonSyntaxProblem {
  /** 0-based offset of the character the error is at. */
  readonly offset: number
  readonly message: string
}

/**
 * Strict JSON, as JSON.parse reads it: jsonc-parser accepts comments and trailing commas only when
 * asked, and reports them as errors here. Every file course reads as JSON (the manifest, units,
 * graders, the workspace state) is strict, so an editor's leniency never hides a broken file.
 */
export const STRICT_JSON: ParseOptions = {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false}

// jsonc-parser's ParseErrorCode is a const enum, which isolated modules cannot read from its declarations.
const INVALID_SYMBOL = 1
const INVALID_NUMBER_FORMAT = 2
const PROPERTY_NAME_EXPECTED = 3
const VALUE_EXPECTED = 4
const COLON_EXPECTED = 5
const COMMA_EXPECTED = 6
const CLOSE_BRACE_EXPECTED = 7
const CLOSE_BRACKET_EXPECTED = 8
const END_OF_FILE_EXPECTED = 9
const INVALID_COMMENT_TOKEN = 10
const UNEXPECTED_END_OF_COMMENT = 11
const UNEXPECTED_END_OF_STRING = 12
const UNEXPECTED_END_OF_NUMBER = 13
const INVALID_UNICODE = 14
const INVALID_ESCAPE_CHARACTER = 15
const INVALID_CHARACTER = 16

const describe = (text: string, at: number) => (at >= text.length ? 'the end of the file' : `\`${text[at]}\``)

/** The last character before `at` that is not white space, or undefined at the start. */
function previousToken(text: string, at: number): string | undefined {
  for (let i = at - 1; i >= 0; i--) if (!' \t\n\r'.includes(text[i]!)) return text[i]
  return undefined
}

/** The first character in the string token at `at` that `bad` picks out, or `at` itself. */
function inString(text: string, at: number, length: number, bad: (text: string, i: number) => boolean): number {
  for (let i = at + 1; i < at + length; i++) if (bad(text, i)) return i
  return at
}

/** What a value position says when it finds something else: a bare word is most likely an unquoted string. */
function expectedValue(text: string, at: number): string {
  return `unexpected ${describe(text, at)}; expected a value${/[A-Za-z]/.test(text[at] ?? '') ? ' (a string needs double quotes)' : ''}`
}

/** Where the text is a list (`]` closes it) rather than an object (`}`), at `at`. */
function inList(text: string, at: number): boolean {
  return typeof getLocation(text, at).path.at(-1) === 'number'
}

function word(text: string, error: ParseError, rootEnd: number): JsonSyntaxProblem {
  const at = error.offset
  const code: number = error.error
  const located = (message: string, offset = at): JsonSyntaxProblem => ({offset, message})
  switch (code) {
    case PROPERTY_NAME_EXPECTED:
      if (previousToken(text, at) === ',' && text[at] === '}') return located('a trailing comma before `}`', text.lastIndexOf(',', at))
      return located(`unexpected ${describe(text, at)}; expected a property name in double quotes`)
    case VALUE_EXPECTED:
      if (previousToken(text, at) === ',' && text[at] === ']') return located('a trailing comma before `]`', text.lastIndexOf(',', at))
      // The parser expects a value where an object's next member starts (`{,}`); a reader expects a name there.
      if (getLocation(text, at).isAtPropertyKey) return located(`unexpected ${describe(text, at)}; expected a property name in double quotes`)
      return located(expectedValue(text, at))
    case INVALID_SYMBOL:
      if (at >= rootEnd) return located(`unexpected ${describe(text, at)} after the end of the document`)
      if (getLocation(text, at).isAtPropertyKey) return located(`unexpected ${describe(text, at)}; expected a property name in double quotes`)
      return located(expectedValue(text, at))
    case END_OF_FILE_EXPECTED:
      return located(`unexpected ${describe(text, at)} after the end of the document`)
    case COLON_EXPECTED:
      return located(`unexpected ${describe(text, at)}; expected \`:\` after the property name`)
    case COMMA_EXPECTED:
    case CLOSE_BRACE_EXPECTED:
    case CLOSE_BRACKET_EXPECTED: {
      const list = code === CLOSE_BRACKET_EXPECTED || (code === COMMA_EXPECTED && inList(text, at))
      return located(`unexpected ${describe(text, at)}; expected \`,\` or \`${list ? ']' : '}'}\``)
    }
    case INVALID_COMMENT_TOKEN:
    case UNEXPECTED_END_OF_COMMENT:
      return located('a comment; JSON has none')
    case UNEXPECTED_END_OF_STRING:
      return located('a string is never closed')
    case INVALID_CHARACTER:
      return located('a line break or control character inside a string', inString(text, at, error.length, (t, i) => t.charCodeAt(i) < 0x20))
    case INVALID_ESCAPE_CHARACTER: {
      const backslash = inString(text, at, error.length, (t, i) => t[i] === '\\' && !'"\\/bfnrtu'.includes(t[i + 1] ?? ''))
      return located(`unknown escape \`\\${text[backslash + 1] ?? ''}\``, backslash)
    }
    case INVALID_UNICODE:
      return located('`\\u` must be followed by four hex digits', inString(text, at, error.length, (t, i) => t[i] === '\\' && t[i + 1] === 'u' && !/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))))
    case UNEXPECTED_END_OF_NUMBER:
    case INVALID_NUMBER_FORMAT:
      return located(`\`${text.slice(at, at + Math.min(error.length, 20))}\` is not a number as JSON writes one`)
    default:
      return located(`unexpected ${describe(text, at)}`)
  }
}

/**
 * The first syntax error in `text`, or undefined when it is JSON. A text nested deeper than
 * MAX_JSON_DEPTH is refused at its first bracket past the limit, unless an error comes earlier.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const bounded = limitDepth(text)
  const errors: ParseError[] = []
  const root = parseTree(bounded.text, errors, STRICT_JSON)
  const first = errors[0]
  if (bounded.deep !== undefined && (first === undefined || first.offset >= bounded.deep)) {
    return {offset: bounded.deep, message: `nested more than ${MAX_JSON_DEPTH} levels deep`}
  }
  if (!first) return undefined
  return word(bounded.text, first, root ? root.offset + root.length : 0)
}
