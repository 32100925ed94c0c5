import {execFileSync} from 'node:child_process'
import {linkSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {copySubmission, DEFAULT_INTAKE_LIMITS} from '../../../src/core/grading/intake.js'
import {tempDir} from '../../helpers/temp.js'

/** Copy in, then trust only the copy: links, pipes and devices are refused, never followed or read. */
function submission(files: Record<string, string> = {'main.ts': 'export const x = 1'}): string {
  const dir = tempDir()
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    writeFileSync(path.join(dir, name), content)
  }
  return dir
}

const copy = (source: string, limits = DEFAULT_INTAKE_LIMITS) => copySubmission(source, limits)

describe('copySubmission', () => {
  it('copies regular files and folders, hashes them, and skips what is not the learner’s work', () => {
    const dir = submission({'main.ts': 'a', 'lib/util.ts': 'b', 'node_modules/x/index.js': 'c', '.git/HEAD': 'd', '.course/state.json': '{}'})
    const intake = copy(dir)
    expect(intake.problems).toEqual([])
    expect([...intake.files.keys()]).toEqual(['lib/util.ts', 'main.ts'])
    expect(String(intake.files.get('lib/util.ts'))).toBe('b')
    expect(intake.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(copy(dir).sha256).toBe(intake.sha256)
  })

  it('reports a folder that does not exist as empty, not as a problem', () => {
    expect(copy(path.join(tempDir(), 'nothing'))).toEqual({files: new Map(), sha256: '', problems: []})
  })

  it('refuses links to files and folders, wherever they are, without reading them', () => {
    const secret = path.join(tempDir(), 'secret.txt')
    writeFileSync(secret, 'SECRET')
    const dir = submission()
    symlinkSync(secret, path.join(dir, 'entry.ts'))
    symlinkSync('/proc/self/environ', path.join(dir, 'environ.ts'))
    mkdirSync(path.join(dir, 'deep'))
    symlinkSync(path.dirname(secret), path.join(dir, 'deep', 'folder'))
    const intake = copy(dir)
    expect(intake.problems).toEqual([
      'deep/folder is a link; a submission is graded from regular files only (replace it with the file itself)',
      'entry.ts is a link; a submission is graded from regular files only (replace it with the file itself)',
      'environ.ts is a link; a submission is graded from regular files only (replace it with the file itself)',
    ])
    expect([...intake.files.keys()]).toEqual(['main.ts'])
  })

  it('refuses a submission folder that is itself a link', () => {
    const real = submission()
    const link = path.join(tempDir(), 'linked')
    symlinkSync(real, link)
    expect(copy(link).problems).toEqual(['the submission folder is a link; a submission must be a real folder'])
  })

  it('refuses a named pipe without opening it (which would wait forever)', () => {
    const dir = submission()
    execFileSync('mkfifo', [path.join(dir, 'design.yaml')])
    expect(copy(dir).problems).toEqual(['design.yaml is a named pipe; a submission is graded from regular files only (replace it with the file itself)'])
  })

  it('refuses a hard link (a file that is also somewhere else)', () => {
    const other = path.join(tempDir(), 'grader-file.txt')
    writeFileSync(other, 'SECRET')
    const dir = submission()
    linkSync(other, path.join(dir, 'copy.ts'))
    expect(copy(dir).problems).toEqual(["copy.ts has 2 hard links; a submission's files must be its own (copy the file instead of linking it)"])
  })

  it('caps the size of a file, the total size, the number of files and the depth', () => {
    const limits = {maxFiles: 3, maxFileBytes: 10, maxTotalBytes: 25, maxDepth: 2}
    expect(copy(submission({'big.ts': 'x'.repeat(11)}), limits).problems).toEqual(['big.ts is 11 bytes; a file may hold at most 10 bytes'])
    expect(copy(submission({'a.ts': 'x'.repeat(10), 'b.ts': 'x'.repeat(10), 'c.ts': 'x'.repeat(10)}), limits).problems).toEqual(['the submission holds more than 25 bytes of files'])
    expect(copy(submission({'a.ts': '', 'b.ts': '', 'c.ts': '', 'd.ts': ''}), limits).problems).toEqual(['the submission holds more than 3 files'])
    expect(copy(submission({'a/b/c/d.ts': ''}), limits).problems).toEqual(['a/b/c is nested more than 2 folders deep'])
  })

  it('shows odd file names printable and short in its messages', () => {
    const dir = submission()
    symlinkSync('/etc/passwd', path.join(dir, '\u001b[2Kfake\rname.ts'))
    const [problem] = copy(dir).problems
    expect(problem).toBe('fake\\x0dname.ts is a link; a submission is graded from regular files only (replace it with the file itself)')
  })
})
