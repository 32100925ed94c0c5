import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {feedbackHtml, feedbackMarkdown} from '../../../src/core/grading/reporters/feedback.js'
import {writeReports} from '../../../src/core/grading/reporters/index.js'
import {MAX_ERROR_CHARS, MAX_FEEDBACK_CHARS} from '../../../src/core/text/learner-text.js'
import {caseResult, submissionResult} from '../../helpers/results.js'
import {tempDir} from '../../helpers/temp.js'
import {FORBIDDEN_ELEMENTS, renderers} from './markdown-html.js'

/** Stands for anything a learner must not read: a hidden input, an expected value, printed output. */
const SECRET = 'SECRET-7f3a'

const alice = [
  submissionResult({
    learner: 'alice',
    unit: 'load-balancer',
    status: 'fail',
    cases: [
      caseResult({title: 'Spreads requests evenly'}),
      caseResult({name: 'b', title: 'Skips a down server', status: 'failed', score: 0, feedback: 'sent a request to a down server', hint: 'check health first'}),
      caseResult({name: `hidden-${SECRET}`, title: 'Spreads any load', status: 'failed', score: 0, visibility: 'hidden', feedback: 'uneven on a generated load', hint: 'think about ties', tags: [SECRET]}),
      caseResult({name: 'h2', title: 'Handles bursts', status: 'passed', visibility: 'hidden', tags: [SECRET]}),
      caseResult({name: 'late', title: `Late ${SECRET}`, status: 'failed', score: 0, max_score: 3, visibility: 'after_due_date', feedback: `expected ${SECRET}`, hint: SECRET}),
    ],
    submission: {sha256: 'f'.repeat(64), files: [`${SECRET}.ts`]},
    review: [`copied from the reference ${SECRET}`],
    output: {stdout: `input was ${SECRET}`, stderr: SECRET, truncated: false},
  }),
  submissionResult({learner: 'alice', unit: 'aggregation', status: 'error', cases: [], max_score: 10, error: {kind: 'build', message: 'aggregation.ts:3:1: Unexpected "}"\naggregation.ts:9:4: Expected ";"'}}),
]

/** Tags opened and closed in order, void elements aside: a page a browser reads as written. */
function unbalancedTags(html: string): string[] {
  const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link'])
  const open: string[] = []
  const problems: string[] = []
  for (const [, closing, name] of html.replace(/<!doctype html>/i, '').matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const tag = name!.toLowerCase()
    if (VOID.has(tag)) continue
    if (!closing) open.push(tag)
    else if (open.pop() !== tag) problems.push(`</${tag}>`)
  }
  return [...problems, ...open.map((tag) => `<${tag}>`)]
}

describe('feedback for one learner', () => {
  const markdown = feedbackMarkdown(alice)
  const html = feedbackHtml(alice)

  it('covers every unit the learner was graded on, with the total', () => {
    expect(markdown).toMatch(/^# Feedback for alice\n/)
    expect(markdown).toContain('**Total: 4 / 21** (19.0%) over 2 units.')
    expect(markdown).toContain('## load-balancer')
    expect(markdown).toContain('## aggregation')
    expect(markdown).toContain('| Spreads requests evenly | 2 / 2 | passed |')
    expect(markdown).toContain('- **Skips a down server** (failed): sent a request to a down server\\\n  Hint: check health first')
  })

  it('explains a submission that could not be graded, line by line', () => {
    expect(markdown).toContain('could not be graded')
    expect(markdown).toContain('**Could not be graded:** aggregation.ts:3:1: Unexpected "}"\\\naggregation.ts:9:4: Expected ";"')
    expect(html).toMatch(/Unexpected &quot;}&quot;<br>\s*aggregation\.ts:9:4/)
  })

  it('counts hidden cases and gives only the message and hint of those that failed', () => {
    expect(markdown).toContain('Hidden cases: 1 of 2 passed (2 / 4 points).')
    expect(markdown).toContain('- **Spreads any load** (failed): uneven on a generated load\\\n  Hint: think about ties')
    expect(markdown).not.toContain('Handles bursts')
  })

  it('counts cases released after the due date and shows nothing else of them', () => {
    expect(markdown).toContain('Cases released after the due date: 0 of 1 passed (0 / 3 points).')
  })

  it('never shows case names, tags, printed output, submitted files, review lines or after-due-date text', () => {
    expect(markdown).not.toContain(SECRET)
    expect(html).not.toContain(SECRET)
  })

  it('is a self-contained page with no script, no external link and balanced tags', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/)
    expect(html).toContain('<title>Feedback for alice</title>')
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/<script\b|<link\b|<img\b|<a\b|https?:|src=/i)
    expect(unbalancedTags(html)).toEqual([])
    expect(html.match(/<table\b/g)).toHaveLength(1)
  })
})

describe('feedback for a learner who submitted nothing', () => {
  it('says so, without the wording meant for the instructor', () => {
    const markdown = feedbackMarkdown([submissionResult({learner: 'carol', status: 'missing', cases: [], max_score: 46, error: {kind: 'no-submission', message: 'no submission: on the roster'}})])
    expect(markdown).toContain('**Score: 0 / 46** (0.0%) · nothing was submitted')
    expect(markdown).not.toContain('roster')
  })
})

describe('feedback with hostile learner text', () => {
  const results = [
    submissionResult({
      learner: '<script>alert(1)</script> #',
      unit: 'load-balancer',
      status: 'fail',
      cases: [
        caseResult({title: 'A [link](https://evil.example.com) | cell', status: 'failed', score: 0, feedback: 'got <script>alert(1)</script>\n# heading\n- item\n```', hint: '<img src=x onerror=alert(1)>'}),
        caseResult({name: 'h', title: 'Hidden *one*', status: 'error', score: 0, visibility: 'hidden', feedback: '</td></tr></table><script>alert(2)</script>'}),
      ],
      error: {kind: 'crash', message: '\u001b[2K\r> quoted\n---\n<b>bold</b>'},
    }),
  ]
  const markdown = feedbackMarkdown(results)
  const html = feedbackHtml(results)

  it('escapes it in the HTML page', () => {
    expect(html).not.toMatch(/<script\b|<img\b|<a\b|<b>|<h[3-6]\b|<blockquote\b|<pre\b|<code\b|<hr\b/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<title>Feedback for &lt;script&gt;alert(1)&lt;/script&gt; #</title>')
    expect(html.match(/<h1\b/g)).toHaveLength(1)
    expect(html.match(/<h2\b/g)).toHaveLength(1)
    expect(html.match(/<table\b/g)).toHaveLength(1)
    expect(html.match(/<li\b/g)).toHaveLength(2)
    expect(html).not.toMatch(/\u001b|\r/)
    expect(unbalancedTags(html)).toEqual([])
  })

  for (const {name, render} of renderers()) {
    it(`renders the Markdown through the ${name} renderer with no markup of the learner's`, () => {
      const rendered = render(markdown)
      // Ours: the emphasis of labels, the table, the list and the line breaks; none of theirs.
      const theirs = rendered.replace(/<\/?(?:strong|table|thead|tbody|tr|th|td|ul|li|p|h1|h2)\b[^>]*>|<br>/g, '')
      expect(theirs).not.toMatch(FORBIDDEN_ELEMENTS)
      expect(rendered.match(/<h1\b/g)).toHaveLength(1)
      expect(rendered.match(/<h2\b/g)).toHaveLength(1)
      expect(rendered.match(/<li\b/g)).toHaveLength(2)
      expect(rendered).toContain('Feedback for &lt;script&gt;alert(1)&lt;/script&gt; #</h1>')
    })
  }
})

describe('the feedback report', () => {
  it('writes a Markdown file and an HTML page per learner', () => {
    const out = tempDir()
    const bob = submissionResult({learner: 'bob'})
    const written = writeReports(out, [bob, ...alice], ['feedback'])
    expect(written).toEqual([path.join('feedback', 'alice.md'), path.join('feedback', 'alice.html'), path.join('feedback', 'bob.md'), path.join('feedback', 'bob.html')])
    expect(readFileSync(path.join(out, 'feedback', 'alice.md'), 'utf8')).toBe(feedbackMarkdown(alice))
    expect(readFileSync(path.join(out, 'feedback', 'alice.html'), 'utf8')).toBe(feedbackHtml(alice))
    expect(readFileSync(path.join(out, 'feedback', 'bob.md'), 'utf8')).not.toContain('alice')
  })

  it('stays small whatever a result holds', () => {
    const huge = 'x'.repeat(1024 * 1024)
    const result = submissionResult({
      learner: 'dave',
      status: 'error',
      cases: [caseResult({title: huge, status: 'failed', score: 0, feedback: huge, hint: huge}), caseResult({name: 'h', status: 'error', score: 0, visibility: 'hidden', feedback: huge, hint: huge})],
      error: {kind: 'crash', message: huge},
      output: {stdout: huge, stderr: huge, truncated: false},
    })
    const bound = 4 * MAX_FEEDBACK_CHARS + MAX_ERROR_CHARS + 4_000
    expect(feedbackMarkdown([result]).length).toBeLessThan(bound)
    expect(feedbackHtml([result]).length).toBeLessThan(bound + 2_000)
  })
})
