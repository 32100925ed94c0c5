import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintContent} from '../../../src/core/catalog/lint.js'
import {exercisesDir} from '../../../src/core/catalog/paths.js'
import {unitMeta, writeCourse} from '../../helpers/course-fixture.js'

describe('lintContent', () => {
  it('passes a well-formed course', () => {
    const dir = writeCourse([{meta: unitMeta('alpha')}, {meta: unitMeta('beta', {prerequisites: ['alpha']})}])
    expect(lintContent(dir)).toEqual({problems: [], units: 2})
  })

  it('locates schema violations in unit.json', () => {
    const dir = writeCourse([{meta: unitMeta('alpha')}])
    const meta = {...unitMeta('alpha'), kind: 'quiz', extra: true}
    writeFileSync(path.join(dir, 'alpha', 'unit.json'), JSON.stringify(meta, null, 2))
    const {problems} = lintContent(dir)
    expect(problems).toContainEqual({file: 'alpha/unit.json', line: 4, column: 11, message: '/kind: must be one of `lesson`, `design`, `code`, `thought`, `reflection`, `challenge`'})
    expect(problems).toContainEqual(expect.objectContaining({file: 'alpha/unit.json', message: '/extra: unknown field `extra`', column: 3}))
  })

  it('reports missing files, orphans, unlisted folders and bad prerequisites', () => {
    const dir = writeCourse([{meta: unitMeta('alpha', {prerequisites: ['beta']})}, {meta: unitMeta('beta')}])
    writeFileSync(path.join(dir, 'alpha', 'notes.txt'), 'stray')
    mkdirSync(path.join(dir, 'gamma'))
    const messages = lintContent(dir).problems.map((p) => `${p.file}: ${p.message}`)
    expect(messages).toContain('alpha/notes.txt: not referenced by unit.json (orphan file)')
    expect(messages).toContain('gamma: a unit folder the manifest does not list')
    expect(messages).toContain('alpha/unit.json: prerequisite `beta` is not an earlier unit')
  })

  it('reports a referenced file that is missing', () => {
    const dir = writeCourse([{meta: unitMeta('alpha', {files: {text: 'README.md', solution: 'solution.md', starter: ['main.ts', 'gone.ts'], reference: ['main.ts']}})}], 'x')
    // writeCourse creates every named file; remove the one we want missing by rewriting the meta afterwards.
    writeFileSync(
      path.join(dir, 'alpha', 'unit.json'),
      JSON.stringify(unitMeta('alpha', {files: {text: 'README.md', solution: 'solution.md', starter: ['main.ts', 'absent.ts'], reference: ['main.ts']}})),
    )
    const messages = lintContent(dir).problems.map((p) => `${p.file}: ${p.message}`)
    expect(messages).toContain('alpha/starter/absent.ts: referenced by unit.json but missing')
    expect(messages).toContain('alpha/starter/gone.ts: not referenced by unit.json (orphan file)')
  })

  it('requires hints and a starter where the learner produces work', () => {
    const dir = writeCourse([{meta: unitMeta('alpha', {hints: ['Only one hint here.'], files: {text: 'README.md', solution: 'solution.md', starter: [], reference: []}})}])
    const messages = lintContent(dir).problems.map((p) => p.message)
    expect(messages).toContain('a code unit needs at least 3 hints (has 1)')
    expect(messages).toContain('a code unit needs a starter')
  })

  it('locates a diagram the terminal reader cannot outline', () => {
    const text = '# T\n\nIntro.\n\n```mermaid\ngraph LR\n  A --> B\n  B -->\n```\n'
    const dir = writeCourse([{meta: unitMeta('alpha'), files: {'README.md': text}}])
    expect(lintContent(dir).problems).toEqual([{file: 'alpha/README.md', line: 8, column: 1, message: 'diagram: a link must end at a node'}])
  })

  it('finds no problem in the course as shipped', () => {
    const {problems, units} = lintContent(exercisesDir())
    expect(problems).toEqual([])
    expect(units).toBeGreaterThan(0)
  })
})
