import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gradesJson} from '../../../src/core/grading/reporters/grades-json.js'
import {writeReports} from '../../../src/core/grading/reporters/index.js'
import {writeReportFile} from '../../../src/core/grading/reporters/report-file.js'
import {MAX_ERROR_CHARS, MAX_FEEDBACK_CHARS, MAX_OUTPUT_CHARS} from '../../../src/core/text/learner-text.js'
import {caseResult, submissionResult} from '../../helpers/results.js'
import {tempDir} from '../../helpers/temp.js'

const ALL = ['gradescope', 'junit', 'csv', 'markdown', 'json'] as const

/** Every file under `dir`, relative, with its size. */
function files(dir: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name)
      found.set(path.relative(dir, file), statSync(file).size)
    }
  }
  return found
}

describe('reports of a class with huge results', () => {
  it('are written for 300 results of 1 MB feedback each, every file bounded', () => {
    // One string shared by every result: the test holds 1 MB, the class "carries" 300 MB.
    const huge = 'x'.repeat(1024 * 1024)
    const results = Array.from({length: 300}, (_, i) =>
      submissionResult({
        learner: `learner-${String(i).padStart(3, '0')}`,
        status: 'error',
        cases: [caseResult({status: 'failed', score: 0, feedback: huge, hint: huge}), caseResult({name: 'case-b', status: 'error', score: 0, feedback: huge})],
        error: {kind: 'crash', message: huge},
        output: {stdout: huge, stderr: '', truncated: false},
      }),
    )
    const out = tempDir()
    const written = writeReports(out, results, ALL)
    expect(written).toEqual([...results.map((r) => path.join('gradescope', r.learner, 'results.json')), 'junit.xml', 'gradebook.csv', 'summary.md', 'grades.json'])

    const sizes = files(out)
    expect([...sizes.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([])
    // What one result may hold at most once capped, with room for the fields around it.
    const perResult = 3 * MAX_FEEDBACK_CHARS + MAX_ERROR_CHARS + MAX_OUTPUT_CHARS + 4_000
    expect(sizes.get('grades.json')).toBeLessThan(300 * perResult)
    expect(sizes.get('junit.xml')).toBeLessThan(300 * (3 * MAX_FEEDBACK_CHARS + MAX_ERROR_CHARS + 4_000))
    expect(sizes.get('gradebook.csv')).toBeLessThan(300 * 200)
    expect(sizes.get('summary.md')).toBeLessThan(300 * 1_000)
    for (const r of results) expect(sizes.get(path.join('gradescope', r.learner, 'results.json'))).toBeLessThan(3 * MAX_FEEDBACK_CHARS + MAX_ERROR_CHARS + 4_000)

    const grades = JSON.parse(readFileSync(path.join(out, 'grades.json'), 'utf8'))
    expect(grades.submissions).toHaveLength(300)
    const first = grades.submissions[0]
    expect(first.cases[0].feedback.length).toBeLessThanOrEqual(MAX_FEEDBACK_CHARS)
    expect(first.cases[0].feedback).toMatch(/ … \(\d+ more characters\)$/)
    expect(first.error.message.length).toBeLessThanOrEqual(MAX_ERROR_CHARS)
    expect(first.output).toMatchObject({truncated: true})
    expect(first.output.stdout.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS)
  })
})

describe('grades.json', () => {
  it('reads exactly as the whole class stringified at once', () => {
    const results = [submissionResult({learner: 'alice'}), submissionResult({learner: 'bob', status: 'error', error: {kind: 'build', message: 'line\nbreak "quoted" \u2028'}})]
    expect([...gradesJson(results)].join('')).toBe(`${JSON.stringify({format_version: 1, submissions: results}, null, 2)}\n`)
    expect([...gradesJson([])].join('')).toBe(`${JSON.stringify({format_version: 1, submissions: []}, null, 2)}\n`)
  })
})

describe('writeReportFile', () => {
  it('writes each piece before the next is made', () => {
    const dir = tempDir()
    const file = path.join(dir, 'report.txt')
    // The temporary file has a unique name beside the report: the one file in the folder while writing.
    const temporaries = () => readdirSync(dir).filter((f) => f.startsWith('report.txt.') && f.endsWith('.tmp'))
    const piece = 'y'.repeat(100_000)
    const seen: number[] = []
    function* pieces() {
      for (let i = 0; i < 5; i++) {
        const [temporary] = temporaries()
        seen.push(temporary ? statSync(path.join(dir, temporary)).size : -1)
        yield piece
      }
    }
    writeReportFile(file, pieces())
    expect(seen).toEqual([0, 100_000, 200_000, 300_000, 400_000])
    expect(statSync(file).size).toBe(500_000)
    expect(temporaries()).toEqual([])
  })

  it('leaves the previous report in place, and no temporary file, when making one fails', () => {
    const dir = tempDir()
    const file = path.join(dir, 'report.txt')
    writeFileSync(file, 'previous\n')
    function* failing() {
      yield 'half a report'
      throw new Error('a result could not be serialised')
    }
    expect(() => writeReportFile(file, failing())).toThrow('could not be serialised')
    expect(readFileSync(file, 'utf8')).toBe('previous\n')
    expect(readdirSync(dir)).toEqual(['report.txt'])
  })
})
