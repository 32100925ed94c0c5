import path from 'node:path'
import type {Heading} from './markdown-html.js'

/** One page of the website before it is framed: where it goes, what it says. */
export interface SitePage {
  /** Path inside the site, e.g. `units/<unit>.html`. */
  readonly path: string
  readonly title: string
  readonly description?: string
  /** The page's content, HTML (framed later by the layout). */
  readonly body: string
  readonly toc?: readonly Heading[]
  readonly diagrams: number
}

/** The site paths of the pages, so every page and test agrees on them. */
export const sitePaths = {
  home: 'index.html',
  unit: (id: string) => `units/${id}.html`,
  schema: (unit: string) => `schemas/${unit}.html`,
  schemaFile: (unit: string) => `schemas/${unit}.schema.json`,
  guide: (name: string) => `guide/${name}.html`,
  cli: 'cli.html',
} as const

/** A link from one site page to another site path, relative to the first (works from disk too). */
export function relativeHref(from: string, to: string): string {
  const [target, hash] = to.split('#') as [string, string | undefined]
  const rel = target ? path.posix.relative(path.posix.dirname(from), target) || path.posix.basename(target) : ''
  return `${rel}${hash === undefined ? '' : `#${hash}`}`
}
