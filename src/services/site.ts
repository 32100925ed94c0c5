/**
 * `course docs build`: the course as a static website. Every page comes from the same data the
 * terminal shows (units, guides, schemas, the commands' metadata); the site needs no server and
 * makes no request: mermaid is copied in beside the pages.
 */
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync} from 'node:fs'
import {checkOutputFolder} from '../core/files/output-folder.js'
import path from 'node:path'
import {loadCourse, starterDir} from '../core/catalog/load.js'
import {unitMarkdown} from '../core/catalog/unit-text.js'
import {packageRoot} from '../core/catalog/paths.js'
import {UserError} from '../core/errors.js'
import {cliPage, type CommandInfo} from '../core/site/cli-page.js'
import {FAVICON_SVG, faviconIco} from '../core/site/favicon.js'
import {homePage} from '../core/site/home-page.js'
import {renderPage, type NavSection} from '../core/site/layout.js'
import {renderHtml} from '../core/site/markdown-html.js'
import {relativeHref, sitePaths, type SitePage} from '../core/site/page.js'
import {schemaPage} from '../core/site/schema-page.js'
import {unitPage, type UnitPageInput} from '../core/site/unit-page.js'
import {findLabs} from '../core/labs/lab-spec.js'
import {gradersDir} from '../core/catalog/paths.js'
import {runLab} from './lab.js'

export interface SiteBuildOptions {
  readonly out: string
  /** Include the reference write-ups (an instructor's copy, not for publishing to learners). */
  readonly withSolutions: boolean
  /** Run each unit's lab for the charts on its page (default); false for a quicker preview. */
  readonly labs?: boolean
  /** Called as each page is written. */
  readonly onProgress?: (written: number, total: number) => void
  /** Called as each unit's lab starts running for its page. */
  readonly onLab?: (unit: string, index: number, total: number) => void
}

export interface SiteBuild {
  readonly out: string
  readonly pages: number
  readonly diagrams: number
  /** Units whose page shows their lab's charts. */
  readonly labs: number
  readonly files: number
  readonly bytes: number
  readonly with_solutions: boolean
  readonly took_ms: number
}

/** The file that marks a folder as a site this command built, so a rebuild may replace it. */
export const SITE_MARKER = '.course-site'

/** Guides rendered as pages, in this order: docs file, page name, a line for the home page. */
const GUIDES = [
  {file: 'guide/student.md', name: 'student', summary: 'Install, read, start a workspace, check your work, use the calculator.'},
  {file: 'guide/instructor.md', name: 'instructor', summary: 'Grade a class in CI with shards, set up Gradescope, keep the secret secret.'},
  {file: 'authoring.md', name: 'authoring', summary: 'Write units and graders: the content format and how it is checked.'},
] as const

const ASSETS = ['site.css', 'site.js', 'mermaid.min.js'] as const

/** The icon files, at the site's root (where a browser looks for `favicon.ico` by itself). */
const ICONS: Record<string, () => string | Buffer> = {'favicon.svg': () => FAVICON_SVG, 'favicon.ico': faviconIco}

interface Guide {
  readonly title: string
  readonly path: string
  readonly summary: string
  readonly page: SitePage
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`${what} is missing: ${file}`, {code: 'site-source', next: ['Reinstall course, or restore the file from the repository.']})
  }
}

/** The first `# heading` of a markdown text, as its title. */
function titleOf(markdown: string, fallback: string): string {
  return /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? fallback
}

function loadGuides(docs: string): Guide[] {
  const byFile = new Map<string, string>(GUIDES.map((g) => [path.basename(g.file), sitePaths.guide(g.name)]))
  return GUIDES.map((guide) => {
    const source = readText(path.join(docs, guide.file), 'a guide')
    const here = sitePaths.guide(guide.name)
    const rendered = renderHtml(source, {
      // A link to another guide's markdown file goes to its page; other relative links are left alone.
      resolveLink: (href) => {
        const [file, hash] = href.split('#') as [string, string | undefined]
        const page = byFile.get(path.posix.basename(file))
        return page && file.endsWith('.md') ? relativeHref(here, hash ? `${page}#${hash}` : page) : href
      },
    })
    const title = titleOf(source, guide.name)
    return {title, path: here, summary: guide.summary, page: {path: here, title, description: guide.summary, body: rendered.html, toc: rendered.headings, diagrams: rendered.diagrams}}
  })
}

function loadCommands(root: string): CommandInfo[] {
  const file = path.join(root, 'oclif.manifest.json')
  const manifest = JSON.parse(readText(file, 'the command manifest (written by the build)')) as {commands?: Record<string, CommandInfo>}
  return Object.values(manifest.commands ?? {})
}

/** Every page of the site, and the schema files to publish beside their pages. */
function collectPages(withSolutions: boolean, labs: ReadonlyMap<string, NonNullable<UnitPageInput['lab']>>): {pages: SitePage[]; schemas: Array<{path: string; file: string}>; nav: NavSection[]; unitOrder: string[]; siteTitle: string} {
  const root = packageRoot()
  const course = loadCourse()
  const docs = path.join(root, 'docs')
  const guides = loadGuides(docs)
  const titles = new Map(course.units.map((u) => [u.id, u.title]))
  const home = homePage({title: course.title, intro: readText(path.join(docs, 'site', 'home.md'), 'the home page text'), units: course.units, guides})
  const units = course.units.map((unit) =>
    unitPage({
      unit,
      total: course.units.length,
      text: unitMarkdown(unit, 'text'),
      ...(withSolutions ? {solution: unitMarkdown(unit, 'solution')} : {}),
      starter: unit.files.starter.map((name) => ({name, content: readText(path.join(starterDir(unit), name), `a starter file of ${unit.id}`)})),
      titles,
      ...(labs.has(unit.id) ? {lab: labs.get(unit.id)!} : {}),
    }),
  )
  const withSchema = course.units.filter((u) => u.files.schema)
  const schemas = withSchema.map((unit) => {
    const file = path.join(unit.dir, unit.files.schema!)
    const starterName = unit.files.starter.find((name) => /\.(ya?ml|json)$/.test(name))
    const page = schemaPage({
      unit,
      schema: JSON.parse(readText(file, `the design schema of ${unit.id}`)) as Record<string, unknown>,
      ...(starterName ? {starter: {name: starterName, content: readText(path.join(starterDir(unit), starterName), `a starter file of ${unit.id}`)}} : {}),
    })
    return {page, file, path: sitePaths.schemaFile(unit.id), title: unit.title}
  })
  const cli = cliPage(loadCommands(root))
  const nav: NavSection[] = [
    {title: 'Course', items: [{title: 'Home', href: sitePaths.home}, ...guides.map((g) => ({title: g.title, href: g.path}))]},
    {title: 'Units', items: course.units.map((u) => ({title: `${u.position}. ${u.title}`, href: sitePaths.unit(u.id), badge: u.kind}))},
    {title: 'Reference', items: [{title: 'Commands', href: cli.path}, ...schemas.map((s) => ({title: `Schema: ${s.title}`, href: s.page.path}))]},
  ]
  return {
    pages: [home, ...units, ...schemas.map((s) => s.page), cli, ...guides.map((g) => g.page)],
    schemas: schemas.map(({path: p, file}) => ({path: p, file})),
    nav,
    unitOrder: units.map((u) => u.path),
    siteTitle: course.title.split(':')[0]!.trim(),
  }
}

/**
 * Every unit's lab, run with its defaults on the course's reference, for the unit's page: the
 * charts on the site are the terminal's, drawn from the same result. A lab that cannot run stops
 * the build (`course dev check` runs them too), rather than publishing a page without its charts.
 */
async function runLabsForPages(options: SiteBuildOptions): Promise<Map<string, NonNullable<UnitPageInput['lab']>>> {
  const specs = findLabs(gradersDir())
  const labs = new Map<string, NonNullable<UnitPageInput['lab']>>()
  for (const [index, spec] of specs.entries()) {
    options.onLab?.(spec.unit, index, specs.length)
    try {
      const blocks = []
      for (const flags of spec.on_site ?? [{}]) blocks.push(...(await runLab(spec, flags, {cwd: process.cwd()})).blocks)
      labs.set(spec.unit, {summary: spec.summary, mine: spec.uses !== undefined, blocks})
    } catch (error) {
      throw new UserError(`the lab of ${spec.unit} did not run for its page: ${(error as Error).message}`, {code: 'site-lab', next: [`Run \`course run ${spec.unit}\` to see the error in full.`]})
    }
  }
  return labs
}

/** Refuses to replace a folder that holds anything but an earlier build. */
function checkOut(out: string): void {
  checkOutputFolder(out, '--out')
  if (!existsSync(out)) return
  if (!statSync(out).isDirectory()) throw new UserError(`${out} is a file; the site needs a folder`, {code: 'site-out', next: ['Choose another --out.']})
  if (readdirSync(out).length > 0 && !existsSync(path.join(out, SITE_MARKER))) {
    throw new UserError(`${out} is not empty and was not made by \`course docs build\`; nothing was written`, {
      code: 'site-out',
      next: ['Choose an empty or new folder with --out, or empty this one first.'],
    })
  }
}

export async function buildSite(options: SiteBuildOptions): Promise<SiteBuild> {
  const started = performance.now()
  const out = path.resolve(options.out)
  checkOut(out)
  const assetsDir = path.join(packageRoot(), 'dist', 'site-assets')
  const missing = ASSETS.filter((a) => !existsSync(path.join(assetsDir, a)))
  if (missing.length > 0) throw new UserError(`the website's assets are missing (${missing.join(', ')})`, {code: 'site-assets', next: ['Run `npm run build` in the course folder.']})

  const labs = options.labs === false ? new Map() : await runLabsForPages(options)
  const {pages, schemas, nav, unitOrder, siteTitle} = collectPages(options.withSolutions, labs)
  // Written beside the target and swapped in at the end: a failed build leaves the old site whole.
  const staging = `${out}.partial-${process.pid}`
  rmSync(staging, {recursive: true, force: true})
  let bytes = 0
  const write = (relative: string, content: string | Buffer) => {
    const file = path.join(staging, relative)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, content)
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length
  }
  try {
    pages.forEach((page, index) => {
      const order = unitOrder.indexOf(page.path)
      const item = (p: string | undefined) => {
        const target = pages.find((candidate) => candidate.path === p)
        return target ? {title: target.title, href: target.path} : undefined
      }
      const previous = order >= 0 ? (order === 0 ? {title: 'Home', href: sitePaths.home} : item(unitOrder[order - 1])) : undefined
      const next = order >= 0 ? item(unitOrder[order + 1]) : undefined
      write(page.path, renderPage({path: page.path, title: page.title, siteTitle, nav, body: page.body, diagrams: page.diagrams > 0, ...(page.description ? {description: page.description} : {}), ...(page.toc ? {toc: page.toc} : {}), ...(previous ? {previous} : {}), ...(next ? {next} : {})}))
      options.onProgress?.(index + 1, pages.length)
    })
    for (const schema of schemas) write(schema.path, readFileSync(schema.file))
    mkdirSync(path.join(staging, 'assets'), {recursive: true})
    for (const asset of ASSETS) {
      copyFileSync(path.join(assetsDir, asset), path.join(staging, 'assets', asset))
      bytes += statSync(path.join(assetsDir, asset)).size
    }
    for (const [name, content] of Object.entries(ICONS)) write(name, content())
    write(SITE_MARKER, `${JSON.stringify({with_solutions: options.withSolutions, pages: pages.length}, null, 2)}\n`)
    rmSync(out, {recursive: true, force: true})
    renameSync(staging, out)
  } catch (error) {
    rmSync(staging, {recursive: true, force: true})
    throw error
  }
  return {
    out,
    pages: pages.length,
    diagrams: pages.reduce((sum, p) => sum + p.diagrams, 0),
    labs: labs.size,
    files: pages.length + schemas.length + ASSETS.length + Object.keys(ICONS).length,
    bytes,
    with_solutions: options.withSolutions,
    took_ms: Math.round(performance.now() - started),
  }
}
