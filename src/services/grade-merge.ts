import {existsSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../core/errors.js'
import {writeReports, type ReportFormat} from '../core/grading/reporters/index.js'
import type {SubmissionResult} from '../core/grading/result.js'
import {SUBMISSIONS_DIR, readAllResults, writeResult} from '../core/grading/store.js'
import {belowThreshold, type GradeSummary} from './grade.js'

export interface MergeOptions {
  readonly dirs: readonly string[]
  readonly out: string
  readonly formats: readonly ReportFormat[]
  readonly failUnder?: number
}

export interface MergeSummary {
  readonly out: string
  readonly results: SubmissionResult[]
  readonly reports: string[]
  /** Learner and unit pairs found in more than one shard; the most recent result was kept. */
  readonly duplicates: Array<{readonly learner: string; readonly unit: string}>
  readonly below_threshold: GradeSummary['below_threshold']
}

/** Combines the --out folders of several shards into one set of results and reports. */
export function mergeShards(options: MergeOptions): MergeSummary {
  const byKey = new Map<string, SubmissionResult>()
  const duplicates: MergeSummary['duplicates'] = []
  for (const dir of options.dirs) {
    if (!existsSync(path.join(dir, SUBMISSIONS_DIR))) {
      throw new UserError(`${dir} holds no grading results (no ${SUBMISSIONS_DIR}/ folder)`, {code: 'bad-path', next: ['Pass the --out folders of `course grade` runs.']})
    }
    for (const result of readAllResults(dir)) {
      const key = `${result.learner}\u0000${result.unit}`
      const seen = byKey.get(key)
      if (seen) {
        duplicates.push({learner: result.learner, unit: result.unit})
        if (seen.timings.started_at >= result.timings.started_at) continue
      }
      byKey.set(key, result)
    }
  }
  const results = [...byKey.values()].sort((a, b) => a.learner.localeCompare(b.learner) || a.unit.localeCompare(b.unit))
  for (const result of results) writeResult(options.out, result)
  const reports = writeReports(options.out, results, options.formats)
  return {out: options.out, results, reports, duplicates, below_threshold: belowThreshold(results, options.failUnder)}
}
