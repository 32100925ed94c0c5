/**
 * A strict JSON scanner that only finds the first syntax error and where it is. V8's JSON.parse
 * messages carry a position on some Node versions and not on others (Node 20 says "Unexpected
 * token 'o', … is not valid JSON"), so located errors cannot rely on them.
 */
export interface JsonSyntaxProblem {
  readonly offset: number
  readonly message: string
}

export function scanJson(text: string): JsonSyntaxProblem | undefined {
  let i = 0
  const fail = (message: string, at = i): never => {
    throw {offset: at, message} satisfies JsonSyntaxProblem
  }
  const describe = (at: number) => (at >= text.length ? 'the end of the file' : `\`${text[at]}\``)
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`unexpected ${describe(i)}; expected a value (a string needs double quotes)`)
  }
  const string = () => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i)
      if (code < 0x20) fail('a line break or control character inside a string')
      if (text[i] === '\\') {
        const escape = text[i + 1]
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('`\\u` must be followed by four hex digits')
          i += 6
          continue
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail(`unknown escape \`\\${escape ?? ''}\``)
        i += 2
        continue
      }
      i++
    }
    if (i >= text.length) fail('a string is never closed', start)
    i++
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!match) fail(`unexpected ${describe(i)}`)
    i += match![0].length
  }
  const value = (depth: number): void => {
    if (depth > 1000) fail('nested too deeply')
    space()
    const c = text[i]
    if (c === '{') {
      i++
      space()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        space()
        if (text[i] !== '"') fail(`unexpected ${describe(i)}; expected a property name in double quotes`)
        string()
        space()
        if (text[i] !== ':') fail(`unexpected ${describe(i)}; expected \`:\` after the property name`)
        i++
        value(depth + 1)
        space()
        if (text[i] === ',') {
          i++
          space()
          if (text[i] === '}') fail('a trailing comma before `}`')
          continue
        }
        if (text[i] === '}') {
          i++
          return
        }
        fail(`unexpected ${describe(i)}; expected \`,\` or \`}\``)
      }
    }
    if (c === '[') {
      i++
      space()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value(depth + 1)
        space()
        if (text[i] === ',') {
          i++
          space()
          if (text[i] === ']') fail('a trailing comma before `]`')
          continue
        }
        if (text[i] === ']') {
          i++
          return
        }
        fail(`unexpected ${describe(i)}; expected \`,\` or \`]\``)
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    fail(`unexpected ${describe(i)}; expected a value${c !== undefined && /[A-Za-z]/.test(c) ? ' (a string needs double quotes)' : ''}`)
  }
  try {
    value(0)
    space()
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`)
    return undefined
  } catch (problem) {
    if (typeof problem === 'object' && problem !== null && 'offset' in problem) return problem as JsonSyntaxProblem
    throw problem
  }
}
