import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {folderHash} from '../../../src/core/units/unit-code.js'
import {ROOT} from '../../helpers/cli.js'

/**
 * The build records a hash of each unit's grader folder (src/build/unit-registry.mjs) and the CLI
 * recomputes it (units/unit-code.ts) to decide whether the prebuilt grader is current. The two are
 * written twice, in JavaScript for the build and TypeScript for the CLI: they must agree, or every
 * grader would be bundled again on each run (or, worse, a stale one used).
 */
describe('the prebuilt graders registry', () => {
  const file = path.join(ROOT, 'dist', 'graders', 'registry.json')
  it('lists every grader with code, with the hash the CLI computes', async () => {
    expect(existsSync(file)).toBe(true)
    const registry = JSON.parse(readFileSync(file, 'utf8')) as Record<string, {hash: string}>
    const {graderEntries} = (await import(path.join(ROOT, 'src', 'build', 'unit-registry.mjs'))) as {graderEntries: (root: string) => Record<string, string>}
    expect(Object.keys(registry).sort()).toEqual(Object.keys(graderEntries(ROOT)).map((e) => e.slice('graders/'.length)).sort())
    for (const [unit, entry] of Object.entries(registry)) expect(entry.hash, unit).toBe(folderHash(path.join(ROOT, 'graders', unit)))
  })
})
