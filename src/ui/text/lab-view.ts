/**
 * A lab's view for the terminal: the blocks a lab returns laid out for the width and coloured by
 * tone. Labs describe what to show; only this file and lab-charts.ts decide how.
 */
import {paint} from '../../core/markdown/ansi.js'
import type {LabBlock} from '../../kit/lab.js'
import {printable} from '../../core/text/learner-text.js'
import {formatColumns} from './columns.js'
import {ganttLines, histogramLines, seriesLines, styled, usableWidth} from './lab-charts.js'

function bars(block: Extract<LabBlock, {kind: 'bars'}>, options: {color: boolean; width: number}): string[] {
  const labelWidth = Math.max(...block.bars.map((b) => b.label.length), block.reference?.label.length ?? 0)
  const largest = Math.max(...block.bars.map((b) => b.value), block.reference?.value ?? 0)
  const room = Math.max(10, Math.min(60, (Number.isFinite(options.width) ? options.width : 80) - labelWidth - 11))
  const lines = block.title ? [paint(block.title, ['bold'], options.color)] : []
  lines.push(...block.bars.map((b) => {
    const cells = largest > 0 ? (room * b.value) / largest : 0
    const bar = `${'█'.repeat(Math.floor(cells))}${cells % 1 >= 0.5 ? '▌' : ''}`
    return `${b.label.padEnd(labelWidth)} ${paint(bar, styled(b.tone), options.color)} ${b.text}`
  }))
  if (block.reference && largest > 0) lines.push(`${block.reference.label.padEnd(labelWidth)} ${paint('│'.padStart(Math.max(1, Math.round((room * block.reference.value) / largest))), ['dim'], options.color)} ${block.reference.text}`)
  return lines
}

/**
 * Every string of a block made printable: under --mine a view carries what the learner's code
 * threw or named, and an escape sequence in it must not reach the terminal.
 */
function cleaned(block: LabBlock): LabBlock {
  const clean = (value: unknown): unknown => (typeof value === 'string' ? printable(value) : Array.isArray(value) ? value.map(clean) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) : value)
  return clean(block) as LabBlock
}

export function formatLabView(raw: readonly LabBlock[], options: {color: boolean; width: number}): string {
  const lines: string[] = []
  const blocks = raw.map(cleaned)
  for (const [i, block] of blocks.entries()) {
    const previous = blocks[i - 1]?.kind
    const spaced = i > 0 && block.kind !== 'text' && previous !== 'title'
    if (spaced || (block.kind === 'text' && previous !== undefined && previous !== 'title' && previous !== 'text')) lines.push('')
    if (block.kind === 'title') lines.push(paint(block.text, ['bold'], options.color))
    else if (block.kind === 'text') lines.push(...wrapText(block.text, usableWidth(options.width)))
    else if (block.kind === 'series') lines.push(...seriesLines(block, options))
    else if (block.kind === 'histogram') lines.push(...histogramLines(block, options))
    else if (block.kind === 'gantt') lines.push(...ganttLines(block, options))
    else if (block.kind === 'table') {
      if (block.title) lines.push(paint(block.title, ['bold'], options.color))
      const columns = block.columns.map((c, index) => ({
        header: c.header,
        ...(c.align ? {align: c.align} : {}),
        value: (row: (typeof block.rows)[number]) => row.cells[index] ?? '',
        style: (row: (typeof block.rows)[number]) => styled(row.tones?.[index]),
      }))
      lines.push(...formatColumns(block.rows, columns, options))
    } else lines.push(...bars(block, options))
  }
  return lines.join('\n')
}

/**
 * A text block broken between words to the width, later lines of a sentence indented two spaces
 * so it reads as one; a word longer than a line is cut into pieces rather than left to overflow.
 * Labs write whole sentences, so the site shows them as paragraphs while the terminal wraps them.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = []
  const room = Math.max(8, width - 2)
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(' ').flatMap((word) => {
      const chars = [...word]
      if (chars.length <= room) return [word]
      return Array.from({length: Math.ceil(chars.length / room)}, (_, i) => chars.slice(i * room, (i + 1) * room).join(''))
    })
    let line = ''
    let started = false
    for (const word of words) {
      if (started && [...line].length + 1 + [...word].length > width) {
        out.push(line)
        line = `  ${word}`
      } else {
        line = started ? `${line} ${word}` : word
        started = true
      }
    }
    out.push(line)
  }
  return out
}
