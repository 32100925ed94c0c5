/**
 * The frame every page of the website shares: the head, the navigation (a sidebar on a desktop, a
 * menu on a phone), the page's own contents, its table of contents and previous/next links.
 * Every link is written relative to the page, so the site works from a web server and straight
 * from the disk alike.
 */
import {escapeHtml} from './html.js'
import type {Heading} from './markdown-html.js'
import {relativeHref} from './page.js'

export interface NavItem {
  readonly title: string
  /** The page's path inside the site, e.g. `units/<unit>.html`. */
  readonly href: string
  /** A short tag shown beside the title (the unit's kind). */
  readonly badge?: string
}

export interface NavSection {
  readonly title: string
  readonly items: readonly NavItem[]
}

export interface PageFrame {
  /** This page's path inside the site. */
  readonly path: string
  readonly title: string
  readonly siteTitle: string
  readonly description?: string
  readonly nav: readonly NavSection[]
  /** The page's main content, HTML. */
  readonly body: string
  readonly toc?: readonly Heading[]
  readonly previous?: NavItem
  readonly next?: NavItem
  /** Loads the bundled mermaid only where there is something for it to draw. */
  readonly diagrams: boolean
}

/**
 * Inline code keeps each of its words on one line: a browser would otherwise break `--json` after
 * its dashes or a path after a slash, in the middle of what a reader types. Only words with such a
 * character and short enough to fit a phone's line are held together; code blocks are left alone
 * (their `<code>` has a class and they do not wrap anyway).
 */
export function keepCodeWordsWhole(html: string): string {
  return html.replace(/<code>([^<]*)<\/code>/g, (_, text: string) => `<code>${text.replace(/[^\s]*[-/][^\s]*/g, (word) => (word.length <= 32 ? `<span class="word">${word}</span>` : word))}</code>`)
}

export function renderPage(frame: PageFrame): string {
  const href = (to: string) => escapeHtml(relativeHref(frame.path, to))
  const nav = frame.nav
    .map(
      (section) =>
        `<section><h2>${escapeHtml(section.title)}</h2><ul>${section.items
          .map((item) => {
            const current = item.href === frame.path ? ' aria-current="page"' : ''
            const badge = item.badge ? ` <span class="badge badge-${escapeHtml(item.badge)}">${escapeHtml(item.badge)}</span>` : ''
            return `<li><a href="${href(item.href)}"${current}>${escapeHtml(item.title)}</a>${badge}</li>`
          })
          .join('')}</ul></section>`,
    )
    .join('\n')
  const toc = (frame.toc ?? []).filter((h) => h.level === 2)
  const tocHtml =
    toc.length > 1
      ? `<nav class="toc" aria-label="On this page"><h2>On this page</h2><ul>${toc.map((h) => `<li><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`).join('')}</ul></nav>`
      : ''
  const pager =
    frame.previous || frame.next
      ? `<nav class="pager" aria-label="Previous and next">${frame.previous ? `<a class="previous" rel="prev" href="${href(frame.previous.href)}"><span>Previous</span>${escapeHtml(frame.previous.title)}</a>` : '<span></span>'}${frame.next ? `<a class="next" rel="next" href="${href(frame.next.href)}"><span>Next</span>${escapeHtml(frame.next.title)}</a>` : ''}</nav>`
      : ''
  const scripts = [
    ...(frame.diagrams ? [`<script src="${href('assets/mermaid.min.js')}"></script>`] : []),
    `<script src="${href('assets/site.js')}"></script>`,
  ].join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(frame.title === frame.siteTitle ? frame.title : `${frame.title} · ${frame.siteTitle}`)}</title>
${frame.description ? `<meta name="description" content="${escapeHtml(frame.description)}">\n` : ''}<link rel="icon" href="${href('favicon.svg')}" type="image/svg+xml">
<link rel="icon" href="${href('favicon.ico')}" sizes="16x16 32x32">
<link rel="stylesheet" href="${href('assets/site.css')}">
</head>
<body>
<a class="skip" href="#content">Skip to the text</a>
<header class="topbar">
<a class="brand" href="${href('index.html')}">${escapeHtml(frame.siteTitle)}</a>
<button class="menu" type="button" aria-expanded="false" aria-controls="sidebar">Menu</button>
</header>
<div class="shell">
<nav class="sidebar" id="sidebar" aria-label="Course">
${nav}
</nav>
<main id="content">
<article>
${keepCodeWordsWhole(frame.body)}
</article>
${pager}
</main>
${tocHtml}
</div>
${scripts}
</body>
</html>
`
}
