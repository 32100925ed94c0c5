import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {spellForMathjs} from '../../../src/core/capacity/evaluate.js'
import {QUANTITY_KINDS, type QuantityKindName} from '../../../src/core/capacity/kinds.js'
import {MAX_QUANTITY_CHARS, normaliseQuantityText, numberBeforePercent, parseQuantity} from '../../../src/core/capacity/quantity.js'
import {MAX_POINTER_CHARS} from '../../../src/core/documents/quote-value.js'
import {MAX_DOCUMENT_TEXT, MAX_DOCUMENT_VALUES, parseDocumentText} from '../../../src/core/documents/read.js'
import {MAX_SCHEMA_PROBLEMS, validateDocument} from '../../../src/core/documents/validate.js'
import {formatDocumentProblem, readSubmittedDocument} from '../../../src/core/grading/document.js'
import {MAX_QUOTE_CHARS, quote} from '../../../src/core/text/learner-text.js'

/**
 * Hostile design documents: each must end in located problems (file:line:column) of bounded
 * size, never in a hang, an exception or a megabyte message. Nothing here is timed (unit tests are
 * never timed); a regression to quadratic work shows as a suite that takes minutes.
 */

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://course.invalid/test/limits.schema.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    sla: {type: 'string', 'x-unit': 'duration', examples: ['20 min']},
    strategy: {enum: ['pull', 'push']},
    notes: {type: 'string'},
    retries: {type: 'integer', minimum: 0},
    headroom: {type: 'number', exclusiveMinimum: 0},
    stages: {
      type: 'array',
      items: {type: 'object', additionalProperties: false, properties: {name: {type: 'string'}, workers: {type: 'integer'}}},
    },
  },
}

/** The longest line any refusal may print: a location, a pointer, a message and a suggestion. */
const MAX_LINE = 500
const LOCATED = /^design\.yaml:\d+:\d+[ :]/

/** Every line the grader would print for the document: parse problems, or schema problems. */
function grade(text: string | Buffer): {read: boolean; lines: string[]} {
  const outcome = readSubmittedDocument(new Map([['design.yaml', Buffer.from(text)]]), 'design.yaml', schema, 'web-crawler/')
  if (!outcome.ok) return {read: false, lines: outcome.message.split('\n')}
  return {read: true, lines: outcome.schemaProblems.map((p) => formatDocumentProblem(outcome.file, p))}
}

function expectLocatedAndShort(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0)
  for (const line of lines) {
    expect(line).toMatch(LOCATED)
    expect(line.length, line.slice(0, 200)).toBeLessThanOrEqual(MAX_LINE)
  }
}

const KINDS = Object.keys(QUANTITY_KINDS) as QuantityKindName[]

/** Inputs that made the quantity patterns backtrack, or that look like they might. */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  letters: (n) => 'a'.repeat(n),
  'letters with hyphens': (n) => 'ab-'.repeat(n / 3),
  spaces: (n) => `1${' '.repeat(n)}x`,
  'spaces before a percent sign': (n) => `1${' '.repeat(n)}%`,
  'spaces then text and a percent sign': (n) => `1${' '.repeat(n)}x %`,
  'percent signs': (n) => '%'.repeat(n),
  'numbers with percent signs': (n) => '1 %'.repeat(n / 3),
  'digits with commas': (n) => `1${',000'.repeat(n / 4)}`,
  '`1,` repeated': (n) => '1,'.repeat(n / 2),
  'dollars and spaces': (n) => `$${' '.repeat(n)}`,
  'min and spaces': (n) => `1 min${' '.repeat(n)}(`,
  tabs: (n) => `1${'\t'.repeat(n)}s`,
  'line breaks': (n) => `1\n${' \n'.repeat(n / 2)}%`,
}

describe('quantities from hostile text', () => {
  it.each(Object.entries(ADVERSARIAL))('refuses %s, 10k to 1M characters long, for every kind', (_name, make) => {
    for (const size of [10_000, 100_000, 1_000_000]) {
      const text = make(size)
      for (const kind of KINDS) {
        const result = parseQuantity(text, kind)
        expect(result.ok).toBe(false)
        if (result.ok) continue
        expect(result.message).toMatch(new RegExp(`is ${text.length} characters long; a quantity is at most ${MAX_QUANTITY_CHARS}$`))
        expect(result.message.length).toBeLessThanOrEqual(150)
        expect(result.suggestion).toBe(`expected ${QUANTITY_KINDS[kind].noun} such as \`${QUANTITY_KINDS[kind].example}\``)
      }
    }
  })

  it('applies the cap at exactly its length', () => {
    const padded = (length: number) => `20 min${' '.repeat(length - 6)}`
    expect(parseQuantity(padded(MAX_QUANTITY_CHARS), 'duration').ok).toBe(true)
    const over = parseQuantity(padded(MAX_QUANTITY_CHARS + 1), 'duration')
    expect(!over.ok && over.message).toMatch(/is 201 characters long; a quantity is at most 200$/)
  })

  it('says a number that reads as infinity is not finite', () => {
    const result = parseQuantity('1e999', 'count')
    expect(!result.ok && result.message).toBe('`1e999` is not a finite number')
    expect(parseQuantity('-0', 'count').ok).toBe(true)
  })

  it('runs each pattern on text past the cap without backtracking (no assertion on time)', () => {
    // Each shape at n and 2n characters: a quadratic pattern would make this test take minutes.
    for (const make of Object.values(ADVERSARIAL)) {
      for (const size of [200_000, 400_000]) {
        const text = make(size)
        expect(typeof normaliseQuantityText(text)).toBe('string')
        expect(numberBeforePercent(text) === undefined || typeof numberBeforePercent(text) === 'string').toBe(true)
        expect(typeof spellForMathjs(text)).toBe('string')
        expect(quote(text).length).toBeLessThanOrEqual(MAX_QUOTE_CHARS)
      }
    }
  })

  it('reads a trailing percentage exactly as the pattern it replaces', () => {
    const old = (text: string) => /^(.*?)\s*%$/.exec(text)?.[1]
    const char = fc.constantFrom('1', '0', '.', ',', '%', ' ', '\t', '\n', '\r', '\u2028', '\u00a0', 'a', '-')
    fc.assert(
      fc.property(fc.string({unit: char, maxLength: 24}), (raw) => {
        const text = raw.trim()
        expect(numberBeforePercent(text)).toBe(old(text))
      }),
      {numRuns: 2_000, seed: 20261204},
    )
  })
})

describe('hostile design documents', () => {
  it('refuses a quantity of a million letters, located, in a short message', () => {
    const {read, lines} = grade(`strategy: pull\nsla: "${'a'.repeat(1_000_000)}"\n`)
    expect(read).toBe(true)
    expectLocatedAndShort(lines)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^design\.yaml:2:6 \/sla: `a+ … \(\d+ more characters\)` is 1000000 characters long; a quantity is at most 200/)
  })

  it('lists a bounded number of the schema problems an aliased mapping multiplies', () => {
    // One stage with 90 unknown fields, aliased 99 times: 9,000 errors from ajv, within the reader's limit.
    const fields = Array.from({length: 90}, (_, i) => `f${i}: 1`).join(', ')
    const text = `stages:\n  - &stage {${fields}}\n${'  - *stage\n'.repeat(99)}`
    const {read, lines} = grade(text)
    expect(read).toBe(true)
    expectLocatedAndShort(lines)
    expect(lines).toHaveLength(MAX_SCHEMA_PROBLEMS + 1)
    expect(lines.at(-1)).toMatch(/: and 8950 more problems \(the first of them here\)/)
  })

  it('refuses aliases that expand a document past its limit, at the first alias', () => {
    const fields = Array.from({length: 300}, (_, i) => `f${i}: 1`).join(', ')
    const text = `strategy: pull\nstages:\n  - &stage {${fields}}\n${'  - *stage\n'.repeat(99)}`
    const {read, lines} = grade(text)
    expect(read).toBe(false)
    expect(lines).toEqual([`design.yaml:4:5: aliases expand this document to more than ${MAX_DOCUMENT_VALUES} keys and values (write the values out instead of using & and * aliases)`])
  })

  it('refuses aliases that expand a long string past the text limit', () => {
    const long = 'x'.repeat(50_000)
    const text = `notes: &n "${long}"\nstages:\n${'  - {name: *n}\n'.repeat(99)}`
    const {read, lines} = grade(text)
    expect(read).toBe(false)
    expect(lines).toEqual([`design.yaml:3:12: aliases expand this document to more than ${MAX_DOCUMENT_TEXT} characters of text (write the values out instead of using & and * aliases)`])
  })

  it.each([
    ['block', (n: number) => Array.from({length: n}, (_, i) => `k${i}: 1`).join('\n')],
    ['block, with an anchor', (n: number) => `a: &a 1\nb: *a\n${Array.from({length: n}, (_, i) => `k${i}: 1`).join('\n')}`],
    ['flow', (n: number) => `{${Array.from({length: n}, (_, i) => `k${i}: 1`).join(',')}}`],
  ])('refuses 100,000 tiny keys under 1 MB (%s) at the value past the limit', (_name, make) => {
    const text = make(100_000)
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024)
    const {read, lines} = grade(text)
    expect(read).toBe(false)
    expectLocatedAndShort(lines)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^design\\.yaml:\\d+:\\d+: the document holds more than ${MAX_DOCUMENT_VALUES} keys and values`))
  })

  it('finds a duplicate key among thousands in linear time', () => {
    // With an anchor the careful parser reads it; its own duplicate check compared every pair of keys.
    const keys = Array.from({length: 9_000}, (_, i) => `k${i}: 1`).join('\n')
    const {read, lines} = grade(`a: &a 1\nb: *a\n${keys}\nk5: 2\n`)
    expect(read).toBe(false)
    expect(lines).toEqual(['design.yaml:9003:1: a key appears twice in the same mapping'])
  })

  it.each([
    ['letters', 'a'],
    ['spaces', ' '],
    ['tabs and line breaks', '\t\\n'],
  ])('quotes a 1 MB string value of %s in a few dozen characters', (_name, unit) => {
    const value = `x${unit.repeat(Math.floor(1_000_000 / unit.length))}y`
    for (const field of ['sla', 'strategy', 'retries']) {
      const {read, lines} = grade(`${field}: "${value}"\n`)
      expect(read).toBe(true)
      expectLocatedAndShort(lines)
      // The quantity reader's message quotes the value: its head only. The others name what is expected, not the value.
      if (field === 'sla') expect(lines.join('\n')).toMatch(/more characters\)`/)
      else expect(lines.join('\n')).not.toContain(value.slice(0, 20))
    }
    // Free text has no limit of its own but the file's.
    expect(grade(`notes: "${value}"\n`)).toEqual({read: true, lines: []})
  })

  it('quotes a very long key, its pointer too, without looking for a near match', () => {
    const key = `${'k'.repeat(100_000)}\u001b[2J`
    const {read, lines} = grade(`strategy: pull\n"${key.replace('\u001b', '\\e')}": 1\n`)
    expect(read).toBe(true)
    expectLocatedAndShort(lines)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^design\.yaml:2:1 \/k+ … \(\d+ more characters\): unknown field `k+ … \(\d+ more characters\)`/)
    expect(lines[0]).not.toContain('\u001b')
    const pointer = lines[0]!.split(' ')[1]!
    expect(pointer.length).toBeLessThanOrEqual(MAX_POINTER_CHARS)
  })

  it('refuses numbers that read as infinity, or as not a number, where they are', () => {
    // js-yaml reads `1e999` as text (no dot), so the schema refuses it; `.inf` and `.nan` are numbers.
    expectLocatedAndShort(grade('retries: 1e999\n').lines)
    expect(grade('retries: 1e999\n').lines).toEqual(['design.yaml:1:10 /retries: must be an integer'])
    expect(grade('sla: 1e999 s\n').lines).toEqual(['design.yaml:1:6 /sla: `1e999 s` is not a finite quantity'])
    expect(grade('strategy: pull\nheadroom: .inf\n')).toEqual({read: false, lines: ['design.yaml:2:11 /headroom: this number is not finite (it reads as infinity or as not a number) (write a number within range, or a quantity with a unit)']})
    expect(grade('strategy: pull\nstages: [{workers: .nan}]\n').lines).toEqual(['design.yaml:2:20 /stages/0/workers: this number is not finite (it reads as infinity or as not a number) (write a number within range, or a quantity with a unit)'])
    // The careful parser, which reads `1e999` as a number, refuses it the same way.
    expect(grade('a: &a pull\nstrategy: *a\nretries: 1e999\n').lines).toEqual(['design.yaml:3:10 /retries: this number is not finite (it reads as infinity or as not a number) (write a number within range, or a quantity with a unit)'])
  })

  it('treats -0 as zero: refused where zero is, accepted where it is not', () => {
    expect(grade('headroom: -0\n').lines).toEqual(['design.yaml:1:11 /headroom: must be > 0'])
    expect(grade('retries: -0\n')).toEqual({read: true, lines: []})
  })

  it('locates the first bad byte of a 1 MB file in one pass', () => {
    const text = Buffer.concat([Buffer.from(`notes: "${'a'.repeat(1_000_000)}`), Buffer.from([0xe9]), Buffer.from('"\n')])
    expect(grade(text).lines).toEqual(['design.yaml:1:1000009: the file is not valid UTF-8 (save it as UTF-8)'])
  })

  it('says which alias names no anchor, and refuses an alias cycle', () => {
    expect(grade('strategy: pull\nnotes: *missing\n').lines).toEqual(['design.yaml:2:8: `*missing` names no anchor set before it (set the anchor with & before the first * that uses it)'])
    const cycle = grade('stages: &s [*s]\n')
    expect(cycle.read).toBe(false)
    expectLocatedAndShort(cycle.lines)
    expect(cycle.lines[0]).toMatch(/nested more than 64 levels deep$/)
  })

  it('keeps yaml syntax messages short when they quote the text', () => {
    // The parser's message repeats the tag: "Could not resolve tag: !ttt…".
    const {read, lines} = grade(`strategy: pull\nnotes: !${'t'.repeat(100_000)}!x y\n`)
    expect(read).toBe(false)
    expectLocatedAndShort(lines)
    expect(lines[0]).toMatch(/^design\.yaml:2:8: Could not resolve tag: !t+ … \(\d+ more characters\)$/)
  })
})

describe('the schema check alone', () => {
  it('caps what it lists even for a value the reader did not measure', () => {
    // Callers with their own values get the cap too: 30,000 unknown keys, 50 listed and a note.
    const value = Object.fromEntries(Array.from({length: 30_000}, (_, i) => [`k${i}`, 1]))
    const read = parseDocumentText('strategy: pull\n')
    if (!read.ok) throw new Error('unreadable')
    const problems = validateDocument(schema, value, read.locate)
    expect(problems).toHaveLength(MAX_SCHEMA_PROBLEMS + 1)
    expect(problems.at(-1)!.message).toBe('and 29950 more problems (the first of them here)')
  })
})
