import type {Unit} from '../catalog/model.js'
import type {LabBlock} from '../../kit/lab.js'
import {highlight} from './highlight.js'
import {labFiguresHtml} from './lab-figures.js'
import {escapeHtml, slugger} from './html.js'
import {renderHtml} from './markdown-html.js'
import {relativeHref, sitePaths, type SitePage} from './page.js'

export interface UnitPageInput {
  readonly unit: Unit
  readonly total: number
  /** The learner text, markdown. */
  readonly text: string
  /** The reference write-up, only when the site is built with solutions. */
  readonly solution?: string
  /** The starter workspace's files, as the learner receives them. */
  readonly starter: ReadonlyArray<{readonly name: string; readonly content: string}>
  /** Titles of the prerequisite units, by id. */
  readonly titles: ReadonlyMap<string, string>
  /** What the unit's lab shows with its defaults (`course run <unit>`), drawn as on the terminal. */
  readonly lab?: {readonly summary: string; readonly mine: boolean; readonly blocks: readonly LabBlock[]}
}

const KIND_WORDS: Record<Unit['kind'], string> = {
  lesson: 'Lesson',
  design: 'Design exercise',
  code: 'Coding exercise',
  thought: 'Thought experiment',
  reflection: 'Reflection',
  challenge: 'Challenge',
}

function languageOf(file: string): string {
  return file.split('.').pop() ?? ''
}

/** A unit's page: where it sits in the course, its text, how to start, hints, and the write-up if asked. */
export function unitPage(input: UnitPageInput): SitePage {
  const {unit} = input
  const here = sitePaths.unit(unit.id)
  const ids = slugger()
  const text = renderHtml(input.text, {ids})
  const parts: string[] = []
  parts.push(
    `<p class="crumbs"><span>Unit ${unit.position} of ${input.total}</span><span class="badge badge-${unit.kind}">${KIND_WORDS[unit.kind]}</span><span>${escapeHtml(unit.difficulty)}</span><span>about ${unit.estimated_minutes} min</span>${unit.optional ? '<span>optional</span>' : ''}</p>`,
  )
  parts.push(text.html)
  const prerequisites = unit.prerequisites.map((id) => `<a href="${escapeHtml(relativeHref(here, sitePaths.unit(id)))}">${escapeHtml(input.titles.get(id) ?? id)}</a>`)
  const headings = [...text.headings]
  const section = (wanted: string, title: string) => {
    const id = ids(wanted)
    headings.push({level: 2, text: title, id})
    parts.push(`<h2 id="${id}">${escapeHtml(title)}</h2>`)
  }
  if (input.starter.length > 0 || unit.kind !== 'lesson') {
    section('work-on-it', 'Work on it')
    parts.push(`<div class="panel"><p>In a terminal, with the course installed:</p><pre class="code"><code class="hljs">${highlight(`course start ${unit.id}\ncourse check ${unit.id}`, 'sh')}</code></pre>`)
    parts.push(`<p><code>course start</code> makes a workspace with ${input.starter.length > 0 ? 'the files below' : 'a state file'}; <code>course check</code> runs the visible checks and says what to look at next; <code>course hint ${escapeHtml(unit.id)}</code> gives one hint at a time.</p></div>`)
    if (prerequisites.length > 0) parts.push(`<p>Worth reading first: ${prerequisites.join(', ')}.</p>`)
    if (unit.files.schema) parts.push(`<p>The design document's fields, types and units: <a href="${escapeHtml(relativeHref(here, sitePaths.schema(unit.id)))}">schema reference</a>.</p>`)
    for (const file of input.starter) {
      parts.push(`<details><summary>Starter file <code>${escapeHtml(file.name)}</code></summary><pre class="code" data-language="${escapeHtml(languageOf(file.name))}"><code class="hljs">${highlight(file.content, languageOf(file.name))}</code></pre></details>`)
    }
  }
  if (input.lab) {
    section('lab', 'Lab: see it run')
    const command = `course run ${unit.id}`
    parts.push(`<p>${escapeHtml(input.lab.summary)} In a terminal: <code>${escapeHtml(command)}</code>${input.lab.mine ? ` (add <code>--mine</code> to run your own work instead of the course's reference)` : ''}. What the reference shows with the defaults:</p>`)
    parts.push(`<div class="lab">${labFiguresHtml(input.lab.blocks)}</div>`)
  }
  if (unit.hints.length > 0) {
    section('hints', 'Hints')
    parts.push('<p>Open them one at a time, gentlest first.</p>')
    unit.hints.forEach((hint, index) => parts.push(`<details><summary>Hint ${index + 1}</summary>${renderHtml(hint).html}</details>`))
  }
  let diagrams = text.diagrams
  if (input.solution !== undefined) {
    const solution = renderHtml(input.solution, {headingOffset: 2, ids})
    diagrams += solution.diagrams
    section('reference-write-up', 'Reference write-up')
    parts.push(`<div class="solution">${solution.html}</div>`)
  }
  return {path: here, title: unit.title, description: unit.summary, body: parts.join('\n'), toc: headings, diagrams}
}
