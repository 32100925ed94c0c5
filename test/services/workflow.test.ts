import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {UserError} from '../../src/core/errors.js'
import {readState} from '../../src/core/progress/state.js'
import {nextHint, shownHints} from '../../src/services/hint.js'
import {listUnits} from '../../src/services/list.js'
import {workspaceProgress} from '../../src/services/progress.js'
import {planReset, resetUnit} from '../../src/services/reset.js'
import {showUnit} from '../../src/services/show.js'
import {startUnit} from '../../src/services/start.js'
import {unitMeta, writeCourse} from '../helpers/course-fixture.js'
import {tempDir} from '../helpers/temp.js'

function setup() {
  const contentDir = writeCourse([
    {meta: unitMeta('intro', {kind: 'lesson', hints: [], files: {text: 'README.md', solution: 'solution.md', starter: [], reference: []}})},
    {meta: unitMeta('lb', {files: {text: 'README.md', solution: 'solution.md', starter: ['lb.ts', 'examples.test.ts'], reference: ['lb.ts']}})},
  ])
  const cwd = tempDir()
  return {contentDir, cwd, dir: path.join(cwd, 'ws')}
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

describe('start', () => {
  it('creates the workspace, copies the starter and records the start', () => {
    const {contentDir, cwd, dir} = setup()
    const result = startUnit({contentDir, cwd, dir, unit: 'lb'})
    expect(result).toMatchObject({workspace: dir, folder: path.join(dir, 'lb'), createdWorkspace: true})
    expect(result.files).toEqual(['lb/lb.ts', 'lb/examples.test.ts'])
    expect(readFileSync(path.join(dir, 'lb', 'lb.ts'), 'utf8')).toBe('// starter lb.ts\n')
    expect(readState(dir).units.lb?.started_at).toBeTypeOf('string')
  })

  it('defaults to ./course-work and is found again from inside it', () => {
    const {contentDir, cwd} = setup()
    startUnit({contentDir, cwd, unit: 'lb'})
    expect(existsSync(path.join(cwd, 'course-work', 'lb', 'lb.ts'))).toBe(true)
    const inside = path.join(cwd, 'course-work', 'lb')
    expect(listUnits({contentDir, cwd: inside}).workspace).toBe(path.join(cwd, 'course-work'))
  })

  it('never overwrites existing work and says how to reset', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    writeFileSync(path.join(dir, 'lb', 'lb.ts'), 'my work')
    const error = userError(() => startUnit({contentDir, cwd, dir, unit: 'lb'}))
    expect(error.message).toMatch(/^`lb` is already started in .*; nothing was changed$/)
    expect(error.message).toContain('lb/lb.ts')
    expect(error.next[0]).toContain(`course reset lb --dir ${dir}`)
    expect(readFileSync(path.join(dir, 'lb', 'lb.ts'), 'utf8')).toBe('my work')
  })
})

describe('hints', () => {
  it('reveals hints one at a time, remembers them, and repeats the last', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    const first = nextHint({contentDir, cwd, dir, unit: 'lb'})
    expect(first).toMatchObject({number: 1, total: 3, hint: 'First, a gentle nudge.', previous: [], exhausted: false})
    nextHint({contentDir, cwd, dir, unit: 'lb'})
    const third = nextHint({contentDir, cwd, dir, unit: 'lb'})
    expect(third).toMatchObject({number: 3, exhausted: false, previous: ['First, a gentle nudge.', 'Second, a stronger one.']})
    expect(nextHint({contentDir, cwd, dir, unit: 'lb'})).toMatchObject({number: 3, exhausted: true})
    expect(readState(dir).units.lb?.hints_shown).toBe(3)
    expect(shownHints({contentDir, cwd, dir, unit: 'lb'})).toHaveLength(3)
  })

  it('needs a workspace, and says how to make one', () => {
    const {contentDir, cwd} = setup()
    const error = userError(() => nextHint({contentDir, cwd, unit: 'lb'}))
    expect(error.code).toBe('no-workspace')
    expect(error.next[0]).toContain('course start')
  })

  it('explains that a lesson has no hints', () => {
    const {contentDir, cwd, dir} = setup()
    expect(userError(() => nextHint({contentDir, cwd, dir, unit: 'intro'})).code).toBe('no-hints')
  })
})

describe('show', () => {
  it('keeps the write-up of a graded unit locked until passed, and records a forced opening', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    const locked = userError(() => showUnit({contentDir, cwd, dir, unit: 'lb', solution: true}))
    expect(locked.code).toBe('solution-locked')
    expect(locked.next[0]).toContain('--force')
    const forced = showUnit({contentDir, cwd, dir, unit: 'lb', solution: true, force: true})
    expect(forced.markdown).toContain('write-up')
    expect(readState(dir).units.lb?.solution_opened).toMatchObject({forced: true})
  })

  it('marks a lesson read when shown in a workspace, which unlocks its write-up', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    expect(showUnit({contentDir, cwd, dir, unit: 'intro'}).part).toBe('text')
    expect(readState(dir).units.intro?.read_at).toBeTypeOf('string')
    expect(showUnit({contentDir, cwd, dir, unit: 'intro', solution: true}).part).toBe('solution')
    expect(readState(dir).units.intro?.solution_opened).toMatchObject({forced: false})
  })
})

describe('progress and reset', () => {
  it('summarises progress across units', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    showUnit({contentDir, cwd, dir, unit: 'intro'})
    nextHint({contentDir, cwd, dir, unit: 'lb'})
    const result = workspaceProgress({contentDir, cwd, dir})
    expect(result.units.map((u) => [u.id, u.status, u.hints_shown])).toEqual([
      ['intro', 'read', 0],
      ['lb', 'started', 1],
    ])
    expect(result.summary).toEqual({done: 1, required: 2, started: 2, percent: 50})
  })

  it('moves the unit folder to a backup and forgets its progress', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    writeFileSync(path.join(dir, 'lb', 'lb.ts'), 'my work')
    const result = resetUnit(planReset({contentDir, cwd, dir, unit: 'lb'}), new Date('2026-02-03T04:05:06.789Z'))
    expect(result.backup).toBe(path.join('.course', 'backups', 'lb-2026-02-03T04-05-06-789Z'))
    expect(readFileSync(path.join(dir, result.backup!, 'lb.ts'), 'utf8')).toBe('my work')
    expect(readState(dir).units.lb).toBeUndefined()
    expect(readdirSync(dir)).not.toContain('lb')
    expect(startUnit({contentDir, cwd, dir, unit: 'lb'}).files).toHaveLength(2)
  })

  it('refuses to reset a unit that was never started', () => {
    const {contentDir, cwd, dir} = setup()
    startUnit({contentDir, cwd, dir, unit: 'lb'})
    expect(userError(() => planReset({contentDir, cwd, dir, unit: 'intro'})).code).toBe('not-started')
  })
})
