/**
 * A tar archive (POSIX ustar) written in memory: regular files and folders only, which is all a
 * packed course holds. Node has gzip but no tar writer, and the archive must be writable on any
 * instructor's machine, `tar` installed or not; reading it back is left to the system's `tar`.
 *
 * Owners are written as root (uid and gid 0, no names): whoever extracts the archive owns the
 * files, as they would a fresh checkout.
 */

export interface TarEntry {
  /** The path inside the archive, `/`-separated and relative; a folder's path may end in `/`. */
  readonly path: string
  /** A file's bytes; absent for a folder. */
  readonly data?: Uint8Array
  /** Permission bits, such as 0o644 or 0o755. */
  readonly mode: number
  readonly mtime: Date
}

const BLOCK = 512
/** ustar's name field holds 100 bytes; a longer path is split at a `/` into a 155-byte prefix and a name. */
const NAME_BYTES = 100
const PREFIX_BYTES = 155
/** Eleven octal digits: the largest size a ustar header can state (8 GiB less one byte). */
const MAX_SIZE = 0o77777777777

/** Writes `value` as zero-padded octal in `width - 1` digits and a NUL, as every numeric field is. */
function writeOctal(header: Buffer, offset: number, width: number, value: number): void {
  header.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'ascii')
}

/** The name and prefix fields of `entryPath`, or an error when no split at a `/` makes it fit. */
function splitPath(entryPath: string): {name: Buffer; prefix: Buffer} {
  const whole = Buffer.from(entryPath, 'utf8')
  if (whole.length <= NAME_BYTES) return {name: whole, prefix: Buffer.alloc(0)}
  // The name part must be as short as it can be while the prefix still fits, so split at the
  // last `/` whose prefix fits and whose rest fits too.
  for (let cut = whole.lastIndexOf(0x2f); cut > 0; cut = whole.lastIndexOf(0x2f, cut - 1)) {
    const prefix = whole.subarray(0, cut)
    const name = whole.subarray(cut + 1)
    if (name.length > NAME_BYTES) break
    if (prefix.length <= PREFIX_BYTES) return {name, prefix}
  }
  throw new Error(`tar: the path ${entryPath} is too long for a ustar header`)
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK)
  const folder = entry.data === undefined
  const {name, prefix} = splitPath(folder && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path)
  name.copy(block, 0)
  writeOctal(block, 100, 8, entry.mode & 0o7777)
  writeOctal(block, 108, 8, 0)
  writeOctal(block, 116, 8, 0)
  writeOctal(block, 124, 12, size)
  writeOctal(block, 136, 12, Math.max(0, Math.floor(entry.mtime.getTime() / 1000)))
  block.write(folder ? '5' : '0', 156, 1, 'ascii')
  block.write('ustar\u000000', 257, 8, 'ascii')
  prefix.copy(block, 345)
  // The checksum is the sum of the header's bytes with its own field counted as eight spaces.
  block.fill(0x20, 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
  return block
}

/** The archive of `entries`, in the order given (a folder should come before what it holds). */
export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const entry of entries) {
    if (entry.path === '' || entry.path.startsWith('/') || entry.path.split('/').includes('..')) throw new Error(`tar: ${entry.path || 'an empty path'} is not a relative path inside the archive`)
    const size = entry.data?.length ?? 0
    if (size > MAX_SIZE) throw new Error(`tar: ${entry.path} is too large for a ustar header`)
    parts.push(header(entry, size))
    if (entry.data && size > 0) {
      parts.push(Buffer.from(entry.data.buffer, entry.data.byteOffset, size))
      const padding = (BLOCK - (size % BLOCK)) % BLOCK
      if (padding > 0) parts.push(Buffer.alloc(padding))
    }
  }
  // The end of the archive: two blocks of zeros.
  parts.push(Buffer.alloc(2 * BLOCK))
  return Buffer.concat(parts)
}
