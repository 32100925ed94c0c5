import {paint, visibleLength} from './ansi.js'
import {wrapSpans, type Span} from './wrap.js'

export interface TableRow {
  readonly header: boolean
  readonly cells: Span[][]
}

interface Context {
  readonly width: number
  readonly color: boolean
}

const spanText = (cell: Span[]) => cell.map((s) => s.text).join('')
const longestWord = (cell: Span[]) => Math.max(1, ...spanText(cell).split(/\s+/).map((w) => [...w].length))

/**
 * A table with box-drawing borders, its columns shrunk (and their cells wrapped) to fit the width.
 * When even that cannot fit, each row becomes a small "header: value" record instead.
 */
export function renderTable(rows: readonly TableRow[], ctx: Context): string[] {
  const columns = Math.max(0, ...rows.map((r) => r.cells.length))
  if (columns === 0) return []
  const borders = 3 * columns + 1
  const natural = Array.from({length: columns}, (_, c) => Math.max(1, ...rows.map((r) => [...spanText(r.cells[c] ?? [])].length)))
  // A column may shrink to its longest word (at most 12 characters, so one long word cannot hog a line).
  const minimum = Array.from({length: columns}, (_, c) => Math.min(natural[c]!, Math.max(4, Math.min(12, Math.max(...rows.map((r) => longestWord(r.cells[c] ?? [])))))))
  const available = ctx.width - borders
  if (minimum.reduce((a, b) => a + b, 0) > available) return records(rows, ctx)

  const widths = [...natural]
  let total = widths.reduce((a, b) => a + b, 0)
  while (total > available) {
    // Take a column from the widest column that can still give one.
    let widest = -1
    for (let c = 0; c < columns; c++) if (widths[c]! > minimum[c]! && (widest === -1 || widths[c]! > widths[widest]!)) widest = c
    if (widest === -1) break
    widths[widest]!--
    total--
  }

  const rule = (left: string, middle: string, right: string) => paint(left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right, ['dim'], ctx.color)
  const bar = paint('│', ['dim'], ctx.color)
  const out = [rule('┌', '┬', '┐')]
  rows.forEach((row, index) => {
    const wrapped = widths.map((w, c) => {
      const cell = (row.cells[c] ?? []).map((s) => (row.header ? {...s, styles: ['bold' as const, ...s.styles]} : s))
      return wrapSpans(cell, w, ctx.color)
    })
    const height = Math.max(...wrapped.map((lines) => lines.length))
    for (let l = 0; l < height; l++) {
      const cells = wrapped.map((lines, c) => {
        const text = lines[l] ?? ''
        return ` ${text}${' '.repeat(Math.max(0, widths[c]! - visibleLength(text)))} `
      })
      out.push(bar + cells.join(bar) + bar)
    }
    if (row.header && !rows[index + 1]?.header) out.push(rule('├', '┼', '┤'))
  })
  out.push(rule('└', '┴', '┘'))
  return out
}

function records(rows: readonly TableRow[], ctx: Context): string[] {
  const header = rows.find((r) => r.header)
  const names = header ? header.cells.map(spanText) : []
  const out: string[] = []
  for (const row of rows.filter((r) => !r.header)) {
    if (out.length > 0) out.push(paint('·', ['dim'], ctx.color))
    row.cells.forEach((cell, c) => {
      const label: Span = {text: `${names[c] ?? `column ${c + 1}`}:`, styles: ['bold']}
      out.push(...wrapSpans([label, {text: ' ', styles: []}, ...cell], ctx.width, ctx.color))
    })
  }
  return out
}
