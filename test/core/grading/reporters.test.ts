import {execFileSync, spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gradebookCsv} from '../../../src/core/grading/reporters/csv.js'
import {gradescopeResults} from '../../../src/core/grading/reporters/gradescope.js'
import {junitXml} from '../../../src/core/grading/reporters/junit.js'
import {markdownSummary} from '../../../src/core/grading/reporters/markdown.js'
import {ROOT} from '../../helpers/cli.js'
import {caseResult, submissionResult} from '../../helpers/results.js'
import {tempDir} from '../../helpers/temp.js'

const mixed = [
  submissionResult({
    learner: 'alice',
    status: 'fail',
    cases: [
      caseResult(),
      caseResult({name: 'b', title: 'B <holds> & "quotes"', status: 'failed', score: 0, feedback: 'wrong at step 2', hint: 'look again', visibility: 'hidden'}),
      caseResult({name: 'c', title: 'C', status: 'skipped', score: 0, feedback: 'skipped: needs `b` to pass first'}),
      caseResult({name: 'd', title: 'D', status: 'error', score: 0, feedback: 'crashed\u0001 badly'}),
    ],
  }),
  submissionResult({learner: '=cmd', status: 'error', cases: [], max_score: 10, error: {kind: 'build', message: 'load-balancer.ts:1:30: Expected ")" but found "{"'}}),
]

describe('JUnit XML', () => {
  it('validates against the strict Ant schema', () => {
    if (spawnSync('xmllint', ['--version']).status !== 0) throw new Error('xmllint is needed (apt-get install libxml2-utils)')
    const file = path.join(tempDir(), 'junit.xml')
    writeFileSync(file, junitXml(mixed))
    const schema = path.join(ROOT, 'test', 'fixtures', 'specs', 'junit-ant.xsd')
    expect(() => execFileSync('xmllint', ['--noout', '--schema', schema, file], {stdio: 'pipe'})).not.toThrow()
  })

  it('says failed, skipped and errored cases the way CI systems read them', () => {
    const xml = junitXml(mixed)
    expect(xml).toContain('<testsuite package="alice" id="0" name="alice.load-balancer" timestamp="2026-11-25T20:00:00"')
    expect(xml).toContain('tests="4" failures="1" errors="1" skipped="1"')
    expect(xml).toContain('name="B &lt;holds&gt; &amp; &quot;quotes&quot;"')
    expect(xml).toContain('<skipped message="skipped: needs `b` to pass first"/>')
    expect(xml).toContain('crashed\uFFFD badly')
    expect(xml).toContain('<error message="load-balancer.ts:1:30: Expected &quot;)&quot; but found &quot;{&quot;" type="build"/>')
  })
})

describe('Gradescope results.json', () => {
  it('has the fields Gradescope reads, with only passed and failed statuses', () => {
    const results = gradescopeResults([mixed[0]!])
    expect(results).toMatchObject({score: 2, execution_time: 0.42, visibility: 'visible', stdout_visibility: 'hidden'})
    expect(results.tests.map((t) => [t.name, t.status, t.visibility])).toEqual([
      ['Case A works', 'passed', 'visible'],
      ['B <holds> & "quotes"', 'failed', 'hidden'],
      ['C', 'failed', 'visible'],
      ['D', 'failed', 'visible'],
    ])
    expect(results.tests[1]!.output).toBe('wrong at step 2\nHint: look again')
    expect(results.tests[3]!.output).toMatch(/^Error: /)
    for (const test of results.tests) expect(Object.keys(test).sort()).toEqual(['max_score', 'name', 'name_format', 'output', 'output_format', 'score', 'status', 'tags', 'visibility'])
  })

  it('explains a submission that could not be graded as a failed test', () => {
    const results = gradescopeResults([mixed[1]!])
    expect(results.score).toBe(0)
    expect(results.tests[0]).toMatchObject({name: 'Could not be graded', status: 'failed', max_score: 10})
  })
})

describe('gradebook CSV', () => {
  it('has one row per learner and unit, quoted where needed, and defuses formulas', () => {
    expect(gradebookCsv(mixed).split('\r\n')).toEqual([
      'learner,unit,score,max_score,percent,status,grader_version,seed,review',
      "'=cmd,load-balancer,0,10,0,error,1.0.0,secret,0",
      'alice,load-balancer,2,8,25,fail,1.0.0,secret,0',
      '',
    ])
  })
})

describe('Markdown summary', () => {
  it('gives totals, a row per submission and the cases failed most often', () => {
    const text = markdownSummary(mixed)
    expect(text).toContain('2 submissions · load-balancer · 0 passed, 1 failed, 1 could not be graded')
    expect(text).toContain('| alice | load-balancer | 2/8 | 25.0 | fail |')
    expect(text).toContain('| =cmd | load-balancer | 0/10 | 0.0 | error: load-balancer.ts:1:30: Expected ")" but found "{" |')
    // A case title is not ours either: it is escaped, and renders as `B <holds> & "quotes"`.
    expect(text).toContain('| load-balancer: B \\<holds\\> & "quotes" | 1/1 |')
  })
})

describe('what a person should read', () => {
  const flagged = submissionResult({learner: 'bo', unit: 'thundering-herd', status: 'pass', review: ['answer.yaml:40:8 /notes: only placeholders (`x`); a person should read this design']})

  it('reaches every report: Markdown, Gradescope, JUnit and the gradebook', () => {
    expect(markdownSummary([flagged])).toContain('## For a person to read')
    expect(markdownSummary([flagged])).toContain('- bo / thundering-herd: answer.yaml:40:8 /notes: only placeholders')
    expect(gradescopeResults([flagged]).output).toContain('to be read by a person: answer.yaml:40:8 /notes')
    expect(junitXml([flagged])).toContain('<property name="review" value="answer.yaml:40:8 /notes: only placeholders')
    expect(gradebookCsv([flagged]).split('\r\n')[1]).toMatch(/,1$/)
  })

  it('is left out where there is nothing to read', () => {
    expect(markdownSummary(mixed)).not.toContain('For a person to read')
    expect(junitXml(mixed)).not.toContain('name="review"')
  })
})
