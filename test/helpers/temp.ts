import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach} from 'vitest'

const created: string[] = []

/** A fresh temporary folder, removed after the current test. */
export function tempDir(prefix = 'course-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, {recursive: true, force: true})
})
