/** The few text styles the terminal renderer uses, as ANSI SGR pairs (open, close). */
export type StyleName = 'bold' | 'italic' | 'underline' | 'dim' | 'strike' | 'code' | 'link' | 'heading' | 'quote' | 'good' | 'bad' | 'warn'

const CODES: Record<StyleName, readonly [number, number]> = {
  bold: [1, 22],
  italic: [3, 23],
  underline: [4, 24],
  dim: [2, 22],
  strike: [9, 29],
  code: [36, 39],
  link: [34, 39],
  heading: [35, 39],
  quote: [33, 39],
  good: [32, 39],
  bad: [31, 39],
  warn: [33, 39],
}

/** Wraps `text` in the escape codes of `styles`; returns it untouched when colour is off. */
export function paint(text: string, styles: readonly StyleName[], color: boolean): string {
  if (!color || styles.length === 0 || text === '') return text
  let open = ''
  let close = ''
  for (const style of styles) {
    const [on, off] = CODES[style]
    open += `\u001B[${on}m`
    close = `\u001B[${off}m${close}`
  }
  return open + text + close
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

/** Columns a string takes in a terminal: code points, escape codes excluded. */
export function visibleLength(text: string): number {
  let n = 0
  for (const _ of stripAnsi(text)) n++
  return n
}

/**
 * Whether to colour output: never when NO_COLOR is set (https://no-color.org), always when
 * FORCE_COLOR asks for it, otherwise only on a terminal.
 */
export function colorEnabled(stream: {isTTY?: boolean} = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}
