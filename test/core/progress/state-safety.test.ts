import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {MAX_STATE_UNITS, STATE_SCHEMA} from '../../../src/core/progress/state-schema.js'
import {MAX_STATE_BYTES, STATE_FORMAT_VERSION, emptyState, readState, readStateFileText, stateFile, updateUnit, writeState, type WorkspaceState} from '../../../src/core/progress/state.js'
import {checkOwnPath, makeFolders, writeNewFile} from '../../../src/core/progress/workspace-paths.js'
import {isWorkspace} from '../../../src/core/progress/workspace.js'
import {expectRefusal, makeFifo, releaseAfter, snapshot, stopWriter, trapRoot, userError} from './trap-helpers.js'

const VALID = '{"format_version": 1, "created_at": "2026-01-01T00:00:00.000Z", "units": {"lb": {"hints_shown": 1}}}\n'
const FIX = /^Fix it, or move `\.course\/state\.json` aside \(in .*\) and run `course start <unit>` again to begin a fresh one; your files are kept\.$/
const MOVE = /^Move `\.course\/state\.json` aside \(in .*\) and run `course start <unit>` again to begin a fresh one; your files are kept\.$/

/** A workspace whose state file holds `text`. */
function withState(text: string) {
  const trap = trapRoot()
  mkdirSync(path.join(trap.ws, '.course'))
  writeFileSync(stateFile(trap.ws), text)
  return trap
}

describe('reading the state file without trusting the workspace', () => {
  it('refuses `.course` when it is a link to another folder, and changes nothing there', () => {
    const {ws, outside} = trapRoot()
    writeFileSync(path.join(outside, 'state.json'), VALID)
    symlinkSync(outside, path.join(ws, '.course'))
    const before = snapshot(outside)
    const error = userError(() => readState(ws))
    expectRefusal(error, 'workspace-link', '`.course` in the workspace is a symbolic link, not a folder; course follows no links inside a workspace, so nothing was read or written through it')
    expect(error.next[0]).toMatch(/^Move `\.course` aside \(in .*\) and run `course start <unit>` again to make a real one; your unit folders are kept\.$/)
    expect(userError(() => updateUnit(ws, 'lb', (p) => ({...p, hints_shown: 2}))).code).toBe('workspace-link')
    expect(userError(() => writeState(ws, emptyState())).code).toBe('workspace-link')
    expect(snapshot(outside)).toEqual(before)
  })

  it('refuses a state file that is a link to a file outside, reading and writing nothing through it', () => {
    const {ws, outside} = trapRoot()
    writeFileSync(path.join(outside, 'state.json'), VALID)
    mkdirSync(path.join(ws, '.course'))
    symlinkSync(path.join(outside, 'state.json'), stateFile(ws))
    const before = snapshot(outside)
    expectRefusal(
      userError(() => readState(ws)),
      'workspace-link',
      '`.course/state.json` in the workspace is a symbolic link, not a file; course follows no links inside a workspace, so nothing was read or written through it',
    )
    expect(userError(() => readState(ws)).next[0]).toMatch(MOVE)
    // A rename would only replace the link, but a planted state file is refused on writing as well.
    expect(userError(() => writeState(ws, emptyState())).code).toBe('workspace-link')
    expect(snapshot(outside)).toEqual(before)
  })

  it('refuses a state file that is a link to /dev/zero at once', () => {
    const {ws} = trapRoot()
    mkdirSync(path.join(ws, '.course'))
    symlinkSync('/dev/zero', stateFile(ws))
    const started = performance.now()
    expect(userError(() => readState(ws)).code).toBe('workspace-link')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('refuses a state file that is a named pipe promptly, without blocking', (context) => {
    const {ws} = trapRoot()
    mkdirSync(path.join(ws, '.course'))
    if (!makeFifo(stateFile(ws))) context.skip()
    const writer = releaseAfter(stateFile(ws), 5000)
    try {
      const started = performance.now()
      const error = userError(() => readState(ws))
      expect(performance.now() - started).toBeLessThan(1000)
      expectRefusal(
        error,
        'workspace-not-file',
        '`.course/state.json` in the workspace is a named pipe, not a file; course expects a plain file there, so nothing was read or written through it',
      )
      expect(error.next[0]).toMatch(MOVE)
    } finally {
      stopWriter(writer)
    }
  })

  it('refuses a state file that is a folder', () => {
    const {ws} = trapRoot()
    mkdirSync(stateFile(ws), {recursive: true})
    expect(userError(() => readState(ws)).code).toBe('workspace-not-file')
  })

  it(`refuses a state file over ${MAX_STATE_BYTES / 1024} KiB, saying what the limit is`, () => {
    const {ws} = withState(`${VALID}${' '.repeat(MAX_STATE_BYTES)}`)
    const error = userError(() => readState(ws))
    expectRefusal(error, 'state-too-large', '`.course/state.json` is 64.1 KiB; a state file is at most 64 KiB (a few lines per unit), so course did not read it')
    expect(error.next[0]).toMatch(MOVE)
  })

  it('locates malformed JSON and says how to get going again', () => {
    const {ws} = withState('{"format_version": 1,\n "units": {,}}')
    const error = userError(() => readState(ws))
    expectRefusal(error, 'invalid-json', '.course/state.json:2:12: invalid JSON: unexpected `,`; expected a property name in double quotes')
    expect(error.next[0]).toMatch(FIX)
    expect(readFileSync(stateFile(ws), 'utf8')).toBe('{"format_version": 1,\n "units": {,}}')
  })

  const invalid: Array<[string, string, string]> = [
    ['a negative hint count', '{\n  "format_version": 1,\n  "created_at": "x",\n  "units": {"lb": {"hints_shown": -1}}\n}', '.course/state.json:4:35: /units/lb/hints_shown: must be >= 0'],
    ['a hint count as a string', '{\n  "format_version": 1,\n  "created_at": "x",\n  "units": {\n    "lb": {"hints_shown": "3"}\n  }\n}', '.course/state.json:5:27: /units/lb/hints_shown: must be an integer'],
    ['a hint count past the maximum', '{"format_version": 1, "created_at": "x", "units": {"lb": {"hints_shown": 1001}}}', '.course/state.json:1:74: /units/lb/hints_shown: must be <= 1000'],
    ['an unknown top-level key', '{"format_version": 1, "created_at": "x", "units": {}, "evil": true}', '.course/state.json:1:55: /evil: unknown field `evil`'],
    ['an unknown key in a unit', '{"format_version": 1, "created_at": "x", "units": {"lb": {"hints_shown": 0, "exec": "rm"}}}', '.course/state.json:1:77: /units/lb/exec: unknown field `exec`'],
    ['a unit id of the wrong shape', '{"format_version": 1, "created_at": "x", "units": {"../lb": {"hints_shown": 0}}}', '.course/state.json:1:52: /units/../lb: `../lb` is not a unit id (lowercase letters, digits and dashes, at most 64 characters)'],
    ['a date that is not a string', '{"format_version": 1, "created_at": 5, "units": {}}', '.course/state.json:1:37: /created_at: must be a string'],
    ['an over-long date', `{"format_version": 1, "created_at": "${'9'.repeat(65)}", "units": {}}`, '.course/state.json:1:37: /created_at: must NOT have more than 64 characters'],
    ['another format version', '{"format_version": 2, "created_at": "x", "units": {}}', '.course/state.json:1:20: /format_version: must be 1'],
    ['a missing field', '{"format_version": 1, "units": {}}', '.course/state.json:1:1: (document): missing required field `created_at`'],
    ['a list instead of an object', '[]', '.course/state.json:1:1: (document): must be an object'],
    ['units as a list', '{"format_version": 1, "created_at": "x", "units": []}', '.course/state.json:1:51: /units: must be an object'],
    [
      'a bad check summary',
      '{"format_version": 1, "created_at": "x", "units": {"lb": {"hints_shown": 0, "last_check": {"at": "x", "status": "great", "score": -1, "max_score": 2}}}}',
      '.course/state.json:1:113: /units/lb/last_check/status: must be one of `pass`, `fail`, `error` (and 1 more problem)',
    ],
    [
      'a huge units map',
      JSON.stringify({format_version: 1, created_at: 'x', units: Object.fromEntries(Array.from({length: 2000}, (_, i) => [`u${i}`, {hints_shown: 0}]))}),
      `.course/state.json:1:46: /units: records more than ${MAX_STATE_UNITS} units, more than any course has`,
    ],
  ]
  it.each(invalid)('refuses a state with %s, located, with a fix', (_name, text, message) => {
    const {ws} = withState(text)
    const error = userError(() => readState(ws))
    expectRefusal(error, 'bad-state', message)
    expect(error.next.at(-1)).toMatch(FIX)
    expect(readFileSync(stateFile(ws), 'utf8')).toBe(text)
  })

  it('keeps units the course does not know, when their shape is right', () => {
    const {ws} = withState('{"format_version": 1, "created_at": "x", "units": {"retired-unit": {"hints_shown": 4, "passed_at": "x"}}}')
    updateUnit(ws, 'lb', (p) => ({...p, hints_shown: 1}))
    expect(readState(ws).units).toEqual({'retired-unit': {hints_shown: 4, passed_at: 'x'}, lb: {hints_shown: 1}})
  })

  it('counts anything at the state file name as a workspace, so a planted one is refused rather than written over', () => {
    const {ws, outside} = trapRoot()
    mkdirSync(path.join(ws, '.course'))
    symlinkSync(path.join(outside, 'missing.json'), stateFile(ws))
    expect(isWorkspace(ws)).toBe(true)
    expect(userError(() => readState(ws)).code).toBe('workspace-link')
    expect(existsSync(path.join(outside, 'missing.json'))).toBe(false)
  })
})

describe('the descriptor checks on their own (what still holds if the file is swapped after the lstat checks)', () => {
  it('opens without following a link: to a file outside, to /dev/zero, or dangling', () => {
    const {ws, outside} = trapRoot()
    mkdirSync(path.join(ws, '.course'))
    writeFileSync(path.join(outside, 'state.json'), VALID)
    const before = snapshot(outside)
    for (const target of [path.join(outside, 'state.json'), '/dev/zero', path.join(outside, 'missing.json')]) {
      rmSync(stateFile(ws), {force: true})
      symlinkSync(target, stateFile(ws))
      expectRefusal(
        userError(() => readStateFileText(ws)),
        'workspace-link',
        '`.course/state.json` in the workspace is a symbolic link, not a file; course follows no links inside a workspace, so nothing was read or written through it',
      )
    }
    expect(snapshot(outside)).toEqual(before)
  })

  it('opens a named pipe without blocking and refuses it', (context) => {
    const {ws} = trapRoot()
    mkdirSync(path.join(ws, '.course'))
    if (!makeFifo(stateFile(ws))) context.skip()
    const writer = releaseAfter(stateFile(ws), 5000)
    try {
      const started = performance.now()
      expect(userError(() => readStateFileText(ws)).code).toBe('workspace-not-file')
      expect(performance.now() - started).toBeLessThan(1000)
    } finally {
      stopWriter(writer)
    }
  })

  it('refuses a folder and an oversized file on the descriptor', () => {
    const folder = trapRoot()
    mkdirSync(stateFile(folder.ws), {recursive: true})
    expect(userError(() => readStateFileText(folder.ws)).message).toContain('is a folder, not a file')
    const large = withState('x'.repeat(10 * 1024 * 1024))
    expect(userError(() => readStateFileText(large.ws)).message).toBe('`.course/state.json` is 10.0 MiB; a state file is at most 64 KiB (a few lines per unit), so course did not read it')
  })
})

describe('writing the state file', () => {
  it('never writes through a link planted at the temporary name', () => {
    const {ws, outside} = trapRoot()
    writeState(ws, emptyState())
    symlinkSync(path.join(outside, 'precious.txt'), path.join(ws, '.course', `state.json.${process.pid}.tmp`))
    const before = snapshot(outside)
    updateUnit(ws, 'lb', (p) => ({...p, hints_shown: 1}))
    expect(readState(ws).units.lb).toEqual({hints_shown: 1})
    expect(snapshot(outside)).toEqual(before)
    // Only the planted link is left beside the state file: no temporary file stays behind.
    expect(readdirSync(path.join(ws, '.course')).sort()).toEqual(['state.json', `state.json.${process.pid}.tmp`])
  })

  it('creates `.course` without following a link to it', () => {
    const {ws, outside} = trapRoot()
    symlinkSync(outside, path.join(ws, '.course'))
    const before = snapshot(outside)
    expect(isWorkspace(ws)).toBe(false)
    expectRefusal(
      userError(() => writeState(ws, emptyState())),
      'workspace-link',
      '`.course` in the workspace is a symbolic link, not a folder; course follows no links inside a workspace, so nothing was read or written through it',
    )
    expect(snapshot(outside)).toEqual(before)
  })

  it('refuses to write a state it could not read back (a bug, not the learner\'s doing)', () => {
    const {ws} = trapRoot()
    const bad = {...emptyState(), units: {lb: {hints_shown: -1}}} as WorkspaceState
    expect(() => writeState(ws, bad)).toThrow(/about to write an invalid \.course\/state\.json: \/units\/lb\/hints_shown: must be >= 0/)
    expect(existsSync(path.join(ws, '.course'))).toBe(false)
  })

  it(`fits ${MAX_STATE_UNITS} units with every field set under the ${MAX_STATE_BYTES / 1024} KiB cap`, () => {
    const {ws} = trapRoot()
    const at = new Date('2026-01-01T00:00:00Z').toISOString()
    const full = {
      started_at: at,
      hints_shown: 1000,
      solution_opened: {at, forced: true},
      read_at: at,
      passed_at: at,
      last_check: {at, status: 'pass' as const, score: 100, max_score: 100},
    }
    const units = Object.fromEntries(Array.from({length: MAX_STATE_UNITS}, (_, i) => [`a-rather-long-unit-id-number-${i}`, full]))
    writeState(ws, {...emptyState(), units})
    expect(readFileSync(stateFile(ws)).length).toBeLessThan(MAX_STATE_BYTES)
    expect(Object.keys(readState(ws).units)).toHaveLength(MAX_STATE_UNITS)
  })
})

describe('paths inside the workspace', () => {
  it('creates files exclusively: never through a dangling link, never over a file', () => {
    const {ws, outside} = trapRoot()
    mkdirSync(path.join(ws, 'lb'))
    symlinkSync(path.join(outside, 'planted.ts'), path.join(ws, 'lb', 'lb.ts'))
    writeFileSync(path.join(ws, 'lb', 'mine.ts'), 'my work')
    const before = snapshot(outside)
    expectRefusal(
      userError(() => writeNewFile(ws, 'lb/lb.ts', 'starter')),
      'workspace-link',
      '`lb/lb.ts` in the workspace is a symbolic link, not a file; course follows no links inside a workspace, so nothing was read or written through it',
    )
    expectRefusal(userError(() => writeNewFile(ws, 'lb/mine.ts', 'starter')), 'file-exists', '`lb/mine.ts` already exists in the workspace; course never overwrites a file')
    expect(readFileSync(path.join(ws, 'lb', 'mine.ts'), 'utf8')).toBe('my work')
    expect(snapshot(outside)).toEqual(before)
  })

  it('refuses a sub-folder on the way that is a link, writing nothing outside', () => {
    const {ws, outside} = trapRoot()
    mkdirSync(path.join(ws, 'lb'))
    symlinkSync(outside, path.join(ws, 'lb', 'src'))
    const before = snapshot(outside)
    expectRefusal(
      userError(() => writeNewFile(ws, 'lb/src/deep/lb.ts', 'starter')),
      'workspace-link',
      '`lb/src` in the workspace is a symbolic link, not a folder; course follows no links inside a workspace, so nothing was read or written through it',
    )
    expect(userError(() => makeFolders(ws, 'lb/src/deep')).code).toBe('workspace-link')
    expect(userError(() => checkOwnPath(ws, 'lb/src/deep', 'folder')).code).toBe('workspace-link')
    expect(snapshot(outside)).toEqual(before)
  })

  it('refuses paths that would leave the workspace', () => {
    const {ws, root} = trapRoot()
    const before = readdirSync(root).sort()
    for (const relative of ['../escape.ts', 'lb/../../escape.ts', '/tmp/escape.ts', '', 'lb//x']) {
      expect(userError(() => writeNewFile(ws, relative, 'x')).code).toBe('outside-workspace')
    }
    expect(readdirSync(root).sort()).toEqual(before)
  })
})

describe('the schema and the code agree', () => {
  it('states the format version the code writes', () => {
    expect(STATE_SCHEMA.properties.format_version.const).toBe(STATE_FORMAT_VERSION)
  })

  it('locates problems in a file that starts with a byte-order mark', () => {
    const {ws} = withState('\ufeff{"format_version": 1, "created_at": "x", "units": {}, "evil": 1}')
    expect(userError(() => readState(ws)).message).toBe('.course/state.json:1:55: /evil: unknown field `evil`')
  })
})
