import {readdirSync} from 'node:fs'
import path from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {BIN} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {requireTmux, terminal} from '../helpers/terminal.js'

/**
 * Drives the real TUI in a real terminal: tmux runs `course`, keys are sent with send-keys and
 * the screen is read back with capture-pane. A private socket keeps it away from any other tmux.
 */
/**
 * Every screen opens with CI set, as it is in CI and in some learners' shells: Ink would then draw
 * only its last frame, and the screens must draw as they change all the same.
 */
const ENV = ['-e', 'NO_COLOR=1', '-e', 'CI=true']
const SESSION = 'course'
const {tmux, alive, waitFor, kill} = terminal('tui', SESSION)

const selectedLine = (text: string) => text.split('\n').find((line) => line.startsWith('❯')) ?? ''

beforeAll(() => {
  requireTmux()
})

afterEach(() => {
  kill()
})

describe('the TUI in a real terminal', () => {
  it('opens, moves, enters a unit, scrolls, follows a resize, and quits', async () => {
    const cwd = tempDir()
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', cwd, ...ENV, process.execPath, BIN)

    const home = await waitFor('the home screen', (text) => text.includes('done') && text.includes('❯'))
    const lines = home.split('\n')
    expect(lines[0]).toMatch(/^Work distribution.*\d+\/\d+ done$/)
    expect(selectedLine(home)).toMatch(/^❯ +1 /)

    tmux('send-keys', '-t', SESSION, 'j')
    const moved = await waitFor('the selection to move', (text) => /^❯ +2 /.test(selectedLine(text)))
    // The list may cut the title short; its first words are enough to recognise the unit page.
    const title = selectedLine(moved).replace(/^❯ +2 /, '').slice(0, 16)

    tmux('send-keys', '-t', SESSION, 'Enter')
    const unit = await waitFor('the unit page', (text) => text.startsWith(`2. ${title}`))
    expect(unit).toMatch(/esc back/)
    const firstBodyLine = unit.split('\n')[2]

    tmux('send-keys', '-t', SESSION, 'NPage')
    const scrolled = await waitFor('the page to scroll', (text) => text.split('\n')[2] !== firstBodyLine)
    expect(scrolled).toMatch(/\d+%\s*$/m)

    tmux('resize-window', '-t', SESSION, '-x', '60', '-y', '20')
    const narrow = await waitFor('the page to fit 60 columns', (text) => text.split('\n')[1] === '─'.repeat(60))
    expect(narrow.split('\n').every((line) => [...line].length <= 60)).toBe(true)

    tmux('send-keys', '-t', SESSION, 'Escape')
    await waitFor('the home screen again', (text) => text.includes('enter open'))
    tmux('send-keys', '-t', SESSION, 'q')
    const deadline = Date.now() + 10_000
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(alive()).toBe(false)
  })
})

describe("the reader's messages at 80×24", () => {
  const footer = (text: string) => text.trimEnd().split('\n').at(-1) ?? ''
  const status = (text: string) => text.trimEnd().split('\n').at(-2) ?? ''

  it('keeps help and quit in the footer and says what to do next without a workspace', async () => {
    const cwd = tempDir()
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', cwd, ...ENV, process.execPath, BIN)
    await waitFor('the home screen', (text) => text.includes('❯'))

    // The first unit is the pillar's lesson: read without a workspace, nothing records it.
    tmux('send-keys', '-t', SESSION, 'Enter')
    const lesson = await waitFor('the lesson', (text) => text.startsWith('1. '))
    expect(status(lesson)).toBe('Not recorded as read: no workspace yet. Press s to make one and record it.')
    expect(footer(lesson)).toMatch(/ · \? help · q quit +\d+%$/)
    expect(lesson.split('\n').every((line) => [...line].length <= 80)).toBe(true)

    tmux('send-keys', '-t', SESSION, 'Escape')
    await waitFor('the home screen again', (text) => text.includes('enter open'))
    tmux('send-keys', '-t', SESSION, 'j')
    await waitFor('the second unit', (text) => /^❯ +2 /.test(selectedLine(text)))
    tmux('send-keys', '-t', SESSION, 'Enter')
    await waitFor('the second unit page', (text) => text.startsWith('2. '))
    tmux('send-keys', '-t', SESSION, 'o')
    const locked = await waitFor('the locked write-up', (text) => status(text).startsWith('Write-up locked'))
    expect(status(locked)).toMatch(/^Write-up locked until you pass: press s, then run `course check [a-z-]+`\.$/)
    expect(footer(locked)).toMatch(/\? help · q quit +\d+%$/)
    tmux('send-keys', '-t', SESSION, 'h')
    await waitFor('the hint refused', (text) => status(text) === 'Hints are counted in your workspace, and there is none yet: press s first.')
    tmux('send-keys', '-t', SESSION, 's')
    await waitFor('the unit started', (text) => status(text).startsWith('Started in '))
    tmux('send-keys', '-t', SESSION, 'h')
    await waitFor('the first hint', (text) => /^Hint 1 of \d+$/.test(status(text)))
    tmux('send-keys', '-t', SESSION, 'q')
    const deadline = Date.now() + 10_000
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(alive()).toBe(false)

    // Back in the unit's folder, the reader offers to continue there.
    const started = readdirSync(path.join(cwd, 'course-work')).find((name) => !name.startsWith('.'))!
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', path.join(cwd, 'course-work', started), ...ENV, process.execPath, BIN)
    const again = await waitFor('the offer to continue', (text) => text.includes('continue there'))
    expect(status(again)).toBe(`You are in ${started}/: press enter to continue there.`)
    expect(selectedLine(again)).toMatch(/^❯ +2 /)
    tmux('send-keys', '-t', SESSION, 'Enter')
    await waitFor('the unit page', (text) => text.startsWith('2. '))
  })
})

describe('the calculator screen in a real terminal', () => {
  it('opens, switches to Erlang C, edits the target and shows the new answer', async () => {
    tmux('new-session', '-d', '-s', SESSION, '-x', '90', '-y', '30', '-c', tempDir(), ...ENV, process.execPath, BIN, 'calc')
    await waitFor('the calculator', (text) => text.includes('143 instances'))
    tmux('send-keys', '-t', SESSION, 'Right')
    await waitFor('Erlang C', (text) => text.includes('Fewest servers for p99 wait < 10 ms'))
    tmux('send-keys', '-t', SESSION, 'Tab', 'Tab', 'C-u', 'p99 < 5 ms')
    const screen = await waitFor('the new target', (text) => text.includes('Fewest servers for p99 wait < 5 ms'))
    expect(screen).toMatch(/= 100 \/ 1\d\d\n/)
    tmux('send-keys', '-t', SESSION, 'Escape')
    const deadline = Date.now() + 10_000
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(alive()).toBe(false)
  })
})
