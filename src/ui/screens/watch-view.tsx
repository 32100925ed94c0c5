import {Box, Text} from 'ink'
import type {CaseResult, SubmissionResult} from '../../core/grading/result.js'
import {clip} from '../../core/text/learner-text.js'
import type {TypeWarning} from '../../core/typecheck/type-warnings.js'
import {truncateToWidth} from '../../core/text/display-width.js'
import type {SourceLine} from '../../services/check.js'
import {buildErrorLines, printedLines, waitingOnBuild} from '../text/case-output.js'
import {formatCase} from '../text/check.js'

export interface WatchViewProps {
  readonly unit: string
  readonly folder: string
  /** Cases judged so far in this run. */
  readonly finished: readonly CaseResult[]
  /** How many visible cases the unit has (known after the first run). */
  readonly total?: number
  readonly checking: boolean
  readonly result?: SubmissionResult
  readonly buildSource?: SourceLine | undefined
  /** Type errors in the learner's files: the first is shown, the rest counted. */
  readonly typeWarnings?: readonly TypeWarning[]
  /** The unit to go on to once this one passes. */
  readonly next?: {readonly id: string; readonly title: string}
  /** A line that says how to get the next hint, when one is left. */
  readonly hintLine?: string
  readonly runs: number
  readonly color: boolean
  readonly width: number
}

/** Characters of a failing case's feedback shown: the first lines, enough to act on, at 80×24. */
const MAX_FEEDBACK_SHOWN = 480

/**
 * `course check --watch`: one screen, redrawn in place at every run. The unit's progress bar, then
 * the first case that does not pass, in full with what the code printed, or the build error; on a
 * pass, the unit to go on to. The rest of the cases are one line each in `course check`.
 */
export function WatchView(props: WatchViewProps) {
  const cases = props.result?.cases ?? props.finished
  const passed = cases.filter((c) => c.status === 'passed').length
  const total = props.total ?? (props.result ? props.result.cases.length : undefined)
  const firstFailing = props.result && !props.result.error ? props.result.cases.find((c) => c.status !== 'passed') : undefined
  return (
    <Box flexDirection="column" width={Math.min(props.width, 100)}>
      <Text bold>
        {props.unit} <Text dimColor>· watching {props.folder} · run {props.runs} · ctrl-c to stop</Text>
      </Text>
      <Text>
        {bar(passed, total ?? Math.max(cases.length, 1), Math.min(props.width, 100) - 24)} {passed}/{total ?? '?'} cases pass{props.checking ? ' · checking…' : ''}
      </Text>
      {props.result?.error?.kind === 'build' ? (
        <Box marginTop={1}>
          <Text>{buildErrorLines(props.result.error.message, props.buildSource, waitingOnBuild(props.result).length, props).join('\n')}</Text>
        </Box>
      ) : props.result?.error ? (
        <Box marginTop={1}>
          <Text color="red">Could not run your code: {clip(props.result.error.message, MAX_FEEDBACK_SHOWN)}</Text>
        </Box>
      ) : null}
      {firstFailing ? <FirstFailing c={firstFailing} color={props.color} width={props.width} /> : null}
      {props.result?.status === 'pass' ? (
        <Box marginTop={1} flexDirection="column">
          <Text color="green" bold>
            Every visible case passes. The write-up is open: course show {props.unit} --solution
          </Text>
          {props.next ? (
            <Text>
              Next: {props.next.title} — <Text bold>course start {props.next.id}</Text>, then <Text bold>course check {props.next.id} --watch</Text>
            </Text>
          ) : (
            <Text>That was the last unit of the course.</Text>
          )}
        </Box>
      ) : null}
      {props.typeWarnings?.length ? <TypeWarningLine warnings={props.typeWarnings} width={props.width} /> : null}
      {props.result && props.result.status !== 'pass' && props.hintLine ? <Text dimColor>{props.hintLine}</Text> : null}
      {!props.checking && props.result ? <Text dimColor>Save a file of the unit to check again.</Text> : null}
    </Box>
  )
}

function FirstFailing(props: {readonly c: CaseResult; readonly color: boolean; readonly width: number}) {
  const [title] = formatCase(props.c, props)
  return (
    <Box marginTop={1} flexDirection="column">
      <Text>{title}</Text>
      {/* In a box of its own, so a long message wraps under itself, not to the first column. */}
      <Box paddingLeft={6}>
        <Text>{clip(props.c.feedback, MAX_FEEDBACK_SHOWN)}</Text>
      </Box>
      {props.c.printed ? <Text>{printedLines(props.c.printed, props).join('\n')}</Text> : null}
    </Box>
  )
}

/** One line for the type errors on a screen that has no room for more: the first, and how many. */
function TypeWarningLine(props: {readonly warnings: readonly TypeWarning[]; readonly width: number}) {
  const [first] = props.warnings
  const more = props.warnings.length - 1
  const text = `Type error (not graded): ${first!.file}:${first!.line}:${first!.column} ${first!.message.split('\n')[0]}`
  return (
    <Box marginTop={1} flexDirection="column">
      <Text color="yellow">{truncateToWidth(text, Math.min(props.width, 100))}</Text>
      {more > 0 ? <Text dimColor>…and {more} more: `course check` lists them.</Text> : null}
    </Box>
  )
}

/** A progress bar `width` cells wide. */
function bar(done: number, total: number, width: number): string {
  const cells = Math.max(10, width)
  const filled = Math.round((cells * done) / Math.max(total, 1))
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}`
}
