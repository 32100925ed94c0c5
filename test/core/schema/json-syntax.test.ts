import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {MAX_JSON_DEPTH} from '../../../src/core/schema/json-depth.js'
import {findJsonSyntaxProblem} from '../../../src/core/schema/json-syntax.js'

describe('findJsonSyntaxProblem', () => {
  it.each([
    ['{"a": oops}', 6, 'unexpected `o`; expected a value (a string needs double quotes)'],
    ['{"a": 1,}', 7, 'a trailing comma before `}`'],
    ['[1, 2,\n]', 5, 'a trailing comma before `]`'],
    ['{"a" 1}', 5, 'unexpected `1`; expected `:` after the property name'],
    ['{a: 1}', 1, 'unexpected `a`; expected a property name in double quotes'],
    ['{"format_version": 1,\n "units": {,}}', 33, 'unexpected `,`; expected a property name in double quotes'],
    ['[1 2]', 3, 'unexpected `2`; expected `,` or `]`'],
    ['{"a": [1, 2}', 11, 'unexpected `}`; expected `,` or `]`'],
    ['{"a": 1 "b": 2}', 8, 'unexpected `"`; expected `,` or `}`'],
    ['{"a": "open', 6, 'a string is never closed'],
    ['{"a": "x\ty"}', 8, 'a line break or control character inside a string'],
    ['{"a": "\\q"}', 7, 'unknown escape `\\q`'],
    ['{"a": "\\u12"}', 7, '`\\u` must be followed by four hex digits'],
    ['{"a": 1.}', 6, '`1.` is not a number as JSON writes one'],
    ['{"a": 1} x', 9, 'unexpected `x` after the end of the document'],
    ['{"a": 1}}', 8, 'unexpected `}` after the end of the document'],
    ['', 0, 'unexpected the end of the file; expected a value'],
  ])('locates the error in %j', (text, offset, message) => {
    expect(findJsonSyntaxProblem(text)).toEqual({offset, message})
  })

  it('refuses comments, which editors often let through', () => {
    expect(findJsonSyntaxProblem('{"a": 1 // why\n}')).toEqual({offset: 8, message: 'a comment; JSON has none'})
    expect(findJsonSyntaxProblem('/* header */ {"a": 1}')).toEqual({offset: 0, message: 'a comment; JSON has none'})
    expect(findJsonSyntaxProblem('{"a": 1 /* open')).toEqual({offset: 8, message: 'a comment; JSON has none'})
  })

  it('refuses a text nested past the limit at its first bracket too deep, unless an error comes first', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 5)}${']'.repeat(MAX_JSON_DEPTH + 5)}`
    expect(findJsonSyntaxProblem(`{"a": ${deep}, "b": }`)).toEqual({offset: 5 + MAX_JSON_DEPTH, message: `nested more than ${MAX_JSON_DEPTH} levels deep`})
    expect(findJsonSyntaxProblem(`{"a": x, "b": ${deep}}`)).toEqual({offset: 6, message: 'unexpected `x`; expected a value (a string needs double quotes)'})
    // 100,000 levels: the parser underneath would overflow the stack without the limit.
    expect(findJsonSyntaxProblem(`${'['.repeat(100_000)}}`)?.message).toBe(`nested more than ${MAX_JSON_DEPTH} levels deep`)
  })

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxProblem(text)).toBeUndefined()
      }),
    )
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map((t) => t.slice(0, -1)), fc.json().chain((t) => fc.nat(t.length).map((i) => `${t.slice(0, i)},${t.slice(i)}`))), (text) => {
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        const problem = findJsonSyntaxProblem(text)
        expect(problem === undefined).toBe(valid)
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length)
      }),
      {numRuns: 1000},
    )
  })
})
