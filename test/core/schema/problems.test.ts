import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gradersDir} from '../../../src/core/catalog/paths.js'
import {parseDocumentText} from '../../../src/core/documents/read.js'
import {readJsonFile} from '../../../src/core/schema/json-file.js'
import {parseLocatedJson} from '../../../src/core/schema/json-document.js'
import type {LocatedDocument} from '../../../src/core/schema/locate.js'
import {schemaProblems, validateLocated} from '../../../src/core/schema/problems.js'
import {compileSchema, type JsonSchema} from '../../../src/core/schema/validator.js'

/**
 * The one mapping from schema errors to located problems: the same words for a JSON file and a
 * YAML one, each problem at the line and column of the value (or, for an unknown field, its key).
 */

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://course.invalid/test/problems.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'strategy', 'workers'],
  properties: {
    name: {type: 'string'},
    strategy: {enum: ['pull', 'push', 'round_robin']},
    workers: {type: 'integer', minimum: 1, examples: [4]},
    retries: {type: 'integer'},
    timeout: {type: 'string', 'x-unit': 'duration'},
  },
}

function jsonDocument(text: string): LocatedDocument {
  const parsed = parseLocatedJson(text)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.document
}

function yamlDocument(text: string): LocatedDocument {
  const read = parseDocumentText(text)
  if (!read.ok) throw new Error(JSON.stringify(read.problems))
  return {value: read.value, locate: read.locate}
}

function problems(document: LocatedDocument, against: JsonSchema = schema) {
  return validateLocated(against, document.value, document.locate)
}

const json = ['{', '  "strategy": "pul",', '  "workers": "four",', '  "retires": 3', '}'].join('\n')
const yaml = ['strategy: pul', 'workers: four', 'retires: 3', ''].join('\n')

describe('schema problems, located', () => {
  it.each([
    ['JSON', () => jsonDocument(json), {missing: [1, 1], strategy: [2, 15], workers: [3, 14], retires: [4, 3]}],
    ['YAML', () => yamlDocument(yaml), {missing: [1, 1], strategy: [1, 11], workers: [2, 10], retires: [3, 1]}],
  ] as const)('words and locates each kind of problem in %s', (_format, read, at) => {
    expect(problems(read())).toEqual([
      {line: at.missing[0], column: at.missing[1], pointer: '', message: 'missing required field `name`'},
      {line: at.strategy[0], column: at.strategy[1], pointer: '/strategy', message: 'must be one of `pull`, `push`, `round_robin`', suggestion: 'did you mean `pull`?'},
      {line: at.workers[0], column: at.workers[1], pointer: '/workers', message: 'must be an integer', suggestion: 'for example 4'},
      {line: at.retires[0], column: at.retires[1], pointer: '/retires', message: 'unknown field `retires`', suggestion: 'did you mean `retries`?'},
    ])
  })

  it('suggests nothing it cannot back: no near value, no example', () => {
    const found = problems(yamlDocument('name: 7\nstrategy: broadcast\nworkers: 2\nzzz: 1\n'))
    expect(found).toEqual([
      {line: 1, column: 7, pointer: '/name', message: 'must be a string'},
      {line: 2, column: 11, pointer: '/strategy', message: 'must be one of `pull`, `push`, `round_robin`'},
      {line: 4, column: 1, pointer: '/zzz', message: 'unknown field `zzz`', suggestion: 'expected one of `name`, `strategy`, `workers`, `retries`, `timeout`'},
    ])
  })

  it('reads quantities with the x-unit keyword', () => {
    expect(problems(yamlDocument('name: q\nstrategy: pull\nworkers: 2\ntimeout: 30\n'))).toEqual([
      {line: 4, column: 10, pointer: '/timeout', message: '`30` has no unit', suggestion: 'expected a duration such as `20 min`'},
    ])
    expect(problems(yamlDocument('name: q\nstrategy: pull\nworkers: 2\ntimeout: "30 s"\n'))).toEqual([])
  })

  it('points an unknown key holding `/` or `~` at the key, by its escaped pointer', () => {
    const document = jsonDocument('{"name": "q", "strategy": "pull", "workers": 1,\n  "a/b~c": true}')
    expect(schemaProblems(schema, document.value)).toMatchObject([{pointer: '/a~1b~0c', key: true, keyword: 'additionalProperties'}])
    expect(problems(document)).toMatchObject([{line: 2, column: 3, pointer: '/a~1b~0c', message: 'unknown field `a/b~c`'}])
  })

  it('asks for one of two parts, not for both, when a schema needs either', () => {
    const grader = readJsonFile(path.join(gradersDir(), 'grader.schema.json')) as JsonSchema
    const text = JSON.stringify({format_version: 1, unit: 'x', version: '1.0.0', cases: [{name: 'a', title: 'A case', points: 1, visibility: 'visble', failure: 'It failed here.', hint: 'Try harder now.'}]}, null, 2)
    expect(problems(jsonDocument(text), grader)).toEqual([
      {line: 1, column: 1, pointer: '', message: 'missing one of `code` or `document`'},
      {line: 10, column: 21, pointer: '/cases/0/visibility', message: 'must be one of `visible`, `hidden`, `after_due_date`', suggestion: 'did you mean `visible`?'},
    ])
  })

  it('lists at most the limit, then says how many more there are', () => {
    const many = {name: 'q', strategy: 'pull', workers: 1, ...Object.fromEntries(Array.from({length: 5}, (_, i) => [`extra${i}`, i]))}
    const document = jsonDocument(JSON.stringify(many, null, 1))
    const found = validateLocated(schema, document.value, document.locate, 3)
    expect(found.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '5:2 unknown field `extra0`',
      '6:2 unknown field `extra1`',
      '7:2 unknown field `extra2`',
      '8:2 and 2 more problems (the first of them here)',
    ])
  })
})

describe('strict JSON files', () => {
  it.each([
    ['a trailing comma', '{\n  "name": "q",\n}', 2, 14, 'invalid JSON: a trailing comma before `}`'],
    ['a comment', '{\n  // the name\n  "name": "q"\n}', 2, 3, 'invalid JSON: a comment; JSON has none'],
    ['a key given twice', '{\n  "name": "q",\n  "name": "r"\n}', 3, 3, 'the key "name" appears twice in the same object'],
  ])('refuses %s, located', (_what, text, line, column, message) => {
    expect(parseLocatedJson(text)).toEqual({ok: false, problems: [{line, column, message}]})
  })

  it('refuses them in a design document written as JSON, which YAML alone would let through', () => {
    const text = '{"name": "q", "strategy": "pull", "workers": 1,}'
    expect(parseDocumentText(text, 'yaml').ok).toBe(true)
    expect(parseDocumentText(text, 'json')).toEqual({ok: false, problems: [{line: 1, column: 47, pointer: '', message: 'invalid JSON: a trailing comma before `}`', suggestion: 'fix the JSON there, or write the document as YAML'}]})
  })
})

describe('the one validator', () => {
  it('compiles a schema once, and again only when a file under the same $id changed', () => {
    const first = compileSchema(schema)
    expect(compileSchema(schema)).toBe(first)
    expect(compileSchema(structuredClone(schema))).toBe(first)
    const changed = {...structuredClone(schema), required: ['name']}
    const second = compileSchema(changed)
    expect(second).not.toBe(first)
    expect(second({name: 'q'})).toBe(true)
    expect(first({name: 'q'})).toBe(false)
  })

  it('refuses a schema with an unknown keyword or quantity kind when it compiles', () => {
    expect(() => compileSchema({$id: 'https://course.invalid/test/typo.schema.json', type: 'object', propertis: {}})).toThrow(/unknown keyword/)
    expect(() => compileSchema({$id: 'https://course.invalid/test/kind.schema.json', type: 'string', 'x-unit': 'furlongs'})).toThrow(/unknown quantity kind `furlongs`/)
  })
})
