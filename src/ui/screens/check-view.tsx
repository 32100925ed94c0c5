import {Box, Static, Text} from 'ink'
import type {CaseResult, SubmissionResult} from '../../core/grading/result.js'
import type {TypeWarning} from '../../core/typecheck/type-warnings.js'
import type {SourceLine} from '../../services/check.js'
import type {HintCount} from '../../services/hint.js'
import {buildErrorLines, waitingOnBuild} from '../text/case-output.js'
import {checkNotes, formatCase, formatCheckSummary} from '../text/check.js'

export interface CheckViewProps {
  readonly unit: string
  readonly folder: string
  readonly finished: readonly CaseResult[]
  /** The case running now, if any. */
  readonly running?: string
  readonly result?: SubmissionResult
  readonly newlyPassed: boolean
  readonly buildSource?: SourceLine
  readonly typeWarnings?: readonly TypeWarning[]
  readonly missingTooling?: readonly string[]
  readonly hints?: HintCount
  readonly color: boolean
  readonly width: number
}

/** `course check` live: finished cases stay above (Static), the running one below, then the summary. */
export function CheckView(props: CheckViewProps) {
  return (
    <Box flexDirection="column">
      <Static items={[{key: 'title'}, ...props.finished.map((c) => ({key: c.name, c}))]}>
        {(item) =>
          'c' in item ? (
            <Text key={item.key}>{formatCase(item.c, props).join('\n')}</Text>
          ) : (
            <Text key={item.key} bold>
              Checking {props.unit} (visible cases) in {props.folder}
            </Text>
          )
        }
      </Static>
      {props.running && !props.result ? (
        <Text dimColor>
          {'  '}… {props.running}
        </Text>
      ) : null}
      {props.result?.error?.kind === 'build' ? (
        <Text>{buildErrorLines(props.result.error.message, props.buildSource, waitingOnBuild(props.result).length, props).join('\n')}</Text>
      ) : null}
      {props.result ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>{[...formatCheckSummary(props.result, props), ...checkNotes(props)].join('\n')}</Text>
        </Box>
      ) : null}
    </Box>
  )
}
