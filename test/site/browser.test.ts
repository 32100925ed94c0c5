import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {chromium, type Browser, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCourse} from '../../src/core/catalog/load.js'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {listPages} from './site-files.js'

/**
 * The website in a real browser: Debian's chromium, driven by playwright-core, against the site
 * served by `course docs serve`. Every page must load without console errors or outside requests,
 * every mermaid block must become an SVG, and nothing may overflow a phone's width. Screenshots go
 * to test/artifacts/screenshots for a person to look at.
 *
 * Without a browser on the machine this suite is skipped, unless COURSE_REQUIRE_BROWSER is set
 * (CI sets it after installing chromium), where a missing browser is a failure.
 */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const available = existsSync(EXECUTABLE)
const required = Boolean(process.env.COURSE_REQUIRE_BROWSER)
const SCREENSHOTS = path.join(ROOT, 'test', 'artifacts', 'screenshots')

// Flags for a headless browser on a closed network: no first-run, no background fetches.
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

describe.skipIf(!available && !required)('the website in a real browser', () => {
  let site: string
  let server: ChildProcess
  let base: string
  let browser: Browser

  beforeAll(async () => {
    if (!available) throw new Error(`no browser at ${EXECUTABLE}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`)
    site = path.join(tempDir({scope: 'file'}), 'site')
    // With the write-ups, so every diagram of the course is drawn here (most live in them).
    expect(runCli(['docs', 'build', '--out', site, '--with-solutions'], {timeoutMs: 150_000}).code).toBe(0)
    server = spawn(process.execPath, [BIN, 'docs', 'serve', '--dir', site, '--port', '0'], {stdio: ['ignore', 'pipe', 'pipe']})
    base = await new Promise<string>((resolve, reject) => {
      let output = ''
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0]
        if (url) resolve(url)
      })
      server.once('exit', (code) => reject(new Error(`course docs serve exited ${code}: ${output}`)))
    })
    browser = await chromium.launch({executablePath: EXECUTABLE, args: ARGS})
    mkdirSync(SCREENSHOTS, {recursive: true})
    // The build runs every lab for its page.
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
  })

  /** Opens a page, recording console errors, uncaught exceptions and requests that leave the site. */
  async function open(page: Page, relative: string) {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`exception: ${error.message}`))
    // Also a request the browser makes by itself, such as for an icon.
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`)
    })
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(base) || url.startsWith('data:')) return route.continue()
      problems.push(`outside request: ${url}`)
      return route.abort()
    })
    const response = await page.goto(new URL(relative, base).href, {waitUntil: 'load'})
    expect(response?.status(), relative).toBe(200)
    const diagrams = await page.locator('pre.mermaid').count()
    if (diagrams > 0) await page.waitForFunction(() => document.documentElement.dataset.diagrams !== undefined, null, {timeout: 30_000})
    return {problems, diagrams}
  }

  it('loads every page without errors, and draws every diagram as an SVG', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}})
    const report: string[] = []
    let drawn = 0
    for (const relative of listPages(site)) {
      const page = await context.newPage()
      const {problems, diagrams} = await open(page, relative)
      if (diagrams > 0) {
        expect(await page.evaluate(() => document.documentElement.dataset.diagrams), relative).toBe('drawn')
        const svgs = await page.locator('pre.mermaid > svg').count()
        expect(svgs, `${relative}: ${svgs} of ${diagrams} diagrams drawn`).toBe(diagrams)
        // mermaid draws an error picture instead of throwing for some syntax errors; none may appear.
        expect(await page.locator('pre.mermaid svg[aria-roledescription="error"]').count(), relative).toBe(0)
        drawn += svgs
      }
      report.push(...problems.map((p) => `${relative}: ${p}`))
      await page.close()
    }
    await context.close()
    expect(report).toEqual([])
    const written = listPages(site).reduce((sum, relative) => sum + readFileSync(path.join(site, relative), 'utf8').split('<pre class="mermaid">').length - 1, 0)
    expect(written).toBeGreaterThan(50)
    expect(drawn).toBe(written)
  }, 300_000)

  it('follows the internal links of the home page to real pages', async () => {
    const page = await browser.newPage()
    await open(page, 'index.html')
    const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href))
    const internal = [...new Set(hrefs.filter((h) => h.startsWith(base)).map((h) => h.split('#')[0]!))]
    expect(internal.length).toBeGreaterThan(20)
    for (const href of internal) expect((await page.request.get(href)).status(), href).toBe(200)
    await page.close()
  })

  it('fits a phone screen: no sideways scrolling, a menu that opens', async () => {
    const context = await browser.newContext({viewport: {width: 390, height: 844}, deviceScaleFactor: 2, isMobile: true, hasTouch: true})
    const page = await context.newPage()
    for (const relative of ['index.html', 'units/load-balancer.html', 'schemas/video-pipeline.html', 'cli.html']) {
      await open(page, relative)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, relative).toBeLessThanOrEqual(1)
    }
    await open(page, 'units/load-balancer.html')
    await expect(page.locator('#sidebar').isVisible()).resolves.toBe(false)
    await page.locator('button.menu').click()
    await expect(page.locator('#sidebar').isVisible()).resolves.toBe(true)
    await page.locator('button.menu').click()
    await open(page, 'index.html')
    await page.screenshot({path: path.join(SCREENSHOTS, 'home-phone.png'), fullPage: false})
    await context.close()
  }, 120_000)

  /** The smallest label of each drawn diagram on the page, in CSS pixels as the reader sees it. */
  function smallestLabels(page: Page) {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('pre.mermaid > svg')).map((svg) => {
        const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width
        const sizes = Array.from(svg.querySelectorAll('text, .nodeLabel, .edgeLabel')).map((label) => Number.parseFloat(getComputedStyle(label).fontSize) * scale)
        return Math.min(...sizes)
      }),
    )
  }

  it('draws diagrams with readable labels, on a phone too, scrolling them sideways when wide', async () => {
    for (const viewport of [{width: 1280, height: 900}, {width: 390, height: 844}]) {
      const context = await browser.newContext({viewport})
      const page = await context.newPage()
      for (const relative of ['index.html', 'units/load-balancer.html', 'units/aggregation.html']) {
        await open(page, relative)
        const labels = await smallestLabels(page)
        expect(labels.length, relative).toBeGreaterThan(0)
        for (const size of labels) expect(size, `${relative} at ${viewport.width} px`).toBeGreaterThanOrEqual(11)
        // The figure scrolls, not the page.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), relative).toBeLessThanOrEqual(1)
      }
      // The load balancer's first diagram is wider than a phone: its figure scrolls and takes focus.
      if (viewport.width === 390) {
        const figure = page.locator('figure.diagram').first()
        expect(await figure.evaluate((f) => f.scrollWidth > f.clientWidth)).toBe(true)
        expect(await figure.getAttribute('tabindex')).toBe('0')
      }
      await context.close()
    }
  }, 120_000)

  it("draws each lab's charts with readable labels, scrolling sideways on a phone", async () => {
    for (const viewport of [{width: 1280, height: 900}, {width: 390, height: 844}]) {
      const context = await browser.newContext({viewport})
      const page = await context.newPage()
      for (const relative of ['units/load-balancer.html', 'units/video-pipeline.html']) {
        await open(page, relative)
        const sizes = await page.evaluate(() =>
          Array.from(document.querySelectorAll('figure.lab-figure svg')).flatMap((svg) => {
            const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width
            return Array.from(svg.querySelectorAll('text')).map((label) => Number.parseFloat(getComputedStyle(label).fontSize) * scale)
          }),
        )
        expect(sizes.length, relative).toBeGreaterThan(0)
        expect(Math.min(...sizes), `${relative} at ${viewport.width} px`).toBeGreaterThanOrEqual(11)
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), relative).toBeLessThanOrEqual(1)
        if (viewport.width === 390) await page.locator('div.lab').screenshot({path: path.join(SCREENSHOTS, `${relative.replace(/\W+/g, '-')}-lab-phone.png`)})
      }
      await context.close()
    }
  }, 120_000)

  it('stops a heading reached by its anchor below the sticky top bar', async () => {
    for (const viewport of [{width: 1280, height: 900}, {width: 390, height: 844}]) {
      const context = await browser.newContext({viewport})
      const page = await context.newPage()
      await open(page, 'units/load-balancer.html')
      const target = viewport.width === 1280 ? page.locator('.toc a[href="#hints"]') : undefined
      if (target) await target.click()
      else await page.evaluate(() => (window.location.hash = '#hints'))
      await page.waitForFunction(() => window.scrollY > 0)
      const {heading, bar} = await page.evaluate(() => ({
        heading: document.getElementById('hints')!.getBoundingClientRect().top,
        bar: document.querySelector('.topbar')!.getBoundingClientRect().bottom,
      }))
      expect(heading, `at ${viewport.width} px`).toBeGreaterThanOrEqual(bar)
      expect(heading, `at ${viewport.width} px`).toBeLessThan(bar + 60)
      await context.close()
    }
  })

  it('serves an icon, so the browser asks for nothing that is missing', async () => {
    const page = await browser.newPage()
    const {problems} = await open(page, 'index.html')
    const icon = await page.request.get(new URL('favicon.ico', base).href)
    expect(icon.status()).toBe(200)
    expect(icon.headers()['content-type']).toBe('image/x-icon')
    expect((await icon.body()).readUInt16LE(2)).toBe(1)
    const svg = await page.request.get(new URL(await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href') as string, page.url()).href)
    expect(svg.status()).toBe(200)
    expect(svg.headers()['content-type']).toBe('image/svg+xml')
    expect(problems).toEqual([])
    await page.close()
  })

  it('links every unit on the map to its page', async () => {
    const units = loadCourse().units
    const page = await browser.newPage({viewport: {width: 1280, height: 900}})
    await open(page, 'index.html')
    const map = page.locator('figure.diagram svg')
    for (const unit of units) expect(await map.locator(`a[href="units/${unit.id}.html"]`).count(), unit.id).toBe(1)
    const last = units.at(-1)!
    const link = map.locator(`a[href="units/${last.id}.html"]`)
    await link.scrollIntoViewIfNeeded()
    await link.click()
    await page.waitForURL(`**/units/${last.id}.html`)
    expect(await page.locator('h1').textContent()).toContain(last.title)
    await page.close()
  })

  it('shows the schema fields on a phone, meaning included, without breaking a name inside a word', async () => {
    const context = await browser.newContext({viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true})
    const page = await context.newPage()
    await open(page, 'schemas/video-pipeline.html')
    const meaning = page.locator('table.fields td.f-meaning').nth(1)
    expect(await meaning.isVisible()).toBe(true)
    const box = (await meaning.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    expect(box.width).toBeGreaterThan(200)
    const wrap = page.locator('.table-wrap:has(table.fields)')
    expect(await wrap.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(1)
    await context.close()
    // Every piece of a field name between its break points, and every word of inline code, sits on one line.
    for (const viewport of [{width: 1280, height: 900}, {width: 390, height: 844}]) {
      const context = await browser.newContext({viewport})
      const page = await context.newPage()
      for (const relative of ['schemas/video-pipeline.html', 'schemas/thundering-herd.html', 'cli.html']) {
        await open(page, relative)
        const broken = await page.evaluate(() => {
          const pieces = Array.from(document.querySelectorAll('.field-path span, code .word')).flatMap((element) => Array.from(element.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE))
          return pieces.flatMap((node) => {
            const range = document.createRange()
            range.selectNodeContents(node)
            const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)))
            return lines.size > 1 ? [node.textContent] : []
          })
        })
        expect(broken, `${relative} at ${viewport.width} px`).toEqual([])
      }
      await context.close()
    }
  }, 120_000)

  it('writes screenshots of the home page and an exercise page', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}})
    const page = await context.newPage()
    await open(page, 'index.html')
    await page.screenshot({path: path.join(SCREENSHOTS, 'home.png'), fullPage: true})
    await open(page, 'units/load-balancer.html')
    await page.screenshot({path: path.join(SCREENSHOTS, 'exercise-load-balancer.png'), fullPage: false})
    await open(page, 'schemas/video-pipeline.html')
    await page.screenshot({path: path.join(SCREENSHOTS, 'schema-video-pipeline.png'), fullPage: false})
    await context.close()
    for (const name of ['home.png', 'exercise-load-balancer.png', 'schema-video-pipeline.png', 'home-phone.png']) expect(existsSync(path.join(SCREENSHOTS, name)), name).toBe(true)
  }, 120_000)
})
