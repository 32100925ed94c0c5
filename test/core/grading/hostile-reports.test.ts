import {execFileSync, spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gradebookCsv} from '../../../src/core/grading/reporters/csv.js'
import {gradescopeResults} from '../../../src/core/grading/reporters/gradescope.js'
import {writeReports} from '../../../src/core/grading/reporters/index.js'
import {junitXml} from '../../../src/core/grading/reporters/junit.js'
import {markdownSummary} from '../../../src/core/grading/reporters/markdown.js'
import {printable} from '../../../src/core/text/learner-text.js'
import {ROOT} from '../../helpers/cli.js'
import {caseResult, submissionResult} from '../../helpers/results.js'
import {tempDir} from '../../helpers/temp.js'
import {htmlText, renderers} from './markdown-html.js'

/** Learner ids a class folder (or an edited result file) could hold. */
const IDS = [
  '<img src=x onerror=alert(1)>',
  '[click](https://evil.example.com)',
  '# owned',
  'bob | 46/46 | 100.0 | pass',
  '</details><script>alert(1)</script>',
  '*carol*',
  'dave\n\n# new block',
  'www.evil.com',
  'erin@evil.com',
  '=HYPERLINK("https://evil.example.com","x")',
]

/** Error messages a submission could make its grading end with. */
const MESSAGES = [
  '![pwned](https://evil.example.com/x.png) <b>bold</b>',
  '\u001b[2K\r[46/46] alice  46/46  pass',
  'Expected `)` | <a href="https://evil.example.com">here</a>',
  '> quoted\n- listed',
]

const hostile = IDS.map((learner, i) =>
  submissionResult({
    learner,
    status: 'error',
    cases: [caseResult({status: 'failed', score: 0, feedback: `got <i>${learner}</i>`, title: 'Case <b>A</b>'})],
    error: {kind: 'crash', message: MESSAGES[i % MESSAGES.length]!},
  }),
)

/** The one line a reader should see of learner text in a table cell. */
function oneLine(text: string): string {
  return printable(text.split(/\r?\n/)[0]!).trim()
}

describe('summary.md with hostile learner text', () => {
  for (const {name, render} of renderers()) {
    it(`renders through the ${name} renderer as the learners' text, with no markup of theirs`, () => {
      const html = render(markdownSummary(hostile))
      // Ours: the title, the heading of the hardest cases, and the two tables. Nothing else.
      expect(html.match(/<h1\b/g)).toHaveLength(1)
      expect(html.match(/<h2\b/g)).toHaveLength(1)
      expect(html.match(/<table\b/g)).toHaveLength(2)
      expect(html).not.toMatch(/<(?:a|img|script|details|summary|b|i|em|strong|del|s|code|pre|ul|ol|li|blockquote|hr|br|h[3-6])\b/i)
      const rows = [...html.matchAll(/<tr>\s*((?:<td[^>]*>[^<]*<\/td>\s*)+)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => htmlText(c[1]!)))
      const learnerRows = rows.filter((cells) => cells.length === 5)
      expect(learnerRows.map((cells) => cells[0]).sort()).toEqual(IDS.map((id) => printable(id).replace(/\s*\n\s*/g, ' ')).sort())
      for (const [i, id] of IDS.entries()) {
        const row = learnerRows.find((cells) => cells[0] === printable(id).replace(/\s*\n\s*/g, ' '))!
        expect(row[4]).toBe(`error: ${oneLine(MESSAGES[i % MESSAGES.length]!)}`)
      }
      expect(rows.filter((cells) => cells.length === 2)).toEqual([['load-balancer: Case <b>A</b>', `${IDS.length}/${IDS.length}`]])
    })
  }

  it('keeps every learner on one line of the table', () => {
    const lines = markdownSummary(hostile).split('\n')
    expect(lines.filter((l) => l.startsWith('| ') && l.endsWith(' |') && !l.startsWith('| ---'))).toHaveLength(1 + IDS.length + 2)
  })
})

describe('Gradescope results.json with hostile learner text', () => {
  it('says every string is plain text and holds no escape sequence', () => {
    const results = gradescopeResults([hostile[1]!])
    expect(results).toMatchObject({output_format: 'text', test_output_format: 'text', test_name_format: 'text'})
    for (const test of results.tests) expect(test).toMatchObject({output_format: 'text', name_format: 'text'})
    const json = JSON.stringify(results)
    expect(json).not.toMatch(/\\u001b|\\r/i)
    expect(results.tests[0]!.output).toBe('\\x0d[46/46] alice  46/46  pass')
  })
})

describe('JUnit XML with characters XML 1.0 cannot carry', () => {
  const nasty = submissionResult({
    learner: 'lone\uD800surrogate\u0001',
    status: 'error',
    cases: [
      caseResult({name: 'a', title: 'A \uDC00 alone', status: 'failed', score: 0, feedback: 'nul\u0000 bell\u0007 vt\u000B ff\u000C esc\u001B[2K csi\u009B31m del\u007F fffe\uFFFE ffff\uFFFF ]]> <!-- --> &amp;', hint: 'hint\uD83D'}),
      caseResult({name: 'b', title: 'B pair \uD83D\uDE00 kept', status: 'passed', feedback: 'passed'}),
    ],
    error: {kind: 'crash', message: 'threw \uDBFF\u0008 and "quotes" <tags> & more'},
  })

  it('replaces them, and the file still validates against the Ant schema', () => {
    if (spawnSync('xmllint', ['--version']).status !== 0) throw new Error('xmllint is needed (apt-get install libxml2-utils)')
    const xml = junitXml([nasty])
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/)
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    expect(xml).toContain('pair \uD83D\uDE00 kept')
    expect(xml).toContain('package="lone\uFFFDsurrogate\uFFFD"')
    const out = tempDir()
    writeReports(out, [nasty], ['junit'])
    const schema = path.join(ROOT, 'test', 'fixtures', 'specs', 'junit-ant.xsd')
    expect(() => execFileSync('xmllint', ['--noout', '--schema', schema, path.join(out, 'junit.xml')], {stdio: 'pipe'})).not.toThrow()
    const message = execFileSync('xmllint', ['--xpath', 'string(//testcase[@name="could not be graded"]/error/@message)', path.join(out, 'junit.xml')], {encoding: 'utf8'})
    expect(message.replace(/\n$/, '')).toBe('threw \uFFFD\uFFFD and "quotes" <tags> & more')
  })
})

/** RFC 4180 records of a CSV text: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i]
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    }
    else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else field += c
  }
  return records
}

describe('gradebook CSV with hostile learner ids', () => {
  const ids = ['a\nb', 'c\r\nd', 'quote"and,comma', '=1+1', '+1', '-1', '@SUM(A1)', ' =1+1', '\t=1+1', '\r=1+1', '\uFF1D1+1', '=HYPERLINK("https://evil.example.com")']
  const csv = gradebookCsv(ids.map((learner) => submissionResult({learner})))

  it('keeps one row per learner on one line, each with every column', () => {
    const lines = csv.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines).toHaveLength(ids.length + 2)
    const records = parseCsv(csv)
    expect(records).toHaveLength(ids.length + 1)
    for (const record of records) expect(record).toHaveLength(9)
  })

  it('never lets a field start a formula', () => {
    for (const [learner] of parseCsv(csv).slice(1)) expect(learner).not.toMatch(/^\s*[=+\-@\uFF1D]|^\t/)
    expect(parseCsv(csv).map((r) => r[0])).toContain('quote"and,comma')
    expect(parseCsv(csv).map((r) => r[0])).toContain("'=HYPERLINK(\"https://evil.example.com\")")
  })
})

describe('reports written to disk', () => {
  it('hold no escape sequence in any format', () => {
    const out = tempDir()
    writeReports(out, hostile, ['gradescope', 'junit', 'csv', 'markdown', 'json'])
    for (const file of ['junit.xml', 'gradebook.csv', 'summary.md']) {
      expect(readFileSync(path.join(out, file), 'utf8')).not.toMatch(/\u001b|\r(?!\n)/)
    }
  })
})
