import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gradescopeLearner, locateUpload, metadataFileFor} from '../../../src/core/grading/gradescope-upload.js'
import {checkOutputFolder} from '../../../src/core/files/output-folder.js'
import {tempDir} from '../../helpers/temp.js'

const UNITS = ['load-balancer', 'task-queue']
const ENTRIES = ['load-balancer.ts']

/** An upload folder holding the given files (paths relative to it). */
function upload(files: readonly string[]): string {
  const root = path.join(tempDir(), 'submission')
  mkdirSync(root, {recursive: true})
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), {recursive: true})
    writeFileSync(path.join(root, file), 'export {}\n')
  }
  return root
}

const where = (root: string) => {
  const located = locateUpload(root, UNITS, ENTRIES)
  return 'dir' in located ? path.relative(root, located.dir) || '.' : located.problem
}

describe('locateUpload', () => {
  it('finds the work at the top, one or more folders down, or as the unit file alone', () => {
    expect(where(upload(['load-balancer/load-balancer.ts']))).toBe('.')
    expect(where(upload(['load-balancer.ts']))).toBe('.')
    expect(where(upload(['course-work/load-balancer/load-balancer.ts', '__MACOSX/course-work/._x']))).toBe('course-work')
    expect(where(upload(['my-zip/load-balancer.ts']))).toBe('my-zip')
    expect(where(upload(['a/b/load-balancer/load-balancer.ts']))).toBe(path.join('a', 'b'))
    expect(where(upload(['.hidden/load-balancer.ts', 'work/load-balancer.ts']))).toBe('work')
  })

  it('refuses to guess between two folders, and says when there is nothing', () => {
    expect(where(upload(['a/load-balancer.ts', 'b/load-balancer.ts']))).toMatch(/more than one folder \(a\/, b\/\)/)
    expect(where(upload(['notes.txt', 'docs/readme.md']))).toMatch(/holds no `load-balancer.ts` and no unit folder/)
    expect(where(upload(['a/b/c/d/load-balancer.ts']))).toMatch(/holds no/)
  })

  it('does not follow a link to work elsewhere', () => {
    const elsewhere = upload(['load-balancer/load-balancer.ts'])
    const root = upload(['notes.txt'])
    symlinkSync(elsewhere, path.join(root, 'linked'))
    expect(where(root)).toMatch(/holds no/)
  })
})

describe('gradescopeLearner', () => {
  const metadata = (content: string) => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'submission'))
    writeFileSync(path.join(dir, 'submission_metadata.json'), content)
    return metadataFileFor(path.join(dir, 'submission'))!
  }

  it("joins a group's user ids in order, and falls back to the submission id", () => {
    expect(gradescopeLearner(metadata(JSON.stringify({id: 1, users: [{id: 30}, {id: 4}]})))).toBe('30.4')
    expect(gradescopeLearner(metadata(JSON.stringify({id: 77, users: [{id: '../x'}]})))).toBe('submission-77')
  })

  it('refuses metadata that names nobody, or is not JSON, with exit 2', () => {
    for (const content of ['{"users": []}', 'not json', 'null']) {
      expect(() => gradescopeLearner(metadata(content)), content).toThrow(expect.objectContaining({exitCode: 2}))
    }
  })
})

describe('checkOutputFolder', () => {
  it('accepts a new or existing folder and refuses a file, a path under a file, and an unwritable parent', () => {
    const dir = tempDir()
    const file = path.join(dir, 'file')
    writeFileSync(file, '')
    expect(() => checkOutputFolder(path.join(dir, 'new', 'deeper'), '--out')).not.toThrow()
    expect(() => checkOutputFolder(dir, '--out')).not.toThrow()
    expect(() => checkOutputFolder(file, '--out')).toThrow(/is a file, not a folder/)
    expect(() => checkOutputFolder(path.join(file, 'x', 'y'), '--out')).toThrow(/lies under .*file, which is a file/)
    // As root every folder is writable, so the last refusal is checked only where it can be.
    if (process.getuid?.() !== 0) expect(() => checkOutputFolder('/proc/course-out', '--out')).toThrow(/cannot be written/)
  })
})
