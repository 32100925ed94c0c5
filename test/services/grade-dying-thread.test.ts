import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gradeClass} from '../../src/services/grade.js'
import {unitMeta, writeCourse} from '../helpers/course-fixture.js'
import {tempDir} from '../helpers/temp.js'

/**
 * A learner's design document that kills the thread judging it must cost only that learner: the
 * class is graded on the real document threads (the built worker), and every other learner is
 * still judged. The unit's one check ends its thread on a marker document, the way a document
 * that found a crash in a check would.
 */
const UNIT = 'thread-killer'

const CHECKS = `
import {isMainThread} from 'node:worker_threads'

export const documentChecks = {
  verdict: (context: {document: unknown}) => {
    const verdict = (context.document as {verdict?: string}).verdict
    if (verdict === 'die') {
      // Only a document thread may go down; judged anywhere else this is a plain failure.
      if (!isMainThread) process.exit(9)
      throw new Error('judged outside a document thread')
    }
    return verdict === 'fine' ? {passed: true} : {passed: false, detail: 'not fine'}
  },
}
`

function graders(): string {
  const dir = path.join(tempDir(), 'graders')
  mkdirSync(path.join(dir, UNIT), {recursive: true})
  const grader = {
    format_version: 1,
    unit: UNIT,
    version: '1.0.0',
    document: {entry: 'design.yaml'},
    cases: [{name: 'verdict', title: 'The verdict is fine', points: 1, visibility: 'visible', check: 'verdict', failure: 'The verdict is not fine.', hint: 'Write fine.'}],
  }
  writeFileSync(path.join(dir, UNIT, 'grader.json'), JSON.stringify(grader))
  writeFileSync(path.join(dir, UNIT, 'checks.ts'), CHECKS)
  return dir
}

describe('course grade when a document kills its thread', () => {
  it('fails that learner alone and grades every other one', async () => {
    const files = {text: 'README.md', solution: 'solution.md', starter: ['design.yaml'], reference: ['design.yaml'], schema: 'design.schema.json'}
    const contentDir = writeCourse([{meta: unitMeta(UNIT, {kind: 'design', files}), files: {'design.schema.json': JSON.stringify({type: 'object'})}}])
    const classDir = tempDir()
    const learners = Array.from({length: 12}, (_, i) => `learner-${String(i).padStart(2, '0')}`)
    for (const [i, learner] of learners.entries()) {
      mkdirSync(path.join(classDir, learner, UNIT), {recursive: true})
      writeFileSync(path.join(classDir, learner, UNIT, 'design.yaml'), `verdict: ${i === 5 ? 'die' : 'fine'}\n`)
    }
    const out = path.join(tempDir(), 'grades')
    const summary = await gradeClass({cwd: classDir, contentDir, gradersDir: graders(), path: classDir, unit: UNIT, out, formats: ['json'], jobs: 1, resume: false})
    expect(summary.results.map((r) => r.learner)).toEqual(learners)
    for (const result of summary.results) {
      const cases = result.cases.map((c) => [c.status, c.feedback])
      if (result.learner === 'learner-05') expect(cases).toEqual([['error', 'not checked: the checking thread stopped (exit code 9)']])
      else expect(cases, result.learner).toEqual([['passed', 'passed']])
    }
  }, 60_000)
})
