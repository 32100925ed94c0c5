import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'

/** Every HTML page of a built site, as paths relative to it (`units/x.html`). */
export function listPages(site: string, dir = ''): string[] {
  return readdirSync(path.join(site, dir)).flatMap((name) => {
    const relative = dir ? `${dir}/${name}` : name
    if (statSync(path.join(site, relative)).isDirectory()) return listPages(site, relative)
    return name.endsWith('.html') ? [relative] : []
  })
}

const idsCache = new Map<string, Set<string>>()

function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file)
  if (!ids) {
    ids = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))
    idsCache.set(file, ids)
  }
  return ids
}

/** The page's links and assets inside the site, each checked: the file exists, and so does the fragment. */
export function internalLinks(site: string, page: string): Array<{href: string; ok: boolean}> {
  const html = readFileSync(path.join(site, page), 'utf8')
  const targets = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
  return targets
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//'))
    .map((href) => {
      const [file, fragment] = href.split('#') as [string, string | undefined]
      const target = file ? path.join(site, path.dirname(page), decodeURIComponent(file)) : path.join(site, page)
      const ok = existsSync(target) && statSync(target).isFile() && (!fragment || !target.endsWith('.html') || idsOf(target).has(decodeURIComponent(fragment)))
      return {href, ok}
    })
}
