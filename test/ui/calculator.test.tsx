import {render} from 'ink-testing-library'
import {describe, expect, it} from 'vitest'
import {CalculatorScreen} from '../../src/ui/screens/calculator.js'

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

/** The first frame that passes `check`, waiting for frames rather than for a fixed time. */
async function frameWhere(lastFrame: () => string | undefined, check: (frame: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const frame = lastFrame() ?? ''
    if (check(frame) || Date.now() > deadline) return frame
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the calculator screen', () => {
  it('recomputes as the learner types, and explains bad input in place', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={90} height={30} />)
    await settle()
    expect(lastFrame()).toContain('143 instances')
    stdin.write('\u0015')
    await settle()
    stdin.write('2000/s')
    await settle()
    expect(lastFrame()).toContain('286 instances')
    stdin.write('\u0015banana')
    await settle()
    expect(lastFrame()).toContain('`banana` does not start with a number')
    unmount()
  })

  it('switches calculators with the arrow keys and fields with tab', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={90} height={30} />)
    await settle()
    stdin.write('\u001B[C')
    await settle()
    expect(lastFrame()).toContain('Fewest servers for p99 wait < 10 ms')
    expect(lastFrame()).toContain('118')
    stdin.write('\t\t\u0015p99 < 5 ms')
    await settle()
    expect(lastFrame()).toContain('Fewest servers for p99 wait < 5 ms')
    unmount()
  })

  it('names a field by its label in messages, never by a command-line flag', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={90} height={30} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    stdin.write('\u0015banana')
    const bad = await frameWhere(lastFrame, (frame) => frame.includes('banana` does not start'))
    expect(bad).toContain('arrival rate: `banana` does not start with a number')
    expect(bad).not.toContain('--')
    // Erlang C with both a target and a number of servers: the rule names both fields.
    stdin.write('\u001B[C')
    await frameWhere(lastFrame, (frame) => frame.includes('Fewest servers'))
    stdin.write('\t\t\t118')
    const both = await frameWhere(lastFrame, (frame) => frame.includes('give exactly'))
    expect(both).toContain('give exactly one of servers and target')
    expect(both).not.toContain('--')
    unmount()
  })
})
