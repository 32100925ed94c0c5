import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseDocumentText, readDocumentFile} from '../../../src/core/documents/read.js'
import {tempDir} from '../../helpers/temp.js'

function read(content: string | Buffer, name = 'design.yaml') {
  const file = path.join(tempDir(), name)
  writeFileSync(file, content)
  return readDocumentFile(file)
}

const problems = (result: ReturnType<typeof read>) => (result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.message}`))

describe('reading a design document', () => {
  it('reads YAML and JSON with the locations of values', () => {
    const yaml = read('assumptions:\n  sla: "30 min"\n  budget: 50000\n')
    expect(yaml.ok && yaml.value).toEqual({assumptions: {sla: '30 min', budget: 50000}})
    expect(yaml.ok && yaml.locate('/assumptions/budget')).toEqual({line: 3, column: 11})
    const json = read('{"a": {"b": [1, 2]}}')
    expect(json.ok && json.locate('/a/b/1')).toEqual({line: 1, column: 17})
  })

  it('reads a .json file as strict JSON: no comments, no trailing commas, which YAML would take', () => {
    expect(problems(read('{\n  "a": 1, # why\n  "b": 2\n}\n', 'design.json'))).toEqual(['2:11 invalid JSON: unexpected `#`; expected a property name in double quotes'])
    expect(problems(read('{"a": [1, 2,]}', 'design.json'))).toEqual(['1:12 invalid JSON: a trailing comma before `]`'])
    expect(read('{"a": [1, 2,]}', 'design.yaml').ok).toBe(true)
    const json = read('{"a": [1, 2]}', 'design.json')
    expect(json.ok && json.locate('/a/1')).toEqual({line: 1, column: 11})
  })

  it.each([
    ['an empty file', '', '1:1 the document is empty'],
    ['a YAML syntax error', 'a: [1, 2\nb: 3\n', '2:1'],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', '3:1 a key appears twice in the same mapping'],
    ['a single scalar', '42\n', '1:1 the document is a single value; expected a mapping of sections'],
  ])('locates %s', (_name, content, expected) => {
    expect(problems(read(content))[0]).toContain(expected)
  })

  it('refuses binary data, UTF-16 and invalid UTF-8 with a location', () => {
    expect(problems(read(Buffer.from('a: 1\nb: \u0000\u0001\u0002')))).toEqual(['2:4 the file holds binary data (a NUL byte), not YAML or JSON text'])
    expect(problems(read(Buffer.from('\ufeffa: 1', 'utf16le')))).toEqual(['1:1 the file is UTF-16'])
    expect(problems(read(Buffer.concat([Buffer.from('a: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')])))).toEqual(['1:8 the file is not valid UTF-8'])
  })

  it('refuses files over 1 MB', () => {
    expect(problems(read('a: x\n'.repeat(300_000)))[0]).toMatch(/^1:1 the file is 1\.\d MB; documents are limited to 1 MB$/)
  })

  it('stops alias bombs and deep nesting before they cost anything', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n')
    expect(problems(read(bomb))[0]).toMatch(/aliases expand too far/)
    expect(problems(read(`a: ${'['.repeat(5000)}${']'.repeat(5000)}`))[0]).toMatch(/^1:\d+ nested more than 64 levels deep$/)
    const indented = `${Array.from({length: 100}, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1`
    expect(problems(read(indented))[0]).toMatch(/nested more than 64 levels deep/)
  })

  it('takes a document nested exactly as deep as the limit, and refuses one level more', () => {
    // The mapping at the top is the first level; each bracket adds one.
    const nested = (brackets: number) => `a: ${'['.repeat(brackets)}1${']'.repeat(brackets)}`
    expect(parseDocumentText(nested(63)).ok).toBe(true)
    expect(problems(parseDocumentText(nested(64)))[0]).toMatch(/nested more than 64 levels deep$/)
    expect(problems(parseDocumentText(nested(65)))[0]).toMatch(/nested more than 64 levels deep$/)
  })

  it('parses text directly as well', () => {
    expect(parseDocumentText('x: 1').ok).toBe(true)
  })
})
