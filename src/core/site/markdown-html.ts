import MarkdownIt from 'markdown-it'
import {MARKDOWN_OPTIONS} from '../markdown/parser.js'
import {highlight} from './highlight.js'
import {escapeHtml, slugger} from './html.js'

/** A heading of a rendered page, for its table of contents. */
export interface Heading {
  readonly level: number
  readonly text: string
  readonly id: string
}

export interface RenderedMarkdown {
  readonly html: string
  readonly headings: readonly Heading[]
  /** Mermaid blocks on the page (each becomes an SVG in the browser). */
  readonly diagrams: number
}

export interface HtmlOptions {
  /** Rewrites a link target (for example a guide's `student.md` to its page); default: unchanged. */
  readonly resolveLink?: (href: string) => string
  /** Heading levels are shifted so the page's own title stays the only h1. */
  readonly headingOffset?: number
  /** Hands out heading ids; share one between texts on the same page so ids stay unique. */
  readonly ids?: (text: string) => string
}

let instance: MarkdownIt | undefined

/**
 * The website's markdown renderer: the same markdown-it options the terminal uses (so both agree on
 * what the text means), with HTML output rules for code, diagrams, headings, tables and links.
 */
function renderer(): MarkdownIt {
  if (instance) return instance
  const md = new MarkdownIt('default', MARKDOWN_OPTIONS)
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index]!
    const language = token.info.trim().split(/\s+/)[0] ?? ''
    if (language === 'mermaid') {
      // Drawn in the browser by the bundled mermaid; the source stays readable without scripts.
      return `<figure class="diagram"><pre class="mermaid">${escapeHtml(token.content)}</pre></figure>\n`
    }
    const label = language ? ` data-language="${escapeHtml(language)}"` : ''
    return `<pre class="code"${label}><code class="hljs">${highlight(token.content, language)}</code></pre>\n`
  }
  md.renderer.rules.code_block = (tokens, index) => `<pre class="code"><code class="hljs">${escapeHtml(tokens[index]!.content)}</code></pre>\n`
  md.renderer.rules.code_inline = (tokens, index) => `<code>${breakableCode(tokens[index]!.content)}</code>`
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n'
  md.renderer.rules.table_close = () => '</table></div>\n'
  instance = md
  return md
}

/**
 * Inline code may wrap only after punctuation (`f({` | `options})`), so a long call fits a phone's
 * width without a break inside an identifier and without scrolling the page sideways.
 */
export function breakableCode(text: string): string {
  return text
    .split(/(?<=[({[,./:=])(?=[A-Za-z_$({[])/)
    .map(escapeHtml)
    .join('<wbr>')
}

export function renderHtml(source: string, options: HtmlOptions = {}): RenderedMarkdown {
  const md = renderer()
  const tokens = md.parse(source, {})
  const nextId = options.ids ?? slugger()
  const headings: Heading[] = []
  const offset = options.headingOffset ?? 0
  let diagrams = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.type === 'fence' && token.info.trim().startsWith('mermaid')) diagrams++
    if (token.type === 'heading_open') {
      const text = tokens[i + 1]?.children?.map((child) => child.content).join('') ?? ''
      const id = nextId(text)
      const level = Math.min(6, Number(token.tag.slice(1)) + offset)
      token.tag = `h${level}`
      tokens[i + 2]!.tag = `h${level}`
      token.attrSet('id', id)
      headings.push({level, text, id})
    }
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type !== 'link_open') continue
        const href = child.attrGet('href') ?? ''
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) child.attrSet('rel', 'noopener')
        else if (options.resolveLink) child.attrSet('href', options.resolveLink(href))
      }
    }
  }
  return {html: md.renderer.render(tokens, md.options, {}), headings, diagrams}
}
