import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = path.join(ROOT, 'dist', 'bin.js')

export interface CliRun {
  readonly stdout: string
  readonly stderr: string
  readonly code: number
}

/** Runs the built `course` as a real child process (not a TTY), as a script or CI would. */
export function runCli(args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number} = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env},
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  })
  return {stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1}
}
