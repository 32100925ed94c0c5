import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {LineCounter, parseDocument} from 'yaml'
import {locatePointer} from '../../../src/core/schema/json-locate.js'
import {escapePointerSegment, pointerSegments} from '../../../src/core/schema/json-pointer.js'
import {documentLocator} from '../../../src/core/schema/locate.js'
import {offsetToPosition} from '../../../src/core/schema/text-position.js'
import {anyText, layouts, toNode, writeJson} from './json-text.js'

/** The YAML-based locator over the same text: YAML reads JSON, and its `yaml` package keeps positions. */
function yamlLocator(text: string) {
  const lineCounter = new LineCounter()
  return documentLocator(parseDocument(text, {lineCounter}), lineCounter)
}

/** The 1-based line and column locatePointer gives, as the YAML-based locator reports them. */
function position(text: string, pointer: string, key = false) {
  return offsetToPosition(text, locatePointer(text, pointer, {key}))
}

describe('JSON pointer syntax', () => {
  it('escapes `~` before `/`, and unescapes `~1` before `~0`', () => {
    expect(escapePointerSegment('../lb')).toBe('..~1lb')
    expect(escapePointerSegment('~1')).toBe('~01')
    expect(escapePointerSegment('plain')).toBe('plain')
    expect(pointerSegments('/paths/~1api~1v1')).toEqual(['paths', '/api/v1'])
    expect(pointerSegments('/~01')).toEqual(['~1'])
  })

  it('reads `` as the document and `/` as its key `` (RFC 6901)', () => {
    expect(pointerSegments('')).toEqual([])
    expect(pointerSegments('/')).toEqual([''])
    expect(pointerSegments('/a//b')).toEqual(['a', '', 'b'])
  })

  it('round-trips any key', () => {
    fc.assert(
      fc.property(fc.array(anyText({maxLength: 8}), {maxLength: 4}), (keys) => {
        expect(pointerSegments(keys.map((k) => `/${escapePointerSegment(k)}`).join(''))).toEqual(keys)
      }),
    )
  })
})

describe('locatePointer', () => {
  const text = '{\n  "units": {\n    "lb": {"hints_shown": -1},\n    "a/b": 1, "t~x": 2\n  },\n  "list": [10, [20, 30], {"k": null}]\n}'

  it('finds a value, or with `key` the key naming it', () => {
    expect(position(text, '/units/lb/hints_shown')).toEqual({line: 3, column: 27})
    expect(position(text, '/units/lb/hints_shown', true)).toEqual({line: 3, column: 12})
    expect(position(text, '/units/lb', true)).toEqual({line: 3, column: 5})
    expect(position(text, '')).toEqual({line: 1, column: 1})
  })

  it('finds keys holding `/` and `~` by their escaped segments', () => {
    expect(position(text, '/units/a~1b', true)).toEqual({line: 4, column: 5})
    expect(position(text, '/units/t~0x')).toEqual({line: 4, column: 22})
  })

  it('walks into arrays by index, only as a pointer writes one', () => {
    expect(position(text, '/list/1/1')).toEqual({line: 6, column: 21})
    expect(position(text, '/list/2/k')).toEqual({line: 6, column: 32})
    // `01` and `-1` are not indices: the nearest existing ancestor is the list itself.
    expect(position(text, '/list/01')).toEqual({line: 6, column: 11})
    expect(position(text, '/list/-1')).toEqual({line: 6, column: 11})
    expect(position(text, '/list/3')).toEqual({line: 6, column: 11})
  })

  it('gives the nearest existing ancestor of a pointer that leads nowhere, and the last key found on the way', () => {
    expect(position(text, '/units/lb/missing/deeper')).toEqual({line: 3, column: 11})
    expect(position(text, '/units/lb/missing', true)).toEqual({line: 3, column: 5})
    expect(position(text, '/units/lb/hints_shown/0')).toEqual({line: 3, column: 27})
  })

  it('compares keys as JSON.parse reads them: `\\u` escapes and `\\/` decoded', () => {
    const escaped = '{"\\u006C\\u0062": {"a\\/b": 1, "\\ud83d\\ude00": 2, "\\"q\\"": 3}}'
    expect(locatePointer(escaped, '/lb/a~1b')).toBe(escaped.indexOf(': 1') + 2)
    expect(locatePointer(escaped, '/lb/😀')).toBe(escaped.indexOf(': 2') + 2)
    expect(locatePointer(escaped, '/lb/"q"', {key: true})).toBe(escaped.indexOf('"\\"q'))
  })

  it('finds a key given twice where JSON.parse takes it from: its last occurrence', () => {
    const twice = '{"a": 1, "b": {"c": 2}, "a": [3]}'
    expect(JSON.parse(twice)).toEqual({a: [3], b: {c: 2}})
    expect(locatePointer(twice, '/a')).toBe(twice.lastIndexOf('[3]'))
    expect(locatePointer(twice, '/a/0')).toBe(twice.lastIndexOf('3'))
    expect(locatePointer(twice, '/a', {key: true})).toBe(twice.lastIndexOf('"a"'))
  })

  it('skips strings holding brackets, commas and escaped quotes', () => {
    const tricky = '{"s": "}],\\"{[", "t": ["]", {"u": "\\\\"}], "v": true}'
    expect(locatePointer(tricky, '/v')).toBe(tricky.indexOf('true'))
    expect(locatePointer(tricky, '/t/1/u')).toBe(tricky.indexOf('"\\\\"'))
  })

  it('locates past a value nested deeper than the parser can recurse (100,000 levels)', () => {
    const depth = 100_000
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
    expect(locatePointer(`{"a": ${deep}, "b": 1}`, '/b')).toBe(depth * 2 + 13)
  })

  it('never throws on text that is not JSON, pointing no further than it could read', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({maxLength: 3}), {maxLength: 3}), fc.boolean(), (junk, keys, key) => {
        const offset = locatePointer(junk, keys.map((k) => `/${k}`).join(''), {key})
        expect(offset).toBeGreaterThanOrEqual(0)
        expect(offset).toBeLessThanOrEqual(junk.length)
      }),
    )
  })
})

describe('locatePointer (jsonc-parser) against the ground truth and the YAML-based locator', () => {
  const documents = fc.record({value: fc.jsonValue({maxDepth: 4}), layout: layouts})

  it('points at the very key and value the writer put there', () => {
    fc.assert(
      fc.property(documents, ({value, layout}) => {
        const {text, spots} = writeJson(toNode(value), layout)
        for (const [pointer, spot] of spots) {
          expect(locatePointer(text, pointer)).toBe(spot.value)
          expect(locatePointer(text, pointer, {key: true})).toBe(spot.key ?? spot.value)
        }
      }),
      {numRuns: 500},
    )
  })

  it('agrees with locate.ts on every pointer of a JSON text, and on pointers that lead nowhere', () => {
    fc.assert(
      fc.property(documents, ({value, layout}) => {
        const {text, spots} = writeJson(toNode(value), layout)
        const locate = yamlLocator(text)
        // locate.ts reads `/` as the document itself, not as its key ``; that one pointer is left out.
        const pointers = [...spots.keys()].filter((p) => p !== '/').flatMap((p) => [p, `${p}/missing`, `${p}/0`, `${p}/missing/0`])
        for (const pointer of pointers) {
          for (const key of [false, true]) expect(position(text, pointer, key), `${pointer} ${key ? 'key' : 'value'}`).toEqual(locate(pointer, {key}))
        }
      }),
      {numRuns: 300},
    )
  })
})
