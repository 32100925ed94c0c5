import {paint, type StyleName} from '../../core/markdown/ansi.js'
import {displayWidth, truncateToWidth} from '../../core/text/display-width.js'

export interface Column<Row> {
  readonly header: string
  readonly value: (row: Row) => string
  readonly align?: 'left' | 'right'
  /** The column that shrinks (and is truncated with …) when the line is too long; dropped below 12. */
  readonly flex?: boolean
  readonly style?: (row: Row) => StyleName[]
}

/**
 * Aligned plain-text columns for command output. `width` is the line length to fit
 * (Infinity when output is not a terminal: nothing is cut for pipes and files).
 */
export function formatColumns<Row>(rows: readonly Row[], columns: ReadonlyArray<Column<Row>>, options: {width: number; color: boolean}): string[] {
  const cells = rows.map((row) => columns.map((c) => c.value(row)))
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]!))))
  const gap = 2
  const flex = columns.findIndex((c) => c.flex)
  let visible = columns.map(() => true)
  if (flex !== -1 && Number.isFinite(options.width)) {
    const others = widths.reduce((sum, w, i) => (i === flex ? sum : sum + w + gap), 0)
    const room = options.width - others
    if (room < 12) visible = visible.map((_, i) => i !== flex)
    else widths[flex] = Math.min(widths[flex]!, room)
  }
  const line = (values: string[], styles: StyleName[][]) =>
    values
      .map((value, i) => {
        if (!visible[i]) return undefined
        const text = truncateToWidth(value, widths[i]!)
        const pad = ' '.repeat(Math.max(0, widths[i]! - displayWidth(text)))
        const painted = paint(text, styles[i] ?? [], options.color)
        return columns[i]!.align === 'right' ? pad + painted : painted + pad
      })
      .filter((v) => v !== undefined)
      .join(' '.repeat(gap))
      .trimEnd()
  return [
    line(
      columns.map((c) => c.header),
      columns.map(() => ['bold']),
    ),
    ...rows.map((row, r) => line(cells[r]!, columns.map((c) => c.style?.(row) ?? []))),
  ]
}
