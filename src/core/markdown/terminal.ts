import type {Token} from 'markdown-it'
import {paint, type StyleName} from './ansi.js'
import {parseMermaid, DiagramError} from './mermaid.js'
import {outlineDiagram} from './mermaid-outline.js'
import {closingToken, parseMarkdown} from './parser.js'
import {renderTable} from './terminal-table.js'
import {wrapSpans, type Span} from './wrap.js'

export interface TerminalOptions {
  /** Columns available; the renderer never writes a longer line. */
  readonly width: number
  readonly color: boolean
}

/** Renders markdown to lines for a terminal: headings, emphasis, lists, tables, code, quotes, diagrams. */
export function renderTerminal(source: string, options: TerminalOptions): string[] {
  const width = Math.max(20, options.width)
  const tokens = parseMarkdown(source)
  return joinBlocks(renderBlocks(tokens, 0, tokens.length, {width, color: options.color}))
}

interface Context {
  readonly width: number
  readonly color: boolean
}

/** A rendered block and whether it sits tight against the one before (items of a tight list). */
interface Block {
  readonly lines: string[]
  readonly tight?: boolean
}

function joinBlocks(blocks: readonly Block[]): string[] {
  const out: string[] = []
  for (const block of blocks) {
    if (out.length > 0 && !block.tight) out.push('')
    out.push(...block.lines)
  }
  return out
}

function renderBlocks(tokens: readonly Token[], start: number, end: number, ctx: Context): Block[] {
  const blocks: Block[] = []
  let i = start
  while (i < end) {
    const token = tokens[i]!
    switch (token.type) {
      case 'heading_open': {
        const level = Number(token.tag.slice(1))
        blocks.push({lines: heading(inlineSpans(tokens[i + 1]!), level, ctx)})
        i = closingToken(tokens, i) + 1
        break
      }
      case 'paragraph_open': {
        blocks.push({lines: wrapSpans(inlineSpans(tokens[i + 1]!), ctx.width, ctx.color), tight: token.hidden})
        i = closingToken(tokens, i) + 1
        break
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const close = closingToken(tokens, i)
        blocks.push({lines: list(tokens, i, close, ctx)})
        i = close + 1
        break
      }
      case 'blockquote_open': {
        const close = closingToken(tokens, i)
        const inner = joinBlocks(renderBlocks(tokens, i + 1, close, {...ctx, width: ctx.width - 2}))
        blocks.push({lines: inner.map((line) => paint('│ ', ['quote'], ctx.color) + line)})
        i = close + 1
        break
      }
      case 'fence':
      case 'code_block': {
        const info = token.info.trim().split(/\s+/)[0] ?? ''
        blocks.push({lines: info === 'mermaid' ? diagram(token.content, ctx) : code(token.content, ctx)})
        i++
        break
      }
      case 'table_open': {
        const close = closingToken(tokens, i)
        blocks.push({lines: renderTable(tableRows(tokens, i, close), ctx)})
        i = close + 1
        break
      }
      case 'hr':
        blocks.push({lines: [paint('─'.repeat(ctx.width), ['dim'], ctx.color)]})
        i++
        break
      default:
        i++
    }
  }
  return blocks
}

function heading(spans: Span[], level: number, ctx: Context): string[] {
  const styles: StyleName[] = level === 1 ? ['bold', 'heading', 'underline'] : level === 2 ? ['bold', 'heading'] : ['bold']
  const text = level === 1 ? spans.map((s) => ({...s, text: s.text.toUpperCase()})) : spans
  return wrapSpans(
    text.map((s) => ({...s, styles: [...styles, ...s.styles]})),
    ctx.width,
    ctx.color,
  )
}

function list(tokens: readonly Token[], open: number, close: number, ctx: Context): string[] {
  const ordered = tokens[open]!.type === 'ordered_list_open'
  let number = Number(tokens[open]!.attrGet('start') ?? 1)
  const items: string[][] = []
  const tight = tokens[open + 2]?.hidden ?? false
  const itemCount = tokens.slice(open, close).filter((t) => t.type === 'list_item_open' && t.level === tokens[open]!.level + 1).length
  const markerWidth = ordered ? String(number + itemCount - 1).length + 2 : 2
  for (let i = open + 1; i < close; ) {
    if (tokens[i]!.type !== 'list_item_open') {
      i++
      continue
    }
    const itemClose = closingToken(tokens, i)
    const marker = ordered ? `${number++}.`.padEnd(markerWidth) : '• '
    const body = joinBlocks(renderBlocks(tokens, i + 1, itemClose, {...ctx, width: ctx.width - markerWidth}))
    items.push(body.map((line, index) => (index === 0 ? paint(marker, ['dim'], ctx.color) : ' '.repeat(markerWidth)) + line))
    i = itemClose + 1
  }
  return tight ? items.flat() : items.flatMap((lines, index) => (index === 0 ? lines : ['', ...lines]))
}

function code(content: string, ctx: Context): string[] {
  const inner = ctx.width - 2
  const lines: string[] = []
  for (const raw of content.replace(/\n$/, '').split('\n')) {
    const line = raw.replace(/\t/g, '  ')
    const chars = [...line]
    if (chars.length === 0) lines.push('')
    for (let at = 0; at < chars.length; at += inner) lines.push(chars.slice(at, at + inner).join(''))
  }
  return lines.map((line) => paint('│ ', ['dim'], ctx.color) + paint(line, ['code'], ctx.color))
}

function diagram(source: string, ctx: Context): string[] {
  try {
    const outline = outlineDiagram(parseMermaid(source))
    const body = outline.lines.flatMap((line) => {
      const indent = line.length - line.trimStart().length
      return wrapSpans([{text: line.trimStart(), styles: []}], ctx.width - 2 - indent - 2, ctx.color).map(
        (wrapped, index) => ' '.repeat(indent + (index === 0 ? 0 : 2)) + wrapped,
      )
    })
    const title = wrapSpans([{text: `◆ Diagram: ${outline.title}`, styles: ['bold']}], ctx.width, ctx.color)
    return [...title, ...body.map((line) => `  ${line}`)]
  } catch (error) {
    if (!(error instanceof DiagramError)) throw error
    // The linter rejects such diagrams; a reader still gets a sentence, never the raw source.
    return wrapSpans([{text: `◆ Diagram (cannot be outlined here: ${error.message}; see the course website)`, styles: ['dim']}], ctx.width, ctx.color)
  }
}

/** The cells of a table, as styled spans, header row first. */
function tableRows(tokens: readonly Token[], open: number, close: number): Array<{header: boolean; cells: Span[][]}> {
  const rows: Array<{header: boolean; cells: Span[][]}> = []
  let inHead = false
  for (let i = open; i < close; i++) {
    const token = tokens[i]!
    if (token.type === 'thead_open') inHead = true
    else if (token.type === 'thead_close') inHead = false
    else if (token.type === 'tr_open') rows.push({header: inHead, cells: []})
    else if (token.type === 'inline') rows.at(-1)?.cells.push(inlineSpans(token))
  }
  return rows
}

/** Flattens an inline token into styled spans. */
export function inlineSpans(token: Token): Span[] {
  const spans: Span[] = []
  const active: StyleName[] = []
  let href: string | undefined
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
        spans.push({text: child.content, styles: [...active]})
        break
      case 'code_inline':
        spans.push({text: child.content, styles: [...active, 'code']})
        break
      case 'strong_open':
        active.push('bold')
        break
      case 'em_open':
        active.push('italic')
        break
      case 's_open':
        active.push('strike')
        break
      case 'link_open':
        href = child.attrGet('href') ?? undefined
        active.push('link')
        break
      case 'strong_close':
      case 'em_close':
      case 's_close':
        active.pop()
        break
      case 'link_close': {
        active.pop()
        const text = spans.at(-1)?.text
        if (href && !href.startsWith('#') && href !== text) spans.push({text: ` (${href})`, styles: ['dim']})
        href = undefined
        break
      }
      case 'softbreak':
        spans.push({text: ' ', styles: []})
        break
      case 'hardbreak':
        spans.push({text: '\n', styles: []})
        break
      case 'image':
        spans.push({text: `[image: ${child.content || child.attrGet('alt') || ''}]`, styles: ['dim']})
        break
      default:
        if (child.content) spans.push({text: child.content, styles: [...active]})
    }
  }
  return spans
}

