import {Text} from 'ink'
import {displayWidth} from '../../core/text/display-width.js'

export interface KeyHint {
  readonly keys: string
  readonly action: string
}

/** The footer line of key hints, cut to fit the width. */
export function KeyBar(props: {readonly hints: readonly KeyHint[]; readonly width: number; readonly right?: string}) {
  const right = props.right ?? ''
  let text = ''
  for (const hint of props.hints) {
    const piece = `${text ? ' · ' : ''}${hint.keys} ${hint.action}`
    if (displayWidth(text) + displayWidth(piece) + displayWidth(right) + 1 > props.width) break
    text += piece
  }
  const pad = Math.max(1, props.width - displayWidth(text) - displayWidth(right))
  return (
    <Text dimColor wrap="truncate-end">
      {text}
      {' '.repeat(pad)}
      {right}
    </Text>
  )
}
