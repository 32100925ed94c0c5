import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, afterEach} from 'vitest'

const perTest: string[] = []
const perFile: string[] = []

/**
 * A fresh temporary folder, removed after the current test; with `{scope: 'file'}`, after the
 * last test of the file (for folders a `beforeAll` sets up).
 */
export function tempDir(options: {prefix?: string; scope?: 'test' | 'file'} = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), options.prefix ?? 'course-test-'))
  ;(options.scope === 'file' ? perFile : perTest).push(dir)
  return dir
}

afterEach(() => {
  for (const dir of perTest.splice(0)) rmSync(dir, {recursive: true, force: true})
})

afterAll(() => {
  for (const dir of perFile.splice(0)) rmSync(dir, {recursive: true, force: true})
})
