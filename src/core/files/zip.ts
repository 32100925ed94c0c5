/**
 * A ZIP archive written in memory: a few files at its root, each deflated when that makes it
 * smaller and stored otherwise. Node has deflate and CRC-32 but no ZIP writer, and `zip` is not
 * installed everywhere an instructor works.
 *
 * Each entry is marked as made on Unix with its permission bits in the external attributes, which
 * is how `unzip` and Python's zipfile learn that a script is executable. Names are UTF-8 (flag
 * bit 11). No ZIP64: an archive or entry of 4 GiB or more is refused, far beyond what this writes.
 */
import {crc32, deflateRawSync} from 'node:zlib'

export interface ZipEntry {
  /** The path inside the archive, `/`-separated and relative. */
  readonly path: string
  readonly data: Uint8Array
  /** Permission bits, such as 0o644 or 0o755. */
  readonly mode: number
  readonly mtime: Date
}

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
/** Version 2.0: deflate and folders. */
const VERSION_NEEDED = 20
/** Made by Unix (3, in the high byte), so readers take the mode from the external attributes. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED
const FLAG_UTF8_NAMES = 1 << 11
const STORED = 0
const DEFLATED = 8
const REGULAR_FILE = 0o100000
const LIMIT = 0xffffffff

/** MS-DOS date and time, in local time as ZIP readers expect; seconds are kept to two. */
function dosDateTime(date: Date): {time: number; date: number} {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107)
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  }
}

interface Prepared {
  readonly name: Buffer
  readonly method: number
  readonly body: Uint8Array
  readonly crc: number
  readonly size: number
  readonly mode: number
  readonly time: number
  readonly date: number
  offset: number
}

function prepare(entry: ZipEntry): Prepared {
  if (entry.path === '' || entry.path.startsWith('/') || entry.path.split('/').includes('..')) throw new Error(`zip: ${entry.path || 'an empty path'} is not a relative path inside the archive`)
  if (entry.data.length >= LIMIT) throw new Error(`zip: ${entry.path} is too large without ZIP64`)
  const deflated = deflateRawSync(entry.data)
  const stored = deflated.length >= entry.data.length
  const {time, date} = dosDateTime(entry.mtime)
  return {
    name: Buffer.from(entry.path, 'utf8'),
    method: stored ? STORED : DEFLATED,
    body: stored ? entry.data : deflated,
    crc: crc32(entry.data),
    size: entry.data.length,
    mode: entry.mode & 0o7777,
    time,
    date,
    offset: 0,
  }
}

/** The fields a local header and a central-directory header share, from "version needed" on. */
function commonFields(header: Buffer, at: number, e: Prepared): void {
  header.writeUInt16LE(VERSION_NEEDED, at)
  header.writeUInt16LE(FLAG_UTF8_NAMES, at + 2)
  header.writeUInt16LE(e.method, at + 4)
  header.writeUInt16LE(e.time, at + 6)
  header.writeUInt16LE(e.date, at + 8)
  header.writeUInt32LE(e.crc >>> 0, at + 10)
  header.writeUInt32LE(e.body.length, at + 14)
  header.writeUInt32LE(e.size, at + 18)
  header.writeUInt16LE(e.name.length, at + 22)
  header.writeUInt16LE(0, at + 24) // no extra field
}

function localHeader(e: Prepared): Buffer {
  const header = Buffer.alloc(30)
  header.writeUInt32LE(LOCAL_HEADER, 0)
  commonFields(header, 4, e)
  return Buffer.concat([header, e.name])
}

function centralHeader(e: Prepared): Buffer {
  const header = Buffer.alloc(46)
  header.writeUInt32LE(CENTRAL_HEADER, 0)
  header.writeUInt16LE(VERSION_MADE_BY, 4)
  commonFields(header, 6, e)
  // Then: comment length, disk number, internal attributes (all 0), external attributes, offset.
  header.writeUInt32LE(((REGULAR_FILE | e.mode) << 16) >>> 0, 38)
  header.writeUInt32LE(e.offset, 42)
  return Buffer.concat([header, e.name])
}

/** The archive of `entries`, in the order given. */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const prepared = entries.map(prepare)
  const parts: Uint8Array[] = []
  let offset = 0
  for (const e of prepared) {
    e.offset = offset
    const header = localHeader(e)
    parts.push(header, e.body)
    offset += header.length + e.body.length
  }
  const central = Buffer.concat(prepared.map(centralHeader))
  if (offset + central.length >= LIMIT || prepared.length > 0xffff) throw new Error('zip: the archive is too large without ZIP64')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  // Disk numbers 0 and 0, then the entry count on this disk and in all, the directory's size and offset.
  end.writeUInt16LE(prepared.length, 8)
  end.writeUInt16LE(prepared.length, 10)
  end.writeUInt32LE(central.length, 12)
  end.writeUInt32LE(offset, 16)
  parts.push(central, end)
  return Buffer.concat(parts)
}
