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

export function writeResult(out: string, result: SubmissionResult): string {
  const file = resultPath(out, result.learner, result.unit)
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  writeFileSync(temporary, `${JSON.stringify(result, null, 2)}\n`)
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
