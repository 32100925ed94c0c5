import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {stripAnsi, visibleLength} from '../../../src/core/markdown/ansi.js'
import {renderTerminal} from '../../../src/core/markdown/terminal.js'

const SAMPLE = `# Title

Some *emphasis*, **strong** and \`code\`, with a [link](https://example.com).

- one
- two
  1. nested

> quoted **text**

| Strategy | State needed | Best for |
| --- | --- | --- |
| Round robin | a counter | identical servers and similar requests |
| Least connections | a count per server | requests of very different length |

\`\`\`ts
const x: number = 1
\`\`\`

\`\`\`mermaid
graph LR
  A[Upload] --> B[Queue]
\`\`\`
`

describe('renderTerminal', () => {
  it('renders headings, emphasis, lists, quotes, tables, code and diagrams without markup', () => {
    const text = renderTerminal(SAMPLE, {width: 80, color: false}).join('\n')
    expect(text).toContain('TITLE')
    expect(text).toContain('Some emphasis, strong and code, with a link (https://example.com).')
    expect(text).toContain('• one')
    expect(text).toContain('  1. nested')
    expect(text).toContain('│ quoted text')
    expect(text).toMatch(/│ Round robin +│ a counter +│/)
    expect(text).toContain('│ const x: number = 1')
    expect(text).toContain('◆ Diagram: Flowchart, left to right')
    expect(text).toContain('Upload → Queue')
    expect(text).not.toContain('graph LR')
    expect(text).not.toContain('-->')
    expect(text).not.toMatch(/\*\*|`/)
  })

  it('styles with ANSI only when colour is on', () => {
    const plain = renderTerminal('**bold**', {width: 40, color: false})
    const colored = renderTerminal('**bold**', {width: 40, color: true})
    expect(plain).toEqual(['bold'])
    expect(colored[0]).toContain('\u001B[1m')
    expect(stripAnsi(colored[0]!)).toBe('bold')
  })

  it('shrinks wide tables and falls back to records when even that cannot fit', () => {
    const narrow = renderTerminal(SAMPLE, {width: 40, color: false})
    expect(narrow.every((line) => visibleLength(line) <= 40)).toBe(true)
    const table = '| a very long heading | another long heading | third heading here |\n|---|---|---|\n| x | y | z |'
    const records = renderTerminal(table, {width: 30, color: false}).join('\n')
    expect(records).toContain('a very long heading: x')
  })

  it('never writes a line longer than the width', () => {
    fc.assert(
      fc.property(fc.integer({min: 20, max: 160}), fc.boolean(), (width, color) => {
        for (const line of renderTerminal(SAMPLE, {width, color})) expect(visibleLength(line)).toBeLessThanOrEqual(width)
      }),
      {numRuns: 60},
    )
  })
})
