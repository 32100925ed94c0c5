import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {nextHint} from '../../src/services/hint.js'
import {showUnit} from '../../src/services/show.js'
import {startUnit} from '../../src/services/start.js'
import {unitMeta, writeCourse} from '../helpers/course-fixture.js'
import {tempDir} from '../helpers/temp.js'

/** A design unit whose text shows its scenario, with one figure that varies per learner. */
function setup() {
  const contentDir = writeCourse([
    {
      meta: unitMeta('herd', {kind: 'design', hints: ['Count all {{workers}}.', 'Second.', 'Third.'], files: {text: 'README.md', solution: 'solution.md', starter: ['answer.yaml'], reference: ['answer.yaml']}}),
      files: {
        'README.md': '# Herd\n\n<!-- scenario -->\n\nEvery one of the {{workers}} polls.\n',
        'scenario.json': JSON.stringify({figures: {workers: {label: 'Idle workers', value: '10000 workers', kind: 'count', vary: {min: 5000, max: 20000, step: 1000}}}}),
      },
    },
  ])
  const cwd = tempDir()
  return {contentDir, cwd, dir: path.join(cwd, 'ws')}
}

describe('a learner who works on their own variant', () => {
  it('reads the base scenario by default, with its figures in the prose', () => {
    const {contentDir, cwd, dir} = setup()
    const shown = showUnit({contentDir, cwd, dir, unit: 'herd'}).markdown
    expect(shown).toContain('| Idle workers | 10,000 workers |')
    expect(shown).toContain('Every one of the 10,000 workers polls.')
  })

  it('gets their figures written into the workspace by start --learner, and reads them with show', () => {
    const {contentDir, cwd, dir} = setup()
    const started = startUnit({contentDir, cwd, dir, unit: 'herd', learner: 'jo-smith'})
    expect(started.files).toContain(path.join('herd', 'scenario.json'))
    const written = JSON.parse(readFileSync(path.join(dir, 'herd', 'scenario.json'), 'utf8')) as {learner: string; figures: {workers: {value: string}}}
    expect(written.learner).toBe('jo-smith')
    const shown = showUnit({contentDir, cwd, dir, unit: 'herd'}).markdown
    expect(shown).toContain('`jo-smith`')
    expect(shown).toContain(`Every one of the ${written.figures.workers.value.replace(/^(\d+)(\d{3})/, '$1,$2')} polls.`)
    // Hints name the learner's figures too.
    expect(nextHint({contentDir, cwd, dir, unit: 'herd'}).hint).toBe(`Count all ${written.figures.workers.value.replace(/^(\d+)(\d{3})/, '$1,$2')}.`)
    // show --learner draws the same figures without a workspace.
    expect(showUnit({contentDir, cwd, unit: 'herd', learner: 'jo-smith'}).markdown).toContain(written.figures.workers.value.replace(/^(\d+)(\d{3})/, '$1,$2'))
  })

  it('cannot ask for a variant of a unit without a scenario, and nothing is written then', () => {
    const contentDir = writeCourse([{meta: unitMeta('lb')}])
    const cwd = tempDir()
    expect(() => startUnit({contentDir, cwd, dir: path.join(cwd, 'ws'), unit: 'lb', learner: 'jo'})).toThrow(/no scenario/)
    expect(existsSync(path.join(cwd, 'ws'))).toBe(false)
  })
})
