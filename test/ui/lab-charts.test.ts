/**
 * The terminal's charts: what a lab returns must read at 80 columns, with or without colour, and
 * a chart must not hide the thing it exists to show (a spike, an outlier bucket, a short span).
 */
import {describe, expect, it} from 'vitest'
import type {LabBlock} from '../../src/kit/lab.js'
import {resample, sparkline} from '../../src/ui/text/lab-charts.js'
import {formatLabView, wrapText} from '../../src/ui/text/lab-view.js'

const ESCAPES = /\u001B\[/
const widest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length))

const series: LabBlock = {
  kind: 'series',
  title: 'Queue depth',
  xUnit: 'h',
  x: Array.from({length: 500}, (_, i) => i / 20),
  lines: [
    {label: 'depth', values: Array.from({length: 500}, (_, i) => (i === 317 ? 900 : 10)), unit: 'tasks'},
    {label: 'a label far longer than the chart allows', values: Array.from({length: 500}, () => 3)},
  ],
  reference: {label: 'limit', value: 100},
}

describe('series', () => {
  it('keeps a one-step spike when squeezed into fewer columns', () => {
    const squeezed = resample(series.kind === 'series' ? series.lines[0]!.values : [], 60)
    expect(squeezed).toHaveLength(60)
    expect(Math.max(...squeezed)).toBe(900)
    expect(sparkline(squeezed, 900)).toContain('█')
  })

  it('fits 80 columns, names the peak and the time axis, and uses no escapes without colour', () => {
    const text = formatLabView([series], {color: false, width: 80})
    expect(widest(text)).toBeLessThanOrEqual(80)
    expect(text).toContain('peak 900 tasks')
    expect(text).toMatch(/0 .* 24\.9 h/)
    expect(text).toContain('limit: 100')
    expect(text).not.toMatch(ESCAPES)
  })
})

describe('histogram', () => {
  it('shows a bucket of one beside a bucket of thousands', () => {
    const block: LabBlock = {kind: 'histogram', title: 'Publish time', buckets: [{label: '0 min', count: 5000}, {label: '10 min', count: 0}, {label: '30 min', count: 1}]}
    const text = formatLabView([block], {color: false, width: 80})
    const bottom = text.split('\n')[4]!
    // The last column's bottom row has a sliver even though it is 1/5000 of the tallest.
    expect(bottom.trimEnd().at(-1)).not.toBe(' ')
    expect(text).toContain('tallest: 0 min (5,000)')
    expect(widest(text)).toBeLessThanOrEqual(80)
  })
})

describe('gantt', () => {
  const block: LabBlock = {
    kind: 'gantt',
    title: 'Map tasks',
    unit: 's',
    end: 100,
    lanes: [
      {label: 'worker 1', spans: [{start: 0, end: 50}, {start: 50, end: 100, tone: 'warn'}]},
      {label: 'worker 2 (straggler)', spans: [{start: 0, end: 100, tone: 'bad'}]},
      {label: 'worker 3', spans: [{start: 0, end: 25, tone: 'good'}]},
    ],
    legend: [
      {tone: 'warn', text: 'speculative copy'},
      {tone: 'bad', text: 'straggler'},
    ],
  }

  it('tells tones apart without colour, and idle time from work', () => {
    const lines = formatLabView([block], {color: false, width: 80}).split('\n')
    expect(lines[1]).toContain('█')
    expect(lines[1]).toContain('▓')
    expect(lines[2]).toMatch(/▒+$/)
    expect(lines[3]).toContain('·')
    expect(lines.at(-1)).toBe('▓ speculative copy   ▒ straggler')
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80)
  })

  it('places a span where its time is', () => {
    const row = formatLabView([block], {color: false, width: 80}).split('\n')[3]!
    const cells = row.slice(row.indexOf(' ', 'worker 3'.length) + 1)
    const filled = [...cells].filter((c) => c === '█').length
    // Worker 3 is busy for the first quarter of the run.
    expect(filled / [...cells].length).toBeGreaterThan(0.2)
    expect(filled / [...cells].length).toBeLessThan(0.3)
  })
})

describe('titles and spacing', () => {
  it('prints a titled table and bars with their titles', () => {
    const text = formatLabView(
      [
        {kind: 'title', text: 'Run'},
        {kind: 'table', title: 'Totals', columns: [{header: 'a'}], rows: [{cells: ['1']}]},
        {kind: 'bars', title: 'Shares', bars: [{label: 'x', value: 1, text: '1'}]},
      ],
      {color: false, width: 80},
    )
    expect(text.split('\n')).toEqual(['Run', 'Totals', 'a', '1', '', 'Shares', expect.stringMatching(/^x █+ 1$/)])
  })
})

describe('text', () => {
  it('wraps a sentence between words with a hanging indent, and cuts a word longer than a line', () => {
    const sentence = `${'word '.repeat(30)}${'x'.repeat(100)} end`
    const lines = wrapText(sentence, 40)
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40)
    expect(lines[0]).toMatch(/^word/)
    for (const line of lines.slice(1)) expect(line.startsWith('  ')).toBe(true)
    expect(lines.join(' ').replace(/\s+/g, '')).toBe(sentence.replace(/\s+/g, ''))
  })

  it('keeps a short text whole, and each of its lines', () => {
    expect(wrapText('one line', 80)).toEqual(['one line'])
    expect(wrapText('a\nb', 80)).toEqual(['a', 'b'])
  })
})

describe("a learner's text in a view", () => {
  it('reaches the terminal without its escape sequences or control characters', () => {
    const text = formatLabView(
      [
        {kind: 'text', text: 'your createRoundRobin threw: \u001B[2J\u001B]0;pwned\u0007boom\r'},
        {kind: 'table', columns: [{header: 'x'}], rows: [{cells: ['\u001B[31mred']}]},
        {kind: 'bars', bars: [{label: '\u001B[1Aup', value: 1, text: '1'}]},
      ],
      {color: false, width: 80},
    )
    expect(text).not.toContain('\u001B')
    expect(text).not.toContain('\u0007')
    expect(text).toContain('boom\\x0d')
    expect(text).toContain('red')
  })
})
