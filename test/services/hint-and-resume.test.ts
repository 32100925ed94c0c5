import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {UserError} from '../../src/core/errors.js'
import {updateUnit} from '../../src/core/progress/state.js'
import {hintCount, nextHint} from '../../src/services/hint.js'
import {resumePoint} from '../../src/services/progress.js'
import {startUnit} from '../../src/services/start.js'
import {unitMeta, writeCourse} from '../helpers/course-fixture.js'
import {tempDir} from '../helpers/temp.js'

const NO_STARTER = {text: 'README.md', solution: 'solution.md', starter: [], reference: []}

function setup() {
  const contentDir = writeCourse([
    {meta: unitMeta('intro', {kind: 'lesson', hints: [], files: NO_STARTER})},
    {meta: unitMeta('lb', {files: {...NO_STARTER, starter: ['lb.ts'], reference: ['lb.ts']}})},
    {meta: unitMeta('ws', {files: {...NO_STARTER, starter: ['ws.ts'], reference: ['ws.ts']}})},
  ])
  const cwd = tempDir()
  return {contentDir, cwd, dir: path.join(cwd, 'course-work')}
}

function userError(run: () => unknown): UserError {
  try {
    run()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

describe('a hint without a unit', () => {
  it('is for the unit whose folder the learner is in', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, unit: 'lb'})
    startUnit({contentDir, cwd, unit: 'ws'})
    const inside = path.join(dir, 'ws', 'src')
    mkdirSync(inside)
    expect(nextHint({contentDir, cwd: inside})).toMatchObject({unit: 'ws', number: 1})
  })

  it('is for the only started unit with hints, from the workspace itself', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, unit: 'intro'})
    startUnit({contentDir, cwd, unit: 'lb'})
    expect(nextHint({contentDir, cwd: dir})).toMatchObject({unit: 'lb', number: 1})
  })

  it('asks which unit when several are started, naming the way to say it', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, unit: 'lb'})
    startUnit({contentDir, cwd, unit: 'ws'})
    const error = userError(() => nextHint({contentDir, cwd: dir}))
    expect(error).toMatchObject({code: 'which-unit', message: 'say which unit: `lb`, `ws`'})
    expect(error.next[0]).toBe("Run `course hint lb`, or run `course hint` from inside the unit's folder.")
  })

  it('says a unit is needed when none with hints is started', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, unit: 'intro'})
    const error = userError(() => nextHint({contentDir, cwd: dir}))
    expect(error.code).toBe('which-unit')
    expect(error.message).toContain('`course hint` needs a unit')
  })

  it('says there is no workspace outside one', () => {
    const {contentDir, cwd} = setup()
    expect(userError(() => nextHint({contentDir, cwd})).code).toBe('no-workspace')
  })
})

describe('hintCount', () => {
  it('counts the hints shown without revealing one, and none without a workspace', () => {
    const {contentDir, cwd} = setup()
    expect(hintCount({contentDir, cwd, unit: 'lb'})).toEqual({unit: 'lb', shown: 0, total: 3})
    startUnit({contentDir, cwd, unit: 'lb'})
    nextHint({contentDir, cwd, unit: 'lb'})
    expect(hintCount({contentDir, cwd, unit: 'lb'})).toEqual({unit: 'lb', shown: 1, total: 3})
    expect(hintCount({contentDir, cwd, unit: 'lb'})).toEqual({unit: 'lb', shown: 1, total: 3})
  })
})

describe('resumePoint', () => {
  it('is nothing without a workspace or work under way', () => {
    const {contentDir, cwd, dir} = setup()
    expect(resumePoint({contentDir, cwd})).toBeUndefined()
    startUnit({contentDir, cwd, unit: 'intro'})
    updateUnit(dir, 'intro', (p) => ({...p, read_at: new Date().toISOString()}))
    expect(resumePoint({contentDir, cwd})).toBeUndefined()
  })

  it('is the unit whose folder the learner is in', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, unit: 'lb'})
    startUnit({contentDir, cwd, unit: 'ws'})
    expect(resumePoint({contentDir, cwd: path.join(dir, 'lb')})).toEqual({unit: 'lb', here: true})
  })

  it('is otherwise the unfinished unit worked on last', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, unit: 'lb'})
    startUnit({contentDir, cwd, unit: 'ws'})
    updateUnit(dir, 'lb', (p) => ({...p, last_check: {at: '2999-01-01T00:00:00.000Z', status: 'fail', score: 1, max_score: 4}}))
    expect(resumePoint({contentDir, cwd: dir})).toEqual({unit: 'lb', here: false})
    expect(resumePoint({contentDir, cwd})).toEqual({unit: 'lb', here: false})
    updateUnit(dir, 'lb', (p) => ({...p, passed_at: '2999-01-02T00:00:00.000Z'}))
    expect(resumePoint({contentDir, cwd})).toEqual({unit: 'ws', here: false})
  })
})
