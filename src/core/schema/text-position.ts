/**
 * Offsets in a text as the line and column an editor shows: 1-based, a line ending at `\n` (so
 * `\r\n` counts once), a column counted in UTF-16 units, as the `yaml` package counts them too.
 */
export interface Position {
  readonly line: number
  readonly column: number
}

/** The position of one offset: one pass over the text before it. */
export function offsetToPosition(text: string, offset: number): Position {
  let line = 1
  let lineStart = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return {line, column: end - lineStart + 1}
}

/**
 * Positions of many offsets in one text: the line starts are found once, then each offset is a
 * binary search (a problem list of a 1 MB file would otherwise read the file once per problem).
 */
export function positionFinder(text: string): (offset: number) => Position {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    const at = Math.min(Math.max(offset, 0), text.length)
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= at) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: at - starts[low]! + 1}
  }
}
