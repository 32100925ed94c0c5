import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * package.json's name. Not `course`, the command's name: that name on the registry belongs to an
 * unrelated package, which `npx course` would fetch outside the repository.
 */
export const PACKAGE_NAME = 'work-distribution-course'

/**
 * The folder of the installed package (where `exercises/` and `graders/` live). Found by walking up
 * from this module to the package.json named {@link PACKAGE_NAME}, so it works from the bundle in
 * `dist/`, from the TypeScript sources under test, and from a global install alike.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from)
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === PACKAGE_NAME) return dir
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
