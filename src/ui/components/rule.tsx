import {Text} from 'ink'

/** A horizontal line across the screen. */
export function Rule(props: {readonly width: number}) {
  return <Text dimColor>{'─'.repeat(Math.max(0, props.width))}</Text>
}
