/**
 * The charts of a lab's view as lines of text: sparklines for series, columns for a histogram,
 * rows of blocks for a Gantt chart. Every chart reads without colour too: tones in a Gantt chart
 * are also different block characters, and each chart says its scale in words.
 */
import {formatNumber} from '../../core/capacity/worked.js'
import {paint, type StyleName} from '../../core/markdown/ansi.js'
import type {LabBlock, Tone} from '../../kit/lab.js'

export interface ChartOptions {
  readonly color: boolean
  readonly width: number
}

const STYLE: Record<Tone, StyleName[]> = {good: ['good'], warn: ['warn'], bad: ['bad'], dim: ['dim']}
export const styled = (tone: Tone | undefined): StyleName[] => (tone ? STYLE[tone] : [])

const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']
/** Partial cells of a column, from an eighth to full. */
const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']
/** A Gantt span's character by tone, so the chart reads without colour. */
const SHADE: Record<Tone | 'none', string> = {none: '█', good: '█', warn: '▓', bad: '▒', dim: '░'}

export const usableWidth = (width: number) => (Number.isFinite(width) && width > 0 ? Math.min(width, 120) : 80)
const short = (value: number) => formatNumber(Number(value.toPrecision(3)))

/** Shrinks a series to `width` points, keeping each stretch's peak, so a spike never disappears. */
export function resample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values]
  const out: number[] = []
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width)
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / width))
    let peak = Number.NEGATIVE_INFINITY
    for (let j = from; j < to; j++) peak = Math.max(peak, values[j]!)
    out.push(peak)
  }
  return out
}

export function sparkline(values: readonly number[], top: number): string {
  return values.map((v) => (Number.isFinite(v) && top > 0 ? LEVELS[Math.max(0, Math.min(7, Math.round((v / top) * 7)))]! : ' ')).join('')
}

export function seriesLines(block: Extract<LabBlock, {kind: 'series'}>, options: ChartOptions): string[] {
  const width = usableWidth(options.width)
  const labelWidth = Math.min(16, Math.max(...block.lines.map((l) => l.label.length)))
  const room = Math.max(10, width - labelWidth - 16)
  const points = Math.min(room, Math.max(1, ...block.lines.map((l) => l.values.length)))
  const lines = [paint(block.title, ['bold'], options.color)]
  for (const line of block.lines) {
    const values = resample(line.values, points)
    const finite = line.values.filter(Number.isFinite)
    const peak = finite.length > 0 ? Math.max(...finite) : 0
    const top = Math.max(peak, block.reference?.value ?? 0)
    const label = line.label.length > labelWidth ? `${line.label.slice(0, labelWidth - 1)}…` : line.label.padEnd(labelWidth)
    lines.push(`${label} ${paint(sparkline(values, top), styled(line.tone), options.color)} peak ${short(peak)}${line.unit ? ` ${line.unit}` : ''}`)
  }
  const first = block.x[0] ?? 0
  const last = block.x[block.x.length - 1] ?? 0
  const end = `${short(last)} ${block.xUnit}`
  const axis = `${short(first).padEnd(Math.max(1, points - end.length))}${end}`
  lines.push(paint(`${' '.repeat(labelWidth + 1)}${axis}`, ['dim'], options.color))
  if (block.reference) lines.push(paint(`${' '.repeat(labelWidth + 1)}${block.reference.label}: ${short(block.reference.value)}`, ['dim'], options.color))
  return lines
}

const HISTOGRAM_ROWS = 4

export function histogramLines(block: Extract<LabBlock, {kind: 'histogram'}>, options: ChartOptions): string[] {
  const width = usableWidth(options.width)
  const n = block.buckets.length
  const column = Math.max(1, Math.min(4, Math.floor((width - 2) / Math.max(1, n))))
  const top = Math.max(0, ...block.buckets.map((b) => b.count))
  const lines = [paint(block.title, ['bold'], options.color)]
  for (let row = HISTOGRAM_ROWS - 1; row >= 0; row--) {
    const cells = block.buckets.map((b) => {
      const height = top > 0 ? (b.count / top) * HISTOGRAM_ROWS : 0
      const filled = Math.max(0, Math.min(1, height - row))
      // A bucket with anything in it shows at least a sliver, so rare outliers stay visible.
      const eighths = row === 0 && b.count > 0 ? Math.max(1, Math.round(filled * 8)) : Math.round(filled * 8)
      return paint(EIGHTHS[eighths]!.repeat(Math.max(1, column - (column > 1 ? 1 : 0))) + (column > 1 ? ' ' : ''), styled(b.tone), options.color)
    })
    lines.push(` ${cells.join('')}`)
  }
  const span = n * column
  const first = block.buckets[0]?.label ?? ''
  const last = block.buckets[n - 1]?.label ?? ''
  lines.push(paint(` ${first}${' '.repeat(Math.max(1, span - first.length - last.length))}${last}`, ['dim'], options.color))
  const busiest = block.buckets.reduce((a, b) => (b.count > a.count ? b : a), block.buckets[0] ?? {label: '', count: 0})
  lines.push(paint(` tallest: ${busiest.label} (${formatNumber(busiest.count)})`, ['dim'], options.color))
  return lines
}

/** The span that covers most of the cell [from, to), if any. */
function spanIn(spans: Extract<LabBlock, {kind: 'gantt'}>['lanes'][number]['spans'], from: number, to: number) {
  let best: (typeof spans)[number] | undefined
  let covered = 0
  for (const span of spans) {
    const overlap = Math.min(to, span.end) - Math.max(from, span.start)
    if (overlap > covered) {
      covered = overlap
      best = span
    }
  }
  return covered >= (to - from) / 2 ? best : undefined
}

export function ganttLines(block: Extract<LabBlock, {kind: 'gantt'}>, options: ChartOptions): string[] {
  const width = usableWidth(options.width)
  const labelWidth = Math.min(18, Math.max(...block.lanes.map((l) => l.label.length)))
  const room = Math.max(10, width - labelWidth - 3)
  const end = block.end > 0 ? block.end : Math.max(0, ...block.lanes.flatMap((l) => l.spans.map((s) => s.end)))
  const lines = [paint(block.title, ['bold'], options.color)]
  for (const lane of block.lanes) {
    let row = ''
    for (let i = 0; i < room; i++) {
      const span = end > 0 ? spanIn(lane.spans, (i * end) / room, ((i + 1) * end) / room) : undefined
      row += span ? paint(SHADE[span.tone ?? 'none'], styled(span.tone), options.color) : paint('·', ['dim'], options.color)
    }
    const label = lane.label.length > labelWidth ? `${lane.label.slice(0, labelWidth - 1)}…` : lane.label.padEnd(labelWidth)
    lines.push(`${label} ${row}`)
  }
  const last = `${short(end)} ${block.unit}`
  lines.push(paint(`${' '.repeat(labelWidth + 1)}0${' '.repeat(Math.max(1, room - 1 - last.length))}${last}`, ['dim'], options.color))
  if (block.legend && block.legend.length > 0) lines.push(block.legend.map((l) => `${paint(SHADE[l.tone], styled(l.tone), options.color)} ${l.text}`).join('   '))
  return lines
}
