import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {scanJson} from '../../../src/core/schema/json-scan.js'

describe('scanJson', () => {
  it.each([
    ['{"a": oops}', 6, 'unexpected `o`; expected a value (a string needs double quotes)'],
    ['{"a": 1,}', 8, 'a trailing comma before `}`'],
    ['{"a" 1}', 5, 'unexpected `1`; expected `:` after the property name'],
    ['{a: 1}', 1, 'unexpected `a`; expected a property name in double quotes'],
    ['[1 2]', 3, 'unexpected `2`; expected `,` or `]`'],
    ['{"a": "open', 6, 'a string is never closed'],
    ['{"a": 1} x', 9, 'unexpected `x` after the end of the document'],
    ['', 0, 'unexpected the end of the file; expected a value'],
  ])('locates the error in %j', (text, offset, message) => {
    expect(scanJson(text)).toEqual({offset, message})
  })

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(scanJson(text)).toBeUndefined()
      }),
    )
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        expect(scanJson(text) === undefined).toBe(valid)
      }),
      {numRuns: 500},
    )
  })
})
