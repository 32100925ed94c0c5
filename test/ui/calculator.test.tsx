import {render} from 'ink-testing-library'
import {describe, expect, it} from 'vitest'
import {CalculatorScreen} from '../../src/ui/screens/calculator.js'

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

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
})
