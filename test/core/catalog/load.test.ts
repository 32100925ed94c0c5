import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {findUnit, loadCourse} from '../../../src/core/catalog/load.js'
import {UserError} from '../../../src/core/errors.js'
import {unitMeta, writeCourse} from '../../helpers/course-fixture.js'

describe('loadCourse', () => {
  it('loads units in manifest order with their positions', () => {
    const dir = writeCourse([{meta: unitMeta('alpha')}, {meta: unitMeta('beta', {kind: 'lesson'})}])
    const course = loadCourse(dir)
    expect(course.units.map((u) => [u.position, u.id, u.kind])).toEqual([
      [1, 'alpha', 'code'],
      [2, 'beta', 'lesson'],
    ])
    expect(course.units[0]!.dir).toBe(path.join(dir, 'alpha'))
  })

  it('locates a JSON syntax error at file:line:column', () => {
    const dir = writeCourse([{meta: unitMeta('alpha')}])
    writeFileSync(path.join(dir, 'alpha', 'unit.json'), '{\n  "id": "alpha",\n  "title": oops\n}')
    expect(() => loadCourse(dir)).toThrow(UserError)
    expect(() => loadCourse(dir)).toThrow(/alpha\/unit\.json:3:12: invalid JSON/)
  })

  it('refuses a manifest format it does not know', () => {
    const dir = writeCourse([{meta: unitMeta('alpha')}])
    writeFileSync(path.join(dir, 'course.json'), JSON.stringify({format_version: 9, title: 'x', units: ['alpha']}))
    expect(() => loadCourse(dir)).toThrow(/format_version 9 is not supported/)
  })

  it('rejects a unit whose id differs from its folder', () => {
    const dir = writeCourse([{meta: unitMeta('alpha')}])
    writeFileSync(path.join(dir, 'alpha', 'unit.json'), JSON.stringify(unitMeta('gamma')))
    expect(() => loadCourse(dir)).toThrow(/does not match its folder/)
  })
})

describe('findUnit', () => {
  const course = () => loadCourse(writeCourse([{meta: unitMeta('load-balancer')}, {meta: unitMeta('mapreduce')}]))

  it('finds a unit by id', () => {
    expect(findUnit(course(), 'mapreduce').id).toBe('mapreduce')
  })

  it('suggests the closest id for a typo and points to the list', () => {
    try {
      findUnit(course(), 'load-balancr')
      expect.unreachable()
    } catch (error) {
      expect((error as UserError).message).toBe('there is no unit `load-balancr`; did you mean `load-balancer`?')
      expect((error as UserError).next).toEqual(['Run `course list` to see every unit.'])
    }
  })

  it('suggests nothing for a word that resembles no unit', () => {
    expect(() => findUnit(course(), 'zzzzzz')).toThrow(/^there is no unit `zzzzzz`$/)
  })
})
