import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {emptyState, readState, stateFile, statusOf, updateUnit, writeState} from '../../../src/core/progress/state.js'
import {findWorkspace, requireWorkspace, unitFromPath} from '../../../src/core/progress/workspace.js'
import {solutionUnlocked} from '../../../src/core/progress/unlock.js'
import {tempDir} from '../../helpers/temp.js'

describe('workspace state', () => {
  it('round-trips through the state file and updates one unit at a time', () => {
    const ws = tempDir()
    writeState(ws, emptyState(new Date('2026-01-01T00:00:00Z')))
    updateUnit(ws, 'alpha', (p) => ({...p, hints_shown: 2}))
    updateUnit(ws, 'beta', (p) => ({...p, started_at: 'x'}))
    const state = readState(ws)
    expect(state.created_at).toBe('2026-01-01T00:00:00.000Z')
    expect(state.units.alpha).toEqual({hints_shown: 2})
    expect(statusOf(state.units.beta)).toBe('started')
    expect(statusOf(undefined)).toBe('not-started')
  })

  it('explains a corrupt state file with its location and leaves it untouched', () => {
    const ws = tempDir()
    mkdirSync(path.dirname(stateFile(ws)), {recursive: true})
    writeFileSync(stateFile(ws), '{"format_version": 1,\n "units": {,}}')
    expect(() => readState(ws)).toThrow(/state\.json:2:12: invalid JSON/)
    expect(readFileSync(stateFile(ws), 'utf8')).toBe('{"format_version": 1,\n "units": {,}}')
  })

  it('is found from any folder inside it, and only there', () => {
    const ws = tempDir()
    writeState(ws, emptyState())
    const deep = path.join(ws, 'load-balancer', 'src')
    mkdirSync(deep, {recursive: true})
    expect(findWorkspace(deep)).toBe(ws)
    expect(unitFromPath(ws, deep)).toBe('load-balancer')
    expect(unitFromPath(ws, ws)).toBeUndefined()
    const elsewhere = tempDir()
    expect(findWorkspace(elsewhere)).toBeUndefined()
    expect(() => requireWorkspace({cwd: elsewhere})).toThrow(/no course workspace at .* or above it/)
  })
})

describe('solutionUnlocked', () => {
  it('opens graded units on passing and ungraded ones once started', () => {
    expect(solutionUnlocked('code', {hints_shown: 0, started_at: 'x'})).toBe(false)
    expect(solutionUnlocked('code', {hints_shown: 0, passed_at: 'x'})).toBe(true)
    expect(solutionUnlocked('lesson', undefined)).toBe(false)
    expect(solutionUnlocked('lesson', {hints_shown: 0, read_at: 'x'})).toBe(true)
    expect(solutionUnlocked('reflection', {hints_shown: 0, started_at: 'x'})).toBe(true)
  })
})
