import {render} from 'ink-testing-library'
import {describe, expect, it} from 'vitest'
import {planShelf} from '../../src/services/calc.js'
import {CalculatorScreen} from '../../src/ui/screens/calculator.js'

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

/** The first frame that passes `check`, waiting for frames rather than for a fixed time. */
async function frameWhere(lastFrame: () => string | undefined, check: (frame: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const frame = lastFrame() ?? ''
    if (check(frame) || Date.now() > deadline) return frame
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the calculator screen', () => {
  it('recomputes as the learner types, and explains bad input in place', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={90} height={30} />)
    expect(await frameWhere(lastFrame, (frame) => frame.includes('instances,'))).toContain('143 instances')
    stdin.write('\u0015')
    await settle()
    stdin.write('2000/s')
    expect(await frameWhere(lastFrame, (frame) => frame.includes('286 instances'))).toContain('286 instances')
    stdin.write('\u0015banana')
    expect(await frameWhere(lastFrame, (frame) => frame.includes('banana`'))).toContain('`banana` does not start with a number')
    unmount()
  })

  it('switches calculators with the arrow keys and fields with tab', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={90} height={30} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    stdin.write('\u001B[C')
    const erlang = await frameWhere(lastFrame, (frame) => frame.includes('Fewest servers'))
    expect(erlang).toContain('Fewest servers for p99 wait < 10 ms')
    expect(erlang).toContain('118')
    stdin.write('\t\t\u0015p99 < 5 ms')
    expect(await frameWhere(lastFrame, (frame) => frame.includes('< 5 ms ('))).toContain('Fewest servers for p99 wait < 5 ms')
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

/** The rows of a frame, and the first line of the working (the line under its rule). */
const rows = (frame: string) => frame.split('\n')
const firstWorkingLine = (frame: string) => rows(frame)[rows(frame).findIndex((line) => line.startsWith('── working')) + 1]

describe('the calculator screen on a small terminal', () => {
  it('shows the Erlang C answer at 80×24 without scrolling, and PgDn moves only the working', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={80} height={23} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    stdin.write('\u001B[C')
    const first = await frameWhere(lastFrame, (frame) => frame.includes('Fewest servers'))
    expect(first).toContain('118 servers (84.7 % busy); the utilisation formula at 70 % gives 143')
    expect(rows(first)).toHaveLength(23)
    expect(rows(first).every((line) => [...line].length <= 80)).toBe(true)
    const top = firstWorkingLine(first)
    stdin.write('\u001B[6~')
    const paged = await frameWhere(lastFrame, (frame) => firstWorkingLine(frame) !== top)
    expect(firstWorkingLine(paged)).not.toBe(top)
    expect(paged).toContain('118 servers (84.7 % busy)')
    expect(rows(paged).at(-1)).toMatch(/\d+%$/)
    stdin.write('\u001B[5~')
    const back = await frameWhere(lastFrame, (frame) => firstWorkingLine(frame) === top)
    expect(firstWorkingLine(back)).toBe(top)
    unmount()
  })

  it('wraps long lines at 100 columns rather than cutting them', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={100} height={29} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    stdin.write('\u001B[C')
    let frame = await frameWhere(lastFrame, (f) => f.includes('Fewest servers'))
    const seen = new Set<string>()
    // Page to the end of the working: the last note is there in full, over two lines.
    for (let i = 0; i < 10; i++) {
      for (const line of rows(frame)) seen.add(line)
      stdin.write('\u001B[6~')
      await settle()
      frame = lastFrame() ?? ''
    }
    for (const line of rows(frame)) seen.add(line)
    expect([...seen].some((line) => line.includes('…'))).toBe(false)
    expect([...seen].join('\n')).toMatch(/The utilisation formula at 70 %: 143 servers,\s+where the wait is/)
    unmount()
  })

  it('asks for the unit of a wait target given as a bare number', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={80} height={23} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    stdin.write('\u001B[C')
    await frameWhere(lastFrame, (frame) => frame.includes('Fewest servers'))
    stdin.write('\t\t\u00150.2')
    // The message wraps where the screen is narrow: read it as one line.
    const words = (frame: string) => frame.replace(/\s+/g, ' ')
    const frame = words(await frameWhere(lastFrame, (f) => f.includes('has no unit')))
    expect(frame).toContain('target: `0.2` has no unit')
    expect(frame).toContain('`p99 < 0.2 s` or `p99 < 0.2 ms`')
    stdin.write('\u0015p99 < 0.2')
    expect(words(await frameWhere(lastFrame, (f) => f.includes('a wait is a duration')))).toContain('`p99 < 0.2 s` or `p99 < 0.2 ms`')
    unmount()
  })

  it('explains an unstable system in place of a result', async () => {
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={80} height={23} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    stdin.write('\u001B[C')
    await frameWhere(lastFrame, (frame) => frame.includes('Fewest servers'))
    stdin.write('\t\t\u0015\t90')
    const frame = await frameWhere(lastFrame, (f) => f.includes('cannot keep up'))
    expect(frame).toMatch(/90 servers cannot keep up: the offered load is 100 Erlangs/)
    expect(frame).toContain('Use at least 101 servers')
    unmount()
  })
})

describe("the calculator screen's plan tab", () => {
  it('shows a plan after Little\'s law, takes changes to its inputs, and switches plans by unit', async () => {
    const plans = planShelf({cwd: process.cwd()})
    const {lastFrame, stdin, unmount} = render(<CalculatorScreen color={false} width={80} height={23} plans={plans} />)
    await frameWhere(lastFrame, (frame) => frame.includes('143 instances'))
    expect(rows(lastFrame() ?? '')[0]).toMatch(/little +plan +bloom/)
    stdin.write('\u001B[C\u001B[C\u001B[C')
    // Opening the tab reads and checks the plan, which takes a moment on a busy machine.
    const plan = await frameWhere(lastFrame, (frame) => frame.includes('The two part'), 20_000)
    expect(plan).toContain('The two part at "videos in progress": common table 208.3, corrected 138.9.')
    expect(plan).toMatch(/❯ plan +video-pipeline/)
    expect(rows(plan)).toHaveLength(23)
    // The busiest hour at twice the average: both columns double from the first step on.
    stdin.write('\t\t2')
    expect(await frameWhere(lastFrame, (frame) => frame.includes('common table 416.7'))).toContain('common table 416.7, corrected 277.8.')
    stdin.write('\u001B[A\u001B[A\u0015nothing')
    const unknown = await frameWhere(lastFrame, (frame) => frame.includes('no plan'))
    expect(unknown).toContain('there is no plan `nothing`')
    expect(unknown).toMatch(/Units with a plan: .*video-pipeline/)
    stdin.write('\u0015web-crawler')
    expect(await frameWhere(lastFrame, (frame) => frame.includes('part at "workers"'))).toContain('The two part at "workers": common table 12, corrected 20.')
    // Back to the first plan: the value typed into it is still there.
    stdin.write('\u0015video-pipeline')
    expect(await frameWhere(lastFrame, (frame) => frame.includes('videos in progress'))).toContain('common table 416.7, corrected 277.8.')
    unmount()
  })
})
