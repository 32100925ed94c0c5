import {describe, expect, it} from 'vitest'
import {formatCase, formatCheck, formatCheckSummary} from '../../src/ui/text/check.js'
import {hintOffer} from '../../src/ui/text/hint-offer.js'
import {caseResult, submissionResult} from '../helpers/results.js'

const failed = caseResult({status: 'failed', score: 0, feedback: 'sent a request to a down server', hint: 'check health first'})
const failing = submissionResult({status: 'fail', mode: 'check', cases: [caseResult(), failed]})

describe('hintOffer', () => {
  it('says how many hints are left and how to see the first or the next', () => {
    expect(hintOffer({unit: 'load-balancer', shown: 0, total: 3})).toBe('Stuck? 3 hints left: `course hint load-balancer` shows the first (or h in `course`).')
    expect(hintOffer({unit: 'load-balancer', shown: 2, total: 3})).toBe('Stuck? 1 hint left: `course hint load-balancer` shows the next (or h in `course`).')
  })

  it('says when every hint was seen, and nothing for a unit without hints', () => {
    expect(hintOffer({unit: 'load-balancer', shown: 3, total: 3})).toBe('You have seen all 3 hints; `course hint load-balancer` shows the last again.')
    expect(hintOffer({unit: 'pillar', shown: 0, total: 0})).toBeUndefined()
  })
})

describe("check's text", () => {
  it('prints no hint under a failed case', () => {
    const lines = formatCase(failed, {color: false, width: 80})
    expect(lines.join('\n')).toContain('sent a request to a down server')
    expect(lines.join('\n')).not.toContain('check health first')
  })

  it('ends a check that did not pass with the hints left, one line for the whole unit', () => {
    const text = formatCheck(failing, {color: false, width: 80, newlyPassed: false, folder: '/ws/load-balancer', hints: {unit: 'load-balancer', shown: 1, total: 3}})
    expect(text).not.toContain('Hint:')
    expect(text.split('\n').at(-1)).toBe('Stuck? 2 hints left: `course hint load-balancer` shows the next (or h in `course`).')
  })

  it('says nothing of hints after a pass, or when it is not told the count', () => {
    const passed = submissionResult({mode: 'check'})
    expect(formatCheckSummary(passed, {color: false, newlyPassed: false, hints: {unit: 'load-balancer', shown: 0, total: 3}}).join('\n')).not.toContain('hint')
    expect(formatCheckSummary(failing, {color: false, newlyPassed: false}).join('\n')).not.toContain('hint')
  })
})
