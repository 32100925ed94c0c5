import {Box, Text} from 'ink'
import {displayWidth} from '../../core/text/display-width.js'
import type {ListResult} from '../../services/list.js'
import {KeyBar, type KeyHint} from '../components/key-bar.js'
import {Rule} from '../components/rule.js'
import {UnitRow} from '../components/unit-row.js'

export interface HomeProps {
  readonly listing: ListResult
  readonly selected: number
  readonly width: number
  readonly height: number
  readonly message?: string
}

const HOME_KEYS: readonly KeyHint[] = [
  {keys: '↑↓/jk', short: '↑↓', action: 'move'},
  {keys: 'enter', action: 'open'},
  {keys: '?', action: 'help', pinned: true},
  {keys: 'q', action: 'quit', pinned: true},
]

/** The first window that keeps `selected` visible, scrolling as little as possible. */
export function visibleWindow(count: number, selected: number, rows: number): {start: number; end: number} {
  if (count <= rows) return {start: 0, end: count}
  const start = Math.min(Math.max(0, selected - Math.floor(rows / 2)), count - rows)
  return {start, end: start + rows}
}

/** The unit list: title bar, units (scrolled to keep the selection visible), summary, keys. */
export function Home(props: HomeProps) {
  const {listing, selected, width, height} = props
  const required = listing.units.filter((u) => !u.optional)
  const done = required.filter((u) => u.progress === 'passed' || u.progress === 'read').length
  const rows = Math.max(1, height - 6)
  const {start, end} = visibleWindow(listing.units.length, selected, rows)
  const current = listing.units[selected]
  const right = `${done}/${required.length} done`
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="magenta">
          {listing.course}
        </Text>
        {' '.repeat(Math.max(1, width - displayWidth(listing.course) - right.length))}
        <Text dimColor>{right}</Text>
      </Text>
      <Rule width={width} />
      {listing.units.slice(start, end).map((unit, index) => (
        <UnitRow key={unit.id} unit={unit} selected={start + index === selected} width={width} />
      ))}
      {Array.from({length: rows - (end - start)}, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
      <Rule width={width} />
      <Text wrap="truncate-end" color={props.message ? 'yellow' : undefined} dimColor={!props.message}>
        {props.message ?? (current ? `${current.id}: ${current.summary}` : '')}
      </Text>
      <KeyBar hints={HOME_KEYS} width={width} right={listing.units.length > rows ? `${start + 1}–${end} of ${listing.units.length}` : ''} />
    </Box>
  )
}
