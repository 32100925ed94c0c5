import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadCourse} from '../../src/core/catalog/load.js'
import {runCli, ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {internalLinks, listPages} from './site-files.js'

/** The built site read as files: what is in it, what is kept out of it, and whether links hold. */
const course = loadCourse()
let site: string
let build: {pages: number; diagrams: number; with_solutions: boolean}

beforeAll(() => {
  site = path.join(tempDir({scope: 'file'}), 'site')
  const run = runCli(['docs', 'build', '--out', site, '--json'])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  build = JSON.parse(run.stdout)
  // Every lab runs for its page, so the build takes a while longer than writing the pages.
}, 180_000)

/** The rows of a schema page's field table: each field's path as a reader sees it, and its type cell. */
function fieldRows(html: string): Array<{path: string; type: string}> {
  return [...html.matchAll(/<td class="f-path">(.*?)<\/td><td class="f-type">(.*?)<\/td>/g)].map((m) => ({
    path: m[1]!.replace(/<span class="field-when">.*$/, '').replace(/<[^>]+>/g, ''),
    type: m[2]!,
  }))
}

/** A sentence from a write-up's body: present only in builds with solutions. */
function solutionSentence(unit: string): string {
  const text = readFileSync(path.join(ROOT, 'exercises', unit, 'solution.md'), 'utf8')
  const paragraph = text.split('\n\n').find((p) => !p.startsWith('#') && p.length > 80)!
  return paragraph.split('\n')[0]!.slice(0, 50)
}

describe('course docs build', () => {
  it('writes a home page, a page per unit, schema pages, the command reference and the guides', () => {
    const pages = listPages(site)
    expect(pages).toContain('index.html')
    for (const unit of course.units) expect(pages).toContain(`units/${unit.id}.html`)
    const designs = course.units.filter((u) => u.files.schema)
    for (const unit of designs) {
      expect(pages).toContain(`schemas/${unit.id}.html`)
      expect(existsSync(path.join(site, 'schemas', `${unit.id}.schema.json`))).toBe(true)
    }
    expect(pages).toEqual(expect.arrayContaining(['cli.html', 'guide/student.html', 'guide/instructor.html', 'guide/authoring.html']))
    expect(build.pages).toBe(pages.length)
    expect(build.with_solutions).toBe(false)
    for (const asset of ['site.css', 'site.js', 'mermaid.min.js']) expect(existsSync(path.join(site, 'assets', asset))).toBe(true)
    // The icons sit at the root, where a browser asks for favicon.ico by itself.
    expect(readFileSync(path.join(site, 'favicon.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    const ico = readFileSync(path.join(site, 'favicon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2])
    expect(readFileSync(path.join(site, 'units', 'load-balancer.html'), 'utf8')).toContain('<link rel="icon" href="../favicon.svg" type="image/svg+xml">')
  })

  it("puts each lab's charts on its unit's page, as static figures", () => {
    const labs = readdirSync(path.join(ROOT, 'graders')).filter((unit) => existsSync(path.join(ROOT, 'graders', unit, 'lab', 'lab.json')))
    expect(labs.length).toBeGreaterThan(0)
    for (const unit of labs) {
      const html = readFileSync(path.join(site, 'units', `${unit}.html`), 'utf8')
      expect(html, unit).toContain('<h2 id="lab">')
      // Inline code is marked up to break only between words, so compare the text.
      expect(html.replace(/<[^>]+>/g, ''), unit).toContain(`course run ${unit}`)
      const start = html.indexOf('<div class="lab">')
      const lab = html.slice(start, html.indexOf('<h2', start) === -1 ? html.indexOf('</main>', start) : html.indexOf('<h2', start))
      expect(lab.match(/<figure class="lab-figure"|<table class="lab-table">/g)?.length ?? 0, unit).toBeGreaterThan(0)
      expect(lab, unit).not.toContain('<script')
    }
  })

  it('keeps every internal link and fragment pointing at something that exists', () => {
    const broken = listPages(site).flatMap((page) => internalLinks(site, page).filter((link) => !link.ok).map((link) => `${page} → ${link.href}`))
    expect(broken).toEqual([])
  })

  it('loads nothing from outside the site', () => {
    for (const page of listPages(site)) {
      const html = readFileSync(path.join(site, page), 'utf8')
      expect(html, page).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//)
    }
    // mermaid itself may mention addresses in strings, but must not be loaded from one.
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('src="assets/mermaid.min.js"')
  })

  it('draws the map of units and puts every unit on it', () => {
    const home = readFileSync(path.join(site, 'index.html'), 'utf8')
    expect(home).toContain('<pre class="mermaid">flowchart TB')
    for (const unit of course.units) expect(home).toContain(`href="units/${unit.id}.html"`)
    // Each unit's line on the map links to its page (HTML in the label, escaped in the source).
    for (const unit of course.units) expect(home).toContain(`&lt;a href=&#39;units/${unit.id}.html&#39;&gt;`)
  })

  it('documents every field of a design schema with its kind of quantity', () => {
    const page = readFileSync(path.join(site, 'schemas', 'video-pipeline.html'), 'utf8')
    const rows = fieldRows(page)
    for (const field of ['assumptions.arrival_rate', 'capacity', 'job_graph', 'sla_check']) expect(rows.map((r) => r.path)).toContain(field)
    expect(rows.find((r) => r.path === 'assumptions.arrival_rate')?.type).toBe('quantity<br><span class="field-notes">rate</span>')
    // A name may wrap only after a dot (between parts) or an underscore, never inside a word.
    expect(page).toContain('<span class="field-path"><span>assumptions.</span><span>arrival_<wbr>rate</span></span>')
    const thundering = readFileSync(path.join(site, 'schemas', 'thundering-herd.html'), 'utf8')
    expect(thundering).toContain('when <code>choice</code> is <code>long_polling</code>')
  })

  it('documents every command from its own metadata', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {summary?: string}>}
    const page = readFileSync(path.join(site, 'cli.html'), 'utf8')
    for (const [id, command] of Object.entries(manifest.commands)) {
      expect(page).toContain(`id="command-${id.replace(/:/g, '-')}"`)
      if (command.summary) expect(page).toContain(command.summary.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;'))
    }
    expect(page).not.toContain('config.bin')
  })

  it('leaves the reference write-ups out unless asked', () => {
    const sentence = solutionSentence('load-balancer')
    const all = listPages(site).map((p) => readFileSync(path.join(site, p), 'utf8')).join('\n')
    expect(all).not.toContain('Reference write-up</h2>')
    expect(all).not.toContain(sentence)
    const withSolutions = path.join(tempDir(), 'instructor')
    const run = runCli(['docs', 'build', '--out', withSolutions, '--with-solutions', '--no-labs'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('do not publish it to learners')
    const page = readFileSync(path.join(withSolutions, 'units', 'load-balancer.html'), 'utf8')
    expect(page).toContain('Reference write-up</h2>')
    expect(page).toContain(sentence)
  })

  it('replaces an earlier build but never a folder it did not make', () => {
    const out = path.join(tempDir(), 'mine')
    mkdirSync(out)
    writeFileSync(path.join(out, 'notes.txt'), 'my notes')
    const refused = runCli(['docs', 'build', '--out', out, '--no-labs'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('was not made by `course docs build`')
    expect(refused.stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(out)).toEqual(['notes.txt'])
    const fresh = path.join(path.dirname(out), 'fresh')
    expect(runCli(['docs', 'build', '--out', fresh, '--no-labs']).code).toBe(0)
    writeFileSync(path.join(fresh, 'stale.html'), 'left over')
    expect(runCli(['docs', 'build', '--out', fresh, '--no-labs']).code).toBe(0)
    expect(existsSync(path.join(fresh, 'stale.html'))).toBe(false)
    expect(readdirSync(path.dirname(out)).filter((name) => name.includes('.partial-'))).toEqual([])
  })
})
