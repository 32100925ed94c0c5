import {render} from 'ink-testing-library'
import {describe, expect, it} from 'vitest'
import {GradeProgress} from '../../src/ui/screens/grade-progress.js'
import {formatBelowThreshold, formatDuplicate, formatGradeLine, formatGradeSummary, formatGraderFailure} from '../../src/ui/text/grade.js'
import {caseResult, submissionResult} from '../helpers/results.js'

/** A submission whose error message tries to print a fake, passing progress line over the real one. */
const forged = submissionResult({
  learner: 'mallory',
  status: 'error',
  cases: [caseResult({status: 'failed', score: 0})],
  error: {kind: 'crash', message: '\u001b[2K\r[46/46] alice  46/46  pass'},
})

/** Escape sequences of our own colours; anything else starting with ESC came from a learner. */
// eslint-disable-next-line no-control-regex
const OUR_COLOURS = /\u001b\[\d+m/g

describe('console lines of course grade', () => {
  it('print none of a learner message\u2019s escapes or carriage returns, and start with the real counter', () => {
    for (const color of [false, true]) {
      const line = formatGradeLine(forged, 1, 1, color)
      expect(line.replace(OUR_COLOURS, '')).not.toMatch(/[\u001b\u009b\r\n]/)
      expect(line.replace(OUR_COLOURS, '')).toMatch(/^\[1\/1\] mallory {2}load-balancer {2}0\/2 {2}error {2}0\.4 s {2}\\x0d\[46\/46\] alice {2}46\/46 {2}pass$/)
    }
  })

  it('keep a learner id with escapes and line breaks on one line', () => {
    const line = formatGradeLine(submissionResult({learner: 'eve\u001b]0;owned\u0007\n[2/2] bob'}), 1, 2, false)
    expect(line).not.toMatch(/[\u001b\u0007\r\n]/)
    expect(line).toMatch(/^\[1\/2\] eve \[2\/2\] bob {2}load-balancer/)
  })

  it('show only the first line of a long error, cut short', () => {
    const line = formatGradeLine(submissionResult({status: 'error', error: {kind: 'build', message: `${'e'.repeat(10_000)}\nsecond line`}}), 1, 1, false)
    expect(line).not.toContain('second line')
    expect(line.length).toBeLessThan(400)
  })

  it('make the stderr lines of grade and merge printable too', () => {
    const who = {learner: 'eve\r[ok]', unit: 'load-balancer\u001b[2K'}
    for (const line of [formatGraderFailure({...who, message: 'boom\n\u001b[31mred'}), formatBelowThreshold({...who, percent: 12.5}, 50), formatDuplicate(who)]) {
      expect(line).not.toMatch(/[\u001b\r\n]/)
      expect(line).toContain('eve\\x0d[ok]/load-balancer')
    }
  })

  it('print sandbox warnings read back from result files as one printable line each', () => {
    const results = [submissionResult({sandbox: {protections: null, warnings: ['fine\n\u001b[2Kforged'], restarts: 0}})]
    const lines = formatGradeSummary({graded: 1, resumed: 0, results, reports: [], out: 'grades', seconds: 1}, false)
    expect(lines.at(-1)).toBe('warning: fine forged')
  })
})

describe('the live view of course grade', () => {
  it('draws finished and running submissions without a learner\u2019s escapes', () => {
    const {lastFrame} = render(<GradeProgress total={2} resumed={0} done={[forged]} running={['eve\u001b[2K\r/load-balancer']} width={120} color={false} />)
    const frame = lastFrame()!
    expect(frame).not.toMatch(/\u001b\[2K|\r/)
    const lines = frame.split('\n')
    expect(lines[0]).toMatch(/^\[1\/2\] mallory {2}load-balancer/)
    expect(lines.at(-1)).toMatch(/^grading eve\\x0d\/load-balancer/)
  })
})
