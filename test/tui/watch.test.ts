import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {requireTmux, terminal} from '../helpers/terminal.js'

/**
 * `course check --watch` in a real 80×24 terminal, as a learner works through a unit: one screen
 * redrawn in place (nothing scrolls into the terminal's history), the first failing case with
 * what the code printed, the count going up as cases pass, and the next unit offered on a pass.
 */
const SESSION = 'watch'
const REFERENCE = readFileSync(path.join(ROOT, 'exercises', 'load-balancer', 'reference', 'load-balancer.ts'), 'utf8')
const STARTER = readFileSync(path.join(ROOT, 'exercises', 'load-balancer', 'starter', 'load-balancer.ts'), 'utf8')
const {tmux, history, waitFor, kill} = terminal('watch', SESSION)
const WAIT_MS = 60_000

const passing = (text: string) => Number(/(\d+)\/9 cases pass/.exec(text)?.[1] ?? -1)
const idle = (text: string) => text.includes('Save a file of the unit to check again.')

beforeAll(() => {
  requireTmux()
})

afterAll(() => {
  kill()
})

describe('course check --watch in a real terminal', () => {
  it('redraws one screen at 80×24 as cases pass, shows the code’s output, and offers the next unit', async () => {
    const workspace = path.join(tempDir(), 'work')
    expect(runCli(['start', 'load-balancer', '--dir', workspace]).code).toBe(0)
    const folder = path.join(workspace, 'load-balancer')
    const entry = path.join(folder, 'load-balancer.ts')
    // With CI set, as in some learners' shells: at a terminal the screen is drawn all the same.
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', folder, '-e', 'NO_COLOR=1', '-e', 'CI=true', process.execPath, BIN, 'check', '--watch')

    const first = await waitFor('the first run', (text) => idle(text) && passing(text) === 0, WAIT_MS)
    expect(first.split('\n')[0]).toMatch(/^load-balancer · watching .* run 1/)
    expect(first).toContain('✗ Round robin rotates in listed order')
    expect(first).toMatch(/Stuck\? \d+ hints left/)
    expect(first).not.toContain('Hint:')

    // A first attempt that prints as it goes, and gets the order wrong.
    writeFileSync(
      entry,
      STARTER.replace(/\/\/ TODO: remember where the rotation is\.\n\s*throw new Error\('TODO: createRoundRobin'\)/, "console.log('picking from', servers.length)\n  return {pick: () => servers[servers.length - 1]!}"),
    )
    const printed = await waitFor('the second run', (text) => idle(text) && text.includes('run 2'), WAIT_MS)
    expect(printed).toContain('Your code printed:')
    expect(printed).toMatch(/│ picking from 3/)

    // Everything but the circuit breaker: most cases pass, the breaker's is the one shown.
    writeFileSync(entry, REFERENCE.replace(/(export function createCircuitBreaker\([^\n]*\{)/, "$1\n  throw new Error('breaker: not yet')"))
    const most = await waitFor('the third run', (text) => idle(text) && text.includes('run 3'), WAIT_MS)
    expect(passing(most)).toBeGreaterThan(0)
    expect(passing(most)).toBeLessThan(9)
    expect(most).toMatch(/✗ A circuit breaker/)

    writeFileSync(entry, REFERENCE)
    const done = await waitFor('the pass', (text) => idle(text) && passing(text) === 9, WAIT_MS)
    expect(done).toContain('Every visible case passes.')
    expect(done).toMatch(/Next: .*course start [a-z-]+/)

    // One screen, redrawn: the title was never pushed into the history, and no line is wider than the terminal.
    const all = history()
    expect(all.match(/^load-balancer · watching/gm)).toHaveLength(1)
    for (const text of [first, printed, most, done]) expect(text.split('\n').every((line) => [...line].length <= 80)).toBe(true)
  }, 240_000)
})
