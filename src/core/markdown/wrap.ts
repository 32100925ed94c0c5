import {paint, type StyleName} from './ansi.js'

/** A run of text with one set of styles; '\n' as the whole text is a forced line break. */
export interface Span {
  readonly text: string
  readonly styles: readonly StyleName[]
}

type Word = Span[]

function wordLength(word: Word): number {
  let n = 0
  for (const piece of word) for (const _ of piece.text) n++
  return n
}

/** Splits spans into words (runs without spaces, which may cross style boundaries) and breaks. */
function toWords(spans: readonly Span[]): Array<Word | 'break'> {
  const out: Array<Word | 'break'> = []
  let current: Word = []
  const flush = () => {
    if (current.length > 0) out.push(current)
    current = []
  }
  for (const span of spans) {
    if (span.text === '\n') {
      flush()
      out.push('break')
      continue
    }
    // Only ordinary spaces break a line: a no-break space keeps "70 %" together.
    for (const part of span.text.split(/([ \t\n\r]+)/)) {
      if (part === '') continue
      if (/^[ \t\n\r]+$/.test(part)) flush()
      else current.push({text: part, styles: span.styles})
    }
  }
  flush()
  return out
}

/** Cuts a word longer than a line into line-sized pieces. */
function splitWord(word: Word, width: number): Word[] {
  const pieces: Word[] = []
  let current: Word = []
  let used = 0
  for (const span of word) {
    let text = ''
    for (const ch of span.text) {
      if (used === width) {
        if (text) current.push({text, styles: span.styles})
        pieces.push(current)
        current = []
        text = ''
        used = 0
      }
      text += ch
      used++
    }
    if (text) current.push({text, styles: span.styles})
  }
  if (current.length > 0) pieces.push(current)
  return pieces
}

function renderWords(words: Word[], color: boolean): string {
  return words.map((word) => word.map((span) => paint(span.text, span.styles, color)).join('')).join(' ')
}

/** Greedy word wrap of styled spans to `width` columns. Always returns at least one line. */
export function wrapSpans(spans: readonly Span[], width: number, color: boolean): string[] {
  const lines: string[] = []
  let line: Word[] = []
  let used = 0
  const flush = () => {
    lines.push(renderWords(line, color))
    line = []
    used = 0
  }
  for (const item of toWords(spans)) {
    if (item === 'break') {
      flush()
      continue
    }
    const pieces = wordLength(item) > width ? splitWord(item, Math.max(1, width)) : [item]
    for (const piece of pieces) {
      const length = wordLength(piece)
      if (line.length > 0 && used + 1 + length > width) flush()
      used += (line.length > 0 ? 1 : 0) + length
      line.push(piece)
    }
  }
  if (line.length > 0 || lines.length === 0) flush()
  return lines
}
