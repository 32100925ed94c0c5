import {cpSync, mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCourse} from '../../../src/core/catalog/load.js'
import {lintGraders, lintLabs} from '../../../src/core/grading/lint.js'
import {ROOT} from '../../helpers/cli.js'
import {tempDir} from '../../helpers/temp.js'

/** `course dev check` reads each lab.json against the lab schema, located. */
describe('lab specs in dev check', () => {
  it('reports a lab.json that breaks the schema, at its line and column', async () => {
    const course = path.join(ROOT, 'test', 'fixtures', 'course')
    const graders = path.join(tempDir(), 'graders')
    cpSync(path.join(course, 'graders'), graders, {recursive: true})
    mkdirSync(path.join(graders, 'batch-workers', 'lab'), {recursive: true})
    writeFileSync(path.join(graders, 'batch-workers', 'lab', 'lab.json'), '{\n  "summary": "Size a pool.",\n  "parameters": [{"name": "workers", "kind": "number", "description": "How many."}]\n}\n')
    const {problems} = await lintGraders(graders, loadCourse(path.join(course, 'exercises')).units)
    const lab = problems.filter((p) => p.file.endsWith('lab/lab.json'))
    expect(lab.length).toBeGreaterThan(0)
    expect(lab[0]).toMatchObject({file: 'graders/batch-workers/lab/lab.json', line: 3})
  }, 60_000)

  it('finds nothing wrong with the course’s own labs', async () => {
    expect(lintLabs(path.join(ROOT, 'graders'), loadCourse().units)).toEqual([])
  })
})
