import {describe, expect, it} from 'vitest'
import {breakableCode, renderHtml} from '../../../src/core/site/markdown-html.js'

describe('inline code on a narrow screen', () => {
  it('may wrap after punctuation that precedes a name, never inside a name', () => {
    expect(breakableCode('createQuantileSketch({relativeAccuracy})')).toBe('createQuantileSketch(<wbr>{<wbr>relativeAccuracy})')
    expect(breakableCode('queue.pop')).toBe('queue.<wbr>pop')
  })

  it('leaves numbers, plain words and short commands whole', () => {
    expect(breakableCode('1.5')).toBe('1.5')
    expect(breakableCode('course check')).toBe('course check')
    expect(breakableCode('a.)')).toBe('a.)')
  })

  it('escapes the code it splits', () => {
    expect(breakableCode('a<b>.c&d')).toBe('a&lt;b&gt;.<wbr>c&amp;d')
    expect(renderHtml('Call `f(<x>)` now.').html).toContain('<code>f(&lt;x&gt;)</code>')
  })
})
