import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The folder of the installed package (where `exercises/` and `graders/` live). Found by walking up
 * from this module to the package.json named `course`, so it works from the bundle in `dist/`
 * and from the TypeScript sources under test alike.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from)
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === 'course') return dir
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`cannot find the course package above ${from}`)
    dir = parent
  }
}

/**
 * The folder holding the course's content, `exercises/` and `graders/`: the installed package's,
 * or an author's own course named by `COURSE_ROOT` (a course written as files only, run by this
 * program unchanged).
 */
export function courseRoot(): string {
  const chosen = process.env.COURSE_ROOT
  return chosen ? path.resolve(chosen) : packageRoot()
}

export function exercisesDir(root: string = courseRoot()): string {
  return path.join(root, 'exercises')
}

export function gradersDir(root: string = courseRoot()): string {
  return path.join(root, 'graders')
}
