import {describe, expect, it} from 'vitest'
import {show} from '../../../src/core/grading/compare.js'
import {clip, graphemeBoundaryAtOrBefore, quote} from '../../../src/core/text/learner-text.js'

const THUMB = '👍🏽'
const FAMILY = '👨‍👩‍👧‍👦'

/** Whether `prefix` ends between two graphemes of `whole`, of which it is the start. */
function endsOnGrapheme(whole: string, prefix: string): boolean {
  expect(whole.startsWith(prefix)).toBe(true)
  const ends = new Set([...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(whole)].map((s) => s.index))
  return prefix.length === whole.length || ends.has(prefix.length)
}

/** What `clip` kept of the text, without its note. */
function kept(clipped: string): string {
  return clipped.replace(/ … \(\d+ more characters\)$/, '')
}

describe('graphemeBoundaryAtOrBefore', () => {
  it('steps back to the start of the grapheme an index falls in', () => {
    const text = `ab${THUMB}e\u0301${FAMILY}z`
    const starts = [0, 1, 2, 6, 8, 19, 20]
    for (let index = 0; index <= text.length; index++) {
      const expected = index === text.length ? index : Math.max(...starts.filter((s) => s <= index))
      expect(graphemeBoundaryAtOrBefore(text, index), `index ${index}`).toBe(expected)
    }
  })

  it('finds the boundary near the end of a megabyte as cheaply as near its start', () => {
    const text = `${'x'.repeat(1024 * 1024)}${THUMB}`
    expect(graphemeBoundaryAtOrBefore(text, text.length - 1)).toBe(1024 * 1024)
  })

  it('never splits a surrogate pair, even inside a grapheme longer than it looks at', () => {
    // One grapheme of 201 code units: a letter under a hundred astral combining marks.
    const text = `a${'\u{1D165}'.repeat(100)}`
    for (let index = 1; index < text.length; index++) {
      const boundary = graphemeBoundaryAtOrBefore(text, index)
      expect(boundary).toBeLessThanOrEqual(index)
      const code = text.charCodeAt(boundary - 1)
      expect(code >= 0xd800 && code <= 0xdbff, `index ${index} gave ${boundary}`).toBe(false)
    }
  })
})

describe('the caps on learner text keep whole graphemes', () => {
  it('clip ends each cut between graphemes, and stays within its limit', () => {
    for (const unit of [THUMB, FAMILY, 'e\u0301', '日']) {
      const text = unit.repeat(200)
      for (let max = 30; max < 60; max++) {
        const clipped = clip(text, max)
        expect(clipped.length).toBeLessThanOrEqual(max)
        expect(endsOnGrapheme(text, kept(clipped)), `${unit} at ${max}: ${clipped}`).toBe(true)
        expect(clipped).toMatch(new RegExp(` … \\(${text.length - kept(clipped).length} more characters\\)$`))
      }
    }
  })

  it('quote keeps whole graphemes of a long value', () => {
    const text = FAMILY.repeat(500)
    for (let max = 30; max < 60; max++) {
      const quoted = quote(text, max)
      expect(quoted.length).toBeLessThanOrEqual(max)
      expect(endsOnGrapheme(text, kept(quoted)), `at ${max}: ${quoted}`).toBe(true)
    }
  })

  it('show cuts a long value before an emoji rather than through it', () => {
    for (let limit = 10; limit < 30; limit++) {
      const shown = show(THUMB.repeat(50), limit)
      expect(shown.length).toBeLessThanOrEqual(limit)
      expect(shown.endsWith('…')).toBe(true)
      expect(endsOnGrapheme(JSON.stringify(THUMB.repeat(50)), shown.slice(0, -1)), `at ${limit}: ${shown}`).toBe(true)
    }
    expect(show('short')).toBe('"short"')
    expect(show(undefined)).toBe('undefined')
  })
})
