import MarkdownIt from 'markdown-it'
import type {Token} from 'markdown-it'

let parser: MarkdownIt | undefined

/**
 * The one markdown-it configuration the course uses, for the terminal and for the website alike:
 * CommonMark plus tables and strikethrough, no raw HTML (content is data, not markup).
 */
export const MARKDOWN_OPTIONS = {html: false, linkify: false, typographer: false} as const

export function markdown(): MarkdownIt {
  parser ??= new MarkdownIt('default', MARKDOWN_OPTIONS)
  return parser
}

export function parseMarkdown(source: string): Token[] {
  return markdown().parse(source, {})
}

/** Index of the token that closes the one opened at `open` (same nesting level). */
export function closingToken(tokens: readonly Token[], open: number): number {
  const type = tokens[open]!.type.replace(/_open$/, '_close')
  const level = tokens[open]!.level
  for (let i = open + 1; i < tokens.length; i++) {
    if (tokens[i]!.type === type && tokens[i]!.level === level) return i
  }
  return tokens.length - 1
}
