import {Text} from 'ink'
import {fitToWidth} from '../../core/text/display-width.js'
import type {UnitListing} from '../../services/list.js'
import {PROGRESS_LABEL} from '../text/progress-marks.js'

const KIND_WIDTH = 11
const TIME_WIDTH = 7
const PROGRESS_WIDTH = 9

/** One unit on the home screen: marker, number, title, kind, time, progress; fits any width ≥ 40. */
export function UnitRow(props: {readonly unit: UnitListing; readonly selected: boolean; readonly width: number}) {
  const {unit, selected, width} = props
  const number = `${String(unit.position).padStart(2)} `
  const showKind = width >= 60
  const fixed = 2 + number.length + (showKind ? KIND_WIDTH + TIME_WIDTH : 0) + PROGRESS_WIDTH
  // One column of the title's share is the gap before the kind.
  const title = `${fitToWidth(unit.title, Math.max(8, width - fixed - 1))} `
  const done = unit.progress === 'passed' || unit.progress === 'read'
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text color="cyan">{selected ? '❯ ' : '  '}</Text>
      <Text dimColor>{number}</Text>
      <Text bold={selected}>{title}</Text>
      {showKind ? <Text color="magenta">{fitToWidth(unit.optional ? `${unit.kind}*` : unit.kind, KIND_WIDTH)}</Text> : null}
      {showKind ? <Text dimColor>{fitToWidth(`${unit.estimated_minutes} min`, TIME_WIDTH)}</Text> : null}
      <Text color={done ? 'green' : unit.progress === 'started' ? 'yellow' : undefined} dimColor={unit.progress === 'not-started'}>
        {fitToWidth(` ${PROGRESS_LABEL[unit.progress]}`, PROGRESS_WIDTH)}
      </Text>
    </Text>
  )
}
