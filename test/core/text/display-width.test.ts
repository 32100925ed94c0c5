import {describe, expect, it} from 'vitest'
import {paint, stripAnsi} from '../../../src/core/markdown/ansi.js'
import {displayWidth, fitToWidth, truncateToWidth} from '../../../src/core/text/display-width.js'

const JAPANESE = '日本語のテキスト'
const THUMBS = '👍🏽👍🏽👍🏽'
const FAMILY = '👨‍👩‍👧‍👦'

/** The graphemes of `text`, as a reader sees its characters. */
function graphemes(text: string): string[] {
  return [...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)].map((s) => s.segment)
}

describe('displayWidth', () => {
  it('counts CJK and emoji as two columns, accents and colour codes as none', () => {
    expect(displayWidth(JAPANESE)).toBe(16)
    expect(displayWidth(THUMBS)).toBe(6)
    expect(displayWidth(FAMILY)).toBe(2)
    expect(displayWidth('cafe\u0301')).toBe(4)
    expect(displayWidth(paint('red', ['bad'], true))).toBe(3)
  })
})

describe('truncateToWidth', () => {
  it('cuts Japanese text to at most the columns asked for, at every width', () => {
    expect(truncateToWidth(JAPANESE, 10)).toBe('日本語の…')
    for (let width = 1; width <= 17; width++) {
      const cut = truncateToWidth(JAPANESE, width)
      expect(displayWidth(cut), `width ${width}: ${cut}`).toBeLessThanOrEqual(width)
      // Nothing is lost that would have fitted: one more character would not.
      if (cut !== JAPANESE) expect(displayWidth(cut), `width ${width}: ${cut}`).toBeGreaterThanOrEqual(width - 1)
    }
  })

  it('never cuts an emoji with a skin tone, or a ZWJ family, in half', () => {
    for (let width = 1; width <= 7; width++) {
      const cut = truncateToWidth(THUMBS, width)
      expect(displayWidth(cut)).toBeLessThanOrEqual(width)
      expect(graphemes(cut).every((g) => g === '👍🏽' || g === '…'), `width ${width}: ${cut}`).toBe(true)
    }
    expect(truncateToWidth(THUMBS, 5)).toBe('👍🏽👍🏽…')
    expect(truncateToWidth(`${FAMILY}${FAMILY}x`, 4)).toBe(`${FAMILY}…`)
  })

  it('keeps the colour reset after a cut inside coloured text', () => {
    const red = paint('red text here', ['bad'], true)
    const cut = truncateToWidth(red, 6)
    expect(stripAnsi(cut)).toBe('red t…')
    expect(cut.startsWith('\u001B[31m')).toBe(true)
    expect(cut.endsWith('\u001B[39m')).toBe(true)
    expect(displayWidth(cut)).toBe(6)
  })

  it('leaves text that fits alone, and gives nothing for no room', () => {
    expect(truncateToWidth('fits', 4)).toBe('fits')
    expect(truncateToWidth(JAPANESE, 16)).toBe(JAPANESE)
    expect(truncateToWidth('abc', 0)).toBe('')
    expect(truncateToWidth('abc', 1)).toBe('…')
  })
})

describe('fitToWidth', () => {
  it('pads by columns, so a CJK cell lines up with a Latin one', () => {
    expect(fitToWidth('日本', 6)).toBe('日本  ')
    expect(fitToWidth('ab', 6)).toBe('ab    ')
    expect(displayWidth(fitToWidth(JAPANESE, 9))).toBe(9)
    expect(fitToWidth(JAPANESE, 9)).toBe('日本語の…')
  })
})
