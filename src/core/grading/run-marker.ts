/**
 * `OUT/run.json`: what a grading run covered, written before grading starts and again when it ends.
 *
 * It exists so that every --out folder holds at least one ordinary file. CI artifact uploads keep
 * files only: an empty `submissions/` folder (a shard that received no learner) is dropped, and so
 * are hidden files, so a shard's folder could otherwise arrive at `grade merge` empty or not at all.
 */
import {existsSync, mkdirSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomic} from '../files/atomic-write.js'
import {SUBMISSIONS_DIR} from './store.js'

export const RUN_FILE = 'run.json'

export interface RunMarker {
  readonly format_version: 1
  /** `I/N` when the run was one shard of a class. */
  readonly shard: string | null
  /** Learners in this run (this shard's), and in the whole class before sharding. */
  readonly learners: number
  readonly learners_in_class: number
  readonly units: readonly string[]
  readonly state: 'grading' | 'finished'
  readonly written_at: string
}

export function writeRunMarker(out: string, marker: Omit<RunMarker, 'format_version' | 'written_at'>): void {
  mkdirSync(out, {recursive: true})
  writeFileAtomic(path.join(out, RUN_FILE), `${JSON.stringify({format_version: 1, ...marker, written_at: new Date().toISOString()}, null, 2)}\n`)
}

/** A folder `course grade` wrote: it holds results, or at least the run's marker. */
export function isGradingOutput(dir: string): boolean {
  return existsSync(path.join(dir, SUBMISSIONS_DIR)) || existsSync(path.join(dir, RUN_FILE))
}
