import {Text} from 'ink'
import {displayWidth} from '../../core/text/display-width.js'

export interface KeyHint {
  readonly keys: string
  readonly action: string
  /** Fewer keys for the same action (`↑↓` for `↑↓ PgUp/PgDn space`), used when the line is tight. */
  readonly short?: string
  /** Always shown: the way out (`q quit`) and the way to every other key (`? help`). */
  readonly pinned?: boolean
}

const SEPARATOR = ' · '

function join(hints: readonly KeyHint[], short: boolean): string {
  return hints.map((hint) => `${short ? (hint.short ?? hint.keys) : hint.keys} ${hint.action}`).join(SEPARATOR)
}

/**
 * The key hints that fit in `room` columns, in their order: all of them in full if they fit, else
 * with their short keys, else without the unpinned hints from the end, one at a time. Pinned hints
 * are dropped only when they alone do not fit, so `? help · q quit` stays on any usable width.
 */
export function fitKeyHints(hints: readonly KeyHint[], room: number): string {
  const full = join(hints, false)
  if (displayWidth(full) <= room) return full
  const kept = [...hints]
  for (;;) {
    const text = join(kept, true)
    if (displayWidth(text) <= room) return text
    const drop = kept.findLastIndex((hint) => !hint.pinned)
    if (drop < 0) break
    kept.splice(drop, 1)
  }
  // Not even the pinned hints fit: as many as do, from the start.
  let text = ''
  for (const hint of kept) {
    const piece = `${text ? SEPARATOR : ''}${hint.short ?? hint.keys} ${hint.action}`
    if (displayWidth(text) + displayWidth(piece) > room) break
    text += piece
  }
  return text
}

/** The footer line of key hints, fitted to the width, with an optional right-aligned note. */
export function KeyBar(props: {readonly hints: readonly KeyHint[]; readonly width: number; readonly right?: string}) {
  const right = props.right ?? ''
  const text = fitKeyHints(props.hints, props.width - displayWidth(right) - 1)
  const pad = Math.max(1, props.width - displayWidth(text) - displayWidth(right))
  return (
    <Text dimColor wrap="truncate-end">
      {text}
      {' '.repeat(pad)}
      {right}
    </Text>
  )
}
