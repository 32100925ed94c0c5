/**
 * Results on disk: `<out>/submissions/<learner>/<unit>.json`, each written atomically (a temporary
 * file renamed into place) the moment its submission is graded, so a killed run loses at most the
 * submissions in flight and `--resume` can trust whatever it finds.
 */
import {existsSync, mkdirSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {writeFileAtomic, writeFileAtomicAsync} from '../files/atomic-write.js'
import {RESULT_FORMAT_VERSION, type SubmissionResult} from './result.js'

export const SUBMISSIONS_DIR = 'submissions'

export function resultPath(out: string, learner: string, unit: string): string {
  return path.join(out, SUBMISSIONS_DIR, learner, `${unit}.json`)
}

/** Folders already made in this process: a class of thousands would otherwise mkdir each time. */
const made = new Set<string>()

function serialise(result: SubmissionResult): string {
  return `${JSON.stringify(result, null, 2)}\n`
}

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
  const content = serialise(result)
  try {
    writeFileAtomic(file, content)
  } catch (error) {
    // The folder was removed since this process made it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    mkdirSync(dir, {recursive: true})
    writeFileAtomic(file, content)
  }
  return file
}

/**
 * The same, off the main thread: the file system calls run in libuv's pool while grading goes on.
 * Just as atomic; a run killed with writes in flight loses only those, and --resume regrades them.
 */
export async function writeResultAsync(out: string, result: SubmissionResult): Promise<string> {
  const file = resultPath(out, result.learner, result.unit)
  const dir = path.dirname(file)
  if (!made.has(dir)) {
    await mkdir(dir, {recursive: true})
    made.add(dir)
  }
  await writeFileAtomicAsync(file, serialise(result))
  return file
}

/** Result files are named `<unit>.json`; every listing sorts by learner, then by file name. */
export function compareResults(a: SubmissionResult, b: SubmissionResult): number {
  const byLearner = a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : 0
  if (byLearner !== 0) return byLearner
  const [x, y] = [`${a.unit}.json`, `${b.unit}.json`]
  return x < y ? -1 : x > y ? 1 : 0
}

/** Ids that name files: a learner's and a unit's, as grading makes them. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/

/**
 * A result already on disk, when it is complete, of this format, and names the learner and unit
 * its path does. Result files travel between CI jobs before `grade merge` reads them, so one that
 * was edited (an id holding `../`, say, which would place a report outside --out) is not trusted.
 */
export function readResult(out: string, learner: string, unit: string): SubmissionResult | undefined {
  if (!SAFE_ID.test(learner) || !SAFE_ID.test(unit)) return undefined
  const file = resultPath(out, learner, unit)
  if (!existsSync(file)) return undefined
  try {
    const result = JSON.parse(readFileSync(file, 'utf8')) as SubmissionResult
    return result.format_version === RESULT_FORMAT_VERSION && result.learner === learner && result.unit === unit && Array.isArray(result.cases) ? result : undefined
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
    // Results travel between CI jobs: anything but a learner's folder here is not a result.
    if (!statSync(dir, {throwIfNoEntry: false})?.isDirectory()) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const result = readResult(out, learner, file.replace(/\.json$/, ''))
      if (result) results.push(result)
    }
  }
  return results
}
