import {execFileSync, spawnSync} from 'node:child_process'

/**
 * A real terminal for a test: a tmux server on a private socket (named per file and process, so
 * test files may run side by side and away from any other tmux), one session in it, keys sent with
 * send-keys and the screen read back with capture-pane.
 */
export interface Terminal {
  tmux(...args: string[]): string
  /** Whether the session is still there (its program has not ended). */
  alive(): boolean
  /** The visible screen. */
  screen(): string
  /** The screen and everything scrolled above it. */
  history(): string
  keys(...names: string[]): void
  /** Resolves with the screen once `predicate` holds; throws with the last screen when it never does. */
  waitFor(what: string, predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>
  /** Ends the server and every session on it. */
  kill(): void
}

export function terminal(name: string, session: string): Terminal {
  const socket = `course-${name}-${process.pid}`
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'})
  const alive = () => spawnSync('tmux', ['-L', socket, 'has-session', '-t', session]).status === 0
  const screen = () => tmux('capture-pane', '-p', '-t', session)
  return {
    tmux,
    alive,
    screen,
    history: () => tmux('capture-pane', '-p', '-S', '-', '-t', session),
    keys: (...names) => void tmux('send-keys', '-t', session, ...names),
    async waitFor(what, predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      let last = ''
      while (Date.now() < deadline) {
        last = alive() ? screen() : ''
        if (predicate(last)) return last
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`)
    },
    kill: () => void spawnSync('tmux', ['-L', socket, 'kill-server']),
  }
}

/** Fails at once, saying what to install, where tmux is missing. */
export function requireTmux(): void {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed for the terminal tests (apt-get install tmux)')
}
