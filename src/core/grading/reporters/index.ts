import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../../errors.js'
import type {SubmissionResult} from '../result.js'
import {gradebookCsv} from './csv.js'
import {gradescopeResults} from './gradescope.js'
import {junitXml} from './junit.js'
import {markdownSummary} from './markdown.js'

export const REPORT_FORMATS = ['gradescope', 'junit', 'csv', 'markdown', 'json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export function parseFormats(text: string): ReportFormat[] {
  const formats = text.split(',').map((f) => f.trim()).filter(Boolean)
  const unknown = formats.filter((f) => !REPORT_FORMATS.includes(f as ReportFormat))
  if (unknown.length > 0) throw new UserError(`unknown report format ${unknown.map((u) => `\`${u}\``).join(', ')}; choose from ${REPORT_FORMATS.join(', ')}`, {code: 'usage', exitCode: 2})
  return formats as ReportFormat[]
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, content)
  renameSync(temporary, file)
}

/**
 * Writes the chosen reports from the one result model. Gradescope's format is per learner: with a
 * single learner it is `<out>/results.json` (where an autograder must put it); with a class, one
 * file per learner under `<out>/gradescope/`.
 */
export function writeReports(out: string, results: readonly SubmissionResult[], formats: readonly ReportFormat[]): string[] {
  const written: string[] = []
  const write = (relative: string, content: string) => {
    writeAtomically(path.join(out, relative), content)
    written.push(relative)
  }
  const learners = [...new Set(results.map((r) => r.learner))].sort()
  for (const format of formats) {
    switch (format) {
      case 'gradescope':
        if (learners.length === 1) write('results.json', `${JSON.stringify(gradescopeResults(results), null, 2)}\n`)
        else for (const learner of learners) write(path.join('gradescope', learner, 'results.json'), `${JSON.stringify(gradescopeResults(results.filter((r) => r.learner === learner)), null, 2)}\n`)
        break
      case 'junit':
        write('junit.xml', junitXml(results))
        break
      case 'csv':
        write('gradebook.csv', gradebookCsv(results))
        break
      case 'markdown':
        write('summary.md', markdownSummary(results))
        break
      case 'json':
        write('grades.json', `${JSON.stringify({format_version: 1, submissions: results}, null, 2)}\n`)
        break
    }
  }
  return written
}
