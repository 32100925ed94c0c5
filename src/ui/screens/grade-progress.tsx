import {Box, Static, Text} from 'ink'
import type {SubmissionResult} from '../../core/grading/result.js'
import {MAX_FEEDBACK_CHARS, quote} from '../../core/text/learner-text.js'
import {formatGradeLine} from '../text/grade.js'

export interface GradeProgressProps {
  readonly total: number
  readonly resumed: number
  readonly done: readonly SubmissionResult[]
  readonly running: readonly string[]
  readonly width: number
  readonly color: boolean
}

/** `course grade` on a terminal: every finished submission above, a bar and what is running below. */
export function GradeProgress(props: GradeProgressProps) {
  const finished = props.done.length
  const toGrade = Math.max(1, props.total - props.resumed)
  const barWidth = Math.max(10, Math.min(40, props.width - 30))
  const filled = Math.round((barWidth * finished) / toGrade)
  return (
    <Box flexDirection="column">
      <Static items={props.done.map((r, i) => ({key: `${r.learner}/${r.unit}`, line: formatGradeLine(r, i + 1, toGrade, props.color)}))}>
        {(item) => <Text key={item.key}>{item.line}</Text>}
      </Static>
      <Text>
        <Text color="green">{'█'.repeat(filled)}</Text>
        <Text dimColor>{'░'.repeat(barWidth - filled)}</Text> {finished}/{toGrade}
        {props.resumed > 0 ? <Text dimColor> ({props.resumed} resumed)</Text> : null}
      </Text>
      {/* Running labels hold learner ids (folder names): printable and on one line before they are drawn. */}
      {props.running.length > 0 ? <Text dimColor wrap="truncate-end">grading {quote(props.running.join(', '), MAX_FEEDBACK_CHARS)}</Text> : null}
    </Box>
  )
}
