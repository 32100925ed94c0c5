/**
 * CSV as spreadsheets and learning platforms export it (RFC 4180): cells separated by commas, a
 * cell in double quotes may hold commas, line breaks and quotes (written twice), rows end at CRLF,
 * LF or a lone CR (old spreadsheets on the Mac), a UTF-8 byte-order mark is dropped, and a last
 * line break does not start an empty row. Each cell keeps where it starts, so a problem in a
 * cell is reported at the line and column an editor shows.
 */
import {withoutByteOrderMark} from '../schema/json-file.js'
import {quote} from '../text/learner-text.js'

/** A value from the file, quoted in a message. */
const named = (text: string) => `\`${quote(text)}\``

export interface CsvCell {
  readonly text: string
  /** Where the cell starts (its opening quote, when quoted); lines and columns count from 1. */
  readonly line: number
  readonly column: number
}

export interface CsvRow {
  readonly line: number
  readonly cells: CsvCell[]
}

/** A text that is not CSV, with where it stops being CSV. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

/** More rows than the caller will hold. */
export class CsvRowLimitError extends Error {
  constructor(readonly maxRows: number) {
    super(`more than ${maxRows} rows`)
    this.name = 'CsvRowLimitError'
  }
}

/** Parses CSV text into rows; more than `maxRows` rows is refused before they are all held in memory. */
export function parseCsv(source: string, maxRows = Number.POSITIVE_INFINITY): CsvRow[] {
  const text = withoutByteOrderMark(source)
  const rows: CsvRow[] = []
  if (text === '') return rows
  let line = 1
  let lineStart = 0
  let i = 0
  /** Length of the line break at `at`, 0 when there is none. */
  const breakAt = (at: number) => (text[at] === '\r' ? (text[at + 1] === '\n' ? 2 : 1) : text[at] === '\n' ? 1 : 0)
  let cells: CsvCell[] = []
  for (;;) {
    const start = {line, column: i - lineStart + 1}
    let value: string
    if (text[i] === '"') {
      value = ''
      i++
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError('a quoted cell is never closed (its closing `"` is missing)', start.line, start.column)
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break
          value += '"'
          i += 2
          continue
        }
        const width = breakAt(i)
        if (width > 0) {
          value += text.slice(i, i + width)
          i += width
          line++
          lineStart = i
        } else value += text[i++]
      }
      i++
      if (i < text.length && text[i] !== ',' && breakAt(i) === 0) {
        throw new CsvSyntaxError(`unexpected ${named(text[i]!)} after a closing quote (a quote inside a quoted cell is written twice: "")`, line, i - lineStart + 1)
      }
    } else {
      const end = i
      while (i < text.length && text[i] !== ',' && breakAt(i) === 0) i++
      value = text.slice(end, i)
    }
    cells.push({text: value, ...start})
    if (text[i] === ',') {
      i++
      continue
    }
    rows.push({line: cells[0]!.line, cells})
    if (rows.length > maxRows) throw new CsvRowLimitError(maxRows)
    cells = []
    if (i >= text.length) return rows
    i += breakAt(i)
    line++
    lineStart = i
    if (i >= text.length) return rows
  }
}
