import {highlight} from './highlight.js'
import {escapeHtml} from './html.js'
import {relativeHref, sitePaths, type SitePage} from './page.js'
import {schemaFields, type FieldRow} from './schema-reference.js'

export interface SchemaPageInput {
  /** The unit whose design document the schema describes. */
  readonly unit: {readonly id: string; readonly title: string}
  readonly schema: Record<string, unknown>
  /** The starter document, as a starting point to read beside the fields. */
  readonly starter?: {readonly name: string; readonly content: string}
}

function fieldRow(row: FieldRow): string {
  const notes = [
    ...(row.constraints.length > 0 ? [row.constraints.join('; ')] : []),
    ...(row.unit?.example ? [`any unit of its kind, e.g. <code>${escapeHtml(row.unit.example)}</code>`] : []),
    ...(row.examples.length > 0 ? [`example: ${row.examples.map((e) => `<code>${escapeHtml(e)}</code>`).join(', ')}`] : []),
  ]
  // The depth indents the field (or, on a phone, where rows become cards, the whole card).
  return `<tr style="--depth: ${row.depth}"><td class="f-path"><span class="field-path">${breakable(row.path)}</span>${row.when ? `<span class="field-when">when ${inlineCode(row.when)}</span>` : ''}</td><td class="f-type">${escapeHtml(row.type)}${row.unit ? `<br><span class="field-notes">${escapeHtml(row.unit.kind)}</span>` : ''}</td><td class="f-presence">${row.required ? '<span class="required">required</span>' : 'optional'}</td><td class="f-meaning">${escapeHtml(row.description ?? '')}${notes.length > 0 ? `<span class="field-notes">${notes.join(' · ')}</span>` : ''}</td></tr>`
}

/**
 * A field path that wraps only where a reader sees a word end, never in the middle of a word: each
 * dotted part is a span the stylesheet keeps whole where it fits (so lines break at the dots
 * first), and only a part too long for the column wraps, after one of its underscores.
 */
export function breakable(fieldPath: string): string {
  return fieldPath
    .split(/(?<=\.)/)
    .map((part) => `<span>${escapeHtml(part).replace(/_/g, '_<wbr>')}</span>`)
    .join('')
}

/** `a` is `b` → a with its backticks as code, the rest escaped. */
function inlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')
}

/** The reference page of one design schema: every field, and the document to start from. */
export function schemaPage(input: SchemaPageInput): SitePage {
  const here = sitePaths.schema(input.unit.id)
  const {schema} = input
  const title = typeof schema.title === 'string' ? schema.title : `${input.unit.title}: design document`
  const rows = schemaFields(schema)
  const body = [
    `<p class="crumbs"><span>Schema reference</span><span>for <a href="${escapeHtml(relativeHref(here, sitePaths.unit(input.unit.id)))}">${escapeHtml(input.unit.title)}</a></span></p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    typeof schema.description === 'string' ? `<p>${escapeHtml(schema.description)}</p>` : '',
    `<p>A design document is YAML or JSON. <code>course validate</code> checks it against this schema and says where a field is wrong, with line and column; quantities are strings with units (<code>"20 min"</code>, <code>"10000 videos/day"</code>) and any unit of the right kind is accepted. The schema itself: <a href="${escapeHtml(relativeHref(here, sitePaths.schemaFile(input.unit.id)))}">${escapeHtml(input.unit.id)}.schema.json</a>.</p>`,
    '<h2 id="fields">Fields</h2>',
    `<div class="table-wrap"><table class="fields"><colgroup><col class="c-field"><col class="c-type"><col class="c-presence"><col class="c-meaning"></colgroup><thead><tr><th>Field</th><th>Type</th><th>Presence</th><th>Meaning</th></tr></thead><tbody>${rows.map(fieldRow).join('')}</tbody></table></div>`,
    ...(input.starter
      ? ['<h2 id="starting-document">The document you start from</h2>', `<p><code>course start ${escapeHtml(input.unit.id)}</code> writes this as <code>${escapeHtml(input.starter.name)}</code>.</p>`, `<pre class="code"><code class="hljs">${highlight(input.starter.content, input.starter.name.split('.').pop() ?? '')}</code></pre>`]
      : []),
  ].join('\n')
  const toc = [{level: 2, text: 'Fields', id: 'fields'}, ...(input.starter ? [{level: 2, text: 'The document you start from', id: 'starting-document'}] : [])]
  return {path: here, title, description: typeof schema.description === 'string' ? schema.description : undefined, body, toc, diagrams: 0}
}
