import {render} from 'ink-testing-library'
import {describe, expect, it} from 'vitest'
import {fitKeyHints, KeyBar, type KeyHint} from '../../src/ui/components/key-bar.js'
import {UnitRow} from '../../src/ui/components/unit-row.js'
import {visibleWindow} from '../../src/ui/screens/home.js'
import type {UnitListing} from '../../src/services/list.js'

const unit: UnitListing = {
  position: 7,
  id: 'video-pipeline',
  title: 'Design a video processing pipeline that is rather long',
  summary: 's',
  kind: 'design',
  difficulty: 'intermediate',
  estimated_minutes: 120,
  optional: false,
  progress: 'passed',
}

describe('UnitRow', () => {
  it('shows number, title, kind, time and progress in words', () => {
    const {lastFrame} = render(<UnitRow unit={unit} selected={false} width={80} />)
    expect(lastFrame()).toMatch(/^ {3}7 Design a video processing pipeline that is rat… design {5}120 min ✓ passed$/)
  })

  it('drops kind and time below 60 columns and never overflows', () => {
    const {lastFrame} = render(<UnitRow unit={unit} selected width={44} />)
    expect(lastFrame()).not.toContain('design')
    expect([...lastFrame()!].length).toBeLessThanOrEqual(44)
    expect(lastFrame()).toMatch(/^❯/)
  })
})

describe('KeyBar', () => {
  it('keeps the hints that fit and right-aligns the position', () => {
    const {lastFrame} = render(
      <KeyBar hints={[{keys: 'a', action: 'first'}, {keys: 'b', action: 'second'}, {keys: 'c', action: 'third'}]} width={30} right="50%" />,
    )
    expect(lastFrame()).toBe('a first · b second         50%')
  })
})

describe('fitKeyHints', () => {
  const hints: KeyHint[] = [
    {keys: '↑↓ PgUp/PgDn', short: '↑↓', action: 'scroll'},
    {keys: 's', action: 'start'},
    {keys: 't', action: 'text'},
    {keys: '?', action: 'help', pinned: true},
    {keys: 'q', action: 'quit', pinned: true},
  ]

  it('shows every hint in full when they fit', () => {
    expect(fitKeyHints(hints, 80)).toBe('↑↓ PgUp/PgDn scroll · s start · t text · ? help · q quit')
  })

  it('uses the short keys first, then drops unpinned hints from the end, keeping help and quit', () => {
    expect(fitKeyHints(hints, 50)).toBe('↑↓ scroll · s start · t text · ? help · q quit')
    expect(fitKeyHints(hints, 40)).toBe('↑↓ scroll · s start · ? help · q quit')
    expect(fitKeyHints(hints, 20)).toBe('? help · q quit')
  })

  it('cuts the pinned hints only when they alone do not fit', () => {
    expect(fitKeyHints(hints, 10)).toBe('? help')
    expect(fitKeyHints(hints, 3)).toBe('')
  })
})

describe('visibleWindow', () => {
  it('keeps the selection in view with as little scrolling as possible', () => {
    expect(visibleWindow(5, 4, 10)).toEqual({start: 0, end: 5})
    expect(visibleWindow(15, 0, 6)).toEqual({start: 0, end: 6})
    expect(visibleWindow(15, 8, 6)).toEqual({start: 5, end: 11})
    expect(visibleWindow(15, 14, 6)).toEqual({start: 9, end: 15})
  })
})
