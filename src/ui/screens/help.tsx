import {Box, Text} from 'ink'
import {KeyBar} from '../components/key-bar.js'
import {Rule} from '../components/rule.js'

const HELP: ReadonlyArray<readonly [string, string]> = [
  ['↑ ↓  j k', 'move in the list, or scroll a line'],
  ['enter  →', 'open the selected unit'],
  ['PgUp PgDn  space', 'scroll a page (space: down)'],
  ['g  G', 'top, bottom of the page'],
  ['s', 'start the unit: copy its starter files into your workspace'],
  ['h', 'the next hint (kept in your workspace: press s first)'],
  ['o', 'open the reference write-up, once a pass (or s) unlocks it'],
  ['t', 'back to the unit text'],
  ['esc  ←  backspace', 'back to the list'],
  ['?', 'show or hide this help'],
  ['q  ctrl-c', 'quit'],
]

/** The key reference, shown over either screen. */
export function HelpScreen(props: {readonly width: number; readonly height: number; readonly workspace: string}) {
  const keyWidth = Math.max(...HELP.map(([k]) => k.length)) + 2
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color="magenta">
        Keys
      </Text>
      <Rule width={props.width} />
      {HELP.map(([keys, action]) => (
        <Text key={keys} wrap="truncate-end">
          <Text bold>{keys.padEnd(keyWidth)}</Text>
          {action}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="wrap" dimColor>
        Workspace: {props.workspace}
      </Text>
      <Box flexGrow={1} />
      <KeyBar hints={[{keys: '?/esc', action: 'close help', pinned: true}, {keys: 'q', action: 'quit', pinned: true}]} width={props.width} />
    </Box>
  )
}
