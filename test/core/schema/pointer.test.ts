import {describe, expect, it} from 'vitest'
import {splitPointer} from '../../../src/core/schema/locate.js'

describe('JSON pointers', () => {
  it('split into segments, the whole document being no segment at all', () => {
    expect(splitPointer('')).toEqual([])
    expect(splitPointer('/')).toEqual([])
    expect(splitPointer('/stages/0/does')).toEqual(['stages', '0', 'does'])
    expect(splitPointer('/a//b')).toEqual(['a', '', 'b'])
  })

  it('unescape ~1 to / and ~0 to ~, in that order', () => {
    expect(splitPointer('/paths/~1api~1v1')).toEqual(['paths', '/api/v1'])
    expect(splitPointer('/~01')).toEqual(['~1'])
    expect(splitPointer('/a~0b/c')).toEqual(['a~b', 'c'])
  })
})
