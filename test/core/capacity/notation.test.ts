import {describe, expect, it} from 'vitest'
import {parseQuantity} from '../../../src/core/capacity/quantity.js'
import type {QuantityKindName} from '../../../src/core/capacity/kinds.js'

const value = (text: string | number, kind: QuantityKindName) => {
  const parsed = parseQuantity(text, kind)
  return parsed.ok ? parsed.quantity.value : parsed.message
}

/** Every way the course's texts say a figure may be written reads as the same figure. */
describe('quantity notation', () => {
  it('reads rates in words and in symbols alike', () => {
    for (const text of ['500 req/s', '500 requests/second', '500 requests per second', '500 req per s', '500 rps', '500  requests   per  second']) expect(value(text, 'rate'), text).toBe(500)
    expect(value('500 qps', 'rate')).toBe(500)
    expect(value('10000 videos per day', 'rate')).toBeCloseTo(10000 / 86400, 9)
    expect(value('2 GB per day', 'data-rate')).toBeCloseTo(2e9 / 86400, 3)
  })

  it('reads a thousand and a million written after the number, and nothing else', () => {
    expect(value('1.5k req/s', 'rate')).toBe(1500)
    expect(value('10k', 'count')).toBe(10000)
    expect(value('2M pages/day', 'rate')).toBeCloseTo(2e6 / 86400, 6)
    // Units that start with the same letters keep their meaning.
    expect(value('2 MB', 'data')).toBe(2e6)
    expect(value('5 kB', 'data')).toBe(5000)
    expect(value('5 KB', 'data')).toBe(5000)
  })

  it('reads a ratio as a percentage, a fraction, a decimal or "1 in N"', () => {
    for (const text of ['1 %', '1%', '0.01', 0.01, '1/100', '1 in 100']) expect(value(text, 'ratio'), String(text)).toBeCloseTo(0.01, 12)
  })

  it('reads URLs written in capitals', () => {
    expect(value('1000 URLs/s', 'rate')).toBe(1000)
    expect(value('5 URL', 'count')).toBe(5)
  })
})
