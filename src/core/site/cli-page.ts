/**
 * The CLI reference, written from the commands' own metadata (the manifest the build writes), so
 * it cannot drift from `--help`.
 */
import {highlight} from './highlight.js'
import {escapeHtml, slug} from './html.js'
import {sitePaths, type SitePage} from './page.js'

export interface CommandFlag {
  readonly name: string
  readonly char?: string
  readonly description?: string
  readonly type: 'boolean' | 'option'
  readonly required?: boolean
  readonly default?: unknown
  readonly options?: readonly string[]
  readonly helpValue?: string
  readonly helpGroup?: string
  readonly allowNo?: boolean
  readonly hidden?: boolean
}

export interface CommandInfo {
  readonly id: string
  readonly summary?: string
  readonly description?: string
  readonly hidden?: boolean
  readonly args?: Record<string, {readonly name: string; readonly description?: string; readonly required?: boolean}>
  readonly flags?: Record<string, CommandFlag>
  readonly examples?: ReadonlyArray<string | {readonly description?: string; readonly command: string}>
}

const bin = (text: string) => text.replace(/<%= config\.bin %>/g, 'course')

function usage(command: CommandInfo): string {
  const words = command.id.split(':')
  const args = Object.values(command.args ?? {}).map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`))
  const hasFlags = Object.values(command.flags ?? {}).some((f) => !f.hidden)
  return ['course', ...words, ...args, ...(hasFlags ? ['[flags]'] : [])].join(' ')
}

function flagCell(flag: CommandFlag): string {
  const value = flag.type === 'option' ? ` ${flag.helpValue ?? (flag.options ? flag.options.join('|') : 'VALUE')}` : ''
  return `<code>${flag.char ? `-${escapeHtml(flag.char)}, ` : ''}--${escapeHtml(flag.name)}${escapeHtml(value)}</code>`
}

function flagNotes(flag: CommandFlag): string {
  const notes = [
    ...(flag.required ? ['required'] : []),
    ...(flag.options ? [`one of ${flag.options.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}`] : []),
    ...(flag.default !== undefined && flag.default !== false ? [`default <code>${escapeHtml(String(flag.default))}</code>`] : []),
  ]
  return notes.length > 0 ? `<span class="field-notes">${notes.join(' · ')}</span>` : ''
}

function paragraphs(text: string): string {
  return bin(text)
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

function commandSection(command: CommandInfo): string {
  const id = `command-${slug(command.id)}`
  const flags = Object.values(command.flags ?? {}).filter((f) => !f.hidden)
  const args = Object.values(command.args ?? {})
  const examples = (command.examples ?? []).map((e) => (typeof e === 'string' ? {command: e} : e))
  return [
    `<section class="command"><h2 id="${id}"><code>course ${escapeHtml(command.id.replace(/:/g, ' '))}</code></h2>`,
    command.summary ? `<p><strong>${escapeHtml(bin(command.summary))}</strong></p>` : '',
    `<pre class="code"><code class="usage">${escapeHtml(usage(command))}</code></pre>`,
    command.description ? paragraphs(command.description) : '',
    args.length > 0
      ? `<div class="table-wrap"><table><thead><tr><th>Argument</th><th>Meaning</th></tr></thead><tbody>${args.map((a) => `<tr><td><code>${escapeHtml(a.name.toUpperCase())}</code>${a.required ? '' : ' (optional)'}</td><td>${escapeHtml(a.description ?? '')}</td></tr>`).join('')}</tbody></table></div>`
      : '',
    flags.length > 0
      ? `<div class="table-wrap"><table><thead><tr><th>Flag</th><th>Meaning</th></tr></thead><tbody>${flags.map((f) => `<tr><td>${flagCell(f)}</td><td>${escapeHtml(f.description ?? '')}${flagNotes(f)}</td></tr>`).join('')}</tbody></table></div>`
      : '',
    examples.length > 0
      ? `<h3 id="${id}-examples">Examples</h3>${examples.map((e) => `${e.description ? `<p>${escapeHtml(bin(e.description))}</p>` : ''}<pre class="code"><code class="hljs">${highlight(bin(e.command), 'sh')}</code></pre>`).join('\n')}`
      : '',
    '</section>',
  ].join('\n')
}

export function cliPage(commands: readonly CommandInfo[]): SitePage {
  const shown = commands.filter((c) => !c.hidden)
  const index = `<div class="table-wrap"><table><thead><tr><th>Command</th><th>What it does</th></tr></thead><tbody>${shown.map((c) => `<tr><td><a href="#command-${slug(c.id)}"><code>course ${escapeHtml(c.id.replace(/:/g, ' '))}</code></a></td><td>${escapeHtml(bin(c.summary ?? ''))}</td></tr>`).join('')}</tbody></table></div>`
  const body = [
    '<h1>Command reference</h1>',
    '<p>Every command of <code>course</code>, from the same metadata that <code>course &lt;command&gt; --help</code> prints. Commands that print data take <code>--json</code>. A user error exits 1 with a message and the next step, a wrong command line exits 2; <code>course grade</code> also exits 3 when <code>--fail-under</code> is given and a score is below it.</p>',
    index,
    ...shown.map(commandSection),
  ].join('\n')
  return {path: sitePaths.cli, title: 'Command reference', description: 'Every course command, its flags and examples.', body, toc: shown.map((c) => ({level: 2, text: `course ${c.id.replace(/:/g, ' ')}`, id: `command-${slug(c.id)}`})), diagrams: 0}
}
