import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {decode, encode} from '../../../src/core/sandbox/values.js'

const roundTrip = (value: unknown) => decode(JSON.parse(JSON.stringify(encode(value))))

describe('values across the sandbox boundary', () => {
  it('keep what JSON cannot say', () => {
    expect(roundTrip(undefined)).toBeUndefined()
    expect(roundTrip([1, undefined, NaN, Infinity, -Infinity])).toEqual([1, undefined, NaN, Infinity, -Infinity])
    expect(roundTrip(new Map([['a', 1]]))).toEqual(new Map([['a', 1]]))
    expect(roundTrip(new Set(['x']))).toEqual(new Set(['x']))
    expect(roundTrip(new Uint8Array([1, 2, 255]))).toEqual([1, 2, 255])
    expect(roundTrip({big: 12n})).toEqual({big: 12n})
  })

  it('reduce what cannot cross to tags instead of failing', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(roundTrip(cyclic)).toEqual({self: {$course: 'cycle'}})
    expect(roundTrip(() => 1)).toEqual({$course: 'function'})
  })

  it('round-trip any JSON value unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })
})
