import {UsageError} from '../core/errors.js'
import {checkInputFolder, checkOutputFolder} from '../core/files/output-folder.js'
import {isGradingOutput} from '../core/grading/run-marker.js'
import {writeReports, type ReportFormat} from '../core/grading/reporters/index.js'
import type {SubmissionResult} from '../core/grading/result.js'
import {missingResult} from '../core/grading/placeholder.js'
import {compareRoster, type Roster} from '../core/grading/roster.js'
import {readAllResults, writeResult} from '../core/grading/store.js'
import {belowThreshold, type GradeSummary} from './grade.js'

export interface MergeOptions {
  readonly dirs: readonly string[]
  readonly out: string
  readonly formats: readonly ReportFormat[]
  readonly failUnder?: number
  /** The class roster: learners it lists with no result in any shard get a `missing` row; learners it does not list are named. */
  readonly roster?: Roster
}

export interface MergeSummary {
  readonly out: string
  readonly results: SubmissionResult[]
  readonly reports: string[]
  /** Learner and unit pairs found in more than one shard; the most recent result was kept. */
  readonly duplicates: Array<{readonly learner: string; readonly unit: string}>
  readonly below_threshold: GradeSummary['below_threshold']
  readonly roster?: GradeSummary['roster']
}

/**
 * Combines the --out folders of several shards into one set of results and reports. Every folder is
 * checked before anything is written. A shard that graded nobody holds only its `run.json` (an
 * artifact upload drops the empty `submissions/` folder) and adds nothing.
 */
export function mergeShards(options: MergeOptions): MergeSummary {
  for (const dir of options.dirs) {
    checkInputFolder(dir, 'the shard folder', ['Pass the --out folders of `course grade` runs.'])
    if (!isGradingOutput(dir)) throw new UsageError(`${dir} holds no grading results (neither run.json nor submissions/)`, {code: 'bad-path', next: ['Pass the --out folders of `course grade` runs.']})
  }
  checkOutputFolder(options.out, '--out')
  const byKey = new Map<string, SubmissionResult>()
  const duplicates: MergeSummary['duplicates'] = []
  for (const dir of options.dirs) {
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
  const roster = options.roster ? addMissing(byKey, options.roster) : undefined
  const results = [...byKey.values()].sort((a, b) => a.learner.localeCompare(b.learner) || a.unit.localeCompare(b.unit))
  for (const result of results) writeResult(options.out, result)
  const reports = writeReports(options.out, results, options.formats, roster ? {unlisted: roster.unlisted} : {})
  return {out: options.out, results, reports, duplicates, below_threshold: belowThreshold(results, options.failUnder), ...(roster ? {roster} : {})}
}

/**
 * The roster over the merged results: a listed learner with no result for a unit some learner was
 * graded on gets a `missing` row for it (the shards may have had no roster, or another one).
 */
function addMissing(byKey: Map<string, SubmissionResult>, roster: Roster): NonNullable<MergeSummary['roster']> {
  const results = [...byKey.values()]
  const units = [...new Set(results.map((r) => r.unit))].sort()
  const version = new Map(results.map((r) => [r.unit, r.grader.version]))
  const points = new Map<string, number>()
  for (const r of results) points.set(r.unit, Math.max(points.get(r.unit) ?? 0, r.max_score))
  const mode = results.some((r) => r.seed.mode === 'unseeded') ? 'unseeded' : 'secret'
  const submitted = [...new Set(results.filter((r) => r.status !== 'missing').map((r) => r.learner))]
  const {missing, unlisted} = compareRoster(roster, submitted)
  for (const entry of missing) {
    for (const unit of units) {
      const key = `${entry.learner}\u0000${unit}`
      if (!byKey.has(key)) byKey.set(key, missingResult(entry.learner, unit, mode, version.get(unit) ?? '', points.get(unit) ?? 0))
    }
  }
  return {missing: missing.map((e) => e.learner), unlisted}
}
