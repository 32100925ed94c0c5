import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {copySubmission} from '../../../src/core/grading/intake.js'
import {bundleSubmission, type BundleResult} from '../../../src/core/sandbox/bundle.js'
import {tempDir} from '../../helpers/temp.js'

/**
 * The bundler runs in the grader, so it must read nothing but the submission's own files: it is
 * given the copy grading made, every import is resolved by the course's rules among those files,
 * and no tsconfig.json or package.json of the submission's is ever consulted (their `extends` and
 * `main` can name any file).
 */
const CANARY = 'CANARY-bundler-7731'

function outsideFile(name: string, content: string): string {
  const file = path.join(tempDir(), name)
  writeFileSync(file, content)
  return file
}

const text = (result: BundleResult) => JSON.stringify(result)

/** Bundles a folder as grading does: from its copy. */
const bundle = (dir: string, entry: string) => bundleSubmission(copySubmission(dir).files, entry)

describe('bundleSubmission resolves imports by its own rules', () => {
  it('maps ./x.js to x.ts, finds index files and extensionless imports, and keeps node: built-ins external', async () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'lib'))
    writeFileSync(path.join(dir, 'main.ts'), `import {a} from './a.js'\nimport {b} from './lib'\nimport {c} from './c'\nimport data from './data.json'\nimport {createHash} from 'node:crypto'\nexport const all = [a, b, c, data.d, typeof createHash]`)
    writeFileSync(path.join(dir, 'a.ts'), `export const a: number = 1`)
    writeFileSync(path.join(dir, 'lib', 'index.ts'), `export const b = 2`)
    writeFileSync(path.join(dir, 'c.mts'), `export const c = 3`)
    writeFileSync(path.join(dir, 'data.json'), `{"d": 4}`)
    const result = await bundle(dir, 'main.ts')
    expect('code' in result, text(result)).toBe(true)
    const module = (await import(`data:text/javascript;base64,${Buffer.from((result as {code: string}).code).toString('base64')}`)) as {all: unknown[]}
    expect(module.all).toEqual([1, 2, 3, 4, 'function'])
  })

  it('never reads a tsconfig.json: an extends naming a file outside is ignored', async () => {
    const secret = outsideFile('secret.json', `{"compilerOptions": {"jsx": "${CANARY}"}, ${CANARY}`)
    const dir = tempDir()
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({extends: secret}))
    writeFileSync(path.join(dir, 'main.tsx'), `export const x = <div/>`)
    writeFileSync(path.join(dir, 'ok.ts'), `export const y = 1`)
    expect(text(await bundle(dir, 'main.tsx'))).not.toContain(CANARY)
    const ok = await bundle(dir, 'ok.ts')
    expect('code' in ok && !ok.code.includes(CANARY)).toBe(true)
  })

  it('never follows a package.json main field out of the folder', async () => {
    const outside = outsideFile('reference.ts', `export const leaked = '${CANARY}'`)
    const dir = tempDir()
    mkdirSync(path.join(dir, 'pkg'))
    writeFileSync(path.join(dir, 'pkg', 'package.json'), JSON.stringify({main: path.relative(path.join(dir, 'pkg'), outside), module: outside, exports: outside}))
    writeFileSync(path.join(dir, 'main.ts'), `export * from './pkg'`)
    const result = await bundle(dir, 'main.ts')
    expect(result).toMatchObject({problems: [{file: 'main.ts', line: 1, message: '`./pkg` is not a TypeScript, JavaScript or JSON file of the submission'}]})
    expect(text(result)).not.toContain(CANARY)
  })

  it('refuses absolute paths, file: URLs, parent folders, bare packages and unknown file kinds', async () => {
    const outside = outsideFile('loot.ts', `export const loot = '${CANARY}'`)
    const dir = tempDir()
    writeFileSync(path.join(dir, 'notes.txt'), CANARY)
    const cases: Array<[string, string]> = [
      [outside, 'cannot be imported'],
      [`file://${outside}`, 'cannot be imported'],
      ['../loot.ts', "is outside the submission's folder"],
      ['./sub/../../loot.ts', "is outside the submission's folder"],
      ['fs', 'cannot be imported'],
      ['./notes.txt', 'is not a TypeScript, JavaScript or JSON file'],
    ]
    for (const [specifier, why] of cases) {
      writeFileSync(path.join(dir, 'main.ts'), `export * from ${JSON.stringify(specifier)}`)
      const result = await bundle(dir, 'main.ts')
      expect(text(result), specifier).toContain(why)
      expect(text(result)).not.toContain(CANARY)
    }
  })

  it('refuses an entry that is not among the copied files', async () => {
    const files = new Map([['main.ts', Buffer.from('export const x = 1')]])
    expect(await bundleSubmission(files, 'other.ts')).toMatchObject({problems: [{message: '`other.ts` is not a file of the submission'}]})
  })

  it('locates syntax errors in a file the entry imports', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'main.ts'), `export * from './broken.ts'`)
    writeFileSync(path.join(dir, 'broken.ts'), `\nexport const = 1`)
    expect(await bundle(dir, 'main.ts')).toMatchObject({problems: [{file: 'broken.ts', line: 2, column: 14}]})
  })
})
