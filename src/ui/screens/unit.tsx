import {Box, Text} from 'ink'
import {displayWidth, truncateToWidth} from '../../core/text/display-width.js'
import type {UnitListing} from '../../services/list.js'
import {KeyBar, type KeyHint} from '../components/key-bar.js'
import {Rule} from '../components/rule.js'
import {PROGRESS_LABEL} from '../text/progress-marks.js'

export type UnitView = 'text' | 'hints' | 'solution'

export interface UnitScreenProps {
  readonly unit: UnitListing
  readonly view: UnitView
  /** The rendered page, one terminal line each. */
  readonly lines: readonly string[]
  readonly scroll: number
  readonly width: number
  readonly height: number
  readonly message?: string
}

/** In order of use; on a narrow screen the last unpinned ones go first (help lists them all). */
const UNIT_KEYS: readonly KeyHint[] = [
  {keys: '↑↓ PgUp/PgDn space', short: '↑↓', action: 'scroll'},
  {keys: 's', action: 'start'},
  {keys: 'h', action: 'hint'},
  {keys: 'o', action: 'write-up'},
  {keys: 'esc', action: 'back'},
  {keys: 't', action: 'text'},
  {keys: '?', action: 'help', pinned: true},
  {keys: 'q', action: 'quit', pinned: true},
]

const VIEW_TITLE: Record<UnitView, string> = {text: '', hints: ' · hints', solution: ' · reference write-up'}

/** Lines of body the unit screen has room for at a given height. */
export function unitBodyRows(height: number): number {
  return Math.max(1, height - 5)
}

/** A unit's page: header, the scrolled text, a status line and the keys. */
export function UnitScreen(props: UnitScreenProps) {
  const {unit, lines, scroll, width, height} = props
  const rows = unitBodyRows(height)
  const shown = lines.slice(scroll, scroll + rows)
  const meta = `${unit.kind} · ${unit.difficulty} · ${unit.estimated_minutes} min · ${unit.progress === 'not-started' ? 'new' : PROGRESS_LABEL[unit.progress]}`
  const header = truncateToWidth(`${unit.position}. ${unit.title}${VIEW_TITLE[props.view]}`, Math.max(10, width - displayWidth(meta) - 2))
  const maxScroll = Math.max(0, lines.length - rows)
  const position = lines.length <= rows ? 'all' : `${Math.round((100 * Math.min(scroll, maxScroll)) / maxScroll)}%`
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="magenta">
          {header}
        </Text>
        {' '.repeat(Math.max(1, width - displayWidth(header) - displayWidth(meta)))}
        <Text dimColor>{meta}</Text>
      </Text>
      <Rule width={width} />
      {shown.map((line, index) => (
        <Text key={scroll + index} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      {Array.from({length: rows - shown.length}, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
      <Rule width={width} />
      <Text wrap="truncate-end" color="yellow">
        {props.message ?? ' '}
      </Text>
      <KeyBar hints={UNIT_KEYS} width={width} right={position} />
    </Box>
  )
}
