/**
 * Writing a file so that a reader sees the old content or the new, never a part of either: the
 * bytes go to a temporary file in the same folder (a rename across file systems would copy), which
 * is then renamed over the target. What each write guarantees:
 *
 * - The temporary name is unique (process id and random bytes), so writers of the same file, in
 *   one process or several, never share one; the last rename wins and every file read is whole.
 * - It is created exclusively (`wx`): a leftover of a crashed run or a link planted at the name is
 *   never written through; another name is tried instead.
 * - When writing or renaming fails, the temporary file is removed and the target is untouched.
 *
 * There is no fsync, as there was none in the writers this replaced: the guarantee is against a
 * killed process, not a power cut, and a flush per file would add a disk's latency to each of the
 * thousands of results a class's grading writes. The new file takes the default mode, as
 * `writeFileSync` gives it; the old file's mode is not carried over (no caller sets one).
 */
import {randomBytes} from 'node:crypto'
import {closeSync, openSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {open, rename, rm} from 'node:fs/promises'
import path from 'node:path'

/** Attempts at a fresh temporary name before giving up: a clash is already one in 2^48. */
const NAME_ATTEMPTS = 5

function temporaryName(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
}

function clashed(error: unknown, attempt: number): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < NAME_ATTEMPTS - 1
}

/** A new temporary file beside `file`, open for writing. */
function openTemporary(file: string): {temporary: string; fd: number} {
  for (let attempt = 0; ; attempt++) {
    const temporary = temporaryName(file)
    try {
      return {temporary, fd: openSync(temporary, 'wx')}
    } catch (error) {
      if (!clashed(error, attempt)) throw error
    }
  }
}

/**
 * Replaces `file` with what `write` writes to the descriptor it is given: for content made piece
 * by piece, which need never be held whole. A throw from `write` leaves `file` as it was.
 */
export function writeFileAtomicFrom(file: string, write: (fd: number) => void): void {
  const {temporary, fd} = openTemporary(file)
  try {
    try {
      write(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}

/** Replaces `file` with `data`; a reader sees the old content or the new, never a part. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  writeFileAtomicFrom(file, (fd) => writeFileSync(fd, data))
}

/** The same, off the main thread: the file system calls run in libuv's pool. */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const temporary = temporaryName(file)
    let handle
    try {
      handle = await open(temporary, 'wx')
    } catch (error) {
      if (clashed(error, attempt)) continue
      throw error
    }
    try {
      try {
        await handle.writeFile(data)
      } finally {
        await handle.close()
      }
      await rename(temporary, file)
      return
    } catch (error) {
      await rm(temporary, {force: true})
      throw error
    }
  }
}
