import {execFileSync, spawn, type ChildProcess} from 'node:child_process'
import {lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {expect} from 'vitest'
import {UserError} from '../../../src/core/errors.js'
import {tempDir} from '../../helpers/temp.js'

/**
 * Helpers for tests that prepare a hostile workspace for real: a temporary root holding the
 * workspace (`ws/`) and a folder outside it (`outside/`) that links point at, so a test can prove
 * that nothing outside the workspace changed.
 */
export interface TrapRoot {
  readonly root: string
  readonly ws: string
  readonly outside: string
}

/** A root with an empty workspace folder and an `outside/` folder holding one precious file. */
export function trapRoot(): TrapRoot {
  const root = tempDir({prefix: 'course-trap-'})
  const ws = path.join(root, 'ws')
  const outside = path.join(root, 'outside')
  mkdirSync(ws)
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'precious.txt'), 'not yours\n')
  return {root, ws, outside}
}

/** Every entry under `dir`, links recorded as links (never followed), files with their content. */
export function snapshot(dir: string): Record<string, string> {
  const found: Record<string, string> = {}
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name)
      const relative = path.relative(dir, full)
      const stats = lstatSync(full)
      if (stats.isSymbolicLink()) found[relative] = `link -> ${readlinkSync(full)}`
      else if (stats.isDirectory()) {
        found[relative] = 'folder'
        walk(full)
      } else if (stats.isFile()) found[relative] = `file ${readFileSync(full, 'utf8')}`
      else found[relative] = 'other'
    }
  }
  walk(dir)
  return found
}

/** Runs `action`, expecting a UserError, and returns it. */
export function userError(action: () => unknown): UserError {
  try {
    action()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

/** Like userError, for an async action. */
export async function userErrorAsync(action: () => Promise<unknown>): Promise<UserError> {
  try {
    await action()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

/** Asserts a refusal: a UserError with this code and exactly this message, exit code 1, next steps given. */
export function expectRefusal(error: UserError, code: string, message: string | RegExp): void {
  expect(error.code).toBe(code)
  if (typeof message === 'string') expect(error.message).toBe(message)
  else expect(error.message).toMatch(message)
  expect(error.exitCode).toBe(1)
  expect(error.next.length).toBeGreaterThan(0)
}

/** Makes a named pipe; false where mkfifo is unavailable. */
export function makeFifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

/**
 * A safety valve for pipe tests: a child that opens the pipe for writing after `ms`. Code that
 * wrongly blocked on opening the pipe is released by it (and the test then fails on the time
 * taken) instead of hanging the test run. Stop it with stopWriter.
 */
export function releaseAfter(fifo: string, ms: number): ChildProcess {
  // Its own process group, so stopWriter ends the shell and its `sleep` together.
  return spawn('sh', ['-c', `sleep ${ms / 1000}; printf '{}' > "$1"`, 'sh', fifo], {stdio: 'ignore', detached: true})
}

/** Ends the writer started by releaseAfter: its process group, by the id of the child it started. */
export function stopWriter(child: ChildProcess): void {
  if (child.exitCode === null && child.pid !== undefined) {
    try {
      process.kill(-child.pid)
    } catch {
      // already gone
    }
  }
}
