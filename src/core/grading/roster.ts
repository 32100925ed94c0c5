/**
 * A class roster (`course grade CLASS --roster roster.csv`): the learners an instructor expects,
 * read from the CSV file their platform exports, so a class run can say who handed in nothing
 * (on the roster, no folder) and whose folder is on no roster (a typo, a learner who left).
 */
import {readFileSync, statSync} from 'node:fs'
import {formatLocation, UserError} from '../errors.js'
import {quote} from '../text/learner-text.js'
import {LEARNER_ID} from './discover.js'
import {type CsvRow, CsvRowLimitError, CsvSyntaxError, parseCsv} from './roster-csv.js'

export interface RosterEntry {
  readonly learner: string
  readonly name?: string
  readonly email?: string
  /** The line the learner's row starts on. */
  readonly line: number
}

/** A row that names someone but has no id: shown as a warning, never guessed. */
export interface UnidentifiedRow {
  readonly line: number
  readonly name?: string
}

export interface Roster {
  /** The header of the column the learner ids were read from, as the file spells it. */
  readonly column: string
  readonly entries: RosterEntry[]
  /**
   * Rows with an empty id cell that are not a platform's own rows: on GitHub Classroom's roster, a
   * learner who has not linked a GitHub account yet.
   */
  readonly unidentified: UnidentifiedRow[]
}

export interface RosterOptions {
  /** `--roster-column`: the header of the id column, matched without regard to case. */
  readonly column?: string
}

/** The instructor's own file, but a wrong path (a class archive, a log) must not eat the machine. */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024
export const MAX_ROSTER_ROWS = 100_000


/**
 * Headers of an id column, most specific first: the first one present that holds an id wins.
 * Headers are compared in lower case, with runs of spaces, `_` and `-` read as one space (`SIS
 * Login ID`, `sis_login_id`).
 *
 * - `learner`: course's own name for it, so a hand-made roster is never second-guessed.
 * - `student repository name`: GitHub Classroom's assignment grades export (`gh classroom
 *   assignment-grades`: assignment_name, …, github_username, roster_identifier,
 *   student_repository_name, …). `gh classroom clone student-repos` names each learner's folder
 *   after their repository (`<assignment>-<username>`), so this column matches the folders an
 *   instructor grades, where the username alone would match none of them.
 * - `github username`: GitHub Classroom's roster export (identifier, github_username, github_id,
 *   name), for folders named after each learner's account.
 * - `sis login id`, `sis user id`: Canvas's gradebook export (Student, ID, SIS User ID, SIS Login
 *   ID, Section, …): the institution's login (what learners are known by), then the student number.
 * - `identifier`, `roster identifier`: GitHub Classroom's own roster entry; free text (a name, an
 *   email address), so only when nothing better is there.
 * - `username`, `login`, `student id`: what hand-made rosters call it.
 * - `id`: Canvas's own number, and any file's generic id; the last resort.
 */
const ID_HEADERS = ['learner', 'student repository name', 'github username', 'sis login id', 'sis user id', 'identifier', 'roster identifier', 'username', 'login', 'student id', 'id']
/** Headers of the learner's name: `Student` is Canvas's (as "Last, First"). */
const NAME_HEADERS = ['name', 'full name', 'student name', 'display name', 'student']
const EMAIL_HEADERS = ['email', 'e mail', 'email address', 'mail']

/**
 * Rows a platform adds that are not learners. Canvas puts "Points Possible" (and, for assignments
 * posted by hand, "Manual Posting") rows under the header, with no id, and lists its test student
 * (who has no institution login) as "Student, Test".
 */
const META_CELLS = new Set(['points possible', 'manual posting', 'student, test'])

const isMeta = (row: CsvRow) => row.cells.some((cell) => META_CELLS.has(cell.text.trim().toLowerCase()))

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')

/** A value from the file, quoted in a message. */
const named = (text: string) => `\`${quote(text)}\``

const fail = (message: string, next: string[] = []) => new UserError(message, {code: 'bad-roster', exitCode: 2, next})

/** Parses a roster's CSV text; `file` is how the roster is named in messages. */
export function parseRoster(text: string, file: string, options: RosterOptions = {}): Roster {
  // Characters, not bytes: a text read from a file was checked by its size already.
  if (text.length > MAX_ROSTER_BYTES) throw tooBig(file)
  const rows = csvRows(text, file).filter((row) => row.cells.some((cell) => cell.text.trim() !== ''))
  const header = rows.shift()
  if (!header) throw fail(`${file} is empty; a roster is a CSV file whose first row names its columns`)
  const headers = header.cells.map((cell) => cell.text.trim())
  const idIndex = idColumn(headers, rows, file, options)
  const nameIndex = findHeader(headers, NAME_HEADERS, idIndex)
  const emailIndex = findHeader(headers, EMAIL_HEADERS, idIndex)
  const column = headers[idIndex]!

  const entries: RosterEntry[] = []
  const unidentified: UnidentifiedRow[] = []
  const firstLine = new Map<string, number>()
  for (const row of rows) {
    if (isMeta(row)) continue
    const cell = (index: number) => (index < 0 ? undefined : row.cells[index]?.text.trim() || undefined)
    const learner = cell(idIndex)
    const name = cell(nameIndex)
    const email = cell(emailIndex)
    if (learner === undefined) {
      unidentified.push({line: row.line, ...(name && {name})})
      continue
    }
    const where = formatLocation({file, line: row.cells[idIndex]!.line, column: row.cells[idIndex]!.column})
    if (!LEARNER_ID.test(learner)) {
      throw fail(`${where}: ${named(learner)} cannot be a learner id (letters, digits, and . _ @ - only; at most 128 characters)`, [
        `Fix the cell, or name the column of learner ids with --roster-column (ids were read from ${named(column)}).`,
      ])
    }
    const first = firstLine.get(learner)
    if (first !== undefined) throw fail(`${where}: ${named(learner)} is listed twice (first on line ${first})`, ['Remove one of the two rows.'])
    firstLine.set(learner, row.line)
    entries.push({learner, ...(name && {name}), ...(email && {email}), line: row.line})
  }
  if (entries.length === 0) throw fail(`${file} lists no learner: no row under its header has an id in the column ${named(column)}`, ['Add one row per learner, or name the column of learner ids with --roster-column.'])
  return {column, entries, unidentified}
}

/** Reads and parses a roster file; a missing, unreadable or oversized file is a clear error. */
export function readRoster(file: string, options: RosterOptions = {}): Roster {
  let text: string
  try {
    const stat = statSync(file, {throwIfNoEntry: false})
    if (!stat) throw fail(`${file} does not exist`, ['Pass the path of the roster CSV file with --roster.'])
    if (stat.isDirectory()) throw fail(`${file} is a folder; --roster takes a CSV file`)
    // A named pipe or a device would block the read, or never end.
    if (!stat.isFile()) throw fail(`${file} is not a regular file; --roster takes a CSV file`)
    if (stat.size > MAX_ROSTER_BYTES) throw tooBig(file)
    const bytes = readFileSync(file)
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw fail(`${file} is saved as UTF-16; a roster is read as UTF-8`, ['Save it again as "CSV UTF-8" (or export it as CSV from the platform).'])
    }
    text = bytes.toString('utf8')
  } catch (error) {
    if (error instanceof UserError) throw error
    throw fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return parseRoster(text, file, options)
}

/** Who is on the roster with no folder, and whose folder is on no roster; each sorted by id. */
export function compareRoster(roster: Roster, learnersFound: readonly string[]): {missing: RosterEntry[]; unlisted: string[]} {
  const found = new Set(learnersFound)
  const listed = new Set(roster.entries.map((entry) => entry.learner))
  const missing = roster.entries.filter((entry) => !found.has(entry.learner)).sort((a, b) => byId(a.learner, b.learner))
  const unlisted = [...found].filter((learner) => !listed.has(learner)).sort(byId)
  return {missing, unlisted}
}

/** Code-unit order, as learner folders are sorted. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function csvRows(text: string, file: string): CsvRow[] {
  try {
    return parseCsv(text, MAX_ROSTER_ROWS + 1)
  } catch (error) {
    if (error instanceof CsvRowLimitError) throw fail(`${file} has more than ${MAX_ROSTER_ROWS} rows; a roster has one row per learner`, ['Check the path passed to --roster.'])
    if (!(error instanceof CsvSyntaxError)) throw error
    throw fail(`${formatLocation({file, line: error.line, column: error.column})}: ${error.message}`, ['Fix the CSV at that position, or export the roster again.'])
  }
}

function idColumn(headers: string[], rows: readonly CsvRow[], file: string, options: RosterOptions): number {
  const found = `its columns: ${headers.filter(Boolean).map(named).join(', ') || 'none'}`
  if (options.column !== undefined) {
    if (options.column.trim() === '') throw fail(`--roster-column needs the header of a column (${found})`)
    const wanted = options.column.trim().toLowerCase()
    const index = headers.findIndex((header) => header.toLowerCase() === wanted)
    if (index < 0) throw fail(`${file} has no column ${named(options.column)} (${found})`, ['Pass one of its columns with --roster-column.'])
    return index
  }
  // A column the platform exports empty (Canvas's SIS columns, at a school without a SIS) is passed over.
  const candidates = ID_HEADERS.map((name) => findHeader(headers, [name])).filter((index) => index >= 0)
  const used = candidates.find((index) => rows.some((row) => !isMeta(row) && (row.cells[index]?.text.trim() ?? '') !== ''))
  if (candidates.length > 0) return used ?? candidates[0]!
  const next = ['Name the column that holds the learner ids with --roster-column NAME.', "A roster's first row names its columns: add one (such as `learner`) if the file starts with a learner."]
  // Spreadsheets set to a language that writes decimal commas separate cells with semicolons.
  if (headers.length === 1 && /[;\t]/.test(headers[0]!)) next.unshift('Save the roster with commas between cells (it seems to use semicolons or tabs).')
  throw fail(`${file}: no column of learner ids found (${found})`, next)
}

/** The index of the first of `wanted` among `headers`, skipping the column at `skip`; -1 when none is there. */
function findHeader(headers: string[], wanted: readonly string[], skip = -1): number {
  const normalised = headers.map(normalise)
  for (const name of wanted) {
    const index = normalised.findIndex((header, i) => i !== skip && header === name)
    if (index >= 0) return index
  }
  return -1
}

function tooBig(file: string): UserError {
  return fail(`${file} is larger than ${MAX_ROSTER_BYTES / (1024 * 1024)} MB; a roster has one row per learner`, ['Check the path passed to --roster.'])
}
