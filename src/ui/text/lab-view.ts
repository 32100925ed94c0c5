/**
 * A lab's view for the terminal: the blocks a lab returns (title, text, table, bars) laid out for
 * the width and coloured by tone. Labs describe what to show; only this file decides how.
 */
import {paint, type StyleName} from '../../core/markdown/ansi.js'
import type {LabBlock, Tone} from '../../kit/lab.js'
import {formatColumns} from './columns.js'

const STYLE: Record<Tone, StyleName[]> = {good: ['good'], warn: ['warn'], bad: ['bad'], dim: ['dim']}
const styled = (tone: Tone | undefined) => (tone ? STYLE[tone] : [])

function bars(block: Extract<LabBlock, {kind: 'bars'}>, options: {color: boolean; width: number}): string[] {
  const labelWidth = Math.max(...block.bars.map((b) => b.label.length), block.reference?.label.length ?? 0)
  const largest = Math.max(...block.bars.map((b) => b.value), block.reference?.value ?? 0)
  const room = Math.max(10, Math.min(60, (Number.isFinite(options.width) ? options.width : 80) - labelWidth - 11))
  const lines = block.bars.map((b) => {
    const cells = largest > 0 ? (room * b.value) / largest : 0
    const bar = `${'█'.repeat(Math.floor(cells))}${cells % 1 >= 0.5 ? '▌' : ''}`
    return `${b.label.padEnd(labelWidth)} ${paint(bar, styled(b.tone), options.color)} ${b.text}`
  })
  if (block.reference && largest > 0) lines.push(`${block.reference.label.padEnd(labelWidth)} ${paint('│'.padStart(Math.max(1, Math.round((room * block.reference.value) / largest))), ['dim'], options.color)} ${block.reference.text}`)
  return lines
}

export function formatLabView(blocks: readonly LabBlock[], options: {color: boolean; width: number}): string {
  const lines: string[] = []
  for (const [i, block] of blocks.entries()) {
    const spaced = i > 0 && block.kind !== 'text' && blocks[i - 1]!.kind !== 'title'
    if (spaced || (block.kind === 'text' && i > 0 && blocks[i - 1]!.kind === 'bars')) lines.push('')
    if (block.kind === 'title') lines.push(paint(block.text, ['bold'], options.color))
    else if (block.kind === 'text') lines.push(block.text)
    else if (block.kind === 'table') {
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
