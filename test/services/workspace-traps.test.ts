import {existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {MAX_HINTS_SHOWN} from '../../src/core/progress/state-schema.js'
import {readState, stateFile} from '../../src/core/progress/state.js'
import {checkUnit, resolveCheckUnit} from '../../src/services/check.js'
import {nextHint, shownHints} from '../../src/services/hint.js'
import {workspaceProgress} from '../../src/services/progress.js'
import {planReset, resetUnit} from '../../src/services/reset.js'
import {startUnit} from '../../src/services/start.js'
import {expectRefusal, makeFifo, releaseAfter, snapshot, stopWriter, trapRoot, userError, userErrorAsync} from '../core/progress/trap-helpers.js'
import {unitMeta, writeCourse} from '../helpers/course-fixture.js'
import {tempDir} from '../helpers/temp.js'

/**
 * Every workspace command against a workspace prepared to trap it (as a cloned repository could
 * be): each trap is laid for real, each refusal asserted exactly, and each test proves that nothing
 * outside the workspace changed.
 */

const VALID = '{"format_version": 1, "created_at": "2026-01-01T00:00:00.000Z", "units": {"lb": {"hints_shown": 1, "started_at": "x"}}}\n'
const LINK_DIR = (relative: string) =>
  `\`${relative}\` in the workspace is a symbolic link, not a folder; course follows no links inside a workspace, so nothing was read or written through it`
const LINK_FILE = (relative: string) =>
  `\`${relative}\` in the workspace is a symbolic link, not a file; course follows no links inside a workspace, so nothing was read or written through it`

function setup() {
  const contentDir = writeCourse([
    {meta: unitMeta('intro', {kind: 'lesson', hints: [], files: {text: 'README.md', solution: 'solution.md', starter: [], reference: []}})},
    {meta: unitMeta('lb', {files: {text: 'README.md', solution: 'solution.md', starter: ['lb.ts', 'src/deep/helper.ts'], reference: ['lb.ts']}})},
  ])
  const trap = trapRoot()
  return {...trap, contentDir, cwd: trap.root, dir: trap.ws}
}

type Setup = ReturnType<typeof setup>

/** Every command that reads the state, each expected to refuse the same way. */
async function everyCommandRefuses(s: Setup, code: string, message: string | RegExp): Promise<void> {
  const options = {contentDir: s.contentDir, cwd: s.cwd, dir: s.dir}
  expectRefusal(userError(() => startUnit({...options, unit: 'lb'})), code, message)
  expectRefusal(userError(() => nextHint({...options, unit: 'lb'})), code, message)
  expectRefusal(userError(() => shownHints({...options, unit: 'lb'})), code, message)
  expectRefusal(userError(() => workspaceProgress(options)), code, message)
  expectRefusal(userError(() => planReset({...options, unit: 'lb'})), code, message)
  expectRefusal(await userErrorAsync(() => checkUnit({...options, unit: 'lb', gradersDir: tempDir()})), code, message)
  expectRefusal(await userErrorAsync(() => checkUnit({...options, gradersDir: tempDir()})), code, message)
}

/** The whole root outside the workspace: the folder links point at, and nothing new beside it. */
function outsideOf(s: Setup) {
  return {entries: readdirSync(s.root).sort(), outside: snapshot(s.outside)}
}

describe('a workspace whose `.course` is a link', () => {
  it('to another workspace: every command refuses it, and nothing there changes', async () => {
    const s = setup()
    writeFileSync(path.join(s.outside, 'state.json'), VALID)
    symlinkSync(s.outside, path.join(s.ws, '.course'))
    const before = outsideOf(s)
    await everyCommandRefuses(s, 'workspace-link', LINK_DIR('.course'))
    expect(outsideOf(s)).toEqual(before)
    expect(readdirSync(s.ws)).toEqual(['.course'])
  })

  it('to an empty folder: start refuses before creating anything through it', () => {
    const s = setup()
    symlinkSync(s.outside, path.join(s.ws, '.course'))
    const before = outsideOf(s)
    const error = userError(() => startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expectRefusal(error, 'workspace-link', LINK_DIR('.course'))
    expect(error.next[0]).toBe(`Move \`.course\` aside (in ${s.ws}) and run \`course start <unit>\` again to make a real one; your unit folders are kept.`)
    expect(outsideOf(s)).toEqual(before)
  })
})

describe('a workspace whose state file is a trap', () => {
  it('a link to a file outside: every command refuses it, and the file is untouched', async () => {
    const s = setup()
    writeFileSync(path.join(s.outside, 'state.json'), VALID)
    mkdirSync(path.join(s.ws, '.course'))
    symlinkSync(path.join(s.outside, 'state.json'), stateFile(s.ws))
    const before = outsideOf(s)
    await everyCommandRefuses(s, 'workspace-link', LINK_FILE('.course/state.json'))
    expect(outsideOf(s)).toEqual(before)
  })

  it('a link to /dev/zero: refused at once', async () => {
    const s = setup()
    mkdirSync(path.join(s.ws, '.course'))
    symlinkSync('/dev/zero', stateFile(s.ws))
    const before = outsideOf(s)
    const started = performance.now()
    await everyCommandRefuses(s, 'workspace-link', LINK_FILE('.course/state.json'))
    expect(performance.now() - started).toBeLessThan(5000)
    expect(outsideOf(s)).toEqual(before)
  })

  it('a named pipe: every command returns promptly with a refusal', async (context) => {
    const s = setup()
    mkdirSync(path.join(s.ws, '.course'))
    if (!makeFifo(stateFile(s.ws))) context.skip()
    const before = outsideOf(s)
    // Released after 20 s if a command wrongly blocks, so the test fails on time instead of hanging.
    const writer = releaseAfter(stateFile(s.ws), 20_000)
    try {
      const started = performance.now()
      await everyCommandRefuses(
        s,
        'workspace-not-file',
        '`.course/state.json` in the workspace is a named pipe, not a file; course expects a plain file there, so nothing was read or written through it',
      )
      expect(performance.now() - started).toBeLessThan(5000)
    } finally {
      stopWriter(writer)
    }
    expect(outsideOf(s)).toEqual(before)
  })

  it('an oversized file: refused, naming the 64 KiB limit', async () => {
    const s = setup()
    mkdirSync(path.join(s.ws, '.course'))
    writeFileSync(stateFile(s.ws), `${VALID}${' '.repeat(200 * 1024)}`)
    const before = outsideOf(s)
    await everyCommandRefuses(s, 'state-too-large', '`.course/state.json` is 200.1 KiB; a state file is at most 64 KiB (a few lines per unit), so course did not read it')
    expect(outsideOf(s)).toEqual(before)
  })

  it('malformed JSON: a located refusal that says how to start afresh, the file left as it was', async () => {
    const s = setup()
    mkdirSync(path.join(s.ws, '.course'))
    writeFileSync(stateFile(s.ws), '{"format_version": 1,\n "units": {,}}')
    await everyCommandRefuses(s, 'invalid-json', '.course/state.json:2:12: invalid JSON: unexpected `,`; expected a property name in double quotes')
    const error = userError(() => nextHint({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expect(error.next).toEqual([
      `Fix it, or move \`.course/state.json\` aside (in ${s.ws}) and run \`course start <unit>\` again to begin a fresh one; your files are kept.`,
    ])
    expect(readFileSync(stateFile(s.ws), 'utf8')).toBe('{"format_version": 1,\n "units": {,}}')
  })

  const invalid: Array<[string, unknown, string]> = [
    ['negative hints', {format_version: 1, created_at: 'x', units: {lb: {hints_shown: -2}}}, '.course/state.json:1:67: /units/lb/hints_shown: must be >= 0'],
    ['a string count', {format_version: 1, created_at: 'x', units: {lb: {hints_shown: '2'}}}, '.course/state.json:1:67: /units/lb/hints_shown: must be an integer'],
    [
      'a huge units map',
      {format_version: 1, created_at: 'x', units: Object.fromEntries(Array.from({length: 1000}, (_, i) => [`unit-${i}`, {hints_shown: 0}]))},
      '.course/state.json:1:46: /units: records more than 100 units, more than any course has',
    ],
    ['an unknown top-level key', {format_version: 1, created_at: 'x', units: {}, hooks: {}}, '.course/state.json:1:49: /hooks: unknown field `hooks`'],
  ]
  it.each(invalid)('a state with %s: a located refusal from every command', async (_name, state, message) => {
    const s = setup()
    mkdirSync(path.join(s.ws, '.course'))
    const text = JSON.stringify(state)
    writeFileSync(stateFile(s.ws), text)
    await everyCommandRefuses(s, 'bad-state', message)
    expect(readFileSync(stateFile(s.ws), 'utf8')).toBe(text)
  })
})

describe('a unit folder that is a link to a folder outside', () => {
  it('start refuses it and writes nothing there', () => {
    const s = setup()
    symlinkSync(s.outside, path.join(s.ws, 'lb'))
    const before = outsideOf(s)
    const error = userError(() => startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expectRefusal(error, 'workspace-link', LINK_DIR('lb'))
    expect(error.next).toEqual([`Move \`lb\` out of the workspace (${s.ws}) or rename it, then run \`course start lb\` again.`])
    expect(outsideOf(s)).toEqual(before)
    // Checked before anything was written: not even a state file was made.
    expect(readdirSync(s.ws)).toEqual(['lb'])
  })

  it('reset refuses it and moves nothing, keeping the progress', () => {
    const s = setup()
    startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'intro'})
    mkdirSync(path.join(s.ws, '.course'), {recursive: true})
    writeFileSync(stateFile(s.ws), VALID)
    symlinkSync(s.outside, path.join(s.ws, 'lb'))
    const before = outsideOf(s)
    const error = userError(() => planReset({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expectRefusal(error, 'workspace-link', LINK_DIR('lb'))
    expect(error.next).toEqual([`Move \`lb\` out of the workspace (${s.ws}) yourself; \`course reset lb\` then only forgets the unit's progress.`])
    // A plan made before the link was planted (the learner was still at the confirmation) is refused too.
    const plan = {unit: 'lb', workspace: s.ws, folder: path.join(s.ws, 'lb')}
    expect(userError(() => resetUnit(plan)).code).toBe('workspace-link')
    expect(outsideOf(s)).toEqual(before)
    expect(existsSync(path.join(s.ws, '.course', 'backups'))).toBe(false)
    expect(readState(s.ws).units.lb).toEqual({hints_shown: 1, started_at: 'x'})
  })

  it('a unit "folder" that is a file is refused too', () => {
    const s = setup()
    writeFileSync(path.join(s.ws, 'lb'), 'not a folder')
    const error = userError(() => startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expectRefusal(error, 'workspace-not-folder', '`lb` in the workspace is a file, not a folder; course expects a plain folder there, so nothing was read or written through it')
  })
})

describe('a starter path planted as a link', () => {
  it('start refuses the unit folder holding it, and nothing is written through it', () => {
    const s = setup()
    mkdirSync(path.join(s.ws, 'lb'))
    symlinkSync(path.join(s.outside, 'precious.txt'), path.join(s.ws, 'lb', 'lb.ts'))
    symlinkSync(s.outside, path.join(s.ws, 'lb', 'src'))
    const before = outsideOf(s)
    const error = userError(() => startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expectRefusal(error, 'already-started', `\`lb\` is already started in ${s.ws} (lb/lb.ts, lb/src); nothing was changed`)
    expect(outsideOf(s)).toEqual(before)
  })
})

describe('`.course/backups` as a link', () => {
  it('reset refuses it: the unit folder stays, nothing lands outside, progress is kept', () => {
    const s = setup()
    startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'})
    writeFileSync(path.join(s.ws, 'lb', 'lb.ts'), 'my work')
    symlinkSync(s.outside, path.join(s.ws, '.course', 'backups'))
    const before = outsideOf(s)
    const error = userError(() => planReset({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}))
    expectRefusal(error, 'workspace-link', LINK_DIR('.course/backups'))
    expect(error.next).toEqual([`Move \`.course/backups\` out of the workspace (${s.ws}) or rename it, then run the command again.`])
    const plan = {unit: 'lb', workspace: s.ws, folder: path.join(s.ws, 'lb')}
    expect(userError(() => resetUnit(plan)).code).toBe('workspace-link')
    expect(outsideOf(s)).toEqual(before)
    expect(readFileSync(path.join(s.ws, 'lb', 'lb.ts'), 'utf8')).toBe('my work')
    expect(readState(s.ws).units.lb?.started_at).toBeTypeOf('string')
  })

  it('reset refuses when something already sits at the backup name', () => {
    const s = setup()
    startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'})
    const now = new Date('2026-02-03T04:05:06.789Z')
    mkdirSync(path.join(s.ws, '.course', 'backups'))
    symlinkSync(s.outside, path.join(s.ws, '.course', 'backups', 'lb-2026-02-03T04-05-06-789Z'))
    const before = outsideOf(s)
    const error = userError(() => resetUnit(planReset({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}), now))
    expectRefusal(error, 'backup-exists', '`.course/backups/lb-2026-02-03T04-05-06-789Z` already exists in the workspace (a symbolic link); nothing was moved')
    expect(existsSync(path.join(s.ws, 'lb', 'lb.ts'))).toBe(true)
    expect(outsideOf(s)).toEqual(before)
  })
})

describe('what still works', () => {
  it('a workspace reached through a link the learner chose (`--dir`) is fine', () => {
    const s = setup()
    const real = path.join(s.root, 'real-ws')
    mkdirSync(real)
    symlinkSync(real, path.join(s.root, 'chosen'))
    const result = startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: 'chosen', unit: 'lb'})
    expect(result.files).toEqual(['lb/lb.ts', 'lb/src/deep/helper.ts'])
    expect(readFileSync(path.join(real, 'lb', 'src', 'deep', 'helper.ts'), 'utf8')).toBe('// starter src/deep/helper.ts\n')
    expect(nextHint({contentDir: s.contentDir, cwd: s.cwd, dir: 'chosen', unit: 'lb'}).number).toBe(1)
    const reset = resetUnit(planReset({contentDir: s.contentDir, cwd: s.cwd, dir: 'chosen', unit: 'lb'}))
    expect(existsSync(path.join(real, reset.backup!, 'lb.ts'))).toBe(true)
  })

  it('every hint count the schema allows gives a real hint, never undefined', () => {
    const s = setup()
    startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'})
    const options = {contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'lb'}
    for (const count of [0, 1, 2, 3, 4, 50, MAX_HINTS_SHOWN]) {
      writeFileSync(stateFile(s.ws), JSON.stringify({format_version: 1, created_at: 'x', units: {lb: {hints_shown: count}}}))
      const shown = shownHints(options)
      expect(shown).toHaveLength(Math.min(count, 3))
      expect(shown.every((hint) => typeof hint === 'string')).toBe(true)
      expect(workspaceProgress(options).units.find((u) => u.id === 'lb')?.hints_shown).toBe(Math.min(count, 3))
      const hint = nextHint(options)
      expect(hint.hint).toBeTypeOf('string')
      expect(hint.number).toBe(Math.min(count + 1, 3))
      expect(hint.previous.every((p) => typeof p === 'string')).toBe(true)
      expect(hint.exhausted).toBe(count >= 3)
    }
  })

  it('a dangling link in the workspace does not trip up `course check` finding the unit', () => {
    const s = setup()
    startUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, unit: 'intro'})
    symlinkSync(path.join(s.outside, 'missing'), path.join(s.ws, 'dangling'))
    expect(userError(() => resolveCheckUnit({contentDir: s.contentDir, cwd: s.cwd, dir: s.dir, gradersDir: tempDir()}, s.ws)).code).toBe('which-unit')
  })
})
