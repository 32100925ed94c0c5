/**
 * A lab's charts on the website: well-formed SVG (checked by a real XML parser), every span and
 * bucket drawn, and a lab's text escaped wherever it lands — a learner's answer can name things.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {labFiguresHtml} from '../../../src/core/site/lab-figures.js'
import type {LabBlock} from '../../../src/kit/lab.js'
import {tempDir} from '../../helpers/temp.js'

const HOSTILE = '<script>alert(1)</script> & "quotes"'

const blocks: LabBlock[] = [
  {kind: 'title', text: HOSTILE},
  {kind: 'text', text: HOSTILE},
  {kind: 'table', title: HOSTILE, columns: [{header: HOSTILE}, {header: 'n', align: 'right'}], rows: [{cells: [HOSTILE, '3'], tones: [undefined, 'bad']}]},
  {kind: 'bars', title: 'Shares', bars: [{label: HOSTILE, value: 2, text: '2', tone: 'good'}, {label: 'b', value: 1, text: '1'}], reference: {label: 'target', value: 1.5, text: '1.5'}},
  {kind: 'series', title: 'Depth', xUnit: 'h', x: [0, 1, 2, 3], lines: [{label: HOSTILE, values: [0, 5, Number.NaN, 2], unit: 'tasks'}], reference: {label: 'limit', value: 4}},
  {kind: 'histogram', title: 'Times', buckets: [{label: '0 s', count: 3}, {label: '1 s', count: 0}, {label: HOSTILE, count: 1}]},
  {kind: 'gantt', title: 'Tasks', unit: 's', end: 10, lanes: [{label: 'w1', spans: [{start: 0, end: 4, text: HOSTILE}, {start: 4, end: 10, tone: 'warn'}]}, {label: 'w2', spans: [{start: 2, end: 3, tone: 'bad'}]}], legend: [{tone: 'warn', text: 'copy'}]},
]

describe('lab figures for the site', () => {
  const html = labFiguresHtml(blocks)

  it('never lets a lab’s text become markup', () => {
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
  })

  it('draws one figure per chart, each well-formed SVG', () => {
    const figures = html.match(/<svg[\s\S]*?<\/svg>/g) ?? []
    expect(figures).toHaveLength(4)
    if (spawnSync('xmllint', ['--version']).status !== 0) throw new Error('xmllint is needed (apt-get install libxml2-utils)')
    const dir = tempDir()
    figures.forEach((figure, i) => {
      const file = path.join(dir, `figure-${i}.svg`)
      writeFileSync(file, figure)
      expect(() => execFileSync('xmllint', ['--noout', file], {stdio: 'pipe'})).not.toThrow()
    })
  })

  it('draws every span and bucket, and skips a missing point instead of drawing it at zero', () => {
    const gantt = (html.match(/<svg[\s\S]*?<\/svg>/g) ?? [])[3]!
    expect(gantt.match(/<rect class="lab-(plain|warn|bad)" x=/g)).toHaveLength(4)
    const histogram = (html.match(/<svg[\s\S]*?<\/svg>/g) ?? [])[2]!
    expect(histogram.match(/<rect /g)).toHaveLength(3)
    // [0, 5, NaN, 2]: a line over the first two points, then a lone point after the gap.
    const lines = [...html.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length)
    expect(lines).toEqual([2, 1])
  })

  it('marks tones as classes the stylesheet colours', () => {
    expect(html).toContain('class="num lab-bad"')
    expect(html).toMatch(/<rect class="lab-good"/)
  })
})
