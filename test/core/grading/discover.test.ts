import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {discoverWorkspaces} from '../../../src/core/grading/discover.js'
import {tempDir} from '../../helpers/temp.js'

/** How `course grade PATH` reads PATH: one workspace, or a class of learner folders. */
const UNITS = ['load-balancer', 'work-stealer']

function tree(files: readonly string[]): string {
  const root = tempDir()
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), {recursive: true})
    writeFileSync(path.join(root, file), '')
  }
  return root
}

const ids = (root: string, options = {}) => {
  const found = discoverWorkspaces(root, UNITS, {entries: ['load-balancer.ts'], ...options})
  return {single: found.single, learners: found.workspaces.map((w) => [w.learner, w.problem === undefined ? 'ok' : 'refused'])}
}

describe('discoverWorkspaces', () => {
  it('reads a folder of unit folders as one workspace, and one with course state too', () => {
    expect(ids(tree(['load-balancer/load-balancer.ts', 'work-stealer/work-stealer.ts', 'notes/todo.md'])).single).toBe(true)
    expect(ids(tree(['.course/state.json', 'alice/load-balancer/load-balancer.ts'])).single).toBe(true)
    expect(ids(tree(['load-balancer.ts'])).single).toBe(true)
  })

  it('reads a class as a class even when a learner’s folder is named like a unit', () => {
    const root = tree(['alice/load-balancer/load-balancer.ts', 'bob/load-balancer/load-balancer.ts', 'load-balancer/load-balancer/load-balancer.ts'])
    expect(ids(root)).toEqual({single: false, learners: [['alice', 'ok'], ['bob', 'ok'], ['load-balancer', 'ok']]})
  })

  it('fails only the learner whose folder name cannot be an id, with a stable safe id', () => {
    const root = tree(['alice/load-balancer/load-balancer.ts', 'odd name; rm -rf ~/load-balancer/load-balancer.ts', '\u001b[31mred/load-balancer/load-balancer.ts'])
    const found = ids(root)
    expect(found.single).toBe(false)
    // Folders in name order: the escape character sorts first.
    expect(found.learners).toEqual([
      [expect.stringMatching(/^31mred-[0-9a-f]{8}$/), 'refused'],
      ['alice', 'ok'],
      [expect.stringMatching(/^odd_name__rm_-rf__-[0-9a-f]{8}$/), 'refused'],
    ])
    expect(ids(root)).toEqual(found)
  })

  it('follows a learner folder the instructor linked into the class', () => {
    const elsewhere = tree(['load-balancer/load-balancer.ts'])
    const root = tree(['alice/load-balancer/load-balancer.ts'])
    symlinkSync(elsewhere, path.join(root, 'bob'))
    expect(ids(root)).toEqual({single: false, learners: [['alice', 'ok'], ['bob', 'ok']]})
  })

  it('reads a folder of unit folders as a class when told to (--class)', () => {
    const root = tree(['load-balancer/load-balancer.ts', 'work-stealer/work-stealer.ts'])
    expect(ids(root, {layout: 'class'})).toEqual({single: false, learners: [['load-balancer', 'ok'], ['work-stealer', 'ok']]})
  })
})
