import {existsSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/temp.js'
import {requireTmux, terminal} from '../helpers/terminal.js'

/**
 * Every lab in a real 80×24 terminal (tmux): `course run <unit>` with its defaults must fit the
 * screen whole — nothing wider than the terminal, nothing scrolled off the top — so a learner
 * sees the whole picture without scrolling back.
 */
const SESSION = 'labs'
const units = readdirSync(path.join(ROOT, 'graders')).filter((unit) => existsSync(path.join(ROOT, 'graders', unit, 'lab', 'lab.json'))).sort()

beforeAll(() => {
  requireTmux()
})

describe('course run in an 80×24 terminal', () => {
  it.each(units)('%s fits the screen', async (unit) => {
    // A tmux server of its own per lab: a server just killed may still hold a reused socket.
    const {tmux, history, waitFor, kill} = terminal(`labs-${unit}`, SESSION)
    try {
      // The shell stays after the command so its exit status and the screen can be read.
      const script = `"${process.execPath}" "${BIN}" run ${unit}; echo "[exit $?]"; sleep 120`
      tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', tempDir(), '-e', 'NO_COLOR=1', 'sh', '-c', script)
      const screen = await waitFor(`${unit} to finish`, (text) => /\[exit \d+\]/.test(text), 30_000)
      expect(screen).toContain('[exit 0]')
      const lines = history().replace(/\n+$/, '').split('\n')
      // The status line is ours; the lab's output is everything above it, and all of it is on screen.
      expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(24)
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80)
    } finally {
      kill()
    }
  })
})
