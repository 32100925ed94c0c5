import {render} from 'ink-testing-library'
import {describe, expect, it} from 'vitest'
import {visibleLength} from '../../src/core/markdown/ansi.js'
import {CourseApp} from '../../src/ui/app.js'
import {fakeActions} from './fake-actions.js'

const SIZE = {columns: 80, rows: 24}
const KEYS = {down: '\u001B[B', up: '\u001B[A', enter: '\r', escape: '\u001B', pageDown: '\u001B[6~'}
/** Lets React commit and Ink register its input handler before the next key. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

function frameLines(frame: string | undefined): string[] {
  return (frame ?? '').split('\n')
}

describe('CourseApp', () => {
  it('lists the units with a marker on the selection, within 80×24', () => {
    const {lastFrame, unmount} = render(<CourseApp actions={fakeActions()} color={false} size={SIZE} />)
    const lines = frameLines(lastFrame())
    expect(lines[0]).toMatch(/^Fake course +0\/2 done$/)
    expect(lines.find((l) => l.includes('The intro unit'))).toMatch(/^❯ +1 The intro unit/)
    expect(lines.find((l) => l.includes('The sort unit'))).toContain('challenge*')
    expect(lines.at(-1)).toContain('enter open')
    expect(lines.length).toBeLessThanOrEqual(23)
    expect(lines.every((l) => visibleLength(l) <= 80)).toBe(true)
    unmount()
  })

  it('moves with j/k and arrows, opens a unit, scrolls, and goes back', async () => {
    const actions = fakeActions()
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={actions} color={false} size={SIZE} />)
    await settle()
    stdin.write('j')
    await settle()
    expect(frameLines(lastFrame()).find((l) => l.startsWith('❯'))).toContain('The lb unit')
    stdin.write(KEYS.enter)
    await settle()
    expect(actions.calls).toEqual(['text:lb'])
    expect(lastFrame()).toContain('2. The lb unit')
    expect(lastFrame()).toContain('Line 1 of lb.')
    stdin.write(KEYS.pageDown)
    await settle()
    expect(lastFrame()).not.toContain('Line 1 of lb.')
    expect(lastFrame()).toMatch(/\d+%/)
    stdin.write(KEYS.escape)
    await settle()
    expect(lastFrame()).toContain('Fake course')
    unmount()
  })

  it('starts work, reveals hints and explains a locked write-up on the status line', async () => {
    const actions = fakeActions()
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={actions} color={false} size={SIZE} />)
    await settle()
    stdin.write('j')
    await settle()
    stdin.write(KEYS.enter)
    await settle()
    stdin.write('s')
    await settle()
    expect(lastFrame()).toContain('Started in /ws/lb (1 file)')
    expect(lastFrame()).toContain('started')
    stdin.write('h')
    await settle()
    expect(lastFrame()).toContain('Hint 1 of 3')
    stdin.write('h')
    await settle()
    expect(lastFrame()).toContain('Hint one.')
    expect(lastFrame()).toContain('Hint two.')
    stdin.write('o')
    await settle()
    expect(lastFrame()).toContain('Write-up locked until `course check lb` passes; then press o.')
    expect(actions.calls).toEqual(['text:lb', 'start:lb', 'hint:lb', 'hint:lb', 'solution:lb'])
    unmount()
  })

  it('shows and hides the key help', async () => {
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={fakeActions()} color={false} size={SIZE} />)
    await settle()
    stdin.write('?')
    await settle()
    expect(lastFrame()).toContain('the next hint')
    expect(lastFrame()).toContain('Workspace: /ws')
    stdin.write('?')
    await settle()
    expect(lastFrame()).toContain('Fake course')
    unmount()
  })

  it('keeps `? help · q quit` in the unit footer at 80 columns', async () => {
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={fakeActions()} color={false} size={SIZE} />)
    await settle()
    stdin.write(KEYS.enter)
    await settle()
    const footer = frameLines(lastFrame()).at(-1)!
    expect(footer).toMatch(/s start · h hint · o write-up · .*\? help · q quit +0%$/)
    expect(visibleLength(footer)).toBe(80)
    unmount()
  })

  it('says how to unlock a write-up of a unit not started, and to press s before a hint', async () => {
    const actions = fakeActions({workspace: false})
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={actions} color={false} size={SIZE} />)
    await settle()
    stdin.write('j')
    await settle()
    stdin.write(KEYS.enter)
    await settle()
    stdin.write('o')
    await settle()
    expect(lastFrame()).toContain('Write-up locked until you pass: press s, then run `course check lb`.')
    stdin.write('h')
    await settle()
    expect(lastFrame()).toContain('Hints are counted in your workspace, and there is none yet: press s first.')
    stdin.write('s')
    await settle()
    stdin.write('h')
    await settle()
    expect(lastFrame()).toContain('Hint 1 of 3')
    unmount()
  })

  it('says a lesson read without a workspace is not recorded, and records it once started', async () => {
    const actions = fakeActions({workspace: false})
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={actions} color={false} size={SIZE} />)
    await settle()
    stdin.write(KEYS.enter)
    await settle()
    expect(lastFrame()).toContain('Not recorded as read: no workspace yet. Press s to make one and record it.')
    stdin.write('s')
    await settle()
    expect(lastFrame()).toContain('Started in /ws/intro (1 file); recorded as read')
    expect(actions.calls).toEqual(['text:intro', 'start:intro', 'text:intro'])
    unmount()
  })

  it('offers to continue the unit given to resume, and opens it on enter', async () => {
    const actions = fakeActions()
    const {lastFrame, stdin, unmount} = render(<CourseApp actions={actions} color={false} size={SIZE} resume={{unit: 'lb', here: false}} />)
    await settle()
    const lines = frameLines(lastFrame())
    expect(lines.find((l) => l.startsWith('❯'))).toContain('The lb unit')
    expect(lines.at(-2)).toBe('Continue lb? Press enter, or pick another unit.')
    stdin.write(KEYS.enter)
    await settle()
    expect(actions.calls).toEqual(['text:lb'])
    expect(lastFrame()).toContain('2. The lb unit')
    unmount()
  })

  it('names the unit folder it was opened in', () => {
    const {lastFrame, unmount} = render(<CourseApp actions={fakeActions()} color={false} size={SIZE} resume={{unit: 'sort', here: true}} />)
    expect(frameLines(lastFrame()).at(-2)).toBe('You are in sort/: press enter to continue there.')
    unmount()
  })

  it('fits a narrow terminal', () => {
    const {lastFrame, unmount} = render(<CourseApp actions={fakeActions()} color={false} size={{columns: 40, rows: 12}} />)
    const lines = frameLines(lastFrame())
    expect(lines.every((l) => visibleLength(l) <= 40)).toBe(true)
    expect(lines.length).toBeLessThanOrEqual(11)
    unmount()
  })
})
