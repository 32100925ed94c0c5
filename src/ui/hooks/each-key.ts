import type {Key} from 'ink'

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
}

/**
 * Keys typed (or pasted, or sent by a script) faster than the terminal is read arrive as one chunk:
 * "jj", or "\t\tp99". Ink hands such a chunk over as a single input; this splits plain characters
 * and simple control keys back into one call each. Escape sequences (arrows…) pass through as Ink
 * parsed them.
 */
export function eachKey(input: string, key: Key, handle: (input: string, key: Key) => void): void {
  if ([...input].length <= 1 || input.includes('\u001B')) {
    handle(input, key)
    return
  }
  for (const char of input) {
    if (char === '\t') handle('', {...NO_KEY, tab: true})
    else if (char === '\r' || char === '\n') handle('', {...NO_KEY, return: true})
    else if (char === '\u007F' || char === '\b') handle('', {...NO_KEY, backspace: true})
    else if (char.charCodeAt(0) < 32) handle(String.fromCharCode(char.charCodeAt(0) + 96), {...NO_KEY, ctrl: true})
    else handle(char, NO_KEY)
  }
}
