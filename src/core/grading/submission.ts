import {createHash} from 'node:crypto'
import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'

/** Folders and files of a workspace that are not the learner's work. */
const IGNORED = new Set(['node_modules', '.git', '.course', '.DS_Store'])
/** Past this, a submission folder is not read further (a hostile one could be huge). */
const MAX_FILES = 500
const MAX_BYTES = 20 * 1024 * 1024

export interface SubmissionFiles {
  /** Paths relative to the submission folder, sorted. */
  readonly files: string[]
  /** sha256 over each file's path and content, in order: identifies exactly what was graded. */
  readonly sha256: string
}

/** Lists and hashes the files of a submission folder (symbolic links are not followed). */
export function hashSubmission(dir: string): SubmissionFiles {
  const files: string[] = []
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      if (IGNORED.has(name) || files.length >= MAX_FILES) continue
      const full = path.join(current, name)
      const stat = statSync(full, {throwIfNoEntry: false})
      if (!stat) continue
      if (stat.isDirectory()) walk(full)
      else if (stat.isFile()) files.push(path.relative(dir, full))
    }
  }
  walk(dir)
  const hash = createHash('sha256')
  let bytes = 0
  for (const file of files) {
    const content = bytes < MAX_BYTES ? readFileSync(path.join(dir, file)) : Buffer.alloc(0)
    bytes += content.length
    hash.update(file).update('\u0000').update(content).update('\u0000')
  }
  return {files, sha256: hash.digest('hex')}
}
