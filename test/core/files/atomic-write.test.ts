import {mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {writeFileAtomic, writeFileAtomicAsync, writeFileAtomicFrom} from '../../../src/core/files/atomic-write.js'
import {tempDir} from '../../helpers/temp.js'

/** Random bytes the next temporary names will use, in order; an empty queue means truly random. */
const planned = vi.hoisted(() => [] as Buffer[])
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>()
  return {...crypto, randomBytes: (size: number) => planned.shift() ?? crypto.randomBytes(size)}
})

/** The name the write will try first when `bytes` are the random part of it. */
function temporaryFor(file: string, bytes: Buffer): string {
  return `${file}.${process.pid}-${bytes.toString('hex')}.tmp`
}

describe('writeFileAtomic', () => {
  it('replaces the content and leaves only the file behind', () => {
    const dir = tempDir()
    const file = path.join(dir, 'out.json')
    writeFileAtomic(file, 'first\n')
    writeFileAtomic(file, Buffer.from('second\n'))
    expect(readFileSync(file, 'utf8')).toBe('second\n')
    expect(readdirSync(dir)).toEqual(['out.json'])
  })

  it('keeps the old content, and leaves no temporary file, when the rename fails', () => {
    const dir = tempDir()
    const file = path.join(dir, 'out')
    // A folder at the name cannot be replaced by a file: the rename is refused.
    mkdirSync(file)
    writeFileSync(path.join(file, 'inside'), 'kept')
    expect(() => writeFileAtomic(file, 'new')).toThrow()
    expect(readdirSync(dir)).toEqual(['out'])
    expect(readFileSync(path.join(file, 'inside'), 'utf8')).toBe('kept')
  })

  it('never writes through a link planted at its temporary name, and takes another', () => {
    const dir = tempDir()
    const outside = tempDir()
    const file = path.join(dir, 'state.json')
    const [first, second] = [Buffer.alloc(6, 1), Buffer.alloc(6, 2)]
    writeFileSync(path.join(outside, 'precious.txt'), 'precious\n')
    symlinkSync(path.join(outside, 'precious.txt'), temporaryFor(file, first))
    planned.push(first, second)
    writeFileAtomic(file, 'state\n')
    expect(planned).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe('state\n')
    expect(readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('precious\n')
    expect(readdirSync(dir).sort()).toEqual(['state.json', path.basename(temporaryFor(file, first))])
  })
})

describe('writeFileAtomicFrom', () => {
  it('keeps the old content, and leaves no temporary file, when the writer throws midway', () => {
    const dir = tempDir()
    const file = path.join(dir, 'report.txt')
    writeFileSync(file, 'previous\n')
    expect(() =>
      writeFileAtomicFrom(file, (fd) => {
        writeFileSync(fd, 'half a report')
        throw new Error('a row could not be made')
      }),
    ).toThrow('a row could not be made')
    expect(readFileSync(file, 'utf8')).toBe('previous\n')
    expect(readdirSync(dir)).toEqual(['report.txt'])
  })
})

describe('writeFileAtomicAsync', () => {
  it('keeps the old content, and leaves no temporary file, when the folder is gone', async () => {
    const dir = tempDir()
    await expect(writeFileAtomicAsync(path.join(dir, 'missing', 'out.json'), 'x')).rejects.toMatchObject({code: 'ENOENT'})
    const file = path.join(dir, 'out')
    mkdirSync(file)
    await expect(writeFileAtomicAsync(file, 'new')).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['out'])
  })

  it('lets concurrent writers of one file race without a reader ever seeing a mix or a part', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'result.json')
    const size = 256 * 1024
    // Each writer's content is one letter repeated: any read that is not whole and uniform is torn.
    const contents = 'abcdefghijklmnop'.split('').map((letter) => letter.repeat(size))
    writeFileAtomic(file, contents[0]!)
    const torn: string[] = []
    let writing = true
    const reader = (async () => {
      while (writing) {
        const text = readFileSync(file, 'utf8')
        if (text.length !== size || text !== text[0]!.repeat(size)) torn.push(`${text.length} characters starting ${text.slice(0, 8)}`)
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    for (let round = 0; round < 5; round++) await Promise.all(contents.map((content) => writeFileAtomicAsync(file, content)))
    writing = false
    await reader
    expect(torn).toEqual([])
    expect(contents).toContain(readFileSync(file, 'utf8'))
    expect(readdirSync(dir)).toEqual(['result.json'])
  })
})
