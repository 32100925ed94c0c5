import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {RESULT_FORMAT_VERSION, type SubmissionResult} from './result.js'

/**
 * Results on disk: `<out>/submissions/<learner>/<unit>.json`, each written atomically (a temporary
 * file renamed into place) the moment its submission is graded, so a killed run loses at most the
 * submissions in flight and `--resume` can trust whatever it finds.
 */
export const SUBMISSIONS_DIR = 'submissions'

export function resultPath(out: string, learner: string, unit: string): string {
  return path.join(out, SUBMISSIONS_DIR, learner, `${unit}.json`)
}

/** Folders already made in this process: a class of thousands would otherwise mkdir each time. */
const made = new Set<string>()

export function writeResult(out: string, result: SubmissionResult): string {
  const file = resultPath(out, result.learner, result.unit)
  const dir = path.dirname(file)
  if (!made.has(dir)) {
    // One recursive mkdir for the run's submissions folder, then a plain one per learner (cheaper).
    const parent = path.dirname(dir)
    if (!made.has(parent)) {
      mkdirSync(parent, {recursive: true})
      made.add(parent)
    }
    try {
      mkdirSync(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') mkdirSync(dir, {recursive: true})
    }
    made.add(dir)
  }
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const content = `${JSON.stringify(result, null, 2)}\n`
  try {
    writeFileSync(temporary, content)
  } catch (error) {
    // The folder was removed since this process made it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    mkdirSync(dir, {recursive: true})
    writeFileSync(temporary, content)
  }
  renameSync(temporary, file)
  return file
}

/** A result already on disk, when it is complete and of this format. */
export function readResult(out: string, learner: string, unit: string): SubmissionResult | undefined {
  const file = resultPath(out, learner, unit)
  if (!existsSync(file)) return undefined
  try {
    const result = JSON.parse(readFileSync(file, 'utf8')) as SubmissionResult
    return result.format_version === RESULT_FORMAT_VERSION ? result : undefined
  } catch {
    return undefined
  }
}

/** Every result under `<out>/submissions`, sorted by learner then unit. */
export function readAllResults(out: string): SubmissionResult[] {
  const root = path.join(out, SUBMISSIONS_DIR)
  if (!existsSync(root)) return []
  const results: SubmissionResult[] = []
  for (const learner of readdirSync(root).sort()) {
    const dir = path.join(root, learner)
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const result = readResult(out, learner, file.replace(/\.json$/, ''))
      if (result) results.push(result)
    }
  }
  return results
}
