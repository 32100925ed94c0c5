import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {UserError} from '../../src/core/errors.js'
import {MAX_ROSTER_BYTES, MAX_ROSTER_ROWS, compareRoster, parseRoster, readRoster} from '../../src/core/grading/roster.js'
import {CsvSyntaxError, parseCsv} from '../../src/core/grading/roster-csv.js'

/** The UserError `run` throws; fails the test when it throws nothing or something else. */
function userError(run: () => unknown): UserError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error('expected a UserError')
}

const cellsOf = (text: string) => parseCsv(text).map((row) => row.cells.map((cell) => cell.text))

/** Writes rows as a careful exporter would: a cell in quotes when it must be (or when `always`). */
function serialise(rows: string[][], always: boolean[][], eol: string): string {
  return rows
    .map((row, r) =>
      row
        .map((cell, c) => {
          const lone = row.length === 1 && cell === ''
          const bom = r === 0 && c === 0 && cell.startsWith('\uFEFF')
          return always[r]?.[c] || lone || bom || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
        })
        .join(','),
    )
    .join(eol)
}

describe('parseCsv', () => {
  it('reads back any rows written with RFC 4180 quoting', () => {
    const cell = fc.oneof(fc.string({unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\r', '\n', '\uFEFF', '😀'), maxLength: 12}), fc.string({unit: 'binary', maxLength: 12}))
    const rows = fc.array(fc.array(cell, {minLength: 1, maxLength: 5}), {minLength: 1, maxLength: 8})
    fc.assert(
      fc.property(rows, fc.array(fc.array(fc.boolean())), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, always, eol, trailing) => {
        const text = serialise(rows, always, eol) + (trailing ? eol : '')
        expect(cellsOf(text)).toEqual(rows)
      }),
    )
  })

  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    expect(cellsOf('a,"b, c","say ""hi""","two\nlines"\nd,,""')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['d', '', ''],
    ])
  })

  it('ends rows at CRLF, LF or a lone CR, drops a byte-order mark and a last line break', () => {
    expect(cellsOf('\uFEFFa,b\r\nc,d\re,f\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ])
    expect(cellsOf('')).toEqual([])
    expect(cellsOf('a\n\nb')).toEqual([['a'], [''], ['b']])
  })

  it('keeps where each cell starts, counting lines inside quoted cells', () => {
    const rows = parseCsv('\uFEFFid,name\r\n"x\r\ny",z\nw,"q"')
    expect(rows.map((row) => [row.line, row.cells.map((cell) => `${cell.line}:${cell.column}`)])).toEqual([
      [1, ['1:1', '1:4']],
      [2, ['2:1', '3:4']],
      [4, ['4:1', '4:3']],
    ])
  })

  it('locates a quote never closed at its opening, and text after a closing quote where it is', () => {
    expect(() => parseCsv('a,b\nc,"open\nstill')).toThrow(expect.objectContaining({line: 2, column: 3, message: expect.stringContaining('never closed')}))
    const error = (() => {
      try {
        parseCsv('a,b\n"c"d,e')
      } catch (caught) {
        return caught as CsvSyntaxError
      }
    })()
    expect(error).toBeInstanceOf(CsvSyntaxError)
    expect([error?.line, error?.column]).toEqual([2, 4])
  })
})

/** A Canvas gradebook export: a "Manual Posting" row, a "Points Possible" row, and the test student. */
const CANVAS = [
  'Student,ID,SIS User ID,SIS Login ID,Integration ID,Section,Queues Lab (1841),Current Score,Final Score',
  ',,,,,,Manual Posting,,',
  '    Points Possible,,,,,,10.00,(read only),(read only)',
  '"Okafor, Chidi",40211,20260117,cokafor,,DS 310 Section 1,9.00,90.00,90.00',
  '"Lindqvist, Maja",40212,20260342,mlindqvist,,DS 310 Section 1,7.50,75.00,75.00',
  '"Student, Test",40299,,,,DS 310 Section 1,,,',
  '',
].join('\r\n')

/** GitHub Classroom's roster download (Students tab). */
const CLASSROOM_ROSTER = [
  '"identifier","github_username","github_id","name"',
  '"tanaka.haru@uni.example","htanaka","58123301","Haru Tanaka"',
  '"Priya Raman","praman-dev","60991245","Priya Raman"',
  '"jonas.weber@uni.example","","","Jonas Weber"',
  '',
].join('\n')

/** GitHub Classroom's assignment grades export (`gh classroom assignment-grades`). */
const CLASSROOM_GRADES = [
  'assignment_name,assignment_url,starter_code_url,github_username,roster_identifier,student_repository_name,student_repository_url,submission_timestamp,points_awarded,points_available',
  'work-queues,https://classroom.github.com/classrooms/1/assignments/work-queues,https://github.com/ds-310/work-queues,htanaka,tanaka.haru@uni.example,work-queues-htanaka,https://github.com/ds-310/work-queues-htanaka,2026-03-02 17:04:11 UTC,8,10',
  'work-queues,https://classroom.github.com/classrooms/1/assignments/work-queues,https://github.com/ds-310/work-queues,praman-dev,Priya Raman,work-queues-praman-dev,https://github.com/ds-310/work-queues-praman-dev,2026-03-03 09:12:40 UTC,10,10',
].join('\n')

describe('parseRoster', () => {
  it('reads a Canvas export by SIS Login ID, skipping its own rows', () => {
    expect(parseRoster(CANVAS, 'grades.csv')).toEqual({
      column: 'SIS Login ID',
      entries: [
        {learner: 'cokafor', name: 'Okafor, Chidi', line: 4},
        {learner: 'mlindqvist', name: 'Lindqvist, Maja', line: 5},
      ],
      unidentified: [],
    })
  })

  it('passes over an id column exported empty, as Canvas exports SIS columns at a school without a SIS', () => {
    const text = CANVAS.replace(',20260117,cokafor,', ',,,').replace(',20260342,mlindqvist,', ',,,')
    expect(parseRoster(text, 'grades.csv')).toMatchObject({column: 'ID', entries: [{learner: '40211'}, {learner: '40212'}]})
  })

  it('reads a GitHub Classroom roster by username, noting learners with no account linked', () => {
    expect(parseRoster(CLASSROOM_ROSTER, 'classroom_roster.csv')).toEqual({
      column: 'github_username',
      entries: [
        {learner: 'htanaka', name: 'Haru Tanaka', line: 2},
        {learner: 'praman-dev', name: 'Priya Raman', line: 3},
      ],
      unidentified: [{line: 4, name: 'Jonas Weber'}],
    })
  })

  it('reads a GitHub Classroom grades export by repository name, as its clones are named', () => {
    const roster = parseRoster(CLASSROOM_GRADES, 'grades.csv')
    expect(roster.column).toBe('student_repository_name')
    expect(roster.entries.map((entry) => entry.learner)).toEqual(['work-queues-htanaka', 'work-queues-praman-dev'])
  })

  it('prefers a learner column, and takes --roster-column in any case', () => {
    const text = 'Email,ID,Learner,Full Name\nkim@uni.example,7,kim,Kim Park\n'
    expect(parseRoster(text, 'r.csv').entries).toEqual([{learner: 'kim', name: 'Kim Park', email: 'kim@uni.example', line: 2}])
    expect(parseRoster(text, 'r.csv', {column: 'id'})).toMatchObject({column: 'ID', entries: [{learner: '7'}]})
    expect(parseRoster(CANVAS, 'grades.csv', {column: 'sis user id'}).entries.map((entry) => entry.learner)).toEqual(['20260117', '20260342'])
    // Canvas's test student has a Canvas id: still not a learner.
    expect(parseRoster(CANVAS, 'grades.csv', {column: 'ID'}).entries.map((entry) => entry.learner)).toEqual(['40211', '40212'])
    expect(userError(() => parseRoster(text, 'r.csv', {column: ' '})).message).toContain('--roster-column needs the header of a column')
  })

  it('trims cells, skips blank lines, and reads a byte-order mark and CRLF', () => {
    const roster = parseRoster('\uFEFFlearner,e-mail\r\n\r\n  ana  , ana@uni.example \r\n,\r\nben,\r\n', 'r.csv')
    expect(roster.entries).toEqual([
      {learner: 'ana', email: 'ana@uni.example', line: 3},
      {learner: 'ben', line: 5},
    ])
  })

  it.each([
    ['an id that cannot be a learner id', 'name,learner\nAna,ana\nBen,"ben smith"\n', 'r.csv:3:5: `ben smith` cannot be a learner id'],
    ['a duplicated id', 'learner\r\nana\r\nben\r\nana\r\n', 'r.csv:4:1: `ana` is listed twice (first on line 2)'],
    ['an id after a multi-line cell', 'note,learner\n"two\nlines",bad/id\n', 'r.csv:3:8: `bad/id` cannot be a learner id'],
    ['a quote never closed', 'learner,name\nana,"Ana\n', 'r.csv:2:5: a quoted cell is never closed'],
    ['text after a closing quote', 'learner,name\nana,"Ana" Lima\n', 'r.csv:2:10: unexpected ` ` after a closing quote'],
  ])('locates %s', (_, text, message) => {
    const error = userError(() => parseRoster(text, 'r.csv'))
    expect(error.message).toContain(message)
    expect([error.code, error.exitCode]).toEqual(['bad-roster', 2])
  })

  it('explains a roster with no id column, listing its headers', () => {
    const error = userError(() => parseRoster('Student,Section\nAna,1\n', 'r.csv'))
    expect(error.message).toBe("r.csv: no column of learner ids found (its columns: `Student`, `Section`)")
    expect(error.next.join(' ')).toContain('--roster-column')
    expect(userError(() => parseRoster('Student;SIS Login ID\nAna;ana\n', 'r.csv')).next[0]).toContain('semicolons')
    expect(userError(() => parseRoster('ana\nben\n', 'r.csv')).next.join(' ')).toContain("A roster's first row names its columns")
  })

  it('refuses an absent --roster-column, an empty file and a roster without learners', () => {
    expect(userError(() => parseRoster(CLASSROOM_ROSTER, 'r.csv', {column: 'login'})).message).toBe(
      'r.csv has no column `login` (its columns: `identifier`, `github_username`, `github_id`, `name`)',
    )
    expect(userError(() => parseRoster('\uFEFF\r\n', 'r.csv')).message).toContain('r.csv is empty')
    expect(userError(() => parseRoster('learner,name\n,Ana\n', 'r.csv')).message).toContain('r.csv lists no learner')
  })

  it('refuses a text too large or with too many rows', () => {
    expect(userError(() => parseRoster('x'.repeat(MAX_ROSTER_BYTES + 1), 'r.csv')).message).toContain('larger than 5 MB')
    expect(userError(() => parseRoster(`learner\n${'a\n'.repeat(MAX_ROSTER_ROWS + 1)}`, 'r.csv')).message).toContain(`more than ${MAX_ROSTER_ROWS} rows`)
  })
})

describe('readRoster', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-'))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('reads a file', () => {
    const file = path.join(dir, 'roster.csv')
    writeFileSync(file, CLASSROOM_ROSTER)
    expect(readRoster(file).entries).toHaveLength(2)
  })

  it('refuses a missing file, a folder and a UTF-16 file with exit code 2', () => {
    mkdirSync(path.join(dir, 'folder'))
    writeFileSync(path.join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('learner\nana\n', 'utf16le')]))
    for (const [name, message] of [
      ['absent.csv', 'does not exist'],
      ['folder', 'is a folder'],
      ['utf16.csv', 'UTF-16'],
    ]) {
      const error = userError(() => readRoster(path.join(dir, name!)))
      expect(error.message).toContain(message)
      expect([error.code, error.exitCode]).toEqual(['bad-roster', 2])
    }
  })
})

describe('compareRoster', () => {
  it('lists who has no folder and whose folder is on no roster, sorted', () => {
    const roster = parseRoster('learner,name\nzoe,Zoe\nana,Ana\nmo,Mo\n', 'r.csv')
    expect(compareRoster(roster, ['mo', 'yuki', 'bea', 'mo'])).toEqual({
      missing: [
        {learner: 'ana', name: 'Ana', line: 3},
        {learner: 'zoe', name: 'Zoe', line: 2},
      ],
      unlisted: ['bea', 'yuki'],
    })
  })
})
