import {describe, expect, it} from 'vitest'
import {escapeMarkdown} from '../../../src/core/grading/reporters/markdown-text.js'
import {printable} from '../../../src/core/text/learner-text.js'
import {FORBIDDEN_ELEMENTS, htmlText, renderers} from './markdown-html.js'

/** What a learner could put in an id or an error message to change how a summary renders. */
const NASTY = [
  '# heading',
  '###### small heading',
  '## heading after text',
  '[link](https://evil.example.com)',
  '![image](https://evil.example.com/x.png)',
  '[ref]: https://evil.example.com',
  '[ref] and [^1]',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '</details></table><details open><summary>x</summary>',
  '</td></tr><tr><td>forged row',
  '<!-- an open comment',
  '<https://evil.example.com>',
  '<me@evil.com>',
  'see https://evil.com/x for the answer',
  'www.evil.com',
  '_www.evil.com_',
  'mail me@evil.com',
  'mailto:me@evil.com',
  '*em* _em_ **strong** __strong__ ~~struck~~ ~sub~',
  '`code` and ``more`` and ```fence```',
  '~~~',
  'a | b | c',
  '|---|---|',
  'line one\nline two',
  'line\n\n# heading after a blank line',
  'hard  \nbreak',
  'backslash\\\nbreak',
  'windows\r\nline',
  '- item',
  '+ item',
  '* item',
  '-- -',
  '---',
  '===',
  '***',
  '1. item',
  '12) item',
  '> quote',
  '    indented code',
  '&lt;b&gt; &amp; &#60;script&#62; &copy;',
  '\\*not emphasis\\* and a trailing \\',
  '$x^2$ and $$y$$',
  '=cmd',
  '+1 -1 @user',
  'load-balancer.ts:1:30: Expected ")" but found "{"',
  '\u001b[31mred\u001b[0m and \u001b]0;title\u0007',
  'nul\u0000 and bell\u0007',
  'B <holds> & "quotes"',
]

/**
 * The text a reader should see: the learner's, printable (escape sequences gone, other control
 * characters shown as \xNN), on one line (a break and the spaces around it made one space).
 */
function expected(input: string): string {
  return printable(input.replace(/\r\n/g, '\n')).replace(/\s*\n\s*/g, ' ').trim()
}

describe('escapeMarkdown', () => {
  it('keeps plain text as it is', () => {
    expect(escapeMarkdown('alice')).toBe('alice')
    expect(escapeMarkdown('=cmd')).toBe('=cmd')
    expect(escapeMarkdown('load-balancer.ts:1:30: Expected ")" but found "{"')).toBe('load-balancer.ts:1:30: Expected ")" but found "{"')
  })

  it('escapes what opens Markdown or HTML, and what GitHub turns into links', () => {
    expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>')
    expect(escapeMarkdown('# a | b')).toBe('\\# a \\| b')
    expect(escapeMarkdown('https://x.example')).toBe('https:\\//x.example')
    expect(escapeMarkdown('www.x.example')).toBe('www\\.x.example')
    expect(escapeMarkdown('me@x.example')).toBe('me\\@x.example')
    expect(escapeMarkdown('1. x')).toBe('1\\. x')
    expect(escapeMarkdown('a\n\nb')).toBe('a b')
  })

  it('removes terminal escapes and shows other control characters', () => {
    expect(escapeMarkdown('\u001b[2K\rok')).toBe('\\\\x0dok')
  })

  for (const {name, render} of renderers()) {
    describe(`rendered by the ${name} renderer`, () => {
      it.each(NASTY.map((input) => [JSON.stringify(input), input]))('%s reads as itself, in a paragraph and in a table cell', (_label, input) => {
        const escaped = escapeMarkdown(input)
        const want = expected(input)
        const paragraph = render(escaped)
        expect(paragraph).not.toMatch(FORBIDDEN_ELEMENTS)
        expect(paragraph.trim()).toMatch(/^<p>[^<]*<\/p>$/)
        expect(htmlText(paragraph).trim()).toBe(want)

        const table = render(`| learner | status |\n| --- | --- |\n| ${escaped} | fail |\n`)
        expect(table).not.toMatch(FORBIDDEN_ELEMENTS)
        const cells = [...table.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => htmlText(m[1]!))
        expect(cells).toEqual([want, 'fail'])
      })
    })
  }

  it('is needed: the same inputs unescaped make links, images, raw HTML and headings', () => {
    const permissive = renderers().find((r) => r.name === 'permissive')!
    for (const input of ['# heading', '[link](https://evil.example.com)', '![image](x.png)', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'see https://evil.com/x', 'www.evil.com', 'mail me@evil.com', '*em*']) {
      expect(permissive.render(input)).toMatch(FORBIDDEN_ELEMENTS)
    }
  })
})
