import path from 'node:path'
import {UserError} from '../../errors.js'
import type {SubmissionResult} from '../result.js'
import {gradebookRows} from './csv.js'
import {feedbackHtml, feedbackMarkdownLines} from './feedback.js'
import {gradesJson} from './grades-json.js'
import {gradescopeResults} from './gradescope.js'
import {junitPieces} from './junit.js'
import {markdownLines, type RosterNotes} from './markdown.js'
import {writeReportFile} from './report-file.js'

export const REPORT_FORMATS = ['gradescope', 'junit', 'csv', 'markdown', 'json', 'feedback'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export function parseFormats(text: string): ReportFormat[] {
  const formats = text.split(',').map((f) => f.trim()).filter(Boolean)
  const unknown = formats.filter((f) => !REPORT_FORMATS.includes(f as ReportFormat))
  if (unknown.length > 0) throw new UserError(`unknown report format ${unknown.map((u) => `\`${u}\``).join(', ')}; choose from ${REPORT_FORMATS.join(', ')}`, {code: 'usage', exitCode: 2})
  return formats as ReportFormat[]
}

/**
 * Writes the chosen reports from the one result model, each into a temporary file learner by
 * learner, then renamed into place. Gradescope's format is per learner: with a single learner it is
 * `<out>/results.json` (where an autograder must put it); with a class, one file per learner under
 * `<out>/gradescope/`. Feedback to hand back is per learner too: `<out>/feedback/<learner>.md` and
 * `.html`.
 */
export function writeReports(out: string, results: readonly SubmissionResult[], formats: readonly ReportFormat[], roster: RosterNotes = {}): string[] {
  const written: string[] = []
  const write = (relative: string, pieces: Iterable<string>) => {
    writeReportFile(path.join(out, relative), pieces)
    written.push(relative)
  }
  for (const format of formats) {
    switch (format) {
      case 'gradescope': {
        const byLearner = resultsByLearner(results)
        const learners = [...byLearner.keys()].sort()
        const json = (learner: string) => `${JSON.stringify(gradescopeResults(byLearner.get(learner)!), null, 2)}\n`
        if (learners.length === 1) write('results.json', [json(learners[0]!)])
        else for (const learner of learners) write(path.join('gradescope', learner, 'results.json'), [json(learner)])
        break
      }
      case 'junit':
        write('junit.xml', junitPieces(results))
        break
      case 'csv':
        write('gradebook.csv', gradebookRows(results))
        break
      case 'markdown':
        write('summary.md', markdownLines(results, undefined, roster))
        break
      case 'json':
        write('grades.json', gradesJson(results))
        break
      case 'feedback': {
        const byLearner = resultsByLearner(results)
        for (const learner of [...byLearner.keys()].sort()) {
          const mine = byLearner.get(learner)!
          write(path.join('feedback', `${learner}.md`), feedbackMarkdownLines(mine))
          write(path.join('feedback', `${learner}.html`), [feedbackHtml(mine)])
        }
        break
      }
    }
  }
  return written
}

/** Each learner's results (one per unit), for the reports made per learner. */
function resultsByLearner(results: readonly SubmissionResult[]): Map<string, SubmissionResult[]> {
  const byLearner = new Map<string, SubmissionResult[]>()
  for (const r of results) {
    const mine = byLearner.get(r.learner)
    if (mine) mine.push(r)
    else byLearner.set(r.learner, [r])
  }
  return byLearner
}
