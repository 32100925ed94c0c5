import {oneLine, printable} from '../../text/learner-text.js'

/**
 * Characters that open an inline construct wherever they stand: backslash escapes, code spans,
 * emphasis and strikethrough, links and images, raw HTML and autolinks, table cells, and the
 * maths GitHub renders between dollar signs.
 */
const INLINE = /[\\`*_~[\]<>|$]/g
/** An entity or character reference (`&lt;`, `&#60;`) would be decoded rather than shown. */
const REFERENCE = /&(?=[#A-Za-z0-9])/g
/**
 * GitHub's extended autolinks need `scheme://`, `www.` or an e-mail address written in one piece;
 * a backslash escape splits the text there, and the autolinker no longer sees a link.
 */
const SCHEME = /:\/\//g
const WWW = /(?<![A-Za-z0-9])(www)\./gi
const AT = /@/g
/** Starts of a line that would open a block: a heading, a list item, a thematic break, a setext underline. */
const HEADING = /^#/
const BULLET = /^([-+=])(?=\s|$|\1)/
const ORDERED = /^(\d{1,9})([.)])(?=\s|$)/

/**
 * Learner text as Markdown source that renders as exactly that text, on one line, wherever it is
 * put in a line (a table cell, after a label, or at the line's start): no heading, list, link,
 * image, emphasis, raw HTML, autolink or new table cell can come out of it. Escape sequences are
 * removed and other control characters shown as `\xNN` (see `printable`); line breaks, and the
 * spaces around them, become one space, since a break could end the table row or start a block.
 * Backslash escapes are used rather than HTML entities so the text still reads in the raw file.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(printable(text.replace(/\r\n/g, '\n')))
    .trim()
    .replace(INLINE, '\\$&')
    .replace(REFERENCE, '\\&')
    .replace(SCHEME, ':\\//')
    .replace(WWW, '$1\\.')
    .replace(AT, '\\@')
    .replace(HEADING, '\\#')
    .replace(BULLET, '\\$1')
    .replace(ORDERED, '$1\\$2')
}
