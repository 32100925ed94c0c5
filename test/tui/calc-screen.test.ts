import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {BIN} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {requireTmux, terminal} from '../helpers/terminal.js'

/**
 * `course calc` in a real terminal (tmux, as in tmux.test.ts): the answer must be on the first
 * screen of a standard 80×24 terminal, and the working must scroll under it. A private socket keeps
 * it away from any other tmux, this file's own so the two files may run side by side.
 */
const ENV = ['-e', 'NO_COLOR=1', '-e', 'CI=true']
const SESSION = 'calc'
const {tmux, alive, screen, keys, waitFor, kill} = terminal('calc', SESSION)

/** The first line of the working: the one under its rule. */
function firstWorkingLine(text: string): string | undefined {
  const lines = text.split('\n')
  const rule = lines.findIndex((line) => line.startsWith('── working'))
  return rule === -1 ? undefined : lines[rule + 1]
}

async function quit(): Promise<void> {
  keys('Escape')
  const deadline = Date.now() + 10_000
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  expect(alive()).toBe(false)
}

function open(columns: number, rows: number): void {
  tmux('new-session', '-d', '-s', SESSION, '-x', String(columns), '-y', String(rows), '-c', tempDir(), ...ENV, process.execPath, BIN, 'calc')
}

beforeAll(() => {
  requireTmux()
})

afterEach(() => {
  kill()
})

describe('the calculator screen at 80×24', () => {
  it('shows the Erlang C answer on the first screen, and PgDn/PgUp move the working under it', async () => {
    open(80, 24)
    await waitFor('the calculator', (text) => text.includes('143 instances'))
    keys('Right')
    const first = await waitFor('Erlang C', (text) => text.includes('Fewest servers for p99 wait < 10 ms'))
    expect(first).toContain('118 servers (84.7 % busy); the utilisation formula at 70 % gives 143')
    expect(first.split('\n').every((line) => [...line].length <= 80)).toBe(true)
    const top = firstWorkingLine(first)
    expect(top).toBeDefined()

    keys('NPage')
    const paged = await waitFor('the working to scroll', (text) => firstWorkingLine(text) !== top)
    expect(paged).toContain('118 servers (84.7 % busy)')
    expect(paged).toMatch(/Fewest servers for p99 wait < 10 ms/)
    expect(paged).toMatch(/\d+%\s*$/m)

    keys('PPage')
    await waitFor('the working back at its top', (text) => firstWorkingLine(text) === top)
    await quit()
  })

  it('has a plan tab after Little\'s law, with the result above the steps', async () => {
    open(80, 24)
    await waitFor('the calculator', (text) => text.includes('143 instances'))
    expect(screen().split('\n')[0]).toMatch(/little +plan +bloom/)
    keys('Right', 'Right', 'Right')
    const plan = await waitFor('the plan', (text) => text.includes('The two part at'))
    const lines = plan.split('\n')
    const parts = lines.findIndex((line) => line.includes('The two part at "videos in progress"'))
    const table = lines.findIndex((line) => /^ +# +step +common table +corrected/.test(line))
    expect(parts).toBeGreaterThan(0)
    expect(table).toBeGreaterThan(parts)
    await quit()
  })

  it('asks for the unit of a bare-number target in place of the result', async () => {
    open(80, 24)
    await waitFor('the calculator', (text) => text.includes('143 instances'))
    keys('Right')
    await waitFor('Erlang C', (text) => text.includes('Fewest servers'))
    keys('Tab', 'Tab', 'C-u', '0.2')
    const asked = await waitFor('the question for a unit', (text) => text.includes('has no unit'))
    expect(asked.replace(/\s+/g, ' ')).toContain('`p99 < 0.2 s` or `p99 < 0.2 ms`')
    await quit()
  })
})

describe('the calculator screen at 100×30', () => {
  it('wraps the answer and the notes instead of cutting them', async () => {
    open(100, 30)
    await waitFor('the calculator', (text) => text.includes('143 instances'))
    keys('Right')
    const first = await waitFor('Erlang C', (text) => text.includes('Fewest servers'))
    expect(first).toContain('118 servers (84.7 % busy); the utilisation formula at 70 % gives 143')
    keys('NPage', 'NPage', 'NPage')
    const end = await waitFor('the end of the working', (text) => text.includes('needs.'))
    expect(`${first}\n${end}`).not.toContain('…')
    await quit()
  })
})
