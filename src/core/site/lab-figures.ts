/**
 * A lab's view on the website: the same blocks the terminal draws, as HTML tables and static SVG
 * charts (no script, nothing fetched). Charts are drawn at a fixed natural size and scroll sideways
 * in a narrow column, as the diagrams do, so no label shrinks below a readable size. Colours come
 * from the stylesheet's tone classes, so the charts follow the light and dark themes.
 */
import {formatNumber} from '../capacity/worked.js'
import type {LabBlock, Tone} from '../../kit/lab.js'
import {escapeHtml} from './html.js'

const WIDTH = 640
const LABEL = 150
const FONT = 12

const short = (value: number) => formatNumber(Number(value.toPrecision(3)))
const toneClass = (tone: Tone | undefined) => `lab-${tone ?? 'plain'}`
const text = (x: number, y: number, content: string, anchor: 'start' | 'end' | 'middle' = 'start', extra = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-size="${FONT}"${extra}>${escapeHtml(content)}</text>`

function svg(height: number, label: string, body: string): string {
  return `<figure class="lab-figure" tabindex="0"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${body}</svg></figure>`
}

function table(block: Extract<LabBlock, {kind: 'table'}>): string {
  const head = block.columns.map((c) => `<th${c.align === 'right' ? ' class="num"' : ''}>${escapeHtml(c.header)}</th>`).join('')
  const cell = (classes: string[], content: string) => `<td${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(content)}</td>`
  const rows = block.rows.map((row) => `<tr>${block.columns.map((c, i) => cell([c.align === 'right' ? 'num' : '', row.tones?.[i] ? toneClass(row.tones[i]) : ''].filter(Boolean), row.cells[i] ?? '')).join('')}</tr>`).join('')
  return `${block.title ? `<p class="lab-caption">${escapeHtml(block.title)}</p>` : ''}<div class="table-wrap"><table class="lab-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
}

function bars(block: Extract<LabBlock, {kind: 'bars'}>): string {
  const row = 24
  const top = block.title ? 22 : 4
  const largest = Math.max(...block.bars.map((b) => b.value), block.reference?.value ?? 0)
  const room = WIDTH - LABEL - 110
  const scale = (v: number) => (largest > 0 ? (room * Math.max(0, v)) / largest : 0)
  const parts = block.title ? [text(0, 14, block.title, 'start', ' font-weight="600"')] : []
  block.bars.forEach((b, i) => {
    const y = top + i * row
    parts.push(text(LABEL - 8, y + 16, b.label, 'end'), `<rect class="${toneClass(b.tone)}" x="${LABEL}" y="${y + 4}" width="${scale(b.value).toFixed(1)}" height="${row - 8}" rx="2"/>`, text(LABEL + scale(b.value) + 6, y + 16, b.text))
  })
  const height = top + block.bars.length * row + (block.reference ? 20 : 4)
  if (block.reference && largest > 0) {
    const x = LABEL + scale(block.reference.value)
    parts.push(`<line class="lab-reference" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top}" y2="${top + block.bars.length * row}"/>`, text(x, height - 4, `${block.reference.label} ${block.reference.text}`, 'middle'))
  }
  return svg(height, block.title ?? 'Bar chart', parts.join(''))
}

function series(block: Extract<LabBlock, {kind: 'series'}>): string {
  const band = 54
  const top = 22
  // Room on the right for the peak's label ("peak 19,500 ms").
  const plot = WIDTH - LABEL - 130
  const parts = [text(0, 14, block.title, 'start', ' font-weight="600"')]
  const first = block.x[0] ?? 0
  const last = block.x[block.x.length - 1] ?? 0
  const xAt = (i: number, n: number) => LABEL + (n > 1 ? (plot * i) / (n - 1) : 0)
  block.lines.forEach((line, index) => {
    const y0 = top + index * band
    const finite = line.values.filter(Number.isFinite)
    const peak = finite.length > 0 ? Math.max(...finite) : 0
    const ceiling = Math.max(peak, block.reference?.value ?? 0)
    const yAt = (v: number) => y0 + band - 8 - (ceiling > 0 ? ((band - 16) * Math.max(0, v)) / ceiling : 0)
    // A step with no value (nothing finished in it) is a gap in the line, not a fall to zero.
    const runs: string[][] = [[]]
    line.values.forEach((v, i) => {
      if (Number.isFinite(v)) runs.at(-1)!.push(`${xAt(i, line.values.length).toFixed(1)},${yAt(v).toFixed(1)}`)
      else if (runs.at(-1)!.length > 0) runs.push([])
    })
    parts.push(text(LABEL - 8, y0 + band / 2 + 4, line.label, 'end'))
    parts.push(`<line class="lab-axis" x1="${LABEL}" x2="${LABEL + plot}" y1="${y0 + band - 8}" y2="${y0 + band - 8}"/>`)
    if (block.reference && ceiling > 0) parts.push(`<line class="lab-reference" x1="${LABEL}" x2="${LABEL + plot}" y1="${yAt(block.reference.value).toFixed(1)}" y2="${yAt(block.reference.value).toFixed(1)}"/>`)
    for (const run of runs.filter((r) => r.length > 0)) parts.push(`<polyline class="lab-line ${toneClass(line.tone)}" fill="none" points="${run.join(' ')}"/>`)
    parts.push(text(LABEL + plot + 8, y0 + band / 2 + 4, `peak ${short(peak)}${line.unit ? ` ${line.unit}` : ''}`))
  })
  const axisY = top + block.lines.length * band + 10
  parts.push(text(LABEL, axisY, short(first)), text(LABEL + plot, axisY, `${short(last)} ${block.xUnit}`, 'end'))
  if (block.reference) parts.push(text(LABEL + plot / 2, axisY, `dashed: ${block.reference.label} ${short(block.reference.value)}`, 'middle'))
  return svg(axisY + 6, block.title, parts.join(''))
}

function histogram(block: Extract<LabBlock, {kind: 'histogram'}>): string {
  const height = 150
  const top = 22
  const plot = WIDTH - 40
  const n = Math.max(1, block.buckets.length)
  const column = plot / n
  const tallest = Math.max(0, ...block.buckets.map((b) => b.count))
  const parts = [text(0, 14, block.title, 'start', ' font-weight="600"')]
  const base = height - 26
  block.buckets.forEach((b, i) => {
    const h = tallest > 0 ? Math.max(b.count > 0 ? 1 : 0, ((base - top) * b.count) / tallest) : 0
    parts.push(`<rect class="${toneClass(b.tone)}" x="${(20 + i * column + 1).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${Math.max(1, column - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${b.label}: ${formatNumber(b.count)}`)}</title></rect>`)
  })
  parts.push(`<line class="lab-axis" x1="20" x2="${20 + plot}" y1="${base}" y2="${base}"/>`)
  parts.push(text(20, base + 16, block.buckets[0]?.label ?? ''), text(20 + plot, base + 16, block.buckets[n - 1]?.label ?? '', 'end'))
  return svg(height, block.title, parts.join(''))
}

function gantt(block: Extract<LabBlock, {kind: 'gantt'}>): string {
  const lane = 22
  const top = 22
  const plot = WIDTH - LABEL - 20
  const end = block.end > 0 ? block.end : Math.max(0, ...block.lanes.flatMap((l) => l.spans.map((s) => s.end)))
  const xAt = (t: number) => LABEL + (end > 0 ? (plot * Math.min(end, Math.max(0, t))) / end : 0)
  const parts = [text(0, 14, block.title, 'start', ' font-weight="600"')]
  block.lanes.forEach((l, i) => {
    const y = top + i * lane
    parts.push(text(LABEL - 8, y + 15, l.label, 'end'))
    for (const s of l.spans) {
      const title = s.text ? `<title>${escapeHtml(s.text)}</title>` : ''
      parts.push(`<rect class="${toneClass(s.tone)}" x="${xAt(s.start).toFixed(1)}" y="${y + 3}" width="${Math.max(0.5, xAt(s.end) - xAt(s.start)).toFixed(1)}" height="${lane - 6}">${title}</rect>`)
    }
  })
  const axisY = top + block.lanes.length * lane + 14
  parts.push(text(LABEL, axisY, '0'), text(LABEL + plot, axisY, `${short(end)} ${block.unit}`, 'end'))
  let legendX = LABEL
  for (const item of block.legend ?? []) {
    parts.push(`<rect class="${toneClass(item.tone)}" x="${legendX}" y="${axisY + 8}" width="12" height="12"/>`, text(legendX + 16, axisY + 18, item.text))
    legendX += 24 + item.text.length * 7
  }
  return svg(axisY + (block.legend?.length ? 26 : 6), block.title, parts.join(''))
}

/** The blocks of a lab's view as HTML for a page. */
export function labFiguresHtml(blocks: readonly LabBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `<p class="lab-caption"><strong>${escapeHtml(block.text)}</strong></p>`
        case 'text':
          return `<p>${escapeHtml(block.text)}</p>`
        case 'table':
          return table(block)
        case 'bars':
          return bars(block)
        case 'series':
          return series(block)
        case 'histogram':
          return histogram(block)
        case 'gantt':
          return gantt(block)
      }
    })
    .join('\n')
}
