import {describe, expect, it} from 'vitest'
import {proseProblem, referenceShinglesOf, reviewDocument} from '../../../src/core/grading/review.js'

const genuine =
  'Long polling keeps one request per worker open at the queue for twenty seconds, so the idle cost is the fleet size divided by the wait, and each job wakes exactly one waiter. Restarts drop every connection together, which is why reconnects use full jitter over a window sized for the budget.'

describe('prose a person should read', () => {
  it('flags empty fields, placeholders, a few words and repetition', () => {
    // An absent field is the schema's business: it may be optional.
    expect(proseProblem(undefined)).toBeUndefined()
    expect(proseProblem('')).toBe('empty')
    expect(proseProblem('   ')).toBe('empty')
    expect(proseProblem(['x', 'x', 'TBD'])).toMatch(/placeholders/)
    expect(proseProblem('see above')).toMatch(/almost nothing/)
    expect(proseProblem('scaling scaling scaling is good good good '.repeat(8))).toMatch(/almost nothing|repeats/)
  })

  it('lets an answer through, in a string, a list or an object', () => {
    expect(proseProblem(genuine)).toBeUndefined()
    expect(proseProblem(genuine.split('. '))).toBeUndefined()
    expect(proseProblem({why: genuine})).toBeUndefined()
  })

  it('recognises prose copied from the published reference, and not prose that merely shares words', () => {
    const reference = referenceShinglesOf({notes: genuine}, ['/notes'])
    expect(proseProblem(genuine, reference)).toBe('copied from the published reference')
    const own = 'Each worker holds a long poll for twenty seconds; the queue answers the oldest waiter first, and a restart is followed by reconnects spread with full jitter over a window that keeps the receive traffic inside its budget of cores.'
    expect(proseProblem(own, reference)).toBeUndefined()
  })

  it('locates each flag and lists every departure from the scenario', () => {
    const flags = reviewDocument({notes: 'x', trade_offs: [], departures: [{figure: 'workers', value: '20000 workers', reason: 'our fleet doubled last year'}]}, ['/notes', '/trade_offs'], (p) => `answer.yaml:1:1 (${p})`)
    expect(flags).toHaveLength(3)
    expect(flags[0]).toMatch(/^answer\.yaml:1:1 \(\/notes\) \/notes: only placeholders/)
    expect(flags[1]).toMatch(/\/trade_offs: empty/)
    expect(flags[2]).toMatch(/assumes workers = 20000 workers .*our fleet doubled/)
  })
})
