import {paint} from '../../core/markdown/ansi.js'
import type {SiteBuild} from '../../services/site.js'

/** The closing line of `course docs build`. */
export function formatSiteBuild(build: SiteBuild, options: {color: boolean}): string {
  const size = build.bytes >= 1024 * 1024 ? `${(build.bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(build.bytes / 1024)} KiB`
  return [
    paint(`Built ${build.pages} pages (${build.diagrams} diagrams, ${build.labs} labs) in ${build.took_ms} ms: ${build.out}`, ['bold'], options.color),
    `${build.files} files, ${size}${build.with_solutions ? '; includes the reference write-ups: do not publish it to learners' : ''}`,
    `Open ${build.out}/index.html in a browser, or run \`course docs serve --dir ${build.out}\`.`,
  ].join('\n')
}
