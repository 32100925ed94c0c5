import {mkdirSync, writeSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomicFrom} from '../../files/atomic-write.js'

/** Text gathered before one write: enough to keep system calls few, nothing next to a class's report. */
const BATCH_CHARS = 64 * 1024

/**
 * Writes a report piece by piece (a learner, a row) to a temporary file beside `file`, then renames
 * it into place: a reader never sees half a report, and a class's report is never held in memory
 * as one string, which a few huge results would push past what a string can hold.
 */
export function writeReportFile(file: string, pieces: Iterable<string>): void {
  mkdirSync(path.dirname(file), {recursive: true})
  writeFileAtomicFrom(file, (fd) => {
    let batch = ''
    for (const piece of pieces) {
      if (batch.length + piece.length < BATCH_CHARS) {
        batch += piece
        continue
      }
      writeAll(fd, batch)
      batch = ''
      if (piece.length < BATCH_CHARS) batch = piece
      else writeAll(fd, piece)
    }
    writeAll(fd, batch)
  })
}

/** `writeSync` may write less than it is given; the rest follows until every byte is out. */
function writeAll(fd: number, text: string): void {
  if (text === '') return
  const bytes = Buffer.from(text, 'utf8')
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
}
