import MarkdownIt from 'markdown-it'
import {markdown} from '../../../src/core/markdown/parser.js'

/**
 * The renderers a summary is checked against: the course's own markdown-it (no raw HTML), and a
 * permissive one like the step summaries and wikis a summary is pasted into (raw HTML passed
 * through, bare links and e-mail addresses turned into links).
 */
export function renderers(): Array<{readonly name: string; readonly render: (source: string) => string}> {
  const permissive = new MarkdownIt('default', {html: true, linkify: true})
  return [
    {name: 'course', render: (source) => markdown().render(source)},
    {name: 'permissive', render: (source) => permissive.render(source)},
  ]
}

/** Elements that learner text must never produce, whichever renderer reads it. */
export const FORBIDDEN_ELEMENTS = /<(?:a|img|script|iframe|details|summary|h[1-6]|em|strong|del|s|code|pre|ul|ol|li|blockquote|hr|br|input|svg|style|math)\b/i

/** The text of a fragment of HTML: tags dropped, markdown-it's four escapes decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
}
