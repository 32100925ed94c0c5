import type {Unit, UnitKind} from '../catalog/model.js'
import {escapeHtml} from './html.js'
import {renderHtml} from './markdown-html.js'
import {relativeHref, sitePaths, type SitePage} from './page.js'

export interface HomePageInput {
  readonly title: string
  /** The welcome text, markdown. */
  readonly intro: string
  readonly units: readonly Unit[]
  readonly guides: ReadonlyArray<{readonly title: string; readonly path: string; readonly summary: string}>
}

/** Parts of the course on the home page, in this order; a kind missing from the course is left out. */
const PARTS: ReadonlyArray<{readonly kind: UnitKind; readonly title: string; readonly blurb: string}> = [
  {kind: 'lesson', title: 'Start here', blurb: 'The ideas the rest of the course stands on.'},
  {kind: 'code', title: 'Build it', blurb: 'Code that runs, checked by visible examples and graded on hidden cases.'},
  {kind: 'design', title: 'Design it', blurb: 'Design documents checked against a schema and against the numbers: capacity, cost, deadlines.'},
  {kind: 'thought', title: 'Think it through', blurb: 'Thought experiments: estimate first, then choose and defend a fix.'},
  {kind: 'reflection', title: 'Reflect', blurb: 'When distributing work is the wrong answer.'},
  {kind: 'challenge', title: 'Go further', blurb: 'Optional challenges for after the course.'},
]

/** Parts that can be taken in any order once the first lesson is read. */
const PRACTICE: ReadonlySet<UnitKind> = new Set(['code', 'design', 'thought'])

/**
 * The course map as a mermaid flowchart: a box per part listing its units, and arrows for the
 * suggested route. The practice parts need only the first lesson, so they sit side by side. (Boxes
 * per unit inside subgraphs sprawl: mermaid drops a subgraph's direction once arrows reach it.)
 *
 * With `link`, each unit's line is a link to its page, written into the label as HTML. Mermaid's
 * `click` directives would need securityLevel 'loose' (which lets a diagram run script); in the
 * default 'strict' level a label's HTML is sanitised, and a plain relative link survives that.
 */
export function courseMap(units: readonly Unit[], link?: (unit: Unit) => string): string {
  const text = (value: string) => value.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')
  const present = PARTS.filter((part) => units.some((u) => u.kind === part.kind))
  const lines = ['flowchart TB']
  for (const part of present) {
    const members = units
      .filter((u) => u.kind === part.kind)
      .map((u) => (link ? `<a href='${text(link(u))}'>${u.position}. ${text(u.title)}</a>` : `${u.position}. ${text(u.title)}`))
    lines.push(`  ${part.kind}["<b>${text(part.title)}</b><br>${members.join('<br>')}"]`)
  }
  const practice = present.filter((p) => PRACTICE.has(p.kind))
  const before = present.filter((p) => !PRACTICE.has(p.kind) && present.indexOf(p) < present.indexOf(practice[0]!))
  const after = present.filter((p) => !PRACTICE.has(p.kind) && !before.includes(p))
  // The route: the lessons, then every practice part, then what follows them, one after another.
  const chain = [...before.map((p) => [p.kind]), practice.map((p) => p.kind), ...after.map((p) => [p.kind])].filter((step) => step.length > 0)
  chain.slice(1).forEach((step, index) => {
    for (const from of chain[index]!) for (const to of step) lines.push(`  ${from} --> ${to}`)
  })
  return lines.join('\n')
}

export function homePage(input: HomePageInput): SitePage {
  const here = sitePaths.home
  const intro = renderHtml(input.intro)
  const first = input.units[0]
  const parts: string[] = [`<div class="hero">${intro.html}</div>`]
  parts.push(
    `<p class="start">${first ? `<a class="button" href="${escapeHtml(relativeHref(here, sitePaths.unit(first.id)))}">Start with ${escapeHtml(first.title)}</a>` : ''}${input.guides.map((g) => `<a class="button secondary" href="${escapeHtml(relativeHref(here, g.path))}">${escapeHtml(g.title)}</a>`).join('')}</p>`,
  )
  parts.push('<h2 id="map">The map</h2>', `<figure class="diagram"><pre class="mermaid">${escapeHtml(courseMap(input.units, (u) => relativeHref(here, sitePaths.unit(u.id))))}</pre></figure>`)
  const toc = [{level: 2, text: 'The map', id: 'map'}]
  for (const part of PARTS) {
    const members = input.units.filter((u) => u.kind === part.kind)
    if (members.length === 0) continue
    toc.push({level: 2, text: part.title, id: `part-${part.kind}`})
    parts.push(`<h2 id="part-${part.kind}">${escapeHtml(part.title)}</h2><p>${escapeHtml(part.blurb)}</p>`)
    parts.push(
      `<ul class="cards">${members
        .map(
          (u) =>
            `<li><a class="card" href="${escapeHtml(relativeHref(here, sitePaths.unit(u.id)))}"><span class="number">Unit ${u.position}</span><strong>${escapeHtml(u.title)}</strong><p>${escapeHtml(u.summary)}</p><span class="meta"><span class="badge badge-${u.kind}">${u.kind}</span>${escapeHtml(u.difficulty)} · ${u.estimated_minutes} min${u.optional ? ' · optional' : ''}</span></a></li>`,
        )
        .join('')}</ul>`,
    )
  }
  return {path: here, title: input.title, description: input.units[0]?.summary, body: parts.join('\n'), toc, diagrams: intro.diagrams + 1}
}
