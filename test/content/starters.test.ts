import {spawnSync} from 'node:child_process'
import {copyFileSync, cpSync, readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {parseDocument} from 'yaml'
import {describe, expect, it} from 'vitest'
import {loadCourse, referenceDir, starterDir} from '../../src/core/catalog/load.js'
import {lintMarkdown} from '../../src/core/catalog/lint.js'
import {tempDir} from '../helpers/temp.js'

/**
 * What learners are handed must work: every TypeScript starter and reference compiles under strict
 * settings; the visible example tests run, failing on the untouched starter and passing on the
 * reference; every YAML template parses; every markdown template renders.
 */
const units = loadCourse().units
const codeUnits = units.filter((u) => u.files.starter.some((f) => f.endsWith('.ts')))

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: ['node'],
  })
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

async function runExamples(dir: string): Promise<{code: number; output: string}> {
  const {build} = await import('esbuild')
  const outfile = path.join(tempDir(), 'examples.mjs')
  await build({entryPoints: [path.join(dir, 'examples.test.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent'})
  const run = spawnSync(process.execPath, ['--test', outfile], {encoding: 'utf8', timeout: 120_000})
  return {code: run.status ?? -1, output: `${run.stdout}${run.stderr}`}
}

describe.each(codeUnits.map((u) => [u.id, u] as const))('code unit %s', (_id, unit) => {
  const tsFiles = (dir: string, names: readonly string[]) => names.filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f))

  it('starter and reference compile under strict TypeScript', () => {
    expect(typeErrors(tsFiles(starterDir(unit), unit.files.starter))).toEqual([])
    expect(typeErrors(tsFiles(referenceDir(unit), unit.files.reference))).toEqual([])
  }, 120_000)

  it('visible examples fail on the untouched starter and pass on the reference', async () => {
    // The examples live in the starter only: run them beside the reference's files.
    const solved = tempDir()
    cpSync(referenceDir(unit), solved, {recursive: true})
    copyFileSync(path.join(starterDir(unit), 'examples.test.ts'), path.join(solved, 'examples.test.ts'))
    const reference = await runExamples(solved)
    expect(reference.code, reference.output).toBe(0)
    const starter = await runExamples(starterDir(unit))
    expect(starter.code).not.toBe(0)
    expect(starter.output).toMatch(/TODO/)
    expect(starter.output).toMatch(/# fail [1-9]/)
  }, 120_000)
})

describe('templates', () => {
  const templates = units.flatMap((u) =>
    [starterDir(u), referenceDir(u)].flatMap((dir) => {
      try {
        return readdirSync(dir).map((f) => path.join(dir, f))
      } catch {
        return []
      }
    }),
  )

  it.each(templates.filter((f) => /\.ya?ml$/.test(f)).map((f) => [path.relative(process.cwd(), f), f] as const))('%s parses as YAML', (_name, file) => {
    const document = parseDocument(readFileSync(file, 'utf8'), {uniqueKeys: true})
    expect(document.errors.map((e) => e.message)).toEqual([])
    expect(document.toJS()).toBeTypeOf('object')
  })

  it.each(templates.filter((f) => f.endsWith('.md')).map((f) => [path.relative(process.cwd(), f), f] as const))('%s renders', (name, file) => {
    expect(lintMarkdown(name, readFileSync(file, 'utf8'))).toEqual([])
  })
})
