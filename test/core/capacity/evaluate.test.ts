import {describe, expect, it} from 'vitest'
import {evaluateExpression} from '../../../src/core/capacity/evaluate.js'
import {math} from '../../../src/core/capacity/math.js'
import {parseQuantity} from '../../../src/core/capacity/quantity.js'

const value = (text: string, unit?: string) => {
  const result = evaluateExpression(text)
  if (!result.ok) throw new Error(result.message)
  return typeof result.value === 'number' ? result.value : result.value.toNumber(unit ?? '')
}

describe('the restricted evaluator', () => {
  it('does arithmetic with units, including minutes written as min', () => {
    expect(value('1000 req/s * 100 ms')).toBeCloseTo(100)
    expect(value('10000 videos/day * 20 min')).toBeCloseTo(138.888, 2)
    expect(value('ceil(1000 * 0.1 / 0.7)')).toBe(143)
    expect(value('63 instances * 0.68 USD/hour * 730 hour/month', 'USD/month')).toBeCloseTo(31273.2, 1)
    expect(value('5 min to s', 's')).toBe(300)
  })

  it.each([
    ['import({x: 1})', /the function `import` is not allowed/],
    ['createUnit("evil")', /the function `createUnit` is not allowed/],
    ['evaluate("1+1")', /the function `evaluate` is not allowed/],
    ['parse("1")', /the function `parse` is not allowed/],
    ['f(x) = x^2', /functionassignment expressions are not allowed/],
    ['a = 3', /assignment expressions are not allowed/],
    ['1:1e9', /range expressions are not allowed/],
    ['[1, 2, 3]', /array expressions are not allowed/],
    ['x.y', /accessor expressions are not allowed/],
    ['secret', /`secret` is not a unit or a known name/],
    ['1 > 0 ? 1 : 2', /conditional expressions are not allowed/],
    [`1${' + 1'.repeat(200)}`, /longer than 300 characters/],
    ['(((((((((((((((((((((((((1)))))))))))))))))))))))))', /nested too deeply/],
  ])('refuses %s', (text, message) => {
    const result = evaluateExpression(text)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toMatch(message)
  })

  it('keeps the meta functions disabled inside mathjs too', () => {
    // Even if an expression reached them, the instance itself refuses to run them.
    expect(evaluateExpression('1 + 1').ok).toBe(true)
    expect(() => math().evaluate('1 + 1')).toThrow(/evaluate is disabled/)
    expect(() => math().createUnit('evil')).toThrow(/createUnit is disabled/)
    expect(() => math().import({})).toThrow(/import is disabled/)
  })
})

describe('quantities', () => {
  it.each([
    ['10000 videos/day', 'rate', 10000 / 86400],
    ['20 min', 'duration', 1200],
    ['80 vCPU*min', 'core-time', 80],
    ['0.1 %', 'ratio', 0.001],
    ['$50,000', 'money', 50000],
    ['730 hour/month', 'hours-per-month', 730],
    ['416.7 videos/hour * 20 min', 'count', 138.9],
  ] as const)('reads %s as a %s', (text, kind, expected) => {
    const result = parseQuantity(text, kind)
    expect(result.ok && result.quantity.value).toBeCloseTo(expected, 6)
  })

  it.each([
    ['20', 'duration', '`20` has no unit'],
    ['20 s', 'rate', '`20 s` is not a rate'],
    ['5 %', 'duration', '`5 %` is a percentage'],
    ['fast', 'duration', '`fast` does not start with a number'],
  ] as const)('rejects %s as a %s', (text, kind, message) => {
    const result = parseQuantity(text, kind)
    expect(!result.ok && result.message).toBe(message)
  })
})
